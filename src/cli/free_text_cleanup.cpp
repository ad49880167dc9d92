#include "cli/free_text_cleanup.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "access/audit.hpp"
#include "access/audit_clean.hpp"
#include "core/full_number.hpp"
#include "core/kota.hpp"
#include "db/text_rewrite.hpp"
#include "verivali/special_fields.hpp"

namespace pilar::cli {
namespace {

using verivali::Clean;

// The free-text columns at schema 0024 that a write body fills (http::parse_json_object refuses a
// full number in them since 5f9d98d). Enumerations, dates, codes, hashes, tokens, uids and the
// numbers' own fields are not free text; a raffle's seed is left so that its draw still repeats.
enum class Kind { Text, Json };
struct Column {
    db::TextColumn col;
    Kind kind = Kind::Text;
};
constexpr std::string_view kViaUsulan = "(SELECT u.kode_wilayah FROM usulan u WHERE u.id = t.usulan_id)";
constexpr std::string_view kViaAcara = "(SELECT a.kode_wilayah FROM acara a WHERE a.id = t.acara_id)";
constexpr std::string_view kViaPilar = "(SELECT p.kode_wilayah FROM pilar_sosial p WHERE p.id = t.pilar_id)";
constexpr std::string_view kViaAnggota = "(SELECT g.kode_wilayah FROM anggota g WHERE g.id = t.anggota_id)";
constexpr std::array kColumns{
    // verivali
    Column{{"usulan", "id", "isi_json", "t.kode_wilayah"}, Kind::Json},
    Column{{"usulan", "id", "catatan", "t.kode_wilayah"}},
    Column{{"usulan_riwayat", "id", "catatan", kViaUsulan}},
    Column{{"daftar_periksa", "id", "nama", ""}},
    Column{{"daftar_periksa", "id", "keterangan", ""}},
    Column{{"musyawarah", "id", "nomor_berita_acara", "t.kode_kelurahan"}},
    // events
    Column{{"acara", "id", "judul", "t.kode_wilayah"}},
    Column{{"acara", "id", "deskripsi", "t.kode_wilayah"}},
    Column{{"acara", "id", "tempat", "t.kode_wilayah"}},
    Column{{"acara", "id", "penyelenggara", "t.kode_wilayah"}},
    Column{{"acara_peserta", "id", "nama", kViaAcara}},
    Column{{"acara_peserta", "id", "telepon", kViaAcara}},
    Column{{"acara_peserta", "id", "instansi", kViaAcara}},
    Column{{"acara_peserta", "id", "peran_akun", kViaAcara}},
    Column{{"acara_sesi", "id", "judul", kViaAcara}},
    Column{{"acara_sesi", "id", "topik", kViaAcara}},
    Column{{"acara_undian", "id", "hadiah", kViaAcara}},
    // workforce
    Column{{"pilar_sosial", "id", "nama", "t.kode_wilayah"}},
    Column{{"pilar_sosial", "id", "alamat", "t.kode_wilayah"}},
    Column{{"pilar_sosial", "id", "telepon", "t.kode_wilayah"}},
    Column{{"pilar_sosial", "id", "email", "t.kode_wilayah"}},
    Column{{"pilar_sosial", "id", "status_alasan", "t.kode_wilayah"}},
    Column{{"pilar_status_riwayat", "id", "alasan", kViaPilar}},
    Column{{"pilar_penugasan", "id", "alasan", "t.kode_wilayah"}},
    Column{{"pilar_sk", "id", "nomor", kViaPilar}},
    Column{{"pilar_sk", "id", "ditandatangani", kViaPilar}},
    Column{{"laporan_kegiatan", "id", "uraian", "t.kode_wilayah"}},
    // privacy
    Column{{"dasar_hukum", "anggota_id", "persetujuan_oleh", kViaAnggota}},
    Column{{"dasar_hukum", "anggota_id", "wali_nama", kViaAnggota}},
    Column{{"dasar_hukum", "anggota_id", "catatan", kViaAnggota}},
    // dedup
    Column{{"duplikat", "id", "catatan", "t.kode_wilayah_a"}},
    // access
    Column{{"users", "id", "full_name", ""}},
    Column{{"api_tokens", "id", "label", ""}},
};

std::optional<std::string> masked_text(std::string_view v) {
    if (!find_full_number(v)) return std::nullopt;
    return mask_full_numbers(v);
}

// How an audit entry is cleaned, by its action: the entries that carry ground-check answers or a
// proposal's content lose the special fields too; those that copy the free text above (a record's
// before/after, a reason in the detail) have full numbers masked; the registry's updates only in
// their detail (the reason typed), their before/after being the registry's masked or encrypted
// fields. Any other entry is left as it is (hashes, file digests, seeds).
enum class AuditKind { None, Special, Text, Detail };
AuditKind audit_kind(std::string_view action) {
    static constexpr std::array<std::string_view, 18> kText{
        "musyawarah.buat",      "daftar_periksa.buat",     "acara.buat",           "acara.ubah",
        "acara.peserta_daftar", "acara.peserta_status",    "acara.sesi_buat",      "acara.sesi_hapus",
        "acara.sertifikat_cabut", "acara.undian",          "pilar_sosial.buat",    "pilar_sosial.ubah",
        "pilar_sosial.status",  "pilar_sosial.tugas",      "pilar_sosial.sk",      "pilar_sosial.pelatihan",
        "laporan_kegiatan.buat", "anggota.dasar_hukum"};
    static constexpr std::array<std::string_view, 6> kDetail{"keluarga.update", "anggota.update", "anggota.anonimkan",
                                                             "duplikat.gabung", "duplikat.bukan", "duplikat.batal"};
    if (action == "periksa.hasil") return AuditKind::Special;
    if (action.starts_with("usulan.") && action != "usulan.ekspor_unggah" && action != "usulan.anonimkan")
        return AuditKind::Special;
    // An account's entries carry its record (the full name typed) before and after.
    if (action.starts_with("user.") || std::find(kText.begin(), kText.end(), action) != kText.end()) return AuditKind::Text;
    if (std::find(kDetail.begin(), kDetail.end(), action) != kDetail.end()) return AuditKind::Detail;
    return AuditKind::None;
}

// A raffle's seed and its candidates' digest repeat the draw: never masked.
constexpr std::array<std::string_view, 2> kKeepInAudit{"seed", "calon_digest"};

std::optional<access::AuditPayload> cleaned_entry(access::AuditEntry const& e) {
    auto const kind = audit_kind(e.action);
    if (kind == AuditKind::None) return std::nullopt;
    auto json = [&](std::optional<std::string> const& text) -> std::optional<std::string> {
        if (!text || kind == AuditKind::Detail) return std::nullopt;
        return verivali::cleaned_json(*text, kind == AuditKind::Special ? Clean::SpecialFields : Clean::FullNumbers,
                                      kKeepInAudit);
    };
    auto before = json(e.before_json), after = json(e.after_json);
    auto detail = masked_text(e.detail);
    if (!before && !after && !detail) return std::nullopt;
    return access::AuditPayload{.before_json = before ? before : e.before_json,
                                .after_json = after ? after : e.after_json,
                                .detail = detail ? std::move(*detail) : e.detail};
}

void add_kota(std::set<std::string>& kota, std::string_view kode) {
    if (auto k = kota_of(kode)) kota.insert(std::move(*k));
}

// The region an audit entry's record names (its "kode_wilayah" on either side), for the area. The
// payloads are boost::json::serialize's text (no spaces), so the member is found as written.
void add_kota_of(std::set<std::string>& kota, access::AuditEntry const& e) {
    for (auto const* side : {&e.after_json, &e.before_json}) {
        if (!*side) continue;
        auto const at = (*side)->find(R"("kode_wilayah":")");
        if (at == std::string::npos) continue;
        auto const from = at + 16;
        auto const end = (*side)->find('"', from);
        if (end != std::string::npos) add_kota(kota, std::string_view(**side).substr(from, end - from));
    }
}

}  // namespace

Result<FreeTextCleanup> clean_free_text(db::Connection& c) {
    FreeTextCleanup r;
    std::set<std::string> kota;
    for (auto const& [col, kind] : kColumns) {
        auto regions = PILAR_TRY(db::rewrite_text_column(c, col, [kind](std::string_view v) {
            return kind == Kind::Json ? verivali::cleaned_json(v, Clean::SpecialFields) : masked_text(v);
        }));
        if (regions.empty()) continue;
        r.columns[fmt::format("{}.{}", col.table, col.column)] += static_cast<std::int64_t>(regions.size());
        for (auto const& k : regions) add_kota(kota, k);
    }
    // The audit entries last: clean_audit_payloads points them at the next seq, which the entry
    // below takes.
    auto cleaning = PILAR_TRY(access::clean_audit_payloads(c, [&](access::AuditEntry const& e) {
        auto p = cleaned_entry(e);
        if (p) add_kota_of(kota, e);
        return p;
    }));
    r.audit = static_cast<std::int64_t>(cleaning.rows.size());
    if (r.columns.empty() && r.audit == 0) return r;
    std::map<std::string, std::int64_t> per_action;
    for (auto const& row : cleaning.rows) ++per_action[row.action];
    auto object = [](std::map<std::string, std::int64_t> const& m) {
        std::string out;
        for (auto const& [k, n] : m) out += fmt::format(R"({}"{}":{})", out.empty() ? "" : ",", k, n);
        return "{" + out + "}";
    };
    std::int64_t rows = 0;
    for (auto const& [k, n] : r.columns) rows += n;
    PILAR_TRY(access::append_audit_cleaning(
        c, Actor::system("migrasi 0024"), cleaning,
        fmt::format(R"("audit":{},"teks":{})", object(per_action), object(r.columns)),
        fmt::format("data khusus dan NIK/No. KK lengkap yang tersimpan sebelum aturan tulis dibersihkan: {} entri audit, "
                    "{} baris teks bebas",
                    r.audit, rows),
        std::vector<std::string>(kota.begin(), kota.end())));
    return r;
}

}  // namespace pilar::cli
