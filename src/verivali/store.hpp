// SQL for the verivali tables (migration 0005). Every function takes the connection it runs on,
// so the service decides transactions. Scope arrives as an Area: the dotted codes the caller may
// see, each turned into a prefix range over kode_wilayah (one index range per code).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "verivali/model.hpp"

namespace pilar::verivali::store {

// Where a query may look: everything (the system actor, office roles with the whole kota still
// go through prefixes) or at/below any of `prefixes` (dotted codes).
struct Area {
    bool all = false;
    std::vector<std::string> prefixes;
    std::optional<std::string> under;  // and at/below this code as well (a filter)
};

// --- usulan
Result<std::int64_t> insert_usulan(db::Connection& c, Usulan const& u);
Result<std::optional<Usulan>> get_usulan(db::Connection& c, std::int64_t id);
Result<std::optional<Usulan>> get_usulan_by_uid(db::Connection& c, std::string_view uid);
// Writes every mutable column and bumps the version, when the stored version is `expected`;
// false when it is not (someone else moved first).
Result<bool> save_usulan(db::Connection& c, Usulan const& u, std::int64_t expected_version);

struct UsulanFilter {
    Area area;
    std::vector<Status> statuses;                 // empty: any
    std::optional<std::string> drafts_only_of;    // drafts only when created by this user
    std::optional<Jenis> jenis;
    std::optional<std::int64_t> musyawarah_id;
    std::int64_t after = 0;
    int limit = 50;
};
Result<std::vector<Usulan>> list_usulan(db::Connection& c, UsulanFilter const& f);
// Privacy: the proposals about one member (anggota_id) and those about their household as a
// whole (keluarga_id without a member), oldest first.
Result<std::vector<Usulan>> usulan_about(db::Connection& c, std::int64_t keluarga_id, std::int64_t anggota_id);
// The newest ground-check answer for a household (checked_at), if any.
Result<std::optional<std::string>> last_check_of(db::Connection& c, std::int64_t keluarga_id);
// Erasure of a member: the proposal's content, notes and form answers, its transition notes, and
// its attachments (photos of documents) are removed; state, dates and who acted stay.
Result<void> anonymise_usulan(db::Connection& c, std::int64_t usulan_id, std::string_view at);
Result<std::vector<std::pair<std::string, std::int64_t>>> count_usulan_by_status(db::Connection& c, Area const& area);

Result<void> insert_riwayat(db::Connection& c, Riwayat const& r);
Result<std::vector<Riwayat>> list_riwayat(db::Connection& c, std::int64_t usulan_id);

// --- musyawarah
Result<std::int64_t> insert_musyawarah(db::Connection& c, Musyawarah const& m);
Result<std::optional<Musyawarah>> get_musyawarah(db::Connection& c, std::int64_t id);  // with usulan_ids
Result<bool> musyawarah_nomor_exists(db::Connection& c, std::string_view kode_kelurahan, std::string_view nomor);
Result<std::vector<Musyawarah>> list_musyawarah(db::Connection& c, Area const& area, std::int64_t after, int limit);

// --- lampiran
Result<std::int64_t> insert_lampiran(db::Connection& c, Lampiran const& l, std::string_view bytes);
Result<std::optional<Lampiran>> get_lampiran(db::Connection& c, std::int64_t id);
Result<std::optional<Lampiran>> get_lampiran_by_uid(db::Connection& c, std::string_view uid);
Result<std::string> lampiran_bytes(db::Connection& c, std::int64_t id);
// Binds an unattached attachment to its owner; false when it was attached already.
Result<bool> attach_lampiran(db::Connection& c, std::int64_t id, std::int64_t pemilik_id);
Result<std::vector<Lampiran>> list_lampiran(db::Connection& c, Pemilik pemilik, std::int64_t pemilik_id);

// --- daftar periksa
Result<std::int64_t> insert_daftar(db::Connection& c, DaftarPeriksa const& d);
// The list with its counts in `area`.
Result<std::optional<DaftarPeriksa>> get_daftar(db::Connection& c, std::int64_t id, Area const& area);
// Lists with at least one item in `area`, newest first.
Result<std::vector<DaftarPeriksa>> list_daftar(db::Connection& c, Area const& area);
Result<void> insert_item(db::Connection& c, PeriksaItem const& item);
// Items not yet checked, in `area`, by id.
Result<std::vector<PeriksaItem>> open_items(db::Connection& c, std::int64_t daftar_id, Area const& area);
Result<void> set_petugas(db::Connection& c, std::int64_t item_id, std::string_view petugas);
Result<std::optional<PeriksaItem>> get_item(db::Connection& c, std::int64_t id);

struct ItemFilter {
    Area area;
    std::optional<std::string> petugas;
    std::optional<std::int64_t> daftar_id;
    std::optional<std::string> status;
    std::int64_t after = 0;
    int limit = 50;
};
Result<std::vector<PeriksaItem>> list_items(db::Connection& c, ItemFilter const& f);
// Records a result when the stored version is `expected_version`; false when stale.
Result<bool> save_item_result(db::Connection& c, PeriksaItem const& item, std::int64_t expected_version);

// --- stored ground-check answers (migration 0023's clean-up): an item's jawaban_json and a
// proposal's periksa_json, each with the region of its household, visited in id order.
enum class JawabanOf { Item, Usulan };
using JawabanVisitor = std::function<Result<void>(std::int64_t id, std::string_view kode_wilayah, std::string_view json)>;
Result<void> each_jawaban(db::Connection& c, JawabanOf of, JawabanVisitor const& visit);
// Replaces the answer's text only (version and times stay: the answer says what it said, less a field).
Result<void> set_jawaban(db::Connection& c, JawabanOf of, std::int64_t id, std::string_view json);

enum class GroupBy { Petugas, Rw, Kelurahan, Kecamatan };
Result<std::vector<Kemajuan>> kemajuan(db::Connection& c, std::int64_t daftar_id, Area const& area, GroupBy by);

// --- the workforce recap: counts per username in [dari, sampai)
struct PerPetugas {
    std::string username;
    std::int64_t n = 0;
};
// Moves to `ke` made by each user (usulan_riwayat.username).
Result<std::vector<PerPetugas>> moves_by_user(db::Connection& c, std::string_view ke, std::string_view dari,
                                              std::string_view sampai);
// Moves to `ke` of proposals each user created (usulan.created_by).
Result<std::vector<PerPetugas>> moves_by_author(db::Connection& c, std::string_view ke, std::string_view dari,
                                                std::string_view sampai);
// Ground checks recorded, and those within `tenggat_hari` days of their list's creation.
struct PeriksaPerPetugas {
    std::string username;
    std::int64_t selesai = 0, tepat_waktu = 0;
};
Result<std::vector<PeriksaPerPetugas>> checks_by_user(db::Connection& c, std::string_view dari, std::string_view sampai,
                                                      int tenggat_hari);

}  // namespace pilar::verivali::store
