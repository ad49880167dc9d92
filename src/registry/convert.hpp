// Stored rows to the records services hand out (masked unless a clear value is given), and the
// JSON the audit trail keeps of a row: the masked view the API gives plus the encrypted special
// fields as stored, so a correction of someone's disability is in the history without the
// history holding it in clear. Used by the service and the bulk import alike.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
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
// What the API shows of a stored household, as views (to_model of a row goes through this too, so
// the list page and the household's own read cannot drift apart); masked.
KeluargaView to_view(store::KeluargaRowView const& row);
// The owning copy of a view.
Keluarga to_model(KeluargaView const& v);
Anggota to_model(store::AnggotaRow const& row, std::optional<std::string> nik_clear);
// What the API shows of a stored row, as views (to_model of a row goes through this too, so the
// two read paths cannot drift apart): `ppks` are the entries to show (the row's current numbers
// for a list, every classification for a person's page).
AnggotaView to_view(store::AnggotaRowView const& row, std::span<PpksEntry const> ppks);
// The owning copy of a view.
Anggota to_model(AnggotaView const& v);

std::string audit_json(store::KeluargaRow const& row);
std::string audit_json(store::AnggotaRow const& row);
// An update's audit payload (AuditEvent::changes): the fields that differ between the two rows'
// audit JSON. The rows are held by reference until the entry is written.
std::function<std::pair<std::string, std::string>()> audit_changes(store::KeluargaRow const& before,
                                                                   store::KeluargaRow const& after);
std::function<std::pair<std::string, std::string>()> audit_changes(store::AnggotaRow const& before,
                                                                   store::AnggotaRow const& after);

}  // namespace pilar::registry
