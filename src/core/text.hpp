// Bilingual user-facing text. Every message a user can see exists in Bahasa Indonesia (the
// default) and English; the server picks by Accept-Language, the CLI by LANG.
//
//   Text t{"NIK harus 16 digit", "NIK must be 16 digits"};
//   std::string_view s = t.in(Lang::En);
#pragma once

#include <string>
#include <string_view>

namespace pilar {

enum class Lang { Id, En };

struct Text {
    std::string id;
    std::string en;

    [[nodiscard]] std::string const& in(Lang lang) const { return lang == Lang::En ? en : id; }
};

// "en-US,en;q=0.9" -> En; anything without a leading English preference -> Id.
Lang lang_from_accept_language(std::string_view header);
// LANG / LC_ALL / LC_MESSAGES environment of the CLI: "en_US.UTF-8" -> En, otherwise Id.
Lang lang_from_environment();

}  // namespace pilar
