// SQL for the events module's tables (migration 0010): acara, acara_sesi, acara_peserta,
// acara_hadir, acara_undian, acara_pemenang. Nothing else here knows SQL; no other module's
// tables are read (user accounts come in through access's service).
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "events/model.hpp"

namespace pilar::events::store {

Result<std::int64_t> insert_acara(db::Connection& c, Acara const& a);
// false when the stored version is not `expected_version` (stale).
Result<bool> update_acara(db::Connection& c, Acara const& a, std::int64_t expected_version);
Result<std::optional<Acara>> get_acara(db::Connection& c, std::int64_t id);
Result<std::vector<Acara>> list_acara(db::Connection& c);
// Admits one more registered participant if the event has room: false when it is full.
Result<bool> take_seat(db::Connection& c, std::int64_t acara_id);
Result<void> release_seat(db::Connection& c, std::int64_t acara_id);

Result<std::int64_t> insert_sesi(db::Connection& c, Sesi const& s);
Result<std::vector<Sesi>> list_sesi(db::Connection& c, std::int64_t acara_id);
Result<std::int64_t> count_hadir_sesi(db::Connection& c, std::int64_t sesi_id);
Result<void> delete_sesi(db::Connection& c, std::int64_t sesi_id);

Result<std::int64_t> insert_peserta(db::Connection& c, Peserta const& p);
Result<std::optional<Peserta>> get_peserta(db::Connection& c, std::int64_t id);
Result<std::optional<Peserta>> peserta_by_token(db::Connection& c, std::string_view token);
Result<std::optional<Peserta>> peserta_by_user(db::Connection& c, std::int64_t acara_id, std::int64_t user_id);
Result<std::vector<Peserta>> list_peserta(db::Connection& c, std::int64_t acara_id);
// Every participation of a user, newest event first.
Result<std::vector<Peserta>> peserta_of_user(db::Connection& c, std::int64_t user_id);
Result<void> set_status(db::Connection& c, std::int64_t peserta_id, std::string_view status,
                        std::optional<std::string> const& terdaftar_pada);
Result<void> set_sertifikat(db::Connection& c, std::int64_t peserta_id, std::string_view kode, std::string_view pada);
Result<void> revoke_sertifikat(db::Connection& c, std::int64_t peserta_id, std::string_view pada);
Result<std::optional<Peserta>> peserta_by_sertifikat(db::Connection& c, std::string_view kode);

// Inserts the attendance row unless (peserta, sesi) has one: true when this call inserted it.
Result<bool> insert_hadir(db::Connection& c, Hadir const& h);
Result<std::optional<Hadir>> get_hadir(db::Connection& c, std::int64_t peserta_id, std::int64_t sesi_id);
Result<std::vector<Hadir>> list_hadir(db::Connection& c, std::int64_t acara_id);

Result<std::int64_t> insert_undian(db::Connection& c, Undian const& u);
Result<std::vector<Undian>> list_undian(db::Connection& c, std::int64_t acara_id);
Result<std::vector<std::int64_t>> winners_of_acara(db::Connection& c, std::int64_t acara_id);

// Trainings a user attended: events with at least one attended session, with counts.
Result<std::vector<PelatihanDiikuti>> trainings_of_user(db::Connection& c, std::int64_t user_id, std::string_view from,
                                                        std::string_view to);
// Per user id: events (not cancelled) starting in [dari, sampai) at which the user attended at
// least one session. One query for the whole city (the workforce recap of 982 PSMs).
Result<std::map<std::int64_t, std::int64_t>> trainings_per_user(db::Connection& c, std::string_view dari, std::string_view sampai);

}  // namespace pilar::events::store
