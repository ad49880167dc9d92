// The registry's code lists (docs/formats.md): every enumerated field of keluarga and anggota,
// with the labels the web app and exports show. One table, used by validation (import, API),
// the generator, the exports and `GET /api/v1/registry/vocab` for the web app.
//
//   auto const* v = registry::vocab("hubungan");
//   if (!v->contains("anak")) ...
//   v->label("anak", Lang::Id)  // "Anak"
#pragma once

#include <span>
#include <string_view>

#include "core/text.hpp"

namespace pilar::registry {

struct VocabCode {
    std::string_view code;
    std::string_view label_id;
    std::string_view label_en;
};

struct Vocab {
    std::string_view field;        // the column name: "hubungan"
    bool multi = false;            // a ';'-separated list of codes (aset, penyakit_kronis, ppks)
    std::span<VocabCode const> codes;

    [[nodiscard]] bool contains(std::string_view code) const;
    // Index of the code in `codes`, or -1.
    [[nodiscard]] int index_of(std::string_view code) const;
    [[nodiscard]] std::string_view label(std::string_view code, Lang lang) const;
};

// nullptr for an unknown field.
Vocab const* vocab(std::string_view field);
std::span<Vocab const> all_vocabs();

// The 26 PPKS categories (../shared/domain/ppks.csv): number, name, abbreviation, ATENSI cluster.
struct PpksCategory {
    int kode;
    std::string_view nama;
    std::string_view singkatan;
    std::string_view kelompok_atensi;
};
std::span<PpksCategory const> ppks_categories();
PpksCategory const* ppks_category(int kode);

}  // namespace pilar::registry
