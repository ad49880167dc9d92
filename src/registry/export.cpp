#include "registry/export.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "access/audit.hpp"
#include "core/strings.hpp"
#include "db/shared_read.hpp"
#include "registry/export_pipeline.hpp"
#include "registry/rules.hpp"
#include "registry/seal.hpp"
#include "registry/store.hpp"

namespace pilar::registry {
namespace {

constexpr std::array<std::string_view, 8> kBnbaTitles = {"No",      "Nama",  "NIK",       "No. KK",
                                                         "Alamat",  "RT/RW", "Kelurahan", "PPKS/Desil"};
constexpr std::array<std::string_view, 12> kBulan = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                                                     "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
constexpr std::size_t kKCols = static_cast<std::size_t>(KCol::Count);
constexpr std::size_t kACols = static_cast<std::size_t>(ACol::Count);

std::string long_date(Date d) { return fmt::format("{} {} {}", d.day(), kBulan[static_cast<std::size_t>(d.month() - 1)], d.year()); }

Error invalid(std::string_view field, Text t) { return Error(ErrorCode::InvalidArgument, std::move(t)).at_field(std::string(field)); }

// "KOTA TANGERANG" -> "Tangerang": the place line of a signature block.
std::string place_name(std::string_view nama) {
    std::string s(trim(nama));
    for (std::string_view prefix : {"KOTA ", "Kota ", "KABUPATEN ", "Kabupaten "})
        if (s.starts_with(prefix)) s.erase(0, prefix.size());
    bool start = true;
    for (auto& c : s) {
        if (c >= 'A' && c <= 'Z' && !start) c = static_cast<char>(c - 'A' + 'a');
        start = c == ' ' || c == '-';
    }
    return s;
}

// The filter as the audit entry and the file name show it; no identity number in clear.
std::string describe_filter(ListQuery const& q) {
    std::vector<std::string> parts;
    if (q.kode_wilayah) parts.push_back("kode_wilayah=" + *q.kode_wilayah);
    if (q.no_kk) parts.push_back("no_kk=" + mask16(*q.no_kk));
    if (q.nik) parts.push_back("nik=" + mask16(*q.nik));
    if (q.nama) parts.push_back("nama=" + std::string(excerpt_for_message(*q.nama, 40)));
    if (q.ppks) parts.push_back(fmt::format("ppks={}", *q.ppks));
    if (q.keluarga_id) parts.push_back(fmt::format("keluarga_id={}", *q.keluarga_id));
    if (q.status_keberadaan) parts.push_back("status_keberadaan=" + *q.status_keberadaan);
    if (q.status_padan) parts.push_back("status_padan=" + *q.status_padan);
    if (q.desil_min) parts.push_back(fmt::format("desil_min={}", *q.desil_min));
    if (q.desil_max) parts.push_back(fmt::format("desil_max={}", *q.desil_max));
    return parts.empty() ? std::string("-") : join(parts, " ");
}

}  // namespace

std::string_view export_kind_name(ExportKind k) {
    switch (k) {
    case ExportKind::Keluarga: return "keluarga";
    case ExportKind::Anggota: return "anggota";
    case ExportKind::Bnba: return "bnba";
    }
    return "anggota";
}

std::optional<ExportKind> export_kind_from_name(std::string_view name) {
    for (auto k : {ExportKind::Keluarga, ExportKind::Anggota, ExportKind::Bnba})
        if (export_kind_name(k) == name) return k;
    return std::nullopt;
}

std::string_view export_format_name(ExportFormat f) {
    switch (f) {
    case ExportFormat::Csv: return "csv";
    case ExportFormat::Xlsx: return "xlsx";
    case ExportFormat::Pdf: return "pdf";
    }
    return "csv";
}

std::optional<ExportFormat> export_format_from_name(std::string_view name) {
    for (auto f : {ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::Pdf})
        if (export_format_name(f) == name) return f;
    return std::nullopt;
}

class ExportService::Sink {
public:
    virtual ~Sink() = default;
    virtual Result<void> row(std::span<std::string_view const> cells) = 0;
};

namespace {

class CsvSink final : public ExportService::Sink {
public:
    explicit CsvSink(CsvWriter& w) : m_w(w) {}
    Result<void> row(std::span<std::string_view const> cells) override { return m_w.write_row(cells); }

private:
    CsvWriter& m_w;
};

class XlsxSink final : public ExportService::Sink {
public:
    explicit XlsxSink(XlsxWriter& w) : m_w(w) {}
    Result<void> row(std::span<std::string_view const> cells) override { return m_w.write_row(cells); }

private:
    XlsxWriter& m_w;
};

class PdfSink final : public ExportService::Sink {
public:
    explicit PdfSink(PdfReport& r) : m_r(r) {}
    Result<void> row(std::span<std::string_view const> cells) override {
        if (m_r.rows_written() >= kPdfMaxRows)
            return fail(ErrorCode::ResourceExhausted,
                        {fmt::format("Daftar PDF paling banyak {} baris; persempit dengan kode_wilayah (per kelurahan atau RW) "
                                     "atau ekspor ke XLSX",
                                     kPdfMaxRows),
                         fmt::format("A PDF list holds at most {} rows; narrow it by kode_wilayah (per kelurahan or RW) or "
                                     "export to XLSX",
                                     kPdfMaxRows)});
        return m_r.add_row(cells);
    }

private:
    PdfReport& m_r;
};

}  // namespace

struct ExportService::Plan {
    ExportQuery query;
    ExportFormat format = ExportFormat::Csv;
    std::optional<store::ListFilter> filter;  // nullopt: nothing in scope matches
    bool unmask = false;
    // BNBA PDF only
    std::string region;                 // "RW 001, Kelurahan Sukasari, Kecamatan Tangerang, Kota Tangerang"
    std::optional<std::string> lurah;   // the kelurahan's name when the list is of one kelurahan or below
    std::string place;                  // "Tangerang"
    Date today;
};

std::vector<std::string> ExportService::header(ExportKind kind) {
    std::vector<std::string> out;
    if (kind == ExportKind::Bnba) {
        for (auto t : kBnbaTitles) out.emplace_back(t);
        return out;
    }
    auto cols = kind == ExportKind::Keluarga ? keluarga_columns() : anggota_columns();
    for (auto const& c : cols) out.emplace_back(c.name);
    return out;
}

Result<ExportService::Plan> ExportService::plan(Actor const& actor, ExportQuery const& query, ExportFormat format,
                                                Date today) {
    Plan p;
    p.query = query;
    p.format = format;
    p.today = today;
    if (format == ExportFormat::Pdf && query.kind != ExportKind::Bnba)
        return fail(invalid("format", {"PDF hanya untuk daftar BNBA; keluarga dan anggota diekspor ke CSV atau XLSX",
                                       "PDF is for BNBA lists only; export keluarga and anggota as CSV or XLSX"}));
    if (query.unmask && !(RegistryService::may_unmask(actor) && RegistryService::may_see_special(actor)))
        return fail(ErrorCode::PermissionDenied,
                    {"Peran Anda hanya boleh mengekspor data tersamar (NIK/No. KK disamarkan, tanpa data khusus)",
                     "Your role may export masked data only (NIK/No. KK masked, no special data)"});
    p.unmask = query.unmask;
    auto const& q = query.filter;
    if (query.kind == ExportKind::Keluarga) {
        for (auto [set, name] : {std::pair{q.nik.has_value(), "nik"}, {q.nama.has_value(), "nama"},
                                 {q.ppks.has_value(), "ppks"}, {q.keluarga_id.has_value(), "keluarga_id"},
                                 {q.status_keberadaan.has_value(), "status_keberadaan"},
                                 {q.status_padan.has_value(), "status_padan"}})
            if (set)
                return fail(invalid(name, {fmt::format("Saringan {} berlaku untuk ekspor anggota dan bnba, bukan keluarga", name),
                                           fmt::format("The {} filter applies to anggota and bnba exports, not keluarga", name)}));
        p.filter = PILAR_TRY(keluarga_filter(actor, q, m_keyring));
    } else {
        auto c = PILAR_TRY(m_db.acquire());
        p.filter = PILAR_TRY(anggota_filter(actor, q, m_keyring, *c));
    }
    if (query.kind == ExportKind::Bnba && p.filter) {
        if (!q.ppks) p.filter->hubungan = "kepala_keluarga";
        if (!q.status_keberadaan) p.filter->status_keberadaan = "ada";
    }
    if (format == ExportFormat::Pdf) {
        p.region = PILAR_TRY(region_title(q.kode_wilayah, actor));
        std::optional<WilayahCode> code;
        if (q.kode_wilayah) code = WilayahCode::parse(*q.kode_wilayah).value();
        else if (actor.scope.size() == 1) code = actor.scope.front();
        // Walk up from the list's region: the kelurahan signs (its lurah), the kota names the place.
        for (auto at = code; at; at = at->parent()) {
            if (at->tingkat() == Tingkat::Kelurahan) p.lurah = PILAR_TRY(kelurahan_name(at->dotted()));
            if (at->tingkat() == Tingkat::Kota)
                if (auto kota = m_wilayah.get(at->dotted())) p.place = place_name(kota->nama);
        }
    }
    return p;
}

Result<std::string> ExportService::kelurahan_name(std::string const& kode) {
    auto w = m_wilayah.get(kode);
    if (w) return w->nama;
    if (w.error().code == ErrorCode::NotFound) return kode;
    return fail(w.error());
}

Result<std::string> ExportService::region_title(std::optional<std::string> const& kode, Actor const& actor) {
    std::optional<std::string> at = kode;
    if (!at && actor.scope.size() == 1) at = actor.scope.front().dotted();
    if (!at) return std::string("Semua wilayah");
    std::vector<std::string> parts;
    while (at) {
        auto w = m_wilayah.get(*at);
        if (!w) break;
        if (w->tingkat == Tingkat::Provinsi) break;
        switch (w->tingkat) {
        case Tingkat::Kecamatan: parts.push_back("Kecamatan " + w->nama); break;
        case Tingkat::Kelurahan: parts.push_back((w->jenis == "desa" ? "Desa " : "Kelurahan ") + w->nama); break;
        default: parts.push_back(w->nama);
        }
        at = w->induk;
    }
    if (parts.empty()) return *kode;
    return join(parts, ", ");
}

namespace {

// The cells a reader hands over for a BNBA row; the writer numbers the rows and names the
// kelurahan (both need the rows in order, or the wilayah service).
enum class BnbaRaw : std::size_t { Nama, Nik, NoKk, Alamat, Rt, Rw, Kelurahan, Ppks, Desil, Count };
constexpr std::size_t kBnbaRaw = static_cast<std::size_t>(BnbaRaw::Count);

// A reader's buffers: decrypted values live here while their row is copied into a batch.
struct ReaderBuffers {
    std::string nik, kk, penyakit, dis_jenis, dis_tingkat;
    // Decrypted No. KK per household, for the kelurahan being scanned: members come in their
    // household's kode_wilayah order, so the cache is dropped when the scan moves on.
    std::unordered_map<std::int64_t, std::string> kk_cache;
    std::string cache_region;
};

// The slices between the cut points (store::slice_points), covering every key: the first is
// open below, the last above.
std::vector<store::WilayahSlice> cut_slices(std::vector<std::string> const& points) {
    std::vector<store::WilayahSlice> out(1);
    for (std::size_t i = 1; i < points.size(); ++i) {
        out.back().to = points[i];
        out.push_back({.from = points[i], .to = std::nullopt});
    }
    return out;
}

int reader_count(ExportOptions const& options) {
    if (options.readers > 0) return options.readers;
    unsigned const cores = std::thread::hardware_concurrency();
    return cores >= 2 ? 2 : 1;
}

}  // namespace

Result<int> ExportService::read_rows(Plan const& plan, ExportOptions const& options,
                                     std::function<Result<void>(std::span<std::string_view const>)> const& write) {
    auto const& filter = *plan.filter;
    bool const keluarga = plan.query.kind == ExportKind::Keluarga, bnba = plan.query.kind == ExportKind::Bnba;
    auto const table = keluarga ? store::ScanTable::Keluarga : store::ScanTable::Anggota;
    std::size_t const width = keluarga ? kKCols : bnba ? kBnbaRaw : kACols;

    // Connections, all reading one snapshot (db/shared_read.hpp): one per reader thread. More
    // than one only when the pool has them free (and one more to hold the lock a moment), so an
    // export never waits for connections that requests are using.
    std::vector<db::PooledConnection> conns;
    conns.push_back(PILAR_TRY(m_db.acquire()));
    int wanted = store::sliceable(filter) ? reader_count(options) : 1;
    if (wanted > 1) {
        auto const pool = m_db.pool_stats();
        wanted = std::max(1, std::min(wanted, pool.max_size - pool.in_use));  // in_use counts conns[0]
    }
    for (int i = 1; i < wanted; ++i) {
        auto c = m_db.acquire();
        if (!c) break;  // a busy pool: fewer readers
        conns.push_back(std::move(*c));
    }
    std::vector<db::Connection*> raw;
    for (auto& c : conns) raw.push_back(&*c);
    auto txs = db::begin_shared_read(m_db, raw);
    if (!txs && conns.size() > 1) {
        while (conns.size() > 1) conns.pop_back();
        raw.resize(1);
        txs = db::begin_shared_read(m_db, raw);
    }
    if (!txs) return fail(txs.error());

    // What the scan needs before it starts, read in two threads when there are two connections:
    // the members' PPKS numbers (in the snapshot) and where the slices are cut.
    store::OpenPpks ppks;
    std::vector<store::WilayahSlice> slices(1);
    {
        Result<void> ppks_read;
        auto read_ppks = [&] {
            if (keluarga) return;
            auto p = store::read_open_ppks(*conns[0]);
            if (p) ppks = std::move(*p);
            else ppks_read = fail(p.error());
        };
        if (conns.size() > 1) {
            std::thread t(read_ppks);
            auto points = store::slice_points(*conns[1], table, filter);
            t.join();
            if (!points) return fail(points.error());
            slices = cut_slices(*points);
        } else {
            read_ppks();
        }
        if (!ppks_read) return fail(ppks_read.error());
    }
    std::size_t const readers = std::min(conns.size(), slices.size());

    // Reader threads: each claims the next slice and turns its rows into batches of cells.
    OrderedBatches queue(slices.size(), {.window = readers + 1, .depth = 4});
    std::size_t const batch_rows = std::max<std::size_t>(1, options.batch_rows);
    auto const sealed = plan.unmask ? store::ScanSealed::Read : store::ScanSealed::Skip;
    auto read_slice = [&](db::Connection& c, ReaderBuffers& buf, std::size_t s) -> Result<void> {
        RowBatch batch = queue.blank(width);
        bool stopped = false;
        auto emit = [&](std::span<std::string_view const> cells) -> Result<void> {
            batch.add(cells);
            if (batch.rows() < batch_rows) return {};
            if (!queue.push(s, std::move(batch))) {
                stopped = true;
                return fail(ErrorCode::Unavailable, {"Ekspor dihentikan", "The export was stopped"});
            }
            batch = queue.blank(width);
            return {};
        };
        Result<std::int64_t> scanned = 0;
        if (keluarga) {
            std::array<std::string_view, kKCols> cells;
            scanned = store::scan_keluarga(c, filter, slices[s], sealed, [&](store::KeluargaScanRow const& r) -> Result<void> {
                cells = r.rec;
                if (plan.unmask) {
                    buf.kk = PILAR_TRY(m_keyring.decrypt(r.no_kk_enc, seal_where("keluarga", "no_kk", r.id)));
                    cells[static_cast<std::size_t>(KCol::NoKk)] = buf.kk;
                } else {
                    cells[static_cast<std::size_t>(KCol::NoKk)] = r.no_kk_mask;
                }
                return emit(cells);
            });
        } else {
            std::array<std::string_view, kACols> cells;
            std::array<std::string_view, kBnbaRaw> raw_cells;
            scanned = store::scan_anggota(c, filter, slices[s], ppks, sealed, bnba ? store::ScanAddress::Read : store::ScanAddress::Skip,
                                          [&](store::AnggotaScanRow const& r) -> Result<void> {
                std::string_view nik_out = r.nik_mask, kk_out = r.no_kk_mask;
                if (plan.unmask) {
                    if (!r.nik_enc.empty()) {
                        buf.nik = PILAR_TRY(m_keyring.decrypt(r.nik_enc, seal_where("anggota", "nik", r.id)));
                        nik_out = buf.nik;
                    }
                    if (buf.cache_region != r.kode_kelurahan) {
                        buf.kk_cache.clear();
                        buf.cache_region.assign(r.kode_kelurahan);
                    }
                    auto it = buf.kk_cache.find(r.keluarga_id);
                    if (it == buf.kk_cache.end())
                        it = buf.kk_cache
                                 .emplace(r.keluarga_id, PILAR_TRY(m_keyring.decrypt(r.no_kk_enc, seal_where("keluarga", "no_kk",
                                                                                                           r.keluarga_id))))
                                 .first;
                    kk_out = it->second;
                }
                if (bnba) {
                    auto at = [&](BnbaRaw k) -> std::string_view& { return raw_cells[static_cast<std::size_t>(k)]; };
                    at(BnbaRaw::Nama) = r.rec[static_cast<std::size_t>(ACol::Nama)];
                    at(BnbaRaw::Nik) = nik_out;
                    at(BnbaRaw::NoKk) = kk_out;
                    at(BnbaRaw::Alamat) = r.alamat;
                    at(BnbaRaw::Rt) = r.rt;
                    at(BnbaRaw::Rw) = r.rw;
                    at(BnbaRaw::Kelurahan) = r.kode_kelurahan;
                    at(BnbaRaw::Ppks) = r.rec[static_cast<std::size_t>(ACol::Ppks)];
                    at(BnbaRaw::Desil) = r.desil;
                    return emit(raw_cells);
                }
                cells = r.rec;
                cells[static_cast<std::size_t>(ACol::Nik)] = nik_out;
                cells[static_cast<std::size_t>(ACol::NoKk)] = kk_out;
                if (plan.unmask) {
                    if (!r.disabilitas_enc.empty()) {
                        auto d = PILAR_TRY(m_keyring.decrypt(r.disabilitas_enc, seal_where("anggota", "disabilitas", r.id)));
                        split_disabilitas(d, buf.dis_jenis, buf.dis_tingkat);
                        cells[static_cast<std::size_t>(ACol::DisabilitasJenis)] = buf.dis_jenis;
                        cells[static_cast<std::size_t>(ACol::DisabilitasTingkat)] = buf.dis_tingkat;
                    }
                    if (!r.penyakit_kronis_enc.empty()) {
                        buf.penyakit =
                            PILAR_TRY(m_keyring.decrypt(r.penyakit_kronis_enc, seal_where("anggota", "penyakit_kronis", r.id)));
                        cells[static_cast<std::size_t>(ACol::PenyakitKronis)] = buf.penyakit;
                    }
                }
                return emit(cells);
            });
        }
        if (stopped) return {};
        if (!scanned) {
            queue.done(s, scanned.error());
            return fail(scanned.error());
        }
        if (batch.rows() > 0 && !queue.push(s, std::move(batch))) return {};
        queue.done(s, std::nullopt);
        return {};
    };
    auto reader = [&](std::size_t r) {
        ReaderBuffers buf;
        while (auto s = queue.claim())
            if (!read_slice(*conns[r], buf, *s)) break;  // the writer meets the error at that slice
    };
    {
        std::vector<std::thread> threads;
        // However this block is left, the readers stop and are joined before their connections go.
        struct Join {
            OrderedBatches& queue;
            std::vector<std::thread>& threads;
            ~Join() {
                queue.cancel();
                for (auto& t : threads) t.join();
            }
        } join{queue, threads};
        for (std::size_t r = 0; r < readers; ++r) threads.emplace_back(reader, r);

        // This thread writes, in slice order.
        RowBatch batch;
        std::array<std::string_view, std::max(kKCols, kACols)> cells;
        std::span<std::string_view> row(cells.data(), width);
        while (PILAR_TRY(queue.pop(batch))) {
            for (std::size_t i = 0, n = batch.rows(); i < n; ++i) {
                batch.row(i, row);
                PILAR_TRY(write(row));
            }
            queue.recycle(std::move(batch));
        }
    }
    for (auto& tx : *txs) PILAR_TRY(tx.commit());
    return static_cast<int>(readers);
}

Result<ExportReport> ExportService::run(Actor const& actor, Plan const& plan, Sink& sink, ExportOptions const& options) {
    ExportReport report{.kind = plan.query.kind, .format = plan.format, .masked = !plan.unmask};
    if (plan.filter) {
        auto tick = [&] {
            ++report.rows;
            if (options.progress && report.rows % kProgressEvery == 0) options.progress(report.rows);
        };
        if (plan.query.kind == ExportKind::Bnba) {
            std::unordered_map<std::string, std::string> kelurahan;  // code -> name
            std::array<std::string_view, kBnbaTitles.size()> bnba;
            std::string number, rtrw, ppks_desil;
            auto read = read_rows(plan, options, [&](std::span<std::string_view const> r) -> Result<void> {
                auto at = [&](BnbaRaw k) { return r[static_cast<std::size_t>(k)]; };
                number = std::to_string(report.rows + 1);
                auto const rt = at(BnbaRaw::Rt), rw = at(BnbaRaw::Rw);
                rtrw = rt.empty() && rw.empty() ? std::string() : fmt::format("{}/{}", rt.empty() ? "-" : rt, rw);
                std::string const kode(at(BnbaRaw::Kelurahan));
                auto kel = kelurahan.find(kode);
                if (kel == kelurahan.end()) kel = kelurahan.emplace(kode, PILAR_TRY(kelurahan_name(kode))).first;
                auto const ppks = at(BnbaRaw::Ppks), desil = at(BnbaRaw::Desil);
                ppks_desil = fmt::format("{} / {}", ppks.empty() ? "-" : ppks, desil.empty() ? "-" : desil);
                bnba = {number, at(BnbaRaw::Nama), at(BnbaRaw::Nik), at(BnbaRaw::NoKk), at(BnbaRaw::Alamat), rtrw, kel->second,
                        ppks_desil};
                PILAR_TRY(sink.row(bnba));
                tick();
                return {};
            });
            if (!read) return fail(read.error());
            report.readers = *read;
        } else {
            auto read = read_rows(plan, options, [&](std::span<std::string_view const> cells) -> Result<void> {
                PILAR_TRY(sink.row(cells));
                tick();
                return {};
            });
            if (!read) return fail(read.error());
            report.readers = *read;
        }
    }
    if (options.progress) options.progress(report.rows);
    // The one audit entry of the export, after the last row so it holds the count.
    auto c = PILAR_TRY(m_db.acquire());
    auto wtx = PILAR_TRY(c->begin(db::TxMode::Write));
    PILAR_TRY(access::append_audit(
        *c, actor,
        {.action = "registry.export", .entity = "registry", .entity_id = std::string(export_kind_name(plan.query.kind)),
         .detail = fmt::format("jenis={} format={} tersamar={} baris={} saringan: {}", export_kind_name(plan.query.kind),
                               export_format_name(plan.format), plan.unmask ? "tidak" : "ya", report.rows,
                               describe_filter(plan.query.filter)),
         .area = access::audit_area_of(plan.query.filter.kode_wilayah)}));  // a console export without one: all
    PILAR_TRY(wtx.commit());
    return report;
}

Result<ExportReport> ExportService::write_csv(Actor const& actor, ExportQuery const& query, CsvWriter& out,
                                              ExportOptions const& options) {
    auto p = PILAR_TRY(plan(actor, query, ExportFormat::Csv, options.today));
    PILAR_TRY(out.write_row(header(query.kind)));
    CsvSink sink(out);
    return run(actor, p, sink, options);
}

Result<ExportReport> ExportService::write_file(Actor const& actor, ExportQuery const& query, ExportFormat format,
                                               std::string const& path, ExportOptions const& options, CsvBom bom) {
    auto p = PILAR_TRY(plan(actor, query, format, options.today));
    auto attempt = [&]() -> Result<ExportReport> {
        auto const head = header(query.kind);
        switch (format) {
        case ExportFormat::Csv: {
            auto w = PILAR_TRY(CsvWriter::create_file(path, {.bom = bom}));
            PILAR_TRY(w.write_row(head));
            CsvSink sink(w);
            auto r = PILAR_TRY(run(actor, p, sink, options));
            PILAR_TRY(w.finish());
            return r;
        }
        case ExportFormat::Xlsx: {
            XlsxWriterOptions xo = options.xlsx;
            if (xo.column_widths.empty() && query.kind == ExportKind::Bnba) xo.column_widths = {6, 28, 19, 19, 36, 9, 20, 12};
            auto w = PILAR_TRY(XlsxWriter::create(path, head, xo));
            XlsxSink sink(w);
            auto r = PILAR_TRY(run(actor, p, sink, options));
            PILAR_TRY(w.finish());
            r.sheets = w.sheet_count();
            return r;
        }
        case ExportFormat::Pdf: {
            std::vector<std::string> subtitle = {p.region, fmt::format("Keadaan per {}", long_date(p.today))};
            if (query.filter.ppks) subtitle.push_back(fmt::format("Penerima: PPKS kategori {} (per orang)", *query.filter.ppks));
            else subtitle.push_back("Penerima: keluarga, atas nama kepala keluarga");
            if (!p.unmask) subtitle.push_back("NIK dan No. KK disamarkan");
            std::string const dots = "(..............................)";
            auto report = PILAR_TRY(PdfReport::create({
                .title = "Daftar Nama dan Alamat (BNBA)",
                .subtitle_lines = std::move(subtitle),
                .columns = {{"No", 0.6, PdfAlign::Right}, {"Nama", 4}, {"NIK", 3}, {"No. KK", 3}, {"Alamat", 5},
                            {"RT/RW", 1.2, PdfAlign::Center}, {"Kelurahan", 2.6}, {"PPKS/Desil", 1.6}},
                .signature_blocks = {{"Mengetahui,", p.lurah ? "Lurah " + *p.lurah : "Lurah ....................", "", "", "", dots},
                                     {fmt::format("{}, {}", p.place.empty() ? "...................." : p.place, long_date(p.today)),
                                      "Petugas", "", "", "", dots}},
                .orientation = PdfOrientation::Landscape,
                .compression = options.pdf_compression,
            }));
            PdfSink sink(report);
            auto r = PILAR_TRY(run(actor, p, sink, options));
            PILAR_TRY(report.save(path));
            r.pages = report.page_count();
            return r;
        }
        }
        return fail(ErrorCode::Internal, {"format ekspor tidak dikenal", "unknown export format"});
    };
    auto r = attempt();
    if (!r) ::unlink(path.c_str());
    return r;
}

}  // namespace pilar::registry
