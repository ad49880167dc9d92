#include "dedup/service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "access/audit.hpp"
#include "core/clock.hpp"
#include "core/strings.hpp"
#include "dedup/store.hpp"
#include "linkage/linker.hpp"

namespace pilar::dedup {
namespace {

Error not_found(std::int64_t id) {
    return Error(ErrorCode::NotFound, {fmt::format("Pasangan duplikat {} tidak ditemukan", id),
                                       fmt::format("Duplicate pair {} not found", id)});
}

Error invalid(std::string field, Text t) { return Error(ErrorCode::InvalidArgument, std::move(t)).at_field(std::move(field)); }

Result<void> require_operator(Actor const& actor) {
    if (actor.is_system() || actor.role == Role::Operator) return {};
    return fail(ErrorCode::PermissionDenied, {"Hanya operator Dinas yang boleh menjalankan pemeriksaan duplikat",
                                              "Only the office's operators may run the duplicate check"});
}

Result<void> check_catatan(std::string const& catatan) {
    if (trim(catatan).size() < 3)
        return fail(invalid("catatan", {"catatan keputusan wajib diisi (minimal 3 karakter)",
                                        "a note on the decision is required (at least 3 characters)"}));
    if (catatan.size() > 1000)
        return fail(invalid("catatan", {"catatan paling panjang 1000 karakter", "the note may be at most 1000 characters"}));
    return {};
}

linkage::PersonInput input_of(registry::LinkageRecord const& r) {
    return {.nik = r.nik, .nama = r.nama, .jenis_kelamin = r.jenis_kelamin, .tempat_lahir = r.tempat_lahir,
            .tanggal_lahir = r.tanggal_lahir, .alamat = r.alamat, .rt = r.rt, .rw = r.rw, .kode_wilayah = r.kode_kelurahan};
}

std::vector<FieldReason> reasons(linkage::FsModel const& model, linkage::Pattern g) {
    std::vector<FieldReason> out;
    for (int f = 0; f < linkage::kFieldCount; ++f) {
        auto const field = static_cast<linkage::Field>(f);
        int const lvl = linkage::level(g, field);
        out.push_back({.field = std::string(linkage::field_name(field)), .level = std::string(linkage::level_name(field, lvl)),
                       .weight = lvl == 0 ? 0.0 : std::round(model.field_weight(g, field) * 100) / 100});
    }
    return out;
}

std::vector<std::string> scope_ranges(Actor const& actor) {
    std::vector<std::string> out;
    for (auto const& code : actor.scope) out.push_back(code.dotted());
    return out;
}

}  // namespace

std::string_view status_name(Status s) {
    switch (s) {
        case Status::Menunggu: return "menunggu";
        case Status::Digabung: return "digabung";
        case Status::BukanDuplikat: return "bukan_duplikat";
    }
    return "menunggu";
}

std::optional<Status> status_from_name(std::string_view s) {
    if (s == "menunggu") return Status::Menunggu;
    if (s == "digabung") return Status::Digabung;
    if (s == "bukan_duplikat") return Status::BukanDuplikat;
    return std::nullopt;
}

Result<Proses> DedupService::run(Actor const& actor, RunOptions const& options) {
    PILAR_TRY(require_operator(actor));
    // A region outside the caller's area is refused (403 at the field, like every write naming one):
    // no run is recorded under its name, no scan audited.
    if (options.kode_wilayah && !actor.is_system()) {
        auto code = WilayahCode::parse(*options.kode_wilayah);
        if (!code) return fail(Error(code.error()).at_field("kode_wilayah"));
        if (!actor.overlaps_scope(*code)) return fail(outside_area("kode_wilayah", *code));
    }
    auto const started = std::chrono::steady_clock::now();
    Proses proses{.kode_wilayah = options.kode_wilayah.value_or(""), .oleh = actor.username, .mulai = utc_now_iso()};

    std::vector<registry::LinkageRecord> records;
    PILAR_TRY(m_registry.scan_for_linkage(actor, options.kode_wilayah, [&](registry::LinkageRecord const& r) -> Result<void> {
        records.push_back(r);
        return {};
    }));
    proses.orang = static_cast<std::int64_t>(records.size());

    std::vector<linkage::PersonInput> inputs;
    inputs.reserve(records.size());
    for (auto const& r : records) inputs.push_back(input_of(r));
    linkage::Linker linker({.threads = std::max(1u, options.threads)});
    linker.add_batch(inputs);
    auto result = linker.run();
    auto const model = result.report.estimated ? result.report.fit.model : linkage::FsModel::initial();
    for (auto const& cb : result.report.capped)
        proses.dibatasi.emplace_back(std::string(linkage::block_key_name(cb.key)), static_cast<std::int64_t>(cb.size));

    auto const now = utc_now_iso();
    auto make = [&](std::uint32_t ra, std::uint32_t rb, linkage::Pattern g, double weight, double probability) {
        auto const* a = &records[ra];
        auto const* b = &records[rb];
        if (a->id > b->id) std::swap(a, b);
        return Pasangan{.anggota_a = a->id, .anggota_b = b->id, .skor = std::round(probability * 10000) / 10000,
                        .bobot = std::round(weight * 100) / 100, .rincian = reasons(model, g), .kode_wilayah_a = a->kode_wilayah,
                        .kode_wilayah_b = b->kode_wilayah, .sumber = "dedup", .created_at = now, .updated_at = now};
    };
    std::vector<Pasangan> pairs;
    for (auto const& sp : result.pairs) pairs.push_back(make(sp.row_a, sp.row_b, sp.pattern, sp.weight, sp.probability));
    // Rows identical in every field were folded into one person before blocking: each is a pair too.
    for (std::uint32_t row = 0; row < linker.rows(); ++row) {
        auto const person = linker.person_of_row(row);
        auto const first = linker.first_row(person);
        if (first == row) continue;
        auto const g = linkage::compare(linker.people(), person, person);
        pairs.push_back(make(first, row, g, model.weight(g), model.probability(g)));
    }
    proses.pasangan = static_cast<std::int64_t>(pairs.size());

    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto const next = PILAR_TRY(c->query_value<std::int64_t>("SELECT COALESCE(MAX(id), 0) + 1 FROM duplikat_proses"));
    proses.id = next.value_or(1);
    for (auto& p : pairs) {
        p.proses_id = proses.id;
        switch (PILAR_TRY(store::upsert(*c, p))) {
            case store::Upsert::Inserted: ++proses.baru; break;
            case store::Upsert::Refreshed: ++proses.diperbarui; break;
            case store::Upsert::AlreadyDecided: ++proses.sudah_diputus; break;
        }
    }
    proses.detik = std::round(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() * 100) / 100;
    proses.selesai = utc_now_iso();
    PILAR_TRY(store::insert_proses(*c, proses));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "duplikat.proses", .entity = "duplikat_proses",
                                               .entity_id = std::to_string(proses.id),
                                               .detail = fmt::format("wilayah {} orang {} pasangan {} baru {} diperbarui {} sudah_diputus {}",
                                                                     proses.kode_wilayah.empty() ? "*" : proses.kode_wilayah,
                                                                     proses.orang, proses.pasangan, proses.baru, proses.diperbarui,
                                                                     proses.sudah_diputus),
                                               .area = access::audit_area_of(options.kode_wilayah)}));
    PILAR_TRY(tx.commit());
    return proses;
}

Result<std::optional<Proses>> DedupService::last_run(Actor const& actor) {
    (void)actor;  // the run's counts hold no one's data; the policy table says who may ask
    auto c = PILAR_TRY(m_db.acquire());
    return store::last_proses(*c);
}

Result<PasanganLengkap> DedupService::complete(Actor const& actor, Pasangan p, registry::ReadOptions opts) {
    auto a = m_registry.anggota(actor, p.anggota_a, opts);
    if (!a) return fail(a.error().code == ErrorCode::NotFound ? not_found(p.id) : a.error());
    auto b = m_registry.anggota(actor, p.anggota_b, opts);
    if (!b) return fail(b.error().code == ErrorCode::NotFound ? not_found(p.id) : b.error());
    return PasanganLengkap{.pasangan = std::move(p), .a = std::move(*a), .b = std::move(*b)};
}

Result<Page> DedupService::list(Actor const& actor, ListQuery const& q) {
    if (q.limit < 1 || q.limit > 200) return fail(invalid("limit", {"limit harus 1 sampai 200", "limit must be 1 to 200"}));
    store::ListFilter f{.ranges = scope_ranges(actor), .status = q.status, .anggota_id = q.anggota_id, .after_id = q.after,
                        .limit = q.limit + 1};
    std::vector<Pasangan> rows;
    {
        auto c = PILAR_TRY(m_db.acquire());
        rows = PILAR_TRY(store::list(*c, f));
    }
    Page page;
    bool const more = static_cast<int>(rows.size()) > q.limit;
    if (more) rows.resize(static_cast<std::size_t>(q.limit));
    for (auto& p : rows) {
        auto full = complete(actor, p, {});
        if (!full) {
            if (full.error().code == ErrorCode::NotFound) continue;  // a member moved out of the caller's scope
            return fail(full.error());
        }
        page.items.push_back(std::move(*full));
    }
    if (more && !rows.empty()) page.next = rows.back().id;
    return page;
}

Result<PasanganLengkap> DedupService::get(Actor const& actor, std::int64_t id, registry::ReadOptions opts) {
    std::optional<Pasangan> p;
    {
        auto c = PILAR_TRY(m_db.acquire());
        p = PILAR_TRY(store::get(*c, id));
    }
    if (!p) return fail(not_found(id));
    return complete(actor, std::move(*p), opts);
}

Result<PasanganLengkap> DedupService::decide(Actor const& actor, std::int64_t id, DecisionInput const& in) {
    PILAR_TRY(check_catatan(in.catatan));
    auto current = PILAR_TRY(get(actor, id));  // scope: NotFound unless both members are visible
    auto p = current.pasangan;
    if (p.status != Status::Menunggu)
        return fail(Error(ErrorCode::Conflict, {fmt::format("Pasangan {} sudah diputus ({})", id, status_name(p.status)),
                                                fmt::format("Pair {} has already been decided ({})", id, status_name(p.status))})
                        .at_field("status"));
    if (in.version != p.version)
        return fail(Error(ErrorCode::Conflict, {fmt::format("Pasangan {} sudah diubah orang lain (versi {}); muat ulang", id, p.version),
                                                fmt::format("Pair {} was changed by someone else (version {}); reload", id, p.version)})
                        .at_field("version"));
    auto batch = PILAR_TRY(db::Batch::begin(m_db));
    if (in.keputusan == Keputusan::Gabung) {
        if (!in.penyintas || (*in.penyintas != p.anggota_a && *in.penyintas != p.anggota_b))
            return fail(invalid("penyintas", {"penyintas harus salah satu dari kedua anggota pasangan",
                                              "penyintas must be one of the pair's two members"}));
        auto const loser = *in.penyintas == p.anggota_a ? p.anggota_b : p.anggota_a;
        auto merged = PILAR_TRY(m_registry.merge_anggota(actor, loser, *in.penyintas, in.catatan));
        p.penyintas = in.penyintas;
        p.ppks_dipindah = merged.moved_ppks;
        p.status = Status::Digabung;
    } else {
        p.status = Status::BukanDuplikat;
    }
    p.catatan = std::string(trim(in.catatan));
    p.diputus_oleh = actor.username;
    p.diputus_at = p.updated_at = utc_now_iso();
    {
        auto c = PILAR_TRY(m_db.acquire());  // the batch's connection
        auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
        if (!PILAR_TRY(store::decide(*c, p, in.version)))
            return fail(ErrorCode::Conflict, {"Pasangan diubah bersamaan; muat ulang", "The pair changed meanwhile; reload"});
        PILAR_TRY(access::append_audit(
            *c, actor,
            {.action = p.status == Status::Digabung ? "duplikat.gabung" : "duplikat.bukan", .entity = "duplikat",
             .entity_id = std::to_string(id),
             .detail = p.status == Status::Digabung
                           ? fmt::format("anggota {} dan {}; penyintas {}; {}", p.anggota_a, p.anggota_b, *p.penyintas, *p.catatan)
                           : fmt::format("anggota {} dan {}; {}", p.anggota_a, p.anggota_b, *p.catatan)}));
        PILAR_TRY(tx.commit());
    }
    PILAR_TRY(batch.commit());
    return get(actor, id);
}

Result<PasanganLengkap> DedupService::undo(Actor const& actor, std::int64_t id, std::string const& catatan, std::int64_t version) {
    PILAR_TRY(check_catatan(catatan));
    auto current = PILAR_TRY(get(actor, id));
    auto p = current.pasangan;
    if (p.status == Status::Menunggu)
        return fail(Error(ErrorCode::Conflict, {fmt::format("Pasangan {} belum diputus; tidak ada yang dibatalkan", id),
                                                fmt::format("Pair {} has not been decided; nothing to undo", id)})
                        .at_field("status"));
    if (version != p.version)
        return fail(Error(ErrorCode::Conflict, {fmt::format("Pasangan {} sudah diubah orang lain (versi {}); muat ulang", id, p.version),
                                                fmt::format("Pair {} was changed by someone else (version {}); reload", id, p.version)})
                        .at_field("version"));
    auto const was = p.status;
    auto batch = PILAR_TRY(db::Batch::begin(m_db));
    if (was == Status::Digabung && p.penyintas) {
        auto const loser = *p.penyintas == p.anggota_a ? p.anggota_b : p.anggota_a;
        PILAR_TRY(m_registry.unmerge_anggota(actor, loser, p.ppks_dipindah, catatan));
    }
    p.status = Status::Menunggu;
    p.penyintas.reset();
    p.ppks_dipindah.clear();
    p.catatan = std::string(trim(catatan));
    p.diputus_oleh.reset();
    p.diputus_at.reset();
    p.updated_at = utc_now_iso();
    {
        auto c = PILAR_TRY(m_db.acquire());
        auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
        if (!PILAR_TRY(store::decide(*c, p, version)))
            return fail(ErrorCode::Conflict, {"Pasangan diubah bersamaan; muat ulang", "The pair changed meanwhile; reload"});
        PILAR_TRY(access::append_audit(*c, actor, {.action = "duplikat.batal", .entity = "duplikat", .entity_id = std::to_string(id),
                                                   .detail = fmt::format("batal {}; anggota {} dan {}; {}", status_name(was),
                                                                         p.anggota_a, p.anggota_b, *p.catatan)}));
        PILAR_TRY(tx.commit());
    }
    PILAR_TRY(batch.commit());
    return get(actor, id);
}

Result<std::vector<Kandidat>> DedupService::check(Actor const& actor, Probe const& probe) {
    std::vector<std::int64_t> ids;
    auto add = [&](search::IndexQuery q) -> Result<void> {
        q.nama = probe.nama;
        for (auto const& h : PILAR_TRY(m_search.find(actor, q))) ids.push_back(h.id);
        return {};
    };
    // Sex is no filter: it is mistyped too, and the model weighs it.
    if (probe.tanggal_lahir.size() >= 4 && is_all_digits(std::string_view(probe.tanggal_lahir).substr(0, 4)))
        PILAR_TRY(add({.tahun_lahir = std::stoi(probe.tanggal_lahir.substr(0, 4)), .toleransi_tahun = 1,
                       .tanggal_lahir = probe.tanggal_lahir, .limit = 30}));
    if (auto kel = search::region_range(probe.kode_kelurahan); kel && probe.kode_kelurahan.size() >= 13)
        PILAR_TRY(add({.wilayah = kel, .limit = 30}));
    PILAR_TRY(add({.limit = 30}));
    auto cands = PILAR_TRY(m_registry.linkage_candidates(actor, probe, ids));
    if (cands.empty()) return std::vector<Kandidat>{};
    linkage::PersonTable people;
    people.add(input_of(probe));
    for (auto const& r : cands) people.add(input_of(r));
    people.finish();
    // Few pairs: the domain priors, not a fit (linker.hpp, kMinPairsForEm).
    auto const model = linkage::FsModel::initial();
    linkage::LinkOptions const thresholds;
    struct Scored {
        std::size_t i;
        double p;
        linkage::Pattern g;
    };
    std::vector<Scored> scored;
    for (std::size_t i = 0; i < cands.size(); ++i) {
        auto const g = linkage::compare(people, 0, static_cast<std::uint32_t>(i + 1));
        auto const p = model.probability(g);
        if (p >= thresholds.review_probability) scored.push_back({i, p, g});
    }
    std::sort(scored.begin(), scored.end(), [](auto const& x, auto const& y) { return x.p > y.p; });
    if (scored.size() > 10) scored.resize(10);
    std::vector<Kandidat> out;
    for (auto const& s : scored) {
        auto a = m_registry.anggota(actor, cands[s.i].id);
        if (!a) continue;
        out.push_back({.anggota = std::move(*a), .skor = std::round(s.p * 10000) / 10000, .rincian = reasons(model, s.g)});
    }
    return out;
}

Result<std::vector<Kandidat>> DedupService::check_in_household(Actor const& actor, Probe probe,
                                                              std::optional<std::int64_t> keluarga_id) {
    if (keluarga_id) {
        auto k = PILAR_TRY(m_registry.keluarga(actor, *keluarga_id));
        probe.keluarga_id = k.id;
        probe.alamat = k.alamat;
        probe.rt = k.rt.value_or("");
        probe.rw = k.rw.value_or("");
        probe.kode_kelurahan = k.kode_kelurahan;
        probe.kode_wilayah = k.kode_wilayah;
    }
    return check(actor, probe);
}

Result<std::vector<Kandidat>> DedupService::check_in_area(Actor const& actor, Probe probe, std::string const& kode_wilayah,
                                                         std::string const& rt, std::string const& alamat) {
    if (!kode_wilayah.empty()) {
        auto code = WilayahCode::parse(kode_wilayah);
        if (!code) return fail(code.error().at_field("kode_wilayah"));
        if (code->dotted().size() < 13)
            return fail(invalid("kode_wilayah", {"kode_wilayah harus kode kelurahan, RW atau RT", "kode_wilayah must be a kelurahan, RW or RT code"}));
        if (!actor.is_system() && !actor.overlaps_scope(*code)) return fail(outside_area("kode_wilayah", *code));
        auto const dotted = code->dotted();
        probe.kode_kelurahan = dotted.substr(0, 13);
        probe.kode_wilayah = dotted;
        if (dotted.size() >= 17) probe.rw = dotted.substr(14, 3);
        if (dotted.size() >= 21) probe.rt = dotted.substr(18, 3);
    }
    if (!rt.empty()) probe.rt = rt;
    if (alamat.size() > 500) return fail(invalid("alamat", {"alamat terlalu panjang", "alamat is too long"}));
    probe.alamat = alamat;
    return check(actor, probe);
}

Result<int> DedupService::flag_new(Actor const& actor, std::int64_t anggota_id) {
    auto probe = PILAR_TRY(m_registry.linkage_record(actor, anggota_id));
    auto cands = PILAR_TRY(check(actor, probe));
    if (cands.empty()) return 0;
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    int queued = 0;
    auto const now = utc_now_iso();
    for (auto const& k : cands) {
        auto lo = std::min(anggota_id, k.anggota.id), hi = std::max(anggota_id, k.anggota.id);
        Pasangan p{.anggota_a = lo, .anggota_b = hi, .skor = k.skor, .rincian = k.rincian,
                   .kode_wilayah_a = lo == anggota_id ? probe.kode_wilayah : k.anggota.kode_wilayah,
                   .kode_wilayah_b = hi == anggota_id ? probe.kode_wilayah : k.anggota.kode_wilayah,
                   .sumber = "entri", .created_at = now, .updated_at = now};
        for (auto const& r : k.rincian) p.bobot += r.weight;
        if (PILAR_TRY(store::upsert(*c, p)) == store::Upsert::Inserted) ++queued;
    }
    if (queued)
        PILAR_TRY(access::append_audit(*c, actor, {.action = "duplikat.tandai", .entity = "anggota",
                                                   .entity_id = std::to_string(anggota_id),
                                                   .detail = fmt::format("{} kemungkinan duplikat masuk antrean", queued)}));
    PILAR_TRY(tx.commit());
    return queued;
}

}  // namespace pilar::dedup
