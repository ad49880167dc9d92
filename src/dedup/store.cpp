#include "dedup/store.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "core/strings.hpp"

namespace pilar::dedup::store {
namespace {

namespace json = boost::json;

std::string encode_reasons(std::vector<FieldReason> const& rs) {
    json::object o;
    for (auto const& r : rs) o[r.field] = json::object{{"tingkat", r.level}, {"bobot", r.weight}};
    return json::serialize(o);
}

std::vector<FieldReason> decode_reasons(std::string_view text) {
    std::vector<FieldReason> out;
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    if (ec || !v.is_object()) return out;
    for (auto const& [k, f] : v.as_object()) {
        if (!f.is_object()) continue;
        FieldReason r{.field = std::string(k)};
        if (auto const* t = f.as_object().if_contains("tingkat"); t && t->is_string()) r.level = std::string(t->as_string());
        if (auto const* w = f.as_object().if_contains("bobot"); w && w->is_number()) r.weight = w->to_number<double>();
        out.push_back(std::move(r));
    }
    return out;
}

std::string join_ids(std::vector<std::int64_t> const& ids) {
    std::string s;
    for (auto id : ids) s += (s.empty() ? "" : ";") + std::to_string(id);
    return s;
}

std::vector<std::int64_t> split_ids(std::optional<std::string> const& s) {
    std::vector<std::int64_t> out;
    if (!s) return out;
    for (auto part : split(*s, ';'))
        if (!part.empty() && is_all_digits(part) && part.size() < 19) out.push_back(std::stoll(std::string(part)));
    return out;
}

constexpr std::string_view kSelect =
    "SELECT id, anggota_a, anggota_b, skor, bobot, rincian_json, kode_wilayah_a, kode_wilayah_b, sumber, status, penyintas, "
    "ppks_dipindah, catatan, diputus_oleh, diputus_at, proses_id, created_at, updated_at, version FROM duplikat";

Pasangan read(db::StatementRef& s) {
    Pasangan p;
    p.id = s.integer(0);
    p.anggota_a = s.integer(1);
    p.anggota_b = s.integer(2);
    p.skor = s.real(3);
    p.bobot = s.real(4);
    p.rincian = decode_reasons(s.text(5));
    p.kode_wilayah_a = s.string(6);
    p.kode_wilayah_b = s.string(7);
    p.sumber = s.string(8);
    p.status = status_from_name(s.text(9)).value_or(Status::Menunggu);
    p.penyintas = s.opt_integer(10);
    p.ppks_dipindah = split_ids(s.opt_string(11));
    p.catatan = s.opt_string(12);
    p.diputus_oleh = s.opt_string(13);
    p.diputus_at = s.opt_string(14);
    p.proses_id = s.opt_integer(15);
    p.created_at = s.string(16);
    p.updated_at = s.string(17);
    p.version = s.integer(18);
    return p;
}

}  // namespace

Result<Upsert> upsert(db::Connection& c, Pasangan const& p) {
    auto existing = PILAR_TRY(c.query_value<std::string>("SELECT status FROM duplikat WHERE anggota_a = ? AND anggota_b = ?",
                                                         p.anggota_a, p.anggota_b));
    if (existing && *existing != "menunggu") return Upsert::AlreadyDecided;
    if (existing) {
        PILAR_TRY(c.execute("UPDATE duplikat SET skor = ?, bobot = ?, rincian_json = ?, kode_wilayah_a = ?, kode_wilayah_b = ?, "
                            "proses_id = COALESCE(?, proses_id), updated_at = ? "
                            "WHERE anggota_a = ? AND anggota_b = ? AND status = 'menunggu'",
                            p.skor, p.bobot, encode_reasons(p.rincian), p.kode_wilayah_a, p.kode_wilayah_b, p.proses_id,
                            p.updated_at, p.anggota_a, p.anggota_b));
        return Upsert::Refreshed;
    }
    PILAR_TRY(c.execute("INSERT INTO duplikat (anggota_a, anggota_b, skor, bobot, rincian_json, kode_wilayah_a, kode_wilayah_b, "
                        "sumber, status, proses_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'menunggu', ?, ?, ?)",
                        p.anggota_a, p.anggota_b, p.skor, p.bobot, encode_reasons(p.rincian), p.kode_wilayah_a,
                        p.kode_wilayah_b, p.sumber, p.proses_id, p.created_at, p.updated_at));
    return Upsert::Inserted;
}

Result<std::optional<Pasangan>> get(db::Connection& c, std::int64_t id) {
    auto s = PILAR_TRY(c.prepare(std::string(kSelect) + " WHERE id = ?"));
    PILAR_TRY(s.bind_all(id));
    if (!PILAR_TRY(s.step())) return std::optional<Pasangan>{};
    return std::optional<Pasangan>{read(s)};
}

Result<std::vector<Pasangan>> list(db::Connection& c, ListFilter const& f) {
    std::string sql(kSelect);
    std::vector<std::string> where;
    std::vector<std::string> text_args;
    auto in_ranges = [&](std::string_view col) {
        std::vector<std::string> ors;
        for (auto const& r : f.ranges) {
            ors.push_back(fmt::format("({0} >= ? AND {0} < ?)", col));
            text_args.push_back(r);
            text_args.push_back(r + "/");
        }
        where.push_back("(" + join(ors, " OR ") + ")");
    };
    if (!f.ranges.empty()) {
        in_ranges("kode_wilayah_a");
        in_ranges("kode_wilayah_b");
    }
    if (f.status) {
        where.push_back("status = ?");
        text_args.emplace_back(status_name(*f.status));
    }
    if (!where.empty()) sql += " WHERE " + join(where, " AND ");
    sql += std::string(where.empty() ? " WHERE " : " AND ") + "id > ?";
    if (f.anggota_id) sql += " AND (anggota_a = ? OR anggota_b = ?)";
    sql += " ORDER BY id LIMIT ?";
    auto s = PILAR_TRY(c.prepare(sql));
    int i = 0;
    for (auto const& a : text_args) PILAR_TRY(s.bind(++i, a));
    PILAR_TRY(s.bind(++i, f.after_id.value_or(0)));
    if (f.anggota_id) {
        PILAR_TRY(s.bind(++i, *f.anggota_id));
        PILAR_TRY(s.bind(++i, *f.anggota_id));
    }
    PILAR_TRY(s.bind(++i, f.limit));
    std::vector<Pasangan> out;
    while (PILAR_TRY(s.step())) out.push_back(read(s));
    return out;
}

Result<bool> decide(db::Connection& c, Pasangan const& p, std::int64_t expected_version) {
    auto n = PILAR_TRY(c.execute("UPDATE duplikat SET status = ?, penyintas = ?, ppks_dipindah = ?, catatan = ?, diputus_oleh = ?, "
                                 "diputus_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                                 status_name(p.status), p.penyintas,
                                 p.ppks_dipindah.empty() ? std::optional<std::string>{} : std::optional{join_ids(p.ppks_dipindah)},
                                 p.catatan, p.diputus_oleh, p.diputus_at, p.updated_at, p.id, expected_version));
    return n == 1;
}

Result<void> insert_proses(db::Connection& c, Proses const& p) {
    json::array capped;
    for (auto const& [key, size] : p.dibatasi) capped.push_back(json::object{{"kunci", key}, {"ukuran", size}});
    PILAR_TRY(c.execute("INSERT INTO duplikat_proses (id, kode_wilayah, orang, pasangan, baru, diperbarui, sudah_diputus, dibatasi_json, "
                        "detik, oleh, mulai, selesai) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        p.id, p.kode_wilayah, p.orang, p.pasangan, p.baru, p.diperbarui, p.sudah_diputus, json::serialize(capped),
                        p.detik, p.oleh, p.mulai, p.selesai));
    return {};
}

Result<std::optional<Proses>> last_proses(db::Connection& c) {
    auto s = PILAR_TRY(c.prepare("SELECT id, kode_wilayah, orang, pasangan, baru, diperbarui, sudah_diputus, dibatasi_json, detik, "
                                 "oleh, mulai, selesai FROM duplikat_proses ORDER BY id DESC LIMIT 1"));
    if (!PILAR_TRY(s.step())) return std::optional<Proses>{};
    Proses p{.id = s.integer(0), .kode_wilayah = s.string(1), .orang = s.integer(2), .pasangan = s.integer(3),
             .baru = s.integer(4), .diperbarui = s.integer(5), .sudah_diputus = s.integer(6)};
    boost::system::error_code ec;
    auto v = json::parse(s.text(7), ec);
    if (!ec && v.is_array())
        for (auto const& e : v.as_array())
            if (e.is_object() && e.as_object().contains("kunci"))
                p.dibatasi.emplace_back(std::string(e.as_object().at("kunci").as_string()), e.as_object().at("ukuran").to_number<std::int64_t>());
    p.detik = s.real(8);
    p.oleh = s.string(9);
    p.mulai = s.string(10);
    p.selesai = s.string(11);
    return std::optional<Proses>{std::move(p)};
}

}  // namespace pilar::dedup::store
