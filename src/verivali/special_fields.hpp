// The fields a proposal's content (`isi`) and a ground check's answers (`jawaban`) may not hold:
// identity numbers (nik, no_kk) and special-category data (disability, chronic illness). Both are
// shown as they are to everyone who may read the proposal or the item, without the registry's
// encryption, masking and audit of views, so those fields belong in the member/household record.
// One list, used by the write rule (refuse, naming the path) and by migration 0023's clean-up of
// answers saved before the rule (remove exactly what the rule refuses).
//
//   if (auto f = forbidden_field(value, "jawaban")) ... f->path == "jawaban.penghuni[0].disabilitas_jenis"
//   bool changed = remove_forbidden_fields(value);
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace pilar::verivali {

struct ForbiddenField {
    std::string path;  // "isi.anggota[2].nik"
    std::string key;   // "nik"
};

// The first forbidden field at any depth, with its path under `path`; nothing when there is none.
// The recursion is bounded by the parser: every JSON text reaches here through boost::json::parse,
// which refuses nesting deeper than parse_options::max_depth (32).
std::optional<ForbiddenField> forbidden_field(boost::json::value const& v, std::string const& path);

// Removes every forbidden field at any depth (the same walk); true when anything was removed.
bool remove_forbidden_fields(boost::json::value& v);

// Masks every full NIK/No. KK in the strings at any depth (core/full_number.hpp), except under the
// fields made for the numbers: what a write refuses in free text (http::refuse_full_numbers).
// True when anything was masked.
bool mask_full_numbers_in(boost::json::value& v);

}  // namespace pilar::verivali
