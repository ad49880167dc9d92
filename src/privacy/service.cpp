#include "privacy/service.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>

#include "access/audit.hpp"
#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/strings.hpp"
#include "pdf/report.hpp"
#include "privacy/encode.hpp"
#include "privacy/store.hpp"
#include "registry/json.hpp"
#include "verivali/encode.hpp"
#include "verivali/workflow.hpp"

namespace pilar::privacy {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxCatatan = 500;
constexpr std::size_t kMaxAlasan = 500;

Error invalid(std::string_view field, std::string id, std::string en) {
    return Error(ErrorCode::InvalidArgument, {std::move(id), std::move(en)}).at_field(std::string(field));
}

// The office (and the console) handle data-subject requests; field workers and kepala do not.
Result<void> require_office(Actor const& a) {
    if (a.is_system() || a.role == Role::Operator) return {};
    return fail(ErrorCode::PermissionDenied, {"Hanya operator Dinas yang menangani permintaan subjek data",
                                              "Only the office's operators handle data-subject requests"});
}

Result<void> require_writer(Actor const& a) {
    if (a.is_system() || a.role == Role::Operator || a.role == Role::Psm || a.role == Role::Tksk) return {};
    return fail(ErrorCode::PermissionDenied, {"Peran Anda tidak boleh mengubah data anggota",
                                              "Your role may not change members' data"});
}

bool is_child(registry::Anggota const& a, Date today) {
    if (!a.tanggal_lahir) return false;
    auto born = Date::parse(*a.tanggal_lahir);
    return born && born->age_on(today) < 18;
}

// Trimmed, non-empty, UTF-8, at most `max` bytes; nullopt when absent or blank.
Result<std::optional<std::string>> text_field(std::optional<std::string> const& v, std::string_view field, std::size_t max) {
    if (!v) return std::optional<std::string>{};
    std::string t(trim(*v));
    if (t.empty()) return std::optional<std::string>{};
    if (t.size() > max || !is_valid_utf8(t))
        return fail(invalid(field, fmt::format("{} harus teks paling panjang {} byte", field, max),
                            fmt::format("{} must be text of at most {} bytes", field, max)));
    return std::optional<std::string>(std::move(t));
}

// The date part of an ISO date-time or date.
std::optional<Date> day_of(std::string_view iso) {
    if (iso.size() < 10) return std::nullopt;
    auto d = Date::parse(iso.substr(0, 10));
    return d ? std::optional<Date>(*d) : std::nullopt;
}

std::string one_line(json::value const& v) {
    if (v.is_string()) return std::string(v.as_string());
    if (v.is_null()) return "-";
    return json::serialize(v);
}

// Rows (bagian, isian, nilai) of the PDF: objects become one row per field, arrays one block per
// element, numbered.
void flatten(std::vector<std::array<std::string, 3>>& rows, std::string const& section, std::string const& prefix,
             json::value const& v) {
    if (v.is_object()) {
        for (auto const& [k, val] : v.as_object())
            flatten(rows, section, prefix.empty() ? std::string(k) : prefix + "." + std::string(k), val);
        return;
    }
    if (v.is_array() && !v.as_array().empty() && (v.as_array()[0].is_object() || v.as_array()[0].is_array())) {
        int i = 0;
        for (auto const& el : v.as_array()) flatten(rows, section, fmt::format("{}[{}]", prefix, ++i), el);
        return;
    }
    rows.push_back({section, prefix, one_line(v)});
}

}  // namespace

// ---- JSON shapes -----------------------------------------------------------------------------

json::object to_json(DasarHukum const& d) {
    auto opt = [](auto const& v) { return v ? json::value(*v) : json::value(nullptr); };
    return json::object{{"anggota_id", d.anggota_id},
                        {"dasar", d.dasar},
                        {"tercatat", d.tercatat},
                        {"persetujuan_tanggal", opt(d.persetujuan_tanggal)},
                        {"persetujuan_oleh", opt(d.persetujuan_oleh)},
                        {"wali_nama", opt(d.wali_nama)},
                        {"wali_hubungan", opt(d.wali_hubungan)},
                        {"wali_anggota_id", opt(d.wali_anggota_id)},
                        {"catatan", opt(d.catatan)},
                        {"anak", d.anak},
                        {"version", d.version},
                        {"diubah_pada", opt(d.updated_at)},
                        {"diubah_oleh", opt(d.updated_by)}};
}

json::object to_json(EvaluasiHapus const& e, Lang lang) {
    json::array h;
    for (auto const& x : e.hambatan) h.push_back(json::object{{"kode", x.kode}, {"pesan", x.pesan.in(lang)}});
    auto opt = [](auto const& v) { return v ? json::value(*v) : json::value(nullptr); };
    return json::object{{"anggota_id", e.anggota_id},         {"boleh", e.boleh},
                        {"hambatan", std::move(h)},           {"dasar", e.dasar},
                        {"aktivitas_terakhir", opt(e.aktivitas_terakhir)}, {"boleh_sejak", opt(e.boleh_sejak)}};
}

json::object to_json(HasilHapus const& h) {
    json::array u, a;
    for (auto id : h.usulan_dianonimkan) u.emplace_back(id);
    for (auto seq : h.audit_diredaksi) a.emplace_back(seq);
    return json::object{{"anggota_id", h.anggota_id},
                        {"usulan_dianonimkan", std::move(u)},
                        {"audit_diredaksi", std::move(a)},
                        {"dianonimkan_pada", h.dianonimkan_pada}};
}

// ---- legal basis -------------------------------------------------------------------------------

Result<DasarHukum> PrivacyService::dasar_hukum(Actor const& actor, std::int64_t anggota_id) {
    auto a = PILAR_TRY(m_registry.anggota(actor, anggota_id));
    auto c = PILAR_TRY(m_db.acquire());
    auto stored = PILAR_TRY(store::get(*c, anggota_id));
    DasarHukum d = stored ? *stored : DasarHukum{.anggota_id = anggota_id};
    d.anak = is_child(a, Date::today());
    return d;
}

Result<DasarHukum> PrivacyService::set_dasar_hukum(Actor const& actor, std::int64_t anggota_id, DasarHukumInput const& in) {
    PILAR_TRY(require_writer(actor));
    auto a = PILAR_TRY(m_registry.anggota(actor, anggota_id));
    if (a.dianonimkan_pada)
        return fail(ErrorCode::Conflict, {"Anggota ini sudah dianonimkan", "This member has been anonymised"});
    Date const today = Date::today();
    DasarHukum d{.anggota_id = anggota_id, .dasar = std::string(trim(in.dasar)), .tercatat = true};
    d.anak = is_child(a, today);
    if (d.dasar != "tugas_publik" && d.dasar != "persetujuan")
        return fail(invalid("dasar", "dasar harus 'tugas_publik' atau 'persetujuan'", "dasar must be 'tugas_publik' or 'persetujuan'"));
    d.catatan = PILAR_TRY(text_field(in.catatan, "catatan", kMaxCatatan));

    // The parent or guardian: required for a child, whatever the basis (UU PDP Pasal 25).
    d.wali_nama = PILAR_TRY(text_field(in.wali_nama, "wali_nama", kMaxName));
    d.wali_hubungan = PILAR_TRY(text_field(in.wali_hubungan, "wali_hubungan", 10));
    if (d.wali_hubungan && *d.wali_hubungan != "ayah" && *d.wali_hubungan != "ibu" && *d.wali_hubungan != "wali")
        return fail(invalid("wali_hubungan", "wali_hubungan harus ayah, ibu atau wali", "wali_hubungan must be ayah, ibu or wali"));
    if (in.wali_anggota_id) {
        if (*in.wali_anggota_id == anggota_id)
            return fail(invalid("wali_anggota_id", "Seseorang tidak bisa menjadi wali dirinya sendiri", "A person cannot be their own guardian"));
        auto w = m_registry.anggota(actor, *in.wali_anggota_id);
        if (!w) {
            if (w.error().code == ErrorCode::NotFound)
                return fail(Error(w.error()).at_field("wali_anggota_id"));
            return fail(w.error());
        }
        if (is_child(*w, today))
            return fail(invalid("wali_anggota_id", "Wali harus sudah dewasa (18 tahun atau lebih)",
                                "The guardian must be an adult (18 or older)"));
        d.wali_anggota_id = w->id;
        if (!d.wali_nama) d.wali_nama = w->nama;
    }
    if (d.anak && (!d.wali_nama || !d.wali_hubungan))
        return fail(invalid(!d.wali_nama ? "wali_nama" : "wali_hubungan",
                            "Anggota ini masih anak (di bawah 18 tahun): nama dan hubungan orang tua/wali wajib diisi",
                            "This member is a child (under 18): the parent's or guardian's name and relation are required"));

    if (d.dasar == "persetujuan") {
        d.persetujuan_tanggal = PILAR_TRY(text_field(in.persetujuan_tanggal, "persetujuan_tanggal", 10));
        if (!d.persetujuan_tanggal)
            return fail(invalid("persetujuan_tanggal", "Tanggal persetujuan wajib diisi", "The date consent was given is required"));
        auto when = Date::parse(*d.persetujuan_tanggal);
        if (!when) return fail(Error(when.error()).at_field("persetujuan_tanggal"));
        if (*when > today)
            return fail(invalid("persetujuan_tanggal", "Tanggal persetujuan tidak boleh di masa depan", "The consent date cannot be in the future"));
        d.persetujuan_tanggal = when->iso();
        d.persetujuan_oleh = PILAR_TRY(text_field(in.persetujuan_oleh, "persetujuan_oleh", kMaxName));
        if (d.anak) {
            // A child's consent is the parent's or guardian's.
            if (!d.persetujuan_oleh) d.persetujuan_oleh = d.wali_nama;
            if (!equals_ci(*d.persetujuan_oleh, *d.wali_nama))
                return fail(invalid("persetujuan_oleh",
                                    "Persetujuan untuk anak diberikan oleh orang tua/walinya (persetujuan_oleh = wali_nama)",
                                    "A child's consent is given by the parent or guardian (persetujuan_oleh = wali_nama)"));
        }
        if (!d.persetujuan_oleh)
            return fail(invalid("persetujuan_oleh", "Siapa yang memberi persetujuan wajib diisi", "Who gave consent is required"));
    } else if (in.persetujuan_tanggal || in.persetujuan_oleh) {
        return fail(invalid(in.persetujuan_tanggal ? "persetujuan_tanggal" : "persetujuan_oleh",
                            "Tugas publik tidak memakai persetujuan; kosongkan isian persetujuan",
                            "The public task needs no consent; leave the consent fields empty"));
    }

    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto before = PILAR_TRY(store::get(*c, anggota_id));
    std::int64_t const current = before ? before->version : 0;
    std::int64_t const expected = in.version.value_or(0);
    if (expected != current)
        return fail(Error(ErrorCode::Conflict,
                          {fmt::format("Dasar hukum anggota {} sudah diubah (versi sekarang {}); muat ulang lalu coba lagi",
                                       anggota_id, current),
                           fmt::format("The legal basis of member {} was changed (now version {}); reload and try again",
                                       anggota_id, current)})
                        .at_field("version"));
    d.updated_at = utc_now_iso();
    d.updated_by = actor.username;
    if (!PILAR_TRY(store::put(*c, d, current)))
        return fail(Error(ErrorCode::Conflict, {"Dasar hukum sudah diubah orang lain", "The legal basis was changed by someone else"})
                        .at_field("version"));
    d.version = current + 1;
    std::optional<std::string> before_json;
    if (before) {
        before->anak = d.anak;
        before_json = json::serialize(to_json(*before));
    }
    PILAR_TRY(access::append_audit(*c, actor, {.action = "anggota.dasar_hukum", .entity = "anggota",
                                               .entity_id = std::to_string(anggota_id), .before_json = before_json,
                                               .after_json = json::serialize(to_json(d)), .detail = d.dasar}));
    PILAR_TRY(tx.commit());
    return d;
}

// ---- data-subject access export ----------------------------------------------------------------

Result<std::string> PrivacyService::build_export(Actor const& actor, std::int64_t anggota_id, std::string_view format) {
    PILAR_TRY(require_office(actor));
    auto a = PILAR_TRY(m_registry.anggota(actor, anggota_id, {.unmask = true, .include_special = true}));
    auto k = PILAR_TRY(m_registry.keluarga(actor, a.keluarga_id, {.unmask = true}));
    auto basis = PILAR_TRY(dasar_hukum(actor, anggota_id));
    auto usulan = PILAR_TRY(m_verivali.usulan_about(actor, a.keluarga_id, anggota_id));
    auto history = PILAR_TRY(m_registry.history(actor, "anggota", anggota_id));

    json::array proposals;
    for (auto const& u : usulan) {
        json::object o = verivali::to_json(u);
        o["tentang"] = u.anggota_id ? "anggota" : "keluarga";
        json::array files;
        for (auto const& l : PILAR_TRY(m_verivali.lampiran_of_usulan(actor, u.id))) files.push_back(verivali::to_json(l));
        o["lampiran"] = std::move(files);
        json::array steps;
        for (auto const& r : PILAR_TRY(m_verivali.riwayat(actor, u.id))) steps.push_back(verivali::to_json(r));
        o["riwayat"] = std::move(steps);
        proposals.push_back(std::move(o));
    }
    json::array changes;
    for (auto const& h : history) {
        json::object o{{"at", h.at}, {"oleh", h.username}, {"peran", h.role}, {"aksi", h.action}, {"alasan", h.alasan}};
        o["sebelum"] = h.before_json ? json::parse(*h.before_json) : json::value(nullptr);
        o["sesudah"] = h.after_json ? json::parse(*h.after_json) : json::value(nullptr);
        changes.push_back(std::move(o));
    }
    json::object person = registry::encode(a);
    json::array ppks;
    if (auto* p = person.if_contains("ppks")) ppks = p->as_array();
    json::object doc{
        {"jenis", "ekspor_subjek_data"},
        {"dasar_peraturan", "UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi, Pasal 7 dan 32"},
        {"dibuat_pada", utc_now_iso()},
        {"dibuat_oleh", actor.username},
        {"anggota", std::move(person)},
        {"keluarga", registry::encode(k)},
        {"dasar_hukum", to_json(basis)},
        {"ppks", std::move(ppks)},
        {"usulan", std::move(proposals)},
        {"riwayat_perubahan", std::move(changes)},
        {"catatan", "Riwayat perubahan berasal dari jejak audit; data khusus yang terenkripsi di jejak ditandai "
                    "\"(data khusus)\"."}};

    // The whole export is one more view of the person's special data.
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "anggota.ekspor_subjek", .entity = "anggota",
                                               .entity_id = std::to_string(anggota_id), .detail = std::string(format),
                                               .area = {a.kode_wilayah}}));
    PILAR_TRY(tx.commit());
    return json::serialize(doc);
}

Result<std::string> PrivacyService::ekspor_subjek(Actor const& actor, std::int64_t anggota_id) {
    return build_export(actor, anggota_id, "json");
}

Result<void> PrivacyService::tulis_pdf(Actor const& actor, std::int64_t anggota_id, std::string const& path) {
    auto text = PILAR_TRY(build_export(actor, anggota_id, "pdf"));
    auto doc = json::parse(text).as_object();
    auto const& person = doc["anggota"].as_object();
    auto report = PILAR_TRY(PdfReport::create({
        .title = "Data Pribadi yang Disimpan Pilar",
        .subtitle_lines = {fmt::format("Subjek data: {} (anggota {})", one_line(person.at("nama")), anggota_id),
                           fmt::format("Dibuat {} oleh {} — hak akses subjek data, UU No. 27/2022 Pasal 7 dan 32",
                                       one_line(doc["dibuat_pada"]), actor.username)},
        .columns = {{"Bagian", 2}, {"Isian", 4}, {"Nilai", 8}},
        .signature_blocks = {{"Petugas Dinas Sosial", "", "", fmt::format("({})", actor.username)}},
    }));
    std::vector<std::array<std::string, 3>> rows;
    for (auto section : {"anggota", "keluarga", "dasar_hukum", "usulan", "riwayat_perubahan"}) {
        auto const& v = doc[section];
        if (v.is_array() && v.as_array().empty()) {
            rows.push_back({section, "-", "(tidak ada)"});
            continue;
        }
        flatten(rows, section, "", v);
    }
    for (auto const& r : rows) PILAR_TRY(report.add_row(std::span<std::string const>(r.data(), r.size())));
    return report.save(path);
}

// ---- erasure ------------------------------------------------------------------------------------

Result<EvaluasiHapus> PrivacyService::evaluasi_hapus(Actor const& actor, std::int64_t anggota_id) {
    PILAR_TRY(require_office(actor));
    auto a = PILAR_TRY(m_registry.anggota(actor, anggota_id));
    EvaluasiHapus e{.anggota_id = anggota_id};
    if (a.dianonimkan_pada) {
        e.hambatan.push_back({"sudah_dianonimkan", {fmt::format("Anggota {} sudah dianonimkan pada {}", anggota_id, *a.dianonimkan_pada),
                                                    fmt::format("Member {} was anonymised on {}", anggota_id, *a.dianonimkan_pada)}});
        return e;
    }
    auto basis = PILAR_TRY(dasar_hukum(actor, anggota_id));
    e.dasar = basis.dasar;
    auto usulan = PILAR_TRY(m_verivali.usulan_about(actor, a.keluarga_id, anggota_id));
    std::vector<std::string> open;
    std::string last = a.updated_at;
    for (auto const& u : usulan) {
        if (!verivali::is_final(u.status)) open.push_back(fmt::format("{} ({})", u.id, verivali::status_name(u.status)));
        last = std::max(last, u.updated_at);
    }
    if (auto checked = PILAR_TRY(m_verivali.last_check(actor, a.keluarga_id))) last = std::max(last, *checked);
    if (!open.empty())
        e.hambatan.push_back({"usulan_berjalan", {fmt::format("Masih ada usulan yang berjalan tentang anggota atau keluarganya: {}", join(open, ", ")),
                                                  fmt::format("Proposals about the member or their household are still open: {}", join(open, ", "))}});
    if (basis.dasar == "tugas_publik" && a.status_keberadaan == "ada")
        e.hambatan.push_back({"masih_terdaftar",
                              {"Anggota masih terdaftar aktif (status keberadaan 'ada') dan diproses atas dasar tugas publik Dinas; "
                               "hapus hanya setelah ia meninggal, pindah atau tidak ditemukan",
                               "The member is still registered (presence 'ada') and processed under the office's public task; "
                               "erase only after they died, moved away or could not be found"}});
    e.aktivitas_terakhir = last;
    if (auto day = day_of(last)) {
        Date until = Date::from_days(day->days_since_epoch() + m_options.retensi_hari);
        e.boleh_sejak = until.iso();
        if (Date::today() < until)
            e.hambatan.push_back({"masa_retensi",
                                  {fmt::format("Masa retensi {} hari sejak verifikasi/perubahan terakhir ({}) belum lewat; boleh dihapus mulai {}",
                                               m_options.retensi_hari, last.substr(0, 10), until.iso()),
                                   fmt::format("The retention period of {} days since the last verification/change ({}) has not passed; "
                                               "erasure is possible from {}",
                                               m_options.retensi_hari, last.substr(0, 10), until.iso())}});
    }
    e.boleh = e.hambatan.empty();
    return e;
}

Result<HasilHapus> PrivacyService::hapus(Actor const& actor, std::int64_t anggota_id, std::int64_t expected_version,
                                         std::string_view alasan) {
    PILAR_TRY(require_office(actor));
    if (trim(alasan).size() < 3)
        return fail(invalid("alasan", "alasan penghapusan wajib diisi (misalnya nomor surat permintaan)",
                            "a reason for the erasure is required (e.g. the request's letter number)"));
    // The reason stays in the audit trail for good (erasure never redacts it): a short reference.
    if (alasan.size() > kMaxAlasan || !is_valid_utf8(alasan))
        return fail(invalid("alasan", fmt::format("alasan paling panjang {} byte UTF-8 (nomor surat, tanpa data pribadi)", kMaxAlasan),
                            fmt::format("alasan is at most {} bytes of UTF-8 (a letter number, no personal data)", kMaxAlasan)));
    // One transaction for everything: the registry, the proposals, the legal basis and the
    // audit trail are anonymised together or not at all; and the rules are judged under the
    // same write lock, so no proposal can open in between.
    auto batch = PILAR_TRY(db::Batch::begin(m_db));
    auto ev = PILAR_TRY(evaluasi_hapus(actor, anggota_id));
    if (!ev.boleh) {
        std::vector<std::string> id, en;
        for (auto const& h : ev.hambatan) {
            id.push_back(h.pesan.id);
            en.push_back(h.pesan.en);
        }
        return fail(Error(ErrorCode::Conflict, {"Data belum boleh dihapus: " + join(id, "; "),
                                                "The data may not be erased yet: " + join(en, "; ")})
                        .at_field("hambatan"));
    }
    auto a = PILAR_TRY(m_registry.anggota(actor, anggota_id));
    std::int64_t const up_to = PILAR_TRY(access::audit_head_seq(batch.connection()));
    HasilHapus out{.anggota_id = anggota_id};
    out.usulan_dianonimkan = PILAR_TRY(m_verivali.anonymise_usulan_of(actor, a.keluarga_id, anggota_id));
    auto anon = PILAR_TRY(m_registry.anonymise_anggota(actor, anggota_id, expected_version, alasan));
    out.dianonimkan_pada = anon.dianonimkan_pada.value_or("");
    {
        auto c = PILAR_TRY(m_db.acquire());  // the batch's connection
        auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
        PILAR_TRY(store::anonymise(*c, anggota_id));
        PILAR_TRY(tx.commit());
    }
    std::vector<std::pair<std::string, std::string>> records{{"anggota", std::to_string(anggota_id)}};
    for (auto id : out.usulan_dianonimkan) records.emplace_back("usulan", std::to_string(id));
    out.audit_diredaksi = PILAR_TRY(access::redact_audit(batch.connection(), actor, records, up_to,
                                                         fmt::format("hapus data pribadi anggota {}", anggota_id),
                                                         {a.kode_wilayah}));
    PILAR_TRY(batch.commit());
    return out;
}

}  // namespace pilar::privacy
