#include "registry/export.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/csv.hpp"
#include "core/strings.hpp"
#include "registry/import.hpp"
#include "registry/test_support.hpp"
#include "xlsx/xlsx_reader.hpp"

namespace pilar::registry {
namespace {

// The column names of one table of docs/formats.md ("## anggota.csv ..."), in order.
std::vector<std::string> documented_columns(std::string_view section) {
    char const* src = std::getenv("PILAR_SOURCE_DIR");
    std::ifstream in(std::string(src ? src : ".") + "/docs/formats.md");
    std::vector<std::string> out;
    bool inside = false;
    // A column row starts "| `name` |" or "| `lat`, `lon` |". (No <regex>: GCC 12's trips
    // -Werror=maybe-uninitialized in the sanitizer build.)
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("## ")) inside = line.starts_with(fmt::format("## {}", section));
        if (!inside || !line.starts_with("| `")) continue;
        auto cell = std::string_view(line).substr(2, line.find(" |", 2) - 2);
        for (std::size_t pos = 0; (pos = cell.find('`', pos)) != std::string_view::npos;) {
            auto end = cell.find('`', pos + 1);
            if (end == std::string_view::npos) break;
            out.emplace_back(cell.substr(pos + 1, end - pos - 1));
            pos = end + 1;
        }
    }
    return out;
}

// True when `text` holds a run of 16 or more digits: a full NIK or No. KK.
bool has_full_number(std::string_view text) {
    int run = 0;
    for (char c : text) {
        run = (c >= '0' && c <= '9') ? run + 1 : 0;
        if (run >= 16) return true;
    }
    return false;
}

std::string pdf_text(std::string const& path) {
    std::string out;
    FILE* p = ::popen(fmt::format("pdftotext -q -layout '{}' - 2>/dev/null", path).c_str(), "r");
    if (!p) return out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    ::pclose(p);
    return out;
}

class ExportTest : public RegistryFixture {
protected:
    void SetUp() override {
        RegistryFixture::SetUp();
        m_exports = std::make_unique<ExportService>(*m_db, *m_keyring, *m_wilayah);
        // RW 004: one household of three (the mother has a disability and three PPKS); RW 005: one of one.
        m_k1 = m_svc->create_keluarga(psm, household("3671012001150003")).value().id;
        auto ibu = member("3671014507900001", "Siti Aminah");
        ibu[ACol::DisabilitasJenis] = "fisik";
        ibu[ACol::DisabilitasTingkat] = "berat";
        ibu[ACol::PenyakitKronis] = "diabetes";
        ibu[ACol::Ppks] = "12;9;3";  // stored as 3;9;12
        ibu[ACol::TanggalLahir] = "1990-07-05";
        ASSERT_TRUE(m_svc->create_anggota(psm, m_k1, ibu));
        ASSERT_TRUE(m_svc->create_anggota(psm, m_k1, member("3671010101150002", "Budi, \"Kecil\"", "anak")));
        ASSERT_TRUE(m_svc->create_anggota(psm, m_k1, member("", "Bayi Tanpa NIK", "anak")));
        auto k2 = m_svc->create_keluarga(psm_other, household("3671012001150004", "005", "001")).value().id;
        ASSERT_TRUE(m_svc->create_anggota(psm_other, k2, member("3671015501850003", "Rahmat Hidayat")));
    }
    Result<std::string> csv(Actor const& a, ExportQuery const& q) {
        std::string out;
        CsvWriter w = CsvWriter::to_string(out);
        PILAR_TRY(m_exports->write_csv(a, q, w));
        PILAR_TRY(w.finish());
        return out;
    }
    std::int64_t export_audits() { return count("SELECT COUNT(*) FROM audit_log WHERE action = 'registry.export'"); }

    std::unique_ptr<ExportService> m_exports;
    std::int64_t m_k1 = 0;
};

TEST_F(ExportTest, HeaderIsTheDocumentedImportLayout) {
    auto anggota = documented_columns("anggota.csv");
    auto keluarga = documented_columns("keluarga.csv");
    ASSERT_EQ(anggota.size(), 18u);
    ASSERT_EQ(keluarga.size(), 23u);
    EXPECT_EQ(ExportService::header(ExportKind::Anggota), anggota);
    EXPECT_EQ(ExportService::header(ExportKind::Keluarga), keluarga);
    auto text = csv(op, {.kind = ExportKind::Keluarga}).value();
    EXPECT_EQ(text.substr(0, text.find('\n')), join(keluarga, ","));
}

TEST_F(ExportTest, MaskedByDefaultWithoutSpecialData) {
    auto before = export_audits();
    auto text = csv(op, {.kind = ExportKind::Anggota});
    ASSERT_TRUE(text) << text.error().describe(Lang::En);
    EXPECT_FALSE(has_full_number(*text)) << "no full NIK or No. KK:\n" << *text;
    EXPECT_NE(text->find("3671********0001,3671********0003,Siti Aminah"), std::string::npos) << *text;
    EXPECT_EQ(text->find("fisik"), std::string::npos);
    EXPECT_EQ(text->find("diabetes"), std::string::npos);
    EXPECT_NE(text->find("\"Budi, \"\"Kecil\"\"\""), std::string::npos) << "RFC 4180 quoting";
    EXPECT_EQ(std::count(text->begin(), text->end(), '\n'), 5) << "header and four members";
    EXPECT_EQ(export_audits(), before + 1) << "a masked export is recorded too, once";
    // The kepala reads masked exports only.
    EXPECT_TRUE(csv(kepala, {.kind = ExportKind::Anggota}));
    auto refused = csv(kepala, {.kind = ExportKind::Anggota, .unmask = true});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::PermissionDenied);
}

TEST_F(ExportTest, UnmaskedHasEveryNumberAndSpecialDataAndOneAuditEntry) {
    auto audits = count("SELECT COUNT(*) FROM audit_log");
    auto text = csv(op, {.kind = ExportKind::Anggota, .unmask = true});
    ASSERT_TRUE(text) << text.error().describe(Lang::En);
    for (auto nik : {"3671014507900001", "3671010101150002", "3671015501850003"}) EXPECT_NE(text->find(nik), std::string::npos) << nik;
    EXPECT_NE(text->find("3671014507900001,3671012001150003,Siti Aminah,P,,1990-07-05,kepala_keluarga,,,,fisik,berat,diabetes,ada,belum,3;9;12,"),
              std::string::npos)
        << *text;
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audits + 1) << "one entry for the export, none per row";
    auto detail = m_db->acquire().value()->query_value<std::string>(
        "SELECT detail FROM audit_log WHERE action = 'registry.export' ORDER BY seq DESC LIMIT 1");
    EXPECT_EQ(detail.value().value_or(""), "jenis=anggota format=csv tersamar=tidak baris=4 saringan: -");
}

TEST_F(ExportTest, AnUnmaskedExportReimportsAsUnchanged) {
    // What an import compares: the row hash of the validated record. Every exported row must
    // hash to what is stored, or a round trip would rewrite (and re-audit) the whole registry.
    for (auto kind : {ExportKind::Anggota, ExportKind::Keluarga}) {
        auto text = csv(op, {.kind = kind, .unmask = true}).value();
        auto reader = CsvReader::from_string(text).value();
        CsvRecord rec;
        int rows = 0;
        while (reader.next(rec).value()) {
            std::vector<FieldError> errors;
            std::string hash, key;
            if (kind == ExportKind::Anggota) {
                AnggotaRecord r;
                for (std::size_t i = 0; i < rec.size(); ++i) r.fields[i] = std::string(rec[i]);
                validate(r, Date::today(), errors);
                hash = row_hash(r);
                key = fmt::format("SELECT COUNT(*) FROM anggota WHERE row_hash = '{}'", hash);
            } else {
                KeluargaRecord r;
                for (std::size_t i = 0; i < rec.size(); ++i) r.fields[i] = std::string(rec[i]);
                validate(r, Date::today(), errors);
                hash = row_hash(r);
                key = fmt::format("SELECT COUNT(*) FROM keluarga WHERE row_hash = '{}'", hash);
            }
            EXPECT_TRUE(errors.empty()) << errors.front().column << ": " << errors.front().message.en;
            EXPECT_EQ(count(key), 1) << "row " << rec.line() << " of " << export_kind_name(kind) << " changed on the way";
            ++rows;
        }
        EXPECT_EQ(rows, kind == ExportKind::Anggota ? 4 : 2);
    }
}

TEST_F(ExportTest, ScopeAndFilters) {
    auto mine = csv(psm, {.kind = ExportKind::Anggota, .unmask = true}).value();
    EXPECT_NE(mine.find("Siti Aminah"), std::string::npos);
    EXPECT_EQ(mine.find("Rahmat"), std::string::npos) << "the other RW's member is not in a PSM's export";
    EXPECT_EQ(csv(psm, {.kind = ExportKind::Keluarga}).value().find("0004"), std::string::npos);
    // Asking for a region outside the scope gives an empty file, not an error (nothing leaks).
    auto outside = csv(psm, {.kind = ExportKind::Anggota, .filter = {.kode_wilayah = "36.71.01.1001.005"}}).value();
    EXPECT_EQ(std::count(outside.begin(), outside.end(), '\n'), 1);
    auto ppks = csv(op, {.kind = ExportKind::Anggota, .filter = {.ppks = 9}}).value();
    EXPECT_EQ(std::count(ppks.begin(), ppks.end(), '\n'), 2);
    EXPECT_EQ(csv(op, {.kind = ExportKind::Anggota, .filter = {.ppks = 30}}).error().field, "ppks");
    EXPECT_EQ(csv(op, {.kind = ExportKind::Keluarga, .filter = {.ppks = 9}}).error().field, "ppks");
    EXPECT_EQ(csv(op, {.kind = ExportKind::Anggota, .filter = {.kode_wilayah = "bukan"}}).error().field, "kode_wilayah");
}

TEST_F(ExportTest, BnbaIsOneRowPerHouseholdHeadOrPerPersonWithThePpks) {
    auto heads = csv(op, {.kind = ExportKind::Bnba}).value();
    EXPECT_EQ(heads.substr(0, heads.find('\n')), "No,Nama,NIK,No. KK,Alamat,RT/RW,Kelurahan,PPKS/Desil");
    EXPECT_EQ(std::count(heads.begin(), heads.end(), '\n'), 3) << heads;
    EXPECT_NE(heads.find("1,Siti Aminah,3671********0001,3671********0003,Jl. Kenari No. 5,002/004,"), std::string::npos) << heads;
    EXPECT_NE(heads.find(",3;9;12 / -\n"), std::string::npos) << heads;
    auto people = csv(op, {.kind = ExportKind::Bnba, .filter = {.ppks = 9}}).value();
    EXPECT_EQ(std::count(people.begin(), people.end(), '\n'), 2) << people;
}

TEST_F(ExportTest, XlsxGoesOnInNewSheetsAtTheRowLimit) {
    auto path = (m_dir / "anggota.xlsx").string();
    ExportOptions o;
    o.xlsx.max_rows_per_sheet = 3;  // the header and two members a sheet
    auto r = m_exports->write_file(op, {.kind = ExportKind::Anggota}, ExportFormat::Xlsx, path, o);
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(r->rows, 4);
    EXPECT_EQ(r->sheets, 2);
    auto reader = XlsxReader::open(path).value();
    EXPECT_EQ(std::vector<std::string>(reader.header().begin(), reader.header().end()), ExportService::header(ExportKind::Anggota));
    ASSERT_EQ(reader.other_sheet_names().size(), 1u);
    EXPECT_EQ(reader.other_sheet_names()[0], "Data (2)");
}

TEST_F(ExportTest, BnbaPdfHasTitleRegionRowsAndSignatures) {
    if (std::system("pdftotext -v >/dev/null 2>&1") != 0) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
    auto path = (m_dir / "bnba.pdf").string();
    ExportOptions o;
    o.today = Date::parse("2025-05-02").value();
    auto r = m_exports->write_file(op, {.kind = ExportKind::Bnba, .filter = {.kode_wilayah = "36.71.01.1001"}},
                                   ExportFormat::Pdf, path, o);
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(r->rows, 2);
    EXPECT_EQ(r->pages, 1);
    auto text = pdf_text(path);
    auto kel = m_wilayah->get("36.71.01.1001").value().nama;
    for (std::string want : {std::string("Daftar Nama dan Alamat (BNBA)"), "Kelurahan " + kel, std::string("2 Mei 2025"),
                             std::string("Siti Aminah"), std::string("Rahmat Hidayat"), std::string("3671********0001"),
                             std::string("Mengetahui,"), "Lurah " + kel, std::string("Petugas"), std::string("Halaman 1 dari 1")})
        EXPECT_NE(text.find(want), std::string::npos) << want << " not in:\n" << text;
    EXPECT_FALSE(has_full_number(text));

    auto refused = m_exports->write_file(op, {.kind = ExportKind::Anggota}, ExportFormat::Pdf, path, o);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "format");
}

// Enough members over several kelurahan for many batches and slices (and more than the CSV
// writer's 64 KB buffer), loaded with the bulk import; kelurahan in an order that is not the
// export's, so ids do not follow (kode_wilayah, id).
class ExportPipelineTest : public RegistryFixture {
protected:
    static constexpr int kHouseholds = 200;
    void SetUp() override {
        RegistryFixture::SetUp();
        m_exports = std::make_unique<ExportService>(*m_db, *m_keyring, *m_wilayah);
        auto kel = m_wilayah->children("36.71.01", false).value();
        ASSERT_GE(kel.size(), 4u);
        std::vector<std::string> kelurahan = {kel[3].kode, kel[0].kode, kel[2].kode, kel[1].kode};
        std::string keluarga = "no_kk,kode_wilayah,rw,rt,alamat,desil,aset\n";
        std::string anggota = "nik,no_kk,nama,jenis_kelamin,tanggal_lahir,hubungan,ppks\n";
        int nik = 0;
        for (int h = 0; h < kHouseholds; ++h) {
            auto const kk = fmt::format("367101200115{:04d}", h + 1);
            auto const& k = kelurahan[static_cast<std::size_t>(h % 4)];
            auto const rw = fmt::format("{:03d}", 1 + h % 3), rt = fmt::format("{:03d}", 1 + h % 2);
            keluarga += fmt::format("{},{},{},{},Jl. Kenari No. {},{},tv\n", kk, k, rw, rt, h, 1 + h % 10);
            for (std::string_view hub : {"kepala_keluarga", "istri_suami", "anak"}) {
                Member m{.kode = fmt::format("{}.{}.{}", k, rw, rt), .order = nik, .nik = fmt::format("36710145079{:05d}", nik + 1),
                         .kk = kk, .nama = fmt::format("Warga Kelurahan Contoh Nomor {:04d}", nik), .hubungan = std::string(hub),
                         .ppks = nik % 5 == 0 ? "24;9" : nik % 7 == 0 ? "3" : ""};
                anggota += fmt::format("{},{},{},P,1990-07-05,{},{}\n", m.nik, kk, m.nama, hub, m.ppks);
                m_members.push_back(std::move(m));
                ++nik;
            }
        }
        ASSERT_TRUE(load(ImportKind::Keluarga, keluarga));
        ASSERT_TRUE(load(ImportKind::Anggota, anggota));
        std::stable_sort(m_members.begin(), m_members.end(), [](Member const& a, Member const& b) { return a.kode < b.kode; });
    }
    ::testing::AssertionResult load(ImportKind kind, std::string const& text) {
        auto file = open_import_file("t.csv", "t.csv", std::string_view(text));
        if (!file) return ::testing::AssertionFailure() << file.error().describe(Lang::En);
        ImportService imp(*m_db, *m_keyring, *m_wilayah);
        auto r = imp.run(Actor::system("t"), *file->rows, {.kind = kind, .file_name = "t.csv"});
        if (!r) return ::testing::AssertionFailure() << r.error().describe(Lang::En);
        if (!r->applied) return ::testing::AssertionFailure() << "not applied";
        return ::testing::AssertionSuccess();
    }
    // The file an anggota export must be, made from what was loaded.
    std::string expected(bool unmask) const {
        auto const head = ExportService::header(ExportKind::Anggota);
        std::string out = join(head, ",") + "\n";
        for (auto const& m : m_members) {
            std::vector<std::string> cells;
            for (auto const& col : head) {
                if (col == "nik") cells.push_back(unmask ? m.nik : mask16(m.nik));
                else if (col == "no_kk") cells.push_back(unmask ? m.kk : mask16(m.kk));
                else if (col == "nama") cells.push_back(m.nama);
                else if (col == "jenis_kelamin") cells.push_back("P");
                else if (col == "tanggal_lahir") cells.push_back("1990-07-05");
                else if (col == "hubungan") cells.push_back(m.hubungan);
                else if (col == "status_keberadaan") cells.push_back("ada");
                else if (col == "status_padan") cells.push_back("belum");
                else if (col == "ppks") cells.push_back(m.ppks == "24;9" ? "9;24" : m.ppks);
                else cells.emplace_back();
            }
            out += join(cells, ",") + "\n";
        }
        return out;
    }
    Result<std::pair<std::string, ExportReport>> csv(ExportQuery const& q, ExportOptions const& o) {
        std::string out;
        CsvWriter w = CsvWriter::to_string(out);
        auto r = PILAR_TRY(m_exports->write_csv(op, q, w, o));
        PILAR_TRY(w.finish());
        return std::pair{out, r};
    }
    std::int64_t export_audits() { return count("SELECT COUNT(*) FROM audit_log WHERE action = 'registry.export'"); }

    struct Member {
        std::string kode;
        int order = 0;
        std::string nik, kk, nama, hubungan, ppks;
    };
    std::vector<Member> m_members;  // in export order
    std::unique_ptr<ExportService> m_exports;
};

TEST_F(ExportPipelineTest, TwoReadersAndManyBatchesGiveTheExpectedFile) {
    ASSERT_EQ(m_members.size(), 3u * kHouseholds);
    for (bool unmask : {false, true}) {
        auto const want = expected(unmask);
        ExportOptions many;  // two readers, a batch every 7 rows, slices per kelurahan
        many.readers = 2;
        many.batch_rows = 7;
        auto two = csv({.kind = ExportKind::Anggota, .unmask = unmask}, many);
        ASSERT_TRUE(two) << two.error().describe(Lang::En);
        EXPECT_EQ(two->second.readers, 2) << "the scan was sliced over two threads";
        EXPECT_EQ(two->second.rows, 3 * kHouseholds);
        EXPECT_EQ(two->first, want) << (unmask ? "unmasked" : "masked");
        ExportOptions one;
        one.readers = 1;
        one.batch_rows = 1;
        auto single = csv({.kind = ExportKind::Anggota, .unmask = unmask}, one);
        ASSERT_TRUE(single) << single.error().describe(Lang::En);
        EXPECT_EQ(single->second.readers, 1);
        EXPECT_EQ(single->first, want);
    }
    // The other kinds go through the same readers: the same file whatever the threads.
    for (auto kind : {ExportKind::Keluarga, ExportKind::Bnba}) {
        ExportOptions one, two;
        one.readers = 1;
        two.readers = 2;
        two.batch_rows = 5;
        auto a = csv({.kind = kind}, one).value(), b = csv({.kind = kind}, two).value();
        EXPECT_EQ(b.second.readers, 2);
        EXPECT_EQ(a.second.rows, kHouseholds) << export_kind_name(kind);
        EXPECT_EQ(a.first, b.first) << export_kind_name(kind);
    }
    // XLSX too (the API's downloads are files made by write_file).
    auto path = (m_dir / "anggota.xlsx").string();
    ExportOptions o;
    o.readers = 2;
    o.batch_rows = 7;
    auto x = m_exports->write_file(op, {.kind = ExportKind::Anggota}, ExportFormat::Xlsx, path, o);
    ASSERT_TRUE(x) << x.error().describe(Lang::En);
    auto reader = XlsxReader::open(path).value();
    std::string text = join(std::vector<std::string>(reader.header().begin(), reader.header().end()), ",") + "\n";
    for (std::vector<std::string> row; reader.next(row).value();) text += join(row, ",") + "\n";
    EXPECT_EQ(text, expected(false));
}

TEST_F(ExportPipelineTest, AWriteFailureMidStreamIsAClearErrorAndNoExportIsRecorded) {
    int const fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    if (fd < 0) GTEST_SKIP() << "no /dev/full";
    auto const audits = export_audits();
    CsvWriter w = CsvWriter::to_fd(fd);
    ExportOptions o;
    o.readers = 2;
    o.batch_rows = 7;
    auto r = m_exports->write_csv(op, {.kind = ExportKind::Anggota}, w, o);  // ~75 KB: the first flush fails
    ::close(fd);
    ASSERT_FALSE(r) << "a file that could not be written is not an export";
    EXPECT_EQ(r.error().code, ErrorCode::Internal);
    EXPECT_NE(r.error().message.en.find("Could not write fd"), std::string::npos) << r.error().message.en;
    EXPECT_NE(r.error().message.en.find("No space left on device"), std::string::npos) << r.error().message.en;
    EXPECT_EQ(export_audits(), audits) << "no audit entry claims a complete export";
}

TEST_F(ExportPipelineTest, AReadersErrorStopsTheExportAndRemovesTheHalfFile) {
    // A damaged ciphertext in a late slice: the reader fails after many rows were written.
    auto const& last = m_members.back();
    ASSERT_EQ(count(fmt::format("SELECT COUNT(*) FROM anggota WHERE nama = '{}'", last.nama)), 1);
    m_db->acquire().value()->execute("UPDATE anggota SET nik_enc = 'v1.1.rusak' WHERE nama = ?", last.nama).value();
    auto const audits = export_audits();
    auto path = (m_dir / "anggota.csv").string();
    ExportOptions o;
    o.readers = 2;
    o.batch_rows = 7;
    auto r = m_exports->write_file(op, {.kind = ExportKind::Anggota, .unmask = true}, ExportFormat::Csv, path, o);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message.en, "Encrypted data is damaged or the key is wrong");
    EXPECT_FALSE(std::filesystem::exists(path)) << "nothing half-written is left to be taken for an export";
    EXPECT_EQ(export_audits(), audits);
    // A masked export does not read the ciphertext, so it still works.
    auto masked = m_exports->write_file(op, {.kind = ExportKind::Anggota}, ExportFormat::Csv, path, o);
    ASSERT_TRUE(masked) << masked.error().describe(Lang::En);
    EXPECT_EQ(masked->rows, 3 * kHouseholds);
}

}  // namespace
}  // namespace pilar::registry
