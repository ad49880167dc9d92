// Stored rows to the records services hand out (masked unless a clear value is given), and the
// JSON the audit trail keeps of a row: the masked view the API gives plus the encrypted special
// fields as stored, so a correction of someone's disability is in the history without the
// history holding it in clear. Used by the service and the bulk import alike.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "registry/model.hpp"
#include "registry/store.hpp"

namespace pilar::registry {

// Empty text -> nullopt; numbers parsed from the normalised text.
std::optional<std::string> opt(std::string const& s);
std::optional<double> opt_real(std::string const& s);
std::optional<std::int64_t> opt_int(std::string const& s);
std::vector<std::string> list_of(std::string const& s);  // a ';'-list

Keluarga to_model(store::KeluargaRow const& row, std::optional<std::string> no_kk_clear);
Anggota to_model(store::AnggotaRow const& row, std::optional<std::string> nik_clear);

std::string audit_json(store::KeluargaRow const& row);
std::string audit_json(store::AnggotaRow const& row);

}  // namespace pilar::registry
