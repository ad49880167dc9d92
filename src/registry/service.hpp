// Registry use cases: households and members — create, read, change with versions and history,
// PPKS classifications, search and lists — each one scoped to the caller and audited.
//
//   RegistryService reg(db, keyring, wilayah);
//   auto k = reg.create_keluarga(actor, record);                // 201, audited
//   auto k2 = reg.update_keluarga(actor, k->id, {{"rt", "003"}}, k->version, "pindah RT");  // 409 if stale
//   auto page = reg.list_anggota(actor, {.kode_wilayah = "36.71.01.1001", .limit = 50});
//   auto one = reg.anggota(actor, id, {.unmask = true});         // needs permission; audited
//
// Scope: a record outside the caller's scope answers NotFound, exactly like a missing one, so
// existence does not leak. Lists only ever contain records in scope.
//
// Identity numbers: NIK and No. KK are masked ("3671********0001") unless the caller asks to
// unmask and may (operator, admin; a PSM/TKSK for records in their scope); every unmasked view
// is an audit entry. Special-category data (disability, chronic illness, PPKS evidence) is
// included only for roles that may see it, and each such view is audited too.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "access/crypto.hpp"
#include "core/actor.hpp"
#include "db/database.hpp"
#include "registry/columns.hpp"
#include "registry/model.hpp"
#include "registry/store.hpp"
#include "wilayah/service.hpp"

namespace pilar::registry {

// Both off by default: a plain read writes nothing, and a full view of someone's identity
// number or health is a deliberate, audited act (the web app has a button for it).
struct ReadOptions {
    bool unmask = false;           // show NIK / No. KK in full (audited)
    bool include_special = false;  // disability, illness, PPKS evidence (audited)
};

// A change to some columns of a record (names as in docs/formats.md): a value sets the column,
// nullopt empties it. Columns not named keep their value.
using Changes = std::vector<std::pair<std::string, std::optional<std::string>>>;

struct PpksInput {
    int ppks = 0;
    std::string sejak;
    std::optional<std::string> sampai;
    std::optional<std::string> bukti;
};

struct ListQuery {
    std::optional<std::string> kode_wilayah;  // at or below this region (dotted)
    std::optional<std::string> nik;           // exact, through the blind index
    std::optional<std::string> no_kk;         // exact
    std::optional<std::string> nama;          // prefix, case-insensitive
    std::optional<int> ppks;                  // members with this PPKS category (current)
    std::optional<std::int64_t> keluarga_id;
    std::optional<std::string> status_keberadaan;
    std::optional<int> desil_min, desil_max;     // the household's desil within [min, max] (1..10)
    std::optional<std::string> status_padan;     // members only: belum, padan, tidak_padan ...
    std::optional<std::string> after;         // keyset cursor from the previous page
    std::string sort = "id";                  // "id" (default) or "nama"
    int limit = 50;                           // 1..500
};

template <typename T>
struct Page {
    std::vector<T> items;
    std::optional<std::string> next;  // cursor, absent on the last page
};

// One entry of a record's history (from the audit trail).
struct HistoryEntry {
    std::string at, username, role, action;
    std::string alasan;
    std::optional<std::string> before_json, after_json;  // masked / special fields per the caller
};

// One member as record linkage reads it (src/dedup): identity in clear, inside the server only;
// nothing of it is sent as it is. Fields follow `pilar link`'s CSV (docs/formats.md).
struct LinkageRecord {
    std::int64_t id = 0;
    std::int64_t keluarga_id = 0;
    std::string nik, nama, jenis_kelamin, tempat_lahir, tanggal_lahir, alamat, rt, rw, kode_kelurahan;
    std::string kode_wilayah;  // the deepest code (scope)
};

// What a merge changed, so that an undo can put it back.
struct MergeOutcome {
    Anggota merged;                        // the merged-away member, now marked
    std::vector<std::int64_t> moved_ppks;  // its open PPKS classifications, now the survivor's
};

class RegistryService {
public:
    RegistryService(db::Database& db, access::Keyring const& keyring, wilayah::WilayahService& wilayah)
        : m_db(db), m_keyring(keyring), m_wilayah(wilayah) {}

    // `rec` holds the keluarga.csv columns; `uid` is the client's id for offline creation (a
    // second create with the same uid is AlreadyExists).
    Result<Keluarga> create_keluarga(Actor const& actor, KeluargaRecord rec, std::optional<std::string> uid = {});
    Result<Keluarga> keluarga(Actor const& actor, std::int64_t id, ReadOptions opts = {});
    // By client uid (offline sync); NotFound when absent or out of scope.
    Result<Keluarga> keluarga_by_uid(Actor const& actor, std::string_view uid, ReadOptions opts = {});
    Result<Keluarga> update_keluarga(Actor const& actor, std::int64_t id, Changes const& changes,
                                     std::int64_t expected_version, std::string_view alasan);
    Result<Page<Keluarga>> list_keluarga(Actor const& actor, ListQuery const& q);
    // The API's list page without building records: each household of the page list_keluarga()
    // would give (the same scope and filter), masked, handed to `fn` as a view valid only during
    // the call; yields the cursor of the next page (none on the last).
    Result<std::optional<std::string>> list_keluarga_views(Actor const& actor, ListQuery const& q,
                                                           std::function<void(KeluargaView const&)> const& fn);

    // `rec` holds the anggota.csv columns except no_kk: the member joins household `keluarga_id`.
    Result<Anggota> create_anggota(Actor const& actor, std::int64_t keluarga_id, AnggotaRecord rec,
                                   std::optional<std::string> uid = {});
    Result<Anggota> anggota(Actor const& actor, std::int64_t id, ReadOptions opts = {});
    Result<Anggota> anggota_by_uid(Actor const& actor, std::string_view uid, ReadOptions opts = {});
    // Changes may include "keluarga_id" to move the member to another household.
    Result<Anggota> update_anggota(Actor const& actor, std::int64_t id, Changes const& changes,
                                   std::int64_t expected_version, std::string_view alasan);
    Result<Page<Anggota>> list_anggota(Actor const& actor, ListQuery const& q);
    // The plain reads of the API without building records: the member (masked, no special data)
    // or each member of the page list_anggota() would give, handed to `fn` as a view valid only
    // during the call. The same scope as anggota() and list_anggota() (NotFound outside it);
    // nothing is audited, as nothing unmasked or special is shown. The page yields the cursor of
    // the next page (none on the last).
    Result<void> anggota_view(Actor const& actor, std::int64_t id, std::function<void(AnggotaView const&)> const& fn);
    Result<std::optional<std::string>> list_anggota_views(Actor const& actor, ListQuery const& q,
                                                          std::function<void(AnggotaView const&)> const& fn);
    Result<std::vector<Anggota>> members(Actor const& actor, std::int64_t keluarga_id, ReadOptions opts = {});

    Result<PpksEntry> add_ppks(Actor const& actor, std::int64_t anggota_id, PpksInput const& in);
    Result<PpksEntry> end_ppks(Actor const& actor, std::int64_t anggota_id, std::int64_t ppks_id, std::string sampai);

    Result<std::vector<HistoryEntry>> history(Actor const& actor, std::string_view entity, std::int64_t id);

    // Erasure (src/privacy decides whether retention allows it): removes the member's identifying
    // fields and keeps the statistical ones (store::anonymise_anggota). Audited as
    // "anggota.anonimkan" with only what is kept; the audit entries about the member are
    // redacted by the caller (access::redact_audit) in the same transaction. An anonymised member
    // can no longer be changed (Conflict).
    Result<Anggota> anonymise_anggota(Actor const& actor, std::int64_t id, std::int64_t expected_version,
                                      std::string_view alasan);

    // Called after a member was created and committed, on every path (REST, offline sync): the
    // duplicate review (src/dedup) queues the new member's probable duplicates here. Set once, at wiring.
    using CreatedHook = std::function<void(Actor const&, std::int64_t anggota_id)>;
    void on_anggota_created(CreatedHook hook) { m_on_created = std::move(hook); }

    // ---- record linkage (src/dedup is the caller) ----
    // Every live member (not merged away, not anonymised) in the caller's scope at or below
    // `kode_wilayah`, NIK decrypted, in one snapshot. One audit entry ("anggota.pindai_duplikat")
    // records the scan and how many members it read. Yields the count.
    Result<std::int64_t> scan_for_linkage(Actor const& actor, std::optional<std::string> const& kode_wilayah,
                                          std::function<Result<void>(LinkageRecord const&)> const& fn);
    // One member for linkage; NotFound outside the caller's scope, like anggota().
    Result<LinkageRecord> linkage_record(Actor const& actor, std::int64_t id);
    // Live members in scope that might be the person described by `probe` (a record not yet
    // saved, or a saved one: `probe.id` is then left out): the member with the same NIK (blind
    // index) and the members `ids` (the fuzzy search index's hits, src/search), in that order.
    Result<std::vector<LinkageRecord>> linkage_candidates(Actor const& actor, LinkageRecord const& probe,
                                                          std::vector<std::int64_t> const& ids);
    // Marks member `id` merged into `into` (both in scope, both live, not the same household
    // member twice) and re-points its open PPKS classifications that `into` does not hold yet.
    // Nothing is deleted. Audited as "anggota.gabung" on both members.
    Result<MergeOutcome> merge_anggota(Actor const& actor, std::int64_t id, std::int64_t into, std::string_view alasan);
    // The undo: `id` live again, `moved_ppks` (those still on the survivor) back to it. Audited as
    // "anggota.batal_gabung".
    Result<Anggota> unmerge_anggota(Actor const& actor, std::int64_t id, std::vector<std::int64_t> const& moved_ppks,
                                    std::string_view alasan);

    // ---- the fuzzy search index's feed (src/search is the caller) ----
    // The index is city-wide derived data, so only the system actor reads the feed
    // (PermissionDenied otherwise); every search result is read back through anggota(), which
    // scopes and masks. search_snapshot hands out every live member and yields the feed head the
    // snapshot is consistent with (one read transaction).
    Result<std::int64_t> search_snapshot(Actor const& actor, std::function<Result<void>(store::SearchScanRow const&)> const& fn);
    Result<std::int64_t> search_head(Actor const& actor);
    // The members changed after feed position `after` (at most `limit` feed entries), each with its
    // current row (`live` false: no longer searchable — merged, anonymised or gone). Yields the
    // position reached and how many entries were read (fewer than `limit`: caught up).
    struct FeedStep {
        std::int64_t reached = 0;
        int entries = 0;
    };
    Result<FeedStep> search_changes(Actor const& actor, std::int64_t after, int limit,
                                    std::function<Result<void>(store::SearchScanRow const&)> const& fn);

    // May this actor see unmasked identity numbers / special data of a record in `kode_wilayah`?
    static bool may_unmask(Actor const& actor);
    static bool may_see_special(Actor const& actor);

private:
    Result<void> check_kelurahan(std::string const& kode);
    // The reverse of seal_anggota (seal.hpp): fills the record's NIK, No. KK and special fields from the stored values.
    Result<void> open_anggota(store::AnggotaRow& row, db::Connection& c) const;
    // Opens and ends anggota_ppks rows so that the current ones are exactly `wanted`.
    Result<void> sync_ppks(db::Connection& c, Actor const& actor, store::AnggotaRow const& row,
                           std::vector<int> const& wanted) const;

    db::Database& m_db;
    access::Keyring const& m_keyring;
    wilayah::WilayahService& m_wilayah;
    CreatedHook m_on_created;
};

}  // namespace pilar::registry
