// The fields a proposal's content (`isi`) and a ground check's answers (`jawaban`) may not hold:
// identity numbers (nik, no_kk) and special-category data (disability, chronic illness). Both are
// shown as they are to everyone who may read the proposal or the item, without the registry's
// encryption, masking and audit of views, so those fields belong in the member/household record.
// One list, used by the write rule (refuse, naming the path) and by the clean-ups of what was saved
// before the rule (remove exactly what the rule refuses): migration 0023's of ground-check answers,
// 0024's of proposals' content and of the audit trail's entries about both.
//
//   if (auto f = forbidden_field(value, "jawaban")) ... f->path == "jawaban.penghuni[0].disabilitas_jenis"
//   bool changed = remove_forbidden_fields(value);
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>

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
// `also_keep`: more keys whose values are left as they are (a raffle's seed: it must still draw).
bool mask_full_numbers_in(boost::json::value& v, std::span<const std::string_view> also_keep = {});

// A stored JSON text cleaned of what the write rules refuse: the forbidden fields removed (with
// Clean::SpecialFields) and full numbers masked, other keys kept in their order; nothing when it
// needs no change or is not JSON (Pilar never wrote such text; a read shows it as null).
enum class Clean { FullNumbers, SpecialFields };
std::optional<std::string> cleaned_json(std::string_view text, Clean what,
                                        std::span<const std::string_view> also_keep = {});

}  // namespace pilar::verivali
