#include "wilayah/service.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <unordered_set>

#include "access/audit.hpp"
#include "core/clock.hpp"
#include "core/strings.hpp"
#include "wilayah/store.hpp"

namespace pilar::wilayah {
namespace {

constexpr std::string_view kAreaDataSource = "idn-area-data@4.0.1";
constexpr size_t kMaxNameBytes = 100;

Error not_found(std::string_view kode) {
    return Error(ErrorCode::NotFound,
                 {fmt::format("Wilayah {} tidak ditemukan", kode), fmt::format("Wilayah {} not found", kode)});
}

// The RW/RT an account manages lie inside its own area (an admin's kota): another kota sharing
// the database is as unknown as a missing code, so its existence does not leak either.
bool manages(Actor const& actor, WilayahCode const& code) { return actor.is_system() || actor.in_scope(code); }

Result<std::string> valid_name(std::string name) {
    std::string trimmed(trim(name));
    if (trimmed.empty())
        return fail(Error(ErrorCode::InvalidArgument, {"Nama wilayah wajib diisi", "The wilayah name is required"})
                        .at_field("nama"));
    bool control = std::any_of(trimmed.begin(), trimmed.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
    if (trimmed.size() > kMaxNameBytes || !is_valid_utf8(trimmed) || control)
        return fail(Error(ErrorCode::InvalidArgument,
                          {fmt::format("Nama wilayah harus satu baris teks UTF-8 paling panjang {} byte", kMaxNameBytes),
                           fmt::format("The wilayah name must be one line of UTF-8 text of at most {} bytes", kMaxNameBytes)})
                        .at_field("nama"));
    return trimmed;
}

std::string default_name(WilayahCode const& code) {
    auto digits = code.undotted();
    auto number = digits.substr(digits.size() - 3);
    return fmt::format("{} {}", code.tingkat() == Tingkat::Rw ? "RW" : "RT", number);
}

// The record as the audit trail shows it (the fields an admin can change, and its state).
boost::json::object wilayah_object(Wilayah const& w) {
    boost::json::object o{{"kode", w.kode}, {"nama", w.nama}, {"tingkat", tingkat_name(w.tingkat)},
                          {"aktif", w.active}, {"version", w.version}};
    o["induk"] = w.induk ? boost::json::value(*w.induk) : boost::json::value(nullptr);
    if (w.retired_reason) o["alasan_nonaktif"] = *w.retired_reason;
    return o;
}
std::string wilayah_json(Wilayah const& w) { return boost::json::serialize(wilayah_object(w)); }

}  // namespace

Result<Wilayah> WilayahService::get(std::string_view kode) {
    auto code = PILAR_TRY(WilayahCode::parse(kode));
    auto c = PILAR_TRY(m_db.acquire());
    auto w = PILAR_TRY(store::get(*c, code.dotted()));
    if (!w) return fail(not_found(code.dotted()));
    return *w;
}

Result<std::vector<Wilayah>> WilayahService::children(std::string_view kode, bool include_retired) {
    auto code = PILAR_TRY(WilayahCode::parse(kode));
    auto dotted = code.dotted();
    auto c = PILAR_TRY(m_db.acquire());
    auto items = PILAR_TRY(store::children(*c, dotted, include_retired));
    // An empty list is ambiguous (a leaf, or an unknown code): only then ask which it is.
    if (items.empty() && !PILAR_TRY(store::get(*c, dotted))) return fail(not_found(dotted));
    return items;
}

Result<std::vector<Wilayah>> WilayahService::at_level(Tingkat tingkat) {
    auto c = PILAR_TRY(m_db.acquire());
    return store::at_level(*c, tingkat);
}

Result<std::vector<Wilayah>> WilayahService::search(SearchQuery query) {
    if (trim(query.q).empty())
        return fail(Error(ErrorCode::InvalidArgument,
                          {"Isi kata kunci pencarian (nama atau awalan kode)", "Give a search term (name or code prefix)"})
                        .at_field("q"));
    if (query.q.size() > 100)
        return fail(Error(ErrorCode::InvalidArgument, {"Kata kunci terlalu panjang", "Search term too long"}).at_field("q"));
    if (query.limit < 1 || query.limit > 100)
        return fail(Error(ErrorCode::InvalidArgument, {"limit harus 1 sampai 100", "limit must be 1 to 100"}).at_field("limit"));
    if (query.under) query.under = PILAR_TRY(WilayahCode::parse(*query.under)).dotted();
    // A code typed without dots searches like its dotted form.
    auto t = std::string(trim(query.q));
    if (is_all_digits(t))
        if (auto code = WilayahCode::parse(t)) query.q = code->dotted();
    auto c = PILAR_TRY(m_db.acquire());
    return store::search(*c, query);
}

Result<LoadReport> WilayahService::load_from_area_data(Actor const& actor, std::string_view kode_input,
                                                       std::string const& data_dir) {
    auto code = PILAR_TRY(WilayahCode::parse(kode_input));
    if (code.tingkat() != Tingkat::Provinsi && code.tingkat() != Tingkat::Kota)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("Muat wilayah per kota/kabupaten (mis. 36.71) atau per provinsi (mis. 36), bukan {}",
                                 code.dotted()),
                     fmt::format("Load wilayah per kota/kabupaten (e.g. 36.71) or per provinsi (e.g. 36), not {}",
                                 code.dotted())});
    std::string const prefix = code.dotted();
    std::string const provinsi = prefix.substr(0, 2);
    std::vector<Wilayah> rows;
    std::string const now = utc_now_iso();

    // Reads one of idn-area-data's files (code,<parent>_code,name or code,name) keeping rows
    // whose code is `prefix` or below it.
    auto read = [&](std::string const& file, Tingkat tingkat, bool has_parent) -> Result<int> {
        std::string path = (std::filesystem::path(data_dir) / file).string();
        auto reader = PILAR_TRY(CsvReader::open(path));
        auto code_col = PILAR_TRY(reader.require_column("code"));
        auto name_col = PILAR_TRY(reader.require_column("name"));
        CsvRecord rec;
        int n = 0;
        while (PILAR_TRY(reader.next(rec))) {
            std::string_view k = rec[code_col];
            bool keep = tingkat == Tingkat::Provinsi ? k == provinsi : (k == prefix || k.starts_with(prefix + "."));
            if (!keep) continue;
            auto parsed = WilayahCode::parse(k);
            if (!parsed || parsed->tingkat() != tingkat)
                return fail(Error(ErrorCode::InvalidArgument,
                                  {fmt::format("Kode {} tidak sesuai tingkat {}", k, tingkat_name(tingkat)),
                                   fmt::format("Code {} does not match level {}", k, tingkat_name(tingkat))})
                                .at_file(path)
                                .at_row(rec.line())
                                .at_field("code"));
            Wilayah w;
            w.kode = parsed->dotted();
            w.nama = std::string(trim(rec[name_col]));
            w.tingkat = tingkat;
            if (has_parent) w.induk = parsed->parent()->dotted();
            if (tingkat == Tingkat::Kota) w.jenis = starts_with_ci(w.nama, "kabupaten") ? "kabupaten" : "kota";
            if (tingkat == Tingkat::Kelurahan)
                w.jenis = parsed->undotted()[6] == '2' ? "desa" : "kelurahan";
            w.source = std::string(kAreaDataSource);
            w.created_at = w.updated_at = now;
            rows.push_back(std::move(w));
            ++n;
        }
        return n;
    };
    LoadReport report;
    report.kode = prefix;
    report.provinsi = PILAR_TRY(read("provinces.csv", Tingkat::Provinsi, false));
    report.kota = PILAR_TRY(read("regencies.csv", Tingkat::Kota, true));
    if (report.provinsi == 0 || report.kota == 0)
        return fail(ErrorCode::NotFound,
                    {fmt::format("Kode {} tidak ada di idn-area-data ({})", prefix, data_dir),
                     fmt::format("Code {} is not in idn-area-data ({})", prefix, data_dir)});
    report.kecamatan = PILAR_TRY(read("districts.csv", Tingkat::Kecamatan, true));
    report.kelurahan = PILAR_TRY(read("villages.csv", Tingkat::Kelurahan, true));

    // Parents come before children in `rows` (file order), so foreign keys hold as we insert.
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    for (auto const& w : rows) {
        auto existing = PILAR_TRY(store::get(*c, w.kode));
        if (!existing) {
            PILAR_TRY(store::insert(*c, w));
            ++report.inserted;
        } else if (PILAR_TRY(store::refresh_from_source(*c, w))) {
            ++report.updated;
        } else {
            ++report.unchanged;
        }
    }
    // One summary entry per load that changed something (thousands of reference rows from a
    // public data set are not worth one entry each; a re-run that changes nothing writes nothing).
    if (report.inserted + report.updated > 0)
        PILAR_TRY(access::append_audit(
            *c, actor,
            {.action = "wilayah.load", .entity = "wilayah", .entity_id = prefix,
             .after_json = boost::json::serialize(boost::json::object{
                 {"sumber", kAreaDataSource}, {"provinsi", report.provinsi}, {"kota", report.kota},
                 {"kecamatan", report.kecamatan}, {"kelurahan", report.kelurahan}, {"baru", report.inserted},
                 {"diperbarui", report.updated}, {"tetap", report.unchanged}}),
             .detail = std::string(kAreaDataSource)}));
    PILAR_TRY(tx.commit());
    return report;
}

Result<WilayahCode> WilayahService::parse_managed(std::string_view kode) {
    auto code = PILAR_TRY(WilayahCode::parse(kode));
    if (code.tingkat() != Tingkat::Rw && code.tingkat() != Tingkat::Rt)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("Hanya RW dan RT yang dikelola di Pilar; {} adalah {} dari data Kemendagri",
                                 code.dotted(), tingkat_name(code.tingkat())),
                     fmt::format("Only RW and RT are managed in Pilar; {} is a {} from Kemendagri data", code.dotted(),
                                 tingkat_name(code.tingkat()))});
    return code;
}

Result<Wilayah> WilayahService::create_child(Actor const& actor, std::string_view induk, int nomor,
                                             std::optional<std::string> nama) {
    auto parent = PILAR_TRY(WilayahCode::parse(induk));
    Result<WilayahCode> code = parent.tingkat() == Tingkat::Kelurahan ? WilayahCode::rw(parent, nomor)
                               : parent.tingkat() == Tingkat::Rw
                                   ? WilayahCode::rt(parent, nomor)
                                   : Result<WilayahCode>(fail(
                                         ErrorCode::InvalidArgument,
                                         {"RW dibuat di bawah kelurahan/desa, RT di bawah RW",
                                          "An RW is created under a kelurahan/desa, an RT under an RW"}));
    if (!code) return fail(code.error().at_field("nomor"));
    if (!manages(actor, parent)) return fail(not_found(parent.dotted()));
    Wilayah w;
    w.kode = code->dotted();
    w.nama = nama ? PILAR_TRY(valid_name(*nama)) : default_name(*code);
    w.tingkat = code->tingkat();
    w.induk = parent.dotted();
    w.source = "pilar";
    w.created_at = w.updated_at = utc_now_iso();

    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto p = PILAR_TRY(store::get(*c, parent.dotted()));
    if (!p) return fail(not_found(parent.dotted()));
    if (!p->active)
        return fail(ErrorCode::Conflict, {fmt::format("Wilayah induk {} sudah tidak aktif", p->kode),
                                          fmt::format("The parent wilayah {} is retired", p->kode)});
    if (PILAR_TRY(store::get(*c, w.kode)))
        return fail(ErrorCode::AlreadyExists,
                    {fmt::format("{} sudah ada", w.kode), fmt::format("{} already exists", w.kode)});
    PILAR_TRY(store::insert(*c, w));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "wilayah.create", .entity = "wilayah", .entity_id = w.kode,
                                               .after_json = wilayah_json(w)}));
    PILAR_TRY(tx.commit());
    return w;
}

Result<Wilayah> WilayahService::rename(Actor const& actor, std::string_view kode, std::string nama, std::int64_t version) {
    auto code = PILAR_TRY(parse_managed(kode));
    if (!manages(actor, code)) return fail(not_found(code.dotted()));
    auto name = PILAR_TRY(valid_name(std::move(nama)));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto current = PILAR_TRY(store::get(*c, code.dotted()));
    if (!current) return fail(not_found(code.dotted()));
    if (!PILAR_TRY(store::rename(*c, code.dotted(), name, version, utc_now_iso())))
        return fail(ErrorCode::Conflict,
                    {fmt::format("{} sudah diubah orang lain (versi sekarang {}); muat ulang lalu coba lagi",
                                 code.dotted(), current->version),
                     fmt::format("{} was changed by someone else (current version {}); reload and try again",
                                 code.dotted(), current->version)});
    auto updated = PILAR_TRY(store::get(*c, code.dotted()));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "wilayah.rename", .entity = "wilayah",
                                               .entity_id = code.dotted(), .before_json = wilayah_json(*current),
                                               .after_json = wilayah_json(*updated)}));
    PILAR_TRY(tx.commit());
    return *updated;
}

Result<int> WilayahService::retire(Actor const& actor, std::string_view kode, std::string reason) {
    auto code = PILAR_TRY(parse_managed(kode));
    if (!manages(actor, code)) return fail(not_found(code.dotted()));
    std::string why(trim(reason));
    if (why.empty())
        return fail(Error(ErrorCode::InvalidArgument, {"Alasan penonaktifan wajib diisi", "A reason for retiring is required"})
                        .at_field("alasan"));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto current = PILAR_TRY(store::get(*c, code.dotted()));
    if (!current) return fail(not_found(code.dotted()));
    if (!current->active)
        return fail(ErrorCode::Conflict, {fmt::format("{} sudah tidak aktif", code.dotted()),
                                          fmt::format("{} is already retired", code.dotted())});
    // One entry for the subtree: the record itself before and after, and every code retired with it.
    auto codes = PILAR_TRY(store::active_subtree(*c, code.dotted()));
    int n = PILAR_TRY(store::retire_subtree(*c, code.dotted(), why, utc_now_iso()));
    auto updated = PILAR_TRY(store::get(*c, code.dotted()));
    auto after = wilayah_object(*updated);
    boost::json::array retired;
    for (auto const& k : codes) retired.emplace_back(k);
    after["dinonaktifkan"] = std::move(retired);
    PILAR_TRY(access::append_audit(*c, actor, {.action = "wilayah.retire", .entity = "wilayah",
                                               .entity_id = code.dotted(), .before_json = wilayah_json(*current),
                                               .after_json = boost::json::serialize(after),
                                               .detail = fmt::format("{} wilayah; {}", n, why)}));
    PILAR_TRY(tx.commit());
    return n;
}

Result<Wilayah> WilayahService::reactivate(Actor const& actor, std::string_view kode) {
    auto code = PILAR_TRY(parse_managed(kode));
    if (!manages(actor, code)) return fail(not_found(code.dotted()));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto current = PILAR_TRY(store::get(*c, code.dotted()));
    if (!current) return fail(not_found(code.dotted()));
    auto parent = PILAR_TRY(store::get(*c, *current->induk));
    if (!parent || !parent->active)
        return fail(ErrorCode::Conflict, {"Aktifkan dulu wilayah induknya", "Reactivate the parent wilayah first"});
    if (!PILAR_TRY(store::reactivate(*c, code.dotted(), utc_now_iso())))
        return fail(ErrorCode::Conflict, {fmt::format("{} masih aktif", code.dotted()),
                                          fmt::format("{} is still active", code.dotted())});
    auto updated = PILAR_TRY(store::get(*c, code.dotted()));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "wilayah.reactivate", .entity = "wilayah",
                                               .entity_id = code.dotted(), .before_json = wilayah_json(*current),
                                               .after_json = wilayah_json(*updated)}));
    PILAR_TRY(tx.commit());
    return *updated;
}

Result<ImportReport> WilayahService::import_csv(Actor const& actor, CsvReader& reader) {
    auto kode_col = PILAR_TRY(reader.require_column("kode"));
    auto nama_col = reader.column("nama");
    ImportReport report;
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    std::string const now = utc_now_iso();
    CsvRecord rec;
    std::unordered_set<std::string> seen;
    while (PILAR_TRY(reader.next(rec))) {
        ++report.rows;
        auto where = [&](Error e, std::string_view field) {
            return fail(std::move(e.at_file(reader.source_name()).at_row(rec.line()).at_field(std::string(field))));
        };
        // Each created or renamed row is its own audit entry (which record, before/after), named
        // by file and line; unchanged rows write nothing.
        auto import_detail = [&] { return fmt::format("impor / import {}:{}", reader.source_name(), rec.line()); };
        auto code = parse_managed(rec[kode_col]);
        if (!code) return where(code.error(), "kode");
        auto dotted = code->dotted();
        if (!manages(actor, *code)) return where(outside_area("kode", *code), "kode");
        if (!seen.insert(dotted).second)
            return where(Error(ErrorCode::InvalidArgument, {fmt::format("{} muncul dua kali di berkas", dotted),
                                                            fmt::format("{} appears twice in the file", dotted)}),
                         "kode");
        std::string nama;
        if (nama_col && !trim(rec[*nama_col]).empty()) {
            auto n = valid_name(std::string(rec[*nama_col]));
            if (!n) return where(n.error(), "nama");
            nama = *n;
        } else {
            nama = default_name(*code);
        }
        auto parent = code->parent()->dotted();
        auto p = PILAR_TRY(store::get(*c, parent));
        if (!p || !p->active)
            return where(Error(ErrorCode::InvalidArgument,
                               {fmt::format("Wilayah induk {} tidak ada atau tidak aktif (RW harus ditulis sebelum RT-nya)", parent),
                                fmt::format("Parent wilayah {} does not exist or is retired (list an RW before its RTs)", parent)}),
                         "kode");
        auto existing = PILAR_TRY(store::get(*c, dotted));
        if (!existing) {
            Wilayah w;
            w.kode = dotted;
            w.nama = nama;
            w.tingkat = code->tingkat();
            w.induk = parent;
            w.source = "import";
            w.created_at = w.updated_at = now;
            PILAR_TRY(store::insert(*c, w));
            PILAR_TRY(access::append_audit(*c, actor, {.action = "wilayah.create", .entity = "wilayah",
                                                       .entity_id = dotted, .after_json = wilayah_json(w),
                                                       .detail = import_detail()}));
            ++report.created;
        } else if (existing->nama != nama) {
            PILAR_TRY(store::rename(*c, dotted, nama, existing->version, now));
            auto updated = PILAR_TRY(store::get(*c, dotted));
            PILAR_TRY(access::append_audit(*c, actor, {.action = "wilayah.rename", .entity = "wilayah",
                                                       .entity_id = dotted, .before_json = wilayah_json(*existing),
                                                       .after_json = wilayah_json(*updated),
                                                       .detail = import_detail()}));
            ++report.renamed;
        } else {
            ++report.unchanged;
        }
    }
    PILAR_TRY(tx.commit());
    return report;
}

std::optional<std::string> WilayahService::find_area_data_dir(std::string const& executable_path) {
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    if (char const* env = std::getenv("PILAR_AREA_DATA"); env && *env) candidates.emplace_back(env);
    fs::path rel = fs::path("node_modules") / "idn-area-data" / "data";
    candidates.push_back(fs::current_path() / rel);
    std::error_code ec;
    fs::path exe = fs::weakly_canonical(executable_path, ec);
    // build/<preset>/apps/pilar/pilar -> the source tree four levels up; an installed binary
    // looks in ../share/pilar.
    for (fs::path p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
        candidates.push_back(p / rel);
        candidates.push_back(p / "share" / "pilar" / "idn-area-data");
    }
    for (auto const& c : candidates)
        if (fs::exists(c / "villages.csv", ec)) return c.string();
    return std::nullopt;
}

}  // namespace pilar::wilayah
