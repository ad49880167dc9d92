// `pilar link FILE.csv --out clusters.csv [--pairs pairs.csv]`: finds the rows of a person CSV
// that are the same person (src/linkage) and writes `record_id,cluster_id` for every row, in input
// order; cluster_id is the record_id of the cluster's first row, so a row that stands alone is
// its own cluster. Formats: docs/formats.md, "Linkage".
//
// The input is streamed: rows are read in batches, reduced to compact features on every core, and
// only those (plus the record ids) are kept. Values that cannot be read (a NIK that is not 16
// digits, a date that is not YYYY-MM-DD) count as missing and are summed up in the report; what
// makes the output meaningless (no record_id, a repeated record_id, a missing column, bytes that
// are not UTF-8) stops the command with the file, row and field, and writes nothing.
#include <fmt/format.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>
#include <unordered_map>

#include "cli/common.hpp"
#include "core/csv.hpp"
#include "core/strings.hpp"
#include "linkage/linker.hpp"
#include "linkage/name.hpp"

namespace pilar::cli {
namespace {

struct LinkCommandOptions {
    std::string input;
    std::string out;
    std::string pairs;
    unsigned threads = 0;
    double match = 0.6;
    double review = 0.3;
    size_t max_block = 100;
    size_t sub_block = linkage::BlockingOptions{}.sub_block;
    bool verbose = false;
};

constexpr std::array<std::string_view, 10> kColumns{"record_id",     "nik",    "nama", "jenis_kelamin", "tempat_lahir",
                                                    "tanggal_lahir", "alamat", "rt",   "rw",            "kode_wilayah"};
constexpr size_t kBatch = 16384;
constexpr size_t kMaxRecordIdBytes = 200;

// Record ids, kept for the output: one arena, offsets into it.
class RecordIds {
public:
    // False when `id` was seen before.
    bool add(std::string_view id) {
        std::uint64_t const h = std::hash<std::string_view>{}(id);
        auto [it, inserted] = m_by_hash.emplace(h, static_cast<std::uint32_t>(m_offsets.size()));
        if (!inserted && get(it->second) == id) return false;
        m_offsets.push_back(m_arena.size());
        m_arena += id;
        return true;
    }
    [[nodiscard]] std::string_view get(size_t i) const {
        size_t const end = i + 1 < m_offsets.size() ? m_offsets[i + 1] : m_arena.size();
        return std::string_view(m_arena).substr(m_offsets[i], end - m_offsets[i]);
    }
    [[nodiscard]] size_t size() const { return m_offsets.size(); }
    void drop_index() { std::unordered_map<std::uint64_t, std::uint32_t>().swap(m_by_hash); }

private:
    std::string m_arena;
    std::vector<size_t> m_offsets;
    std::unordered_map<std::uint64_t, std::uint32_t> m_by_hash;
};

Error input_error(Text message, std::string const& file, long long line, std::string_view field) {
    Error e(ErrorCode::InvalidArgument, std::move(message));
    e.at_file(file).at_row(line).at_field(std::string(field));
    return e;
}

std::string thousands(long long n) {
    std::string s = std::to_string(n < 0 ? -n : n);
    for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
    return n < 0 ? "-" + s : s;
}

Result<void> run_link(LinkCommandOptions const& o) {
    Lang const lang = cli_lang();
    auto const started = std::chrono::steady_clock::now();
    if (o.out.empty())
        return fail(ErrorCode::InvalidArgument,
                    {"--out FILE wajib: ke mana record_id,cluster_id ditulis",
                     "--out FILE is required: where record_id,cluster_id is written"});
    if (!(o.review > 0 && o.review <= o.match && o.match < 1))
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("Ambang harus 0 < --review <= --match < 1 (sekarang {} dan {})", o.review, o.match),
                     fmt::format("Thresholds must be 0 < --review <= --match < 1 (got {} and {})", o.review, o.match)});
    std::error_code ec;
    for (auto const& path : {o.out, o.pairs}) {
        if (!path.empty() && std::filesystem::equivalent(o.input, path, ec))
            return fail(ErrorCode::InvalidArgument, {fmt::format("{} adalah berkas masukan; pilih nama lain", path),
                                                     fmt::format("{} is the input file; choose another name", path)});
    }

    CsvReader reader = PILAR_TRY(CsvReader::open(o.input));
    std::array<size_t, kColumns.size()> col{};
    std::string missing;
    for (size_t c = 0; c < kColumns.size(); ++c) {
        auto idx = reader.column(kColumns[c]);
        if (!idx) {
            missing += missing.empty() ? "" : ", ";
            missing += kColumns[c];
        } else {
            col[c] = *idx;
        }
    }
    if (!missing.empty()) {
        Error e(ErrorCode::InvalidArgument,
                {fmt::format("Kolom tidak ada: {}. Header harus memuat {}", missing, join(kColumns, ",")),
                 fmt::format("Missing column(s): {}. The header must have {}", missing, join(kColumns, ","))});
        e.at_file(o.input).at_row(1);
        return fail(std::move(e));
    }

    unsigned const threads = o.threads > 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
    linkage::Linker linker({.match_probability = o.match,
                            .review_probability = o.review,
                            .blocking = {.sub_block = o.sub_block, .max_block = o.max_block},
                            .threads = threads});
    RecordIds ids;
    std::vector<std::array<std::string, kColumns.size()>> batch(kBatch);
    std::vector<linkage::PersonInput> inputs;
    inputs.reserve(kBatch);
    size_t filled = 0;
    auto flush = [&] {
        inputs.clear();
        for (size_t i = 0; i < filled; ++i) {
            auto const& f = batch[i];
            inputs.push_back({.nik = f[1], .nama = f[2], .jenis_kelamin = f[3], .tempat_lahir = f[4],
                              .tanggal_lahir = f[5], .alamat = f[6], .rt = f[7], .rw = f[8], .kode_wilayah = f[9]});
        }
        linker.add_batch(inputs);
        filled = 0;
    };
    CsvRecord rec;
    while (PILAR_TRY(reader.next(rec))) {
        std::string_view const id = trim(rec[col[0]]);
        if (id.empty())
            return fail(input_error({"record_id kosong: setiap baris perlu record_id", "record_id is empty: every row needs one"},
                                    o.input, rec.line(), "record_id"));
        if (id.size() > kMaxRecordIdBytes)
            return fail(input_error({fmt::format("record_id lebih dari {} byte", kMaxRecordIdBytes),
                                     fmt::format("record_id is longer than {} bytes", kMaxRecordIdBytes)},
                                    o.input, rec.line(), "record_id"));
        if (!ids.add(id))
            return fail(input_error({fmt::format("record_id {} sudah dipakai di baris sebelumnya", excerpt_for_message(id)),
                                     fmt::format("record_id {} was used on an earlier row", excerpt_for_message(id))},
                                    o.input, rec.line(), "record_id"));
        auto& f = batch[filled++];
        for (size_t c = 1; c < kColumns.size(); ++c) f[c].assign(rec[col[c]]);
        if (filled == kBatch) flush();
    }
    flush();
    ids.drop_index();
    auto const read_done = std::chrono::steady_clock::now();

    linkage::LinkResult result = linker.run();
    auto const link_done = std::chrono::steady_clock::now();
    linkage::LinkReport const& r = result.report;

    {
        CsvWriter out = PILAR_TRY(CsvWriter::create_file(o.out));
        PILAR_TRY(out.write_row({"record_id", "cluster_id"}));
        for (size_t i = 0; i < ids.size(); ++i) PILAR_TRY(out.write_row({ids.get(i), ids.get(result.cluster_of_row[i])}));
        PILAR_TRY(out.finish());
    }
    if (!o.pairs.empty()) {
        CsvWriter out = PILAR_TRY(CsvWriter::create_file(o.pairs));
        std::vector<std::string> row{"record_id_a", "record_id_b", "probability", "weight", "decision", "merged"};
        for (int f = 0; f < linkage::kFieldCount; ++f) row.emplace_back(linkage::field_name(static_cast<linkage::Field>(f)));
        PILAR_TRY(out.write_row(std::span<std::string const>(row)));
        for (auto const& p : result.pairs) {
            row.assign({std::string(ids.get(p.row_a)), std::string(ids.get(p.row_b)), fmt::format("{:.6f}", p.probability),
                        fmt::format("{:.2f}", p.weight), p.decision == linkage::Decision::Match ? "match" : "review",
                        p.merged ? "yes" : "no"});
            for (int f = 0; f < linkage::kFieldCount; ++f) {
                auto const field = static_cast<linkage::Field>(f);
                row.emplace_back(linkage::level_name(field, linkage::level(p.pattern, field)));
            }
            PILAR_TRY(out.write_row(std::span<std::string const>(row)));
        }
        PILAR_TRY(out.finish());
    }

    bool const en = lang == Lang::En;
    std::cout << fmt::format(
        fmt::runtime(en ? "{} rows ({} identical rows folded), {} candidate pairs, {} linked, {} for review; {} clusters of more than one "
             "row ({} rows) -> {}\n"
           : "{} baris ({} baris identik digabung), {} pasangan kandidat, {} tertaut, {} untuk ditinjau; {} klaster lebih "
             "dari satu baris ({} baris) -> {}\n"),
        thousands(r.rows), thousands(r.identical_rows), thousands(r.candidate_pairs), thousands(r.match_pairs),
        thousands(r.review_pairs), thousands(r.clusters), thousands(r.rows_in_clusters), o.out);
    if (r.estimated)
        std::cout << fmt::format(fmt::runtime(en ? "model: m/u estimated by EM in {} iterations{}, match share {:.4f}\n"
                                    : "model: m/u diestimasi dengan EM dalam {} iterasi{}, porsi cocok {:.4f}\n"),
                                 r.fit.iterations, r.fit.converged ? "" : (en ? " (not converged)" : " (belum konvergen)"),
                                 r.fit.model.lambda);
    else
        std::cout << (en ? "model: too few pairs to estimate, domain priors used\n"
                         : "model: pasangan terlalu sedikit untuk estimasi, memakai nilai awal domain\n");
    if (r.vetoed_links > 0)
        std::cout << fmt::format(fmt::runtime(en ? "{} links refused: they would have joined people who differ\n"
                                    : "{} tautan ditolak: akan menggabungkan orang yang berbeda\n"),
                                 thousands(r.vetoed_links));
    if (!r.capped.empty()) {
        std::cout << fmt::format(fmt::runtime(en ? "{} blocks capped at {} rows (only neighbours compared within them):\n"
                                    : "{} blok dibatasi pada {} baris (di dalamnya hanya tetangga dibandingkan):\n"),
                                 r.capped.size(), o.max_block);
        for (size_t i = 0; i < r.capped.size() && i < 10; ++i) {
            auto const& b = r.capped[i];
            std::cout << fmt::format(fmt::runtime(en ? "  key {}: {} rows, e.g. record_id {}\n" : "  kunci {}: {} baris, mis. record_id {}\n"),
                                     linkage::block_key_name(b.key), thousands(static_cast<long long>(b.size)),
                                     excerpt_for_message(ids.get(linker.first_row(b.example))));
        }
        if (r.capped.size() > 10) std::cout << fmt::format("  ... +{}\n", r.capped.size() - 10);
    }
    auto const& is = r.issues;
    if (is.bad_nik + is.bad_date + is.bad_sex + is.bad_wilayah + is.long_name > 0)
        std::cout << fmt::format(fmt::runtime(en ? "unreadable values, treated as missing: nik {}, tanggal_lahir {}, jenis_kelamin {}, "
                                      "rt/rw/kode_wilayah {}; names cut at {} bytes: {}\n"
                                    : "nilai tak terbaca, dianggap kosong: nik {}, tanggal_lahir {}, jenis_kelamin {}, "
                                      "rt/rw/kode_wilayah {}; nama dipotong pada {} byte: {}\n"),
                                 is.bad_nik, is.bad_date, is.bad_sex, is.bad_wilayah, linkage::kMaxNameBytes, is.long_name);
    if (o.verbose) {
        auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
        std::cerr << fmt::format("read {:.2f} s, link {:.2f} s, write {:.2f} s, {} threads\n", secs(started, read_done),
                                 secs(read_done, link_done), secs(link_done, std::chrono::steady_clock::now()), threads);
        for (int k = 0; k < linkage::kBlockKeyCount; ++k)
            std::cerr << fmt::format("pairs from {}: {} ({} blocks split)\n",
                                     linkage::block_key_name(static_cast<linkage::BlockKey>(k)), r.pairs_by_key[k],
                                     r.split_by_key[k]);
        std::cerr << linkage::describe_model(r.fit.model);
    }
    return {};
}

}  // namespace

void register_link_commands(CLI::App& app, Action& action) {
    auto o = std::make_shared<LinkCommandOptions>();
    auto* cmd = app.add_subcommand("link", "Cari baris yang orangnya sama dalam CSV / find rows of the same person in a CSV");
    cmd->footer(
        "Masukan: CSV dengan header record_id,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,rt,rw,kode_wilayah\n"
        "(hanya record_id wajib diisi). Keluaran: record_id,cluster_id untuk setiap baris, urutan sama; cluster_id = record_id\n"
        "baris pertama klasternya. --pairs menulis pasangan bernilai (cocok dan tinjau) beserta tingkat kesesuaian per kolom.\n"
        "Input: CSV with that header (only record_id must be filled). Output: record_id,cluster_id for every row, in input\n"
        "order; cluster_id is the record_id of the cluster's first row. --pairs writes scored pairs (match and review) with\n"
        "how each field agreed. Format: docs/formats.md.\n"
        "Contoh / example: pilar link orang.csv --out klaster.csv --pairs pasangan.csv");
    cmd->add_option("FILE", o->input, "CSV orang / person CSV")->required();
    cmd->add_option("--out", o->out, "Berkas keluaran record_id,cluster_id (wajib) / output file (required)");
    cmd->add_option("--pairs", o->pairs, "Tulis pasangan bernilai ke berkas ini / write scored pairs to this file");
    cmd->add_option("--threads", o->threads, "Jumlah thread; bawaan: semua inti / threads; default: all cores");
    cmd->add_option("--match", o->match, "Peluang minimum untuk menautkan; bawaan 0.6 / link at or above this probability");
    cmd->add_option("--review", o->review, "Peluang minimum untuk ditinjau; bawaan 0.3 / review at or above this probability");
    cmd->add_option("--max-block", o->max_block, "Ukuran blok maksimum sebelum dibatasi; bawaan 100 / block size cap");
    cmd->add_option("--sub-block", o->sub_block,
                    "Blok lebih besar dari ini dipecah menurut RW/kelurahan; bawaan 30 / blocks larger than this are split by RW or "
                    "kelurahan");
    cmd->add_flag("--verbose", o->verbose, "Waktu, pasangan per kunci dan model ke stderr / timings, pairs per key, model");
    cmd->callback([&action, o] {
        action = [o] {
            auto r = run_link(*o);
            return r ? kExitOk : report(r.error());
        };
    });
}

}  // namespace pilar::cli
