// Files for finance and for the office's reports: the monthly recap with incentive eligibility
// and the performance ranking as tables, written as CSV (UTF-8 with BOM, for Excel) or XLSX
// (src/xlsx). `pilar workforce recap|ranking --out FILE` and the /ekspor routes use them.
//
//   auto t = rekap_table(rekap);
//   PILAR_TRY(write_table(t, TableFormat::Xlsx, "rekap-2026-11.xlsx"));
#pragma once

#include <string>
#include <vector>

#include "workforce/model.hpp"
#include "core/error.hpp"

namespace pilar::workforce {

struct Table {
    std::string sheet;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

enum class TableFormat { Csv, Xlsx };

Table rekap_table(Rekap const& r);
Table peringkat_table(std::vector<Peringkat> const& rows);
// On an error the file is removed.
Result<void> write_table(Table const& t, TableFormat format, std::string const& path, std::string const& tmpdir = {});

}  // namespace pilar::workforce
