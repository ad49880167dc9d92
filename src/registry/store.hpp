// SQL for keluarga, anggota and anggota_ppks. Every function takes the connection it runs on, so
// the service (and the bulk import) decide transactions. Rows carry identity numbers and special
// fields as stored (encrypted, blind index, mask); decrypting is the service's business.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "registry/columns.hpp"

namespace pilar::registry::store {

struct Meta {
    std::int64_t id = 0;
    std::optional<std::string> uid;
    std::string kode_wilayah;
    std::int64_t version = 1;
    std::string created_at, updated_at, created_by, updated_by;
    std::string row_hash;
};

struct KeluargaRow {
    Meta meta;
    KeluargaRecord rec;  // rec[NoKk] is empty: the number is only in no_kk_enc
    std::string no_kk_enc, no_kk_bi, no_kk_mask;
    std::string status = "aktif";
    // Read only: its members with status_keberadaan 'ada', counted by the reads (not stored).
    std::int64_t jumlah_anggota = 0;
};

struct PpksRow {
    std::int64_t id = 0;
    std::int64_t anggota_id = 0;
    int ppks = 0;
    std::string sejak;
    std::optional<std::string> sampai;
    std::string dinilai_oleh;
    std::optional<std::string> bukti_enc;
    std::string kode_wilayah;
    std::string created_at;
};

struct AnggotaRow {
    Meta meta;
    std::int64_t keluarga_id = 0;
    // rec[Nik], rec[NoKk] and the special columns (disabilitas_*, penyakit_kronis) are empty:
    // they live encrypted below. rec[Ppks] holds the current PPKS numbers.
    AnggotaRecord rec;
    std::optional<std::string> nik_enc, nik_bi, nik_mask;
    std::optional<std::string> disabilitas_enc, penyakit_kronis_enc;
    std::string nama_cari;
    // Set by anonymisation (migration 0007); never written by insert/update_anggota.
    std::optional<std::int64_t> tahun_lahir;
    std::optional<std::string> dianonimkan_pada;
    // Set by a merge (migration 0011, src/dedup through RegistryService::merge_anggota).
    std::optional<std::int64_t> digabung_ke;
};

// A region filter: records whose kode_wilayah is one of these codes or below one of them.
// Empty = everything (a city-wide role, the system).
using Ranges = std::vector<std::string>;

struct ListFilter {
    Ranges ranges;
    std::optional<std::string> nik_bi, no_kk_bi;
    std::optional<std::string> nama_prefix;  // lower case
    std::optional<int> ppks;
    std::optional<std::int64_t> keluarga_id;
    std::optional<std::string> status_keberadaan;
    std::optional<int> desil_min, desil_max;  // of the household (members: their household's)
    std::optional<std::string> status_padan;  // anggota only
    std::optional<std::string> hubungan;  // anggota only (the BNBA list of household heads)
    bool live_only = false;  // anggota only: leave out merged-away and anonymised members
    bool by_nama = false;  // order by (nama_cari, id), else (kode_wilayah, id)
    std::optional<std::string> after_key;  // kode_wilayah or nama_cari of the last row seen
    std::optional<std::int64_t> after_id;
    int limit = 50;
};

std::string lower_name(std::string_view nama);

// The next free id of `table` (inside a write transaction, which serialises writers): ids are
// known before the insert because encrypted values are bound to their row.
Result<std::int64_t> next_id(db::Connection& c, std::string_view table);

Result<std::optional<KeluargaRow>> get_keluarga(db::Connection& c, std::int64_t id);
Result<std::optional<std::int64_t>> keluarga_id_by_uid(db::Connection& c, std::string_view uid);
Result<std::optional<std::int64_t>> keluarga_id_by_kk(db::Connection& c, std::string_view no_kk_bi);
Result<void> insert_keluarga(db::Connection& c, KeluargaRow const& r);
// Full update when the version matches (bumps it); false when stale.
Result<bool> update_keluarga(db::Connection& c, KeluargaRow const& r, std::int64_t expected_version);
// The list page without copying (like view_anggota_page below): a household's columns as views
// into the row being read, valid only during the call. The plain text columns are in `rec` (NULL:
// empty; rec[NoKk] and the numeric columns empty), the numeric ones (Kind::Real, Kind::Integer)
// in `real` / `integer` at their column's place (nullopt: NULL).
struct KeluargaRowView {
    std::int64_t id = 0, version = 1;
    std::optional<std::string_view> uid;
    std::string_view no_kk_mask, kode_wilayah, status, created_at, updated_at, created_by, updated_by;
    std::array<std::string_view, static_cast<std::size_t>(KCol::Count)> rec;
    std::array<std::optional<double>, static_cast<std::size_t>(KCol::Count)> real;
    std::array<std::optional<std::int64_t>, static_cast<std::size_t>(KCol::Count)> integer;
    std::int64_t jumlah_anggota = 0;  // as get_keluarga() counts it
};
// One page of households in (kode_wilayah, id) order (the filter's keyset cursor and limit), in
// one read transaction with their member counts. Yields how many rows were handed out.
Result<int> view_keluarga_page(db::Connection& c, ListFilter const& f, std::function<Result<void>(KeluargaRowView const&)> const& fn);

Result<std::optional<AnggotaRow>> get_anggota(db::Connection& c, std::int64_t id);
struct AnggotaWithPpks {
    AnggotaRow row;
    std::vector<PpksRow> ppks;  // as ppks_of()
};
// The member and every PPKS row of theirs (what a person's page shows), in two look-ups instead
// of three: the row's current-PPKS column is made from the PPKS rows.
Result<std::optional<AnggotaWithPpks>> get_anggota_with_ppks(db::Connection& c, std::int64_t id);
Result<std::optional<std::int64_t>> anggota_id_by_uid(db::Connection& c, std::string_view uid);
Result<std::optional<std::int64_t>> anggota_id_by_nik(db::Connection& c, std::string_view nik_bi);
// Feed::Later is for the bulk import of new members: no change-feed entry per row; the import
// logs the new ids with log_changes() in the same transaction.
enum class Feed { Log, Later };
Result<void> insert_anggota(db::Connection& c, AnggotaRow const& r, Feed feed = Feed::Log);
// New members of a bulk load into an empty table, as insert_anggota(…, Feed::Later) each but
// 32 to a statement: a single-row INSERT opens and closes its cursors (table and live indexes)
// and seeks from the root every time, which was a fifth of the load's writing.
Result<void> insert_new_anggota(db::Connection& c, std::span<AnggotaRow const* const> rows);
// A member without a NIK, matched by household, search name and birth date.
Result<std::optional<std::int64_t>> anggota_id_by_identity(db::Connection& c, std::int64_t keluarga_id,
                                                           std::string_view nama_cari, std::string_view tanggal_lahir);
Result<bool> update_anggota(db::Connection& c, AnggotaRow const& r, std::int64_t expected_version);
// The hot read paths (a person, a list page) without copying: a member's stored columns as
// views into the row being read, valid only during the call. The plain columns are in `rec`
// (NULL: empty; nik, no_kk, the special columns and ppks empty); `open_ppks` holds the current
// PPKS numbers, ascending.
struct AnggotaRowView {
    std::int64_t id = 0, keluarga_id = 0, version = 1;
    std::optional<std::string_view> uid, nik_mask, dianonimkan_pada;
    std::optional<std::int64_t> tahun_lahir, digabung_ke;
    std::string_view kode_wilayah, nama_cari, created_at, updated_at, created_by, updated_by;
    std::array<std::string_view, static_cast<std::size_t>(ACol::Count)> rec;
    std::span<int const> open_ppks;
};
// The rows list_anggota() would give (the same filter, order and limit), one call each, read
// with their members' current PPKS in one read transaction.
// Yields how many rows were handed out.
Result<int> view_anggota_page(db::Connection& c, ListFilter const& f, std::function<Result<void>(AnggotaRowView const&)> const& fn);
// One member with all its PPKS rows (as ppks_of()); false when there is none with that id.
Result<bool> view_anggota(db::Connection& c, std::int64_t id,
                          std::function<Result<void>(AnggotaRowView const&, std::vector<PpksRow> const&)> const& fn);

// Members follow their household when it moves.
Result<void> move_members(db::Connection& c, std::int64_t keluarga_id, std::string_view kode_wilayah);
// A member moved to a household elsewhere: their PPKS rows (counted per kelurahan) follow.
Result<void> move_member_ppks(db::Connection& c, std::int64_t anggota_id, std::string_view kode_wilayah);

// Export scans: every row of the filter (its paging fields ignored) in (kode_wilayah, id) order
// over one prepared statement, handed to `fn` as views into the current row — valid only during
// the call, so a million rows cost no allocation each. A NULL column is an empty view. Identity
// numbers and special fields come as stored (encrypted and masked); fn's error stops the scan.
// Yields the number of rows handed out.
//
// A scan may be cut into slices of the (kode_wilayah, id) order (WilayahSlice), each read by
// its own thread on its own connection (registry/export.cpp): the slices of a filter, read in
// turn, give exactly the rows of the whole scan, in the same order.
struct KeluargaScanRow {
    std::int64_t id = 0;
    std::string_view no_kk_enc, no_kk_mask;
    std::array<std::string_view, static_cast<std::size_t>(KCol::Count)> rec;  // rec[NoKk] empty
};
struct AnggotaScanRow {
    std::int64_t id = 0, keluarga_id = 0;
    std::string_view nik_enc, nik_mask, disabilitas_enc, penyakit_kronis_enc;
    // The household's No. KK and what a BNBA list shows of it (read once per household).
    std::string_view no_kk_enc, no_kk_mask;
    std::string_view alamat, rw, rt, kode_kelurahan, desil;
    // The plain columns and the current PPKS numbers; nik, no_kk and the special columns empty.
    std::array<std::string_view, static_cast<std::size_t>(ACol::Count)> rec;
};
// What a scan may leave out (empty views), so a masked export does not read the ciphertexts and
// only a BNBA reads the household's address.
enum class ScanSealed { Skip, Read };
enum class ScanAddress { Skip, Read };
// kode_wilayah >= from (when set) and < to (when set): one slice of a scan.
struct WilayahSlice {
    std::optional<std::string> from, to;
};
// The current PPKS numbers of every member who has any ("3;9;12", ascending), read once for a
// member scan inside its snapshot: each member is then found by id, where a join to a grouped
// subquery made SQLite build that subquery again for every statement (every slice) and look it
// up through an automatic index for every row.
class OpenPpks {
public:
    std::string_view of(std::int64_t anggota_id) const;
    std::size_t size() const { return m_ids.size(); }

private:
    friend Result<OpenPpks> read_open_ppks(db::Connection& c);
    std::vector<std::int64_t> m_ids;    // ascending
    std::vector<std::uint32_t> m_ends;  // member i's text is m_text[m_ends[i - 1], m_ends[i])
    std::string m_text;
};
Result<OpenPpks> read_open_ppks(db::Connection& c);
// Whether a scan of this filter may be sliced: only when the (kode_wilayah, id) index drives it.
// A filter by NIK, name, household, PPKS or desil is answered through another index or a
// subquery, which every slice's statement would repeat; such scans run whole.
bool sliceable(ListFilter const& f);
// Where a scan of the filter's ranges (its other conditions ignored) may be cut: the kelurahan
// that its rows lie in, ascending, found by one index seek each (reading the whole index first
// cost a tenth of an export: every page of a fresh memory map is a page fault).
enum class ScanTable { Keluarga, Anggota };
Result<std::vector<std::string>> slice_points(db::Connection& c, ScanTable table, ListFilter const& f);
Result<std::int64_t> scan_keluarga(db::Connection& c, ListFilter const& f, WilayahSlice const& slice, ScanSealed sealed,
                                   std::function<Result<void>(KeluargaScanRow const&)> const& fn);
Result<std::int64_t> scan_anggota(db::Connection& c, ListFilter const& f, WilayahSlice const& slice, OpenPpks const& ppks,
                                  ScanSealed sealed, ScanAddress address,
                                  std::function<Result<void>(AnggotaScanRow const&)> const& fn);
// The whole scan on one connection (reads the PPKS numbers itself).
Result<std::int64_t> scan_anggota(db::Connection& c, ListFilter const& f, ScanSealed sealed, ScanAddress address,
                                  std::function<Result<void>(AnggotaScanRow const&)> const& fn);

// Bulk loads into an empty table: drop its secondary indexes (but those named in `keep`) and
// give back their definitions, then create them again (sorting once beats updating B-trees row
// by row in random key order). All run inside the caller's transaction. A backend that cannot
// tell its index definitions returns none. suspend_index() drops one index by name later in the
// load (its definition, or nothing when there is no such index). restore_indexes() sorts with a
// 2 MB page cache of its own (runs that fit the CPU caches) and puts the caller's back.
Result<std::vector<std::string>> suspend_indexes(db::Connection& c, std::string_view table,
                                                 std::span<std::string_view const> keep = {});
Result<std::optional<std::string>> suspend_index(db::Connection& c, std::string_view name);
Result<void> restore_indexes(db::Connection& c, std::vector<std::string> const& definitions);
// The same for the dashboard's per-row insert triggers during a bulk load into an empty table:
// on anggota and anggota_ppks (dash_anggota_ins, dash_ppks_ins: migrations 0008/0011) the load
// then adds what they would have added, summed per kelurahan (and PPKS category), with
// add_dash_count(); on keluarga (dash_keluarga_ins) with add_fresh_keluarga_dash(). On SQLite
// only (none is suspended elsewhere). restore_indexes() puts the triggers back.
Result<std::vector<std::string>> suspend_insert_triggers(db::Connection& c, std::string_view table);
// After a load into an empty keluarga table with dash_keluarga_ins suspended: the households'
// count per kelurahan and their map cells, added to dash_jumlah and dash_peta from the
// dashboard's own recount views (all of keluarga is the load).
Result<void> add_fresh_keluarga_dash(db::Connection& c);
// dash_jumlah (ukuran, kode, kunci) += n, as the triggers do one row at a time.
Result<void> add_dash_count(db::Connection& c, std::string_view ukuran, std::string_view kode, std::string_view kunci,
                            std::int64_t n);

// Anonymisation (erasure where retention allows): removes the identifying columns (NIK, name,
// birth place and date, NISN, school, disability, illness, the uid, PPKS evidence) and keeps the
// statistical ones; `tahun_lahir` keeps the birth year. False when the version is stale.
struct Anonymisation {
    std::int64_t id = 0;
    std::int64_t expected_version = 0;
    std::optional<std::int64_t> tahun_lahir;
    std::string at, by, row_hash;
};
Result<bool> anonymise_anggota(db::Connection& c, Anonymisation const& a);

// Merges (migration 0011): marks member `id` merged into `into` (nullopt: unmarks), bumping the
// version; false when stale. move_ppks re-points one classification at another member.
Result<bool> set_digabung_ke(db::Connection& c, std::int64_t id, std::optional<std::int64_t> into,
                             std::int64_t expected_version, std::string_view at, std::string_view by);
Result<void> move_ppks(db::Connection& c, std::int64_t ppks_id, std::int64_t to_anggota, std::string_view kode_wilayah);

// The change feed of the fuzzy search index (migration 0014): every function above that writes a
// member appends its id in the caller's transaction. feed_head is the last seq (0: none yet).
Result<void> log_change(db::Connection& c, std::int64_t anggota_id);
// One entry per id, in the order given, numbered after `after_seq` (the feed's head: nothing
// else may write the feed in between); yields the new head. For a bulk insert with Feed::Later.
Result<std::int64_t> log_changes(db::Connection& c, std::int64_t after_seq, std::span<std::int64_t const> ids);
Result<std::int64_t> feed_head(db::Connection& c);
// The (seq, anggota_id) entries after `seq`, oldest first, at most `limit`.
Result<std::vector<std::pair<std::int64_t, std::int64_t>>> feed_after(db::Connection& c, std::int64_t seq, int limit);
// What the search index holds of a member; views valid only during the call.
struct SearchScanRow {
    std::int64_t id = 0;
    std::string_view nama, jenis_kelamin, tanggal_lahir, kode_wilayah;
    bool live = false;  // not merged away, not anonymised
};
// Every live member (id = 0), or one member (live or not; nothing when absent).
Result<std::int64_t> scan_search(db::Connection& c, std::int64_t id, std::function<Result<void>(SearchScanRow const&)> const& fn);

// Current ones first, then by category and id.
Result<std::vector<PpksRow>> ppks_of(db::Connection& c, std::int64_t anggota_id);
Result<void> insert_ppks(db::Connection& c, PpksRow const& r);
// PPKS rows of new members in a bulk load into an empty table, as insert_ppks() each (no end
// date, no evidence) but 32 to a statement.
struct NewPpks {
    std::int64_t id = 0;
    std::int64_t anggota_id = 0;
    int ppks = 0;
    std::string_view kode_wilayah;
};
Result<void> insert_new_ppks(db::Connection& c, std::span<NewPpks const> rows, std::string_view sejak,
                             std::string_view dinilai_oleh, std::string_view created_at);
Result<bool> end_ppks(db::Connection& c, std::int64_t id, std::int64_t anggota_id, std::string_view sampai);

}  // namespace pilar::registry::store
