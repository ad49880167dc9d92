// Tests only: a fresh folder under /tmp for a test's databases and files, removed with everything
// in it when the test ends.
//
//   TestDir dir;
//   auto db = db::open_database((dir.path / "p.db").string()).value();
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>

namespace pilar::db {

struct TestDir {
    TestDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "pilar-test-XXXXXX").string();
        path = ::mkdtemp(tmpl.data());
    }
    ~TestDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TestDir(TestDir const&) = delete;
    TestDir& operator=(TestDir const&) = delete;
    std::filesystem::path path;
};

}  // namespace pilar::db
