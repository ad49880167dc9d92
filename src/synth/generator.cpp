// How a household is made: pick a kelurahan (weighted), RW and RT, a desil (skewed low: the
// registry holds the poor), a naming group and a household shape; build its people relative to
// each other (children 18–42 years after their mother, parents of the head 20–38 years before
// the head ...); then give each person what follows from age, sex, role and desil; finally the
// house, whose materials and assets follow the desil. Percentages in the tables below are
// plausible shapes, not statistics to quote.
#include "synth/generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/nik.hpp"
#include "synth/names.hpp"
#include "synth/rng.hpp"

namespace pilar::synth {
namespace {

constexpr std::array<std::string_view, 23> kKeluargaColumns{"no_kk",
                                                            "kode_wilayah",
                                                            "rw",
                                                            "rt",
                                                            "alamat",
                                                            "lat",
                                                            "lon",
                                                            "desil",
                                                            "status_bangunan",
                                                            "status_lahan",
                                                            "luas_lantai",
                                                            "jenis_lantai",
                                                            "jenis_dinding",
                                                            "kondisi_dinding",
                                                            "jenis_atap",
                                                            "kondisi_atap",
                                                            "jumlah_kamar",
                                                            "sumber_air",
                                                            "sumber_penerangan",
                                                            "daya_listrik",
                                                            "bahan_bakar",
                                                            "fasilitas_bab",
                                                            "aset"};
constexpr std::array<std::string_view, 18> kAnggotaColumns{"nik",
                                                           "no_kk",
                                                           "nama",
                                                           "jenis_kelamin",
                                                           "tempat_lahir",
                                                           "tanggal_lahir",
                                                           "hubungan",
                                                           "status_kawin",
                                                           "pendidikan",
                                                           "pekerjaan",
                                                           "disabilitas_jenis",
                                                           "disabilitas_tingkat",
                                                           "penyakit_kronis",
                                                           "status_keberadaan",
                                                           "status_padan",
                                                           "ppks",
                                                           "nisn",
                                                           "sekolah"};

// Column positions in the rows above.
namespace kcol {
enum Index : size_t {
    NoKk,
    KodeWilayah,
    Rw,
    Rt,
    Alamat,
    Lat,
    Lon,
    Desil,
    StatusBangunan,
    StatusLahan,
    LuasLantai,
    JenisLantai,
    JenisDinding,
    KondisiDinding,
    JenisAtap,
    KondisiAtap,
    JumlahKamar,
    SumberAir,
    SumberPenerangan,
    DayaListrik,
    BahanBakar,
    FasilitasBab,
    Aset
};
}
namespace acol {
enum Index : size_t {
    Nik,
    NoKk,
    Nama,
    JenisKelamin,
    TempatLahir,
    TanggalLahir,
    Hubungan,
    StatusKawin,
    Pendidikan,
    Pekerjaan,
    DisabilitasJenis,
    DisabilitasTingkat,
    PenyakitKronis,
    StatusKeberadaan,
    StatusPadan,
    Ppks,
    Nisn,
    Sekolah
};
}

constexpr int kDaysPerYear = 365;
int years(int n) { return n * 36525 / 100; }

// ---------------------------------------------------------------------------------------------
// Weighted code tables. Codes are those of src/registry/vocab.cpp (a test checks every one).

template <size_t N>
struct Table {
    std::array<std::string_view, N> codes;
    std::array<std::array<int, N>, 4> by_band;  // desil 1–2, 3–5, 6–7, 8–10

    std::string_view draw(Rng& rng, int band) const {
        return codes[static_cast<size_t>(rng.weighted(by_band[static_cast<size_t>(band)]))];
    }
};

int band_of(int desil) { return desil <= 2 ? 0 : desil <= 5 ? 1 : desil <= 7 ? 2 : 3; }

constexpr std::array<int, 10> kDesilWeight{22, 18, 15, 12, 10, 8, 6, 4, 3, 2};

constexpr Table<5> kStatusBangunan{{"milik_sendiri", "kontrak_sewa", "bebas_sewa", "dinas", "lainnya"},
                                   {{{48, 36, 14, 0, 2}, {58, 33, 7, 1, 1}, {68, 27, 3, 1, 1}, {82, 14, 1, 3, 0}}}};
constexpr Table<9> kJenisLantai{{"marmer_granit", "keramik", "parket_vinil", "ubin_tegel", "kayu_papan",
                                 "semen_bata_merah", "bambu", "tanah", "lainnya"},
                                {{{0, 22, 0, 14, 3, 40, 1, 18, 2},
                                  {0, 48, 0, 20, 1, 26, 0, 4, 1},
                                  {1, 72, 2, 15, 0, 10, 0, 0, 0},
                                  {18, 72, 8, 2, 0, 0, 0, 0, 0}}}};
constexpr Table<7> kJenisDinding{
    {"tembok", "plesteran_anyaman_bambu", "kayu_papan", "anyaman_bambu", "batang_kayu", "bambu", "lainnya"},
    {{{58, 10, 11, 9, 1, 9, 2}, {84, 5, 6, 3, 0, 1, 1}, {96, 2, 2, 0, 0, 0, 0}, {100, 0, 0, 0, 0, 0, 0}}}};
constexpr Table<8> kJenisAtap{
    {"beton", "genteng", "seng", "asbes", "kayu_sirap", "bambu", "jerami_ijuk_rumbia", "lainnya"},
    {{{0, 35, 28, 32, 1, 1, 1, 2},
      {3, 50, 14, 32, 0, 0, 0, 1},
      {10, 60, 5, 25, 0, 0, 0, 0},
      {35, 60, 0, 5, 0, 0, 0, 0}}}};
constexpr std::array<int, 4> kRusakPermille{350, 150, 50, 10};
constexpr Table<11> kSumberAir{
    {"air_kemasan", "air_isi_ulang", "leding", "sumur_bor_pompa", "sumur_terlindung", "sumur_tak_terlindung",
     "mata_air_terlindung", "mata_air_tak_terlindung", "air_permukaan", "air_hujan", "lainnya"},
    {{{1, 46, 9, 28, 8, 6, 0, 0, 1, 0, 1},
      {3, 50, 14, 26, 5, 2, 0, 0, 0, 0, 0},
      {10, 48, 20, 20, 2, 0, 0, 0, 0, 0, 0},
      {30, 35, 25, 10, 0, 0, 0, 0, 0, 0, 0}}}};
constexpr Table<4> kSumberPenerangan{
    {"listrik_pln_meteran", "listrik_pln_tanpa_meteran", "listrik_non_pln", "bukan_listrik"},
    {{{84, 15, 1, 0}, {95, 5, 0, 0}, {99, 1, 0, 0}, {100, 0, 0, 0}}}};
constexpr Table<5> kDayaListrik{{"450", "900", "1300", "2200", "lebih_2200"},
                                {{{55, 40, 5, 0, 0}, {25, 55, 18, 2, 0}, {5, 45, 40, 9, 1}, {0, 8, 35, 37, 20}}}};
constexpr Table<11> kBahanBakar{{"listrik", "elpiji_5_5kg", "elpiji_3kg", "gas_kota", "biogas", "minyak_tanah",
                                 "briket", "arang", "kayu_bakar", "tidak_memasak", "lainnya"},
                                {{{0, 1, 92, 0, 0, 2, 0, 1, 2, 2, 0},
                                  {0, 5, 91, 0, 0, 1, 0, 0, 1, 2, 0},
                                  {2, 18, 76, 1, 0, 0, 0, 0, 0, 3, 0},
                                  {10, 55, 25, 5, 0, 0, 0, 0, 0, 5, 0}}}};
constexpr Table<4> kFasilitasBab{{"sendiri", "bersama", "umum", "tidak_ada"},
                                 {{{64, 26, 8, 2}, {85, 12, 3, 0}, {95, 5, 0, 0}, {100, 0, 0, 0}}}};

// Each asset's chance in per mille for desil 1..10, in the vocabulary's order.
struct AsetOdds {
    std::string_view code;
    std::array<int, 10> permille;
};
constexpr std::array<AsetOdds, 13> kAset{{
    {"gas_5_5kg", {5, 5, 10, 20, 30, 50, 80, 150, 250, 350}},
    {"kulkas", {80, 150, 280, 400, 520, 640, 760, 870, 940, 980}},
    {"ac", {0, 2, 5, 10, 20, 45, 90, 220, 450, 750}},
    {"pemanas_air", {0, 0, 0, 2, 5, 10, 25, 70, 180, 400}},
    {"telepon", {0, 1, 2, 3, 5, 8, 12, 25, 50, 100}},
    {"tv", {650, 760, 840, 890, 920, 940, 950, 960, 970, 980}},
    {"emas", {10, 20, 40, 60, 90, 130, 180, 260, 350, 500}},
    {"laptop", {5, 15, 30, 60, 100, 150, 220, 350, 550, 800}},
    {"sepeda", {120, 150, 180, 200, 210, 220, 230, 240, 250, 260}},
    {"motor", {300, 450, 580, 680, 760, 820, 860, 880, 880, 860}},
    {"mobil", {0, 2, 5, 10, 25, 50, 100, 220, 450, 750}},
    {"perahu", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    {"motor_tempel", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
}};

constexpr std::array<std::string_view, 8> kPendidikan{"tidak_sekolah", "belum_tamat_sd", "sd",    "smp",
                                                      "sma",           "d1_d3",          "d4_s1", "s2_s3"};
enum Edu { kTidakSekolah, kBelumTamatSd, kSd, kSmp, kSma, kD1D3, kD4S1, kS2S3 };
// Completed schooling of adults: [desil 1–3, 4–7, 8–10][aged 60+, aged 19–59].
constexpr std::array<std::array<std::array<int, 8>, 2>, 3> kEduWeight{{
    {{{25, 25, 35, 10, 5, 0, 0, 0}, {3, 10, 35, 27, 23, 1, 1, 0}}},
    {{{10, 15, 35, 20, 15, 2, 3, 0}, {1, 3, 17, 25, 42, 5, 7, 0}}},
    {{{3, 7, 20, 20, 30, 8, 10, 2}, {0, 1, 5, 12, 40, 12, 25, 5}}},
}};

constexpr std::array<std::string_view, 9> kHubungan{"kepala_keluarga", "istri_suami", "anak",        "menantu", "cucu",
                                                    "orang_tua",       "mertua",      "famili_lain", "lainnya"};
enum class Role : std::uint8_t { Kepala, Pasangan, Anak, Menantu, Cucu, OrangTua, Mertua, FamiliLain, Lainnya };

constexpr std::array<std::string_view, 7> kDisabilitasJenis{
    "fisik", "intelektual", "mental", "sensorik_netra", "sensorik_rungu", "sensorik_wicara", "ganda"};
constexpr std::array<int, 7> kDisabilitasWeight{35, 14, 12, 15, 12, 6, 6};
constexpr std::array<std::string_view, 3> kDisabilitasTingkat{"ringan", "sedang", "berat"};
constexpr std::array<int, 3> kTingkatWeight{40, 35, 25};

constexpr std::array<std::string_view, 10> kPenyakit{"hipertensi", "diabetes",    "jantung",      "stroke", "kanker",
                                                     "tbc",        "paru_kronis", "gagal_ginjal", "hiv",    "lainnya"};
enum Penyakit { kHipertensi, kDiabetes, kJantung, kStroke, kKanker, kTbc, kParu, kGinjal, kHiv, kPenyakitLain };
// The chronic illnesses of older people (HIV and TB are drawn separately, by age).
constexpr std::array<int, 10> kPenyakitWeight{45, 25, 10, 7, 2, 0, 4, 2, 0, 5};

// PPKS numbers (../shared/domain/ppks.csv) this generator assigns.
enum Ppks {
    kAbt = 1,
    kAt = 2,
    kAj = 4,
    kAdk = 5,
    kLut = 8,
    kPd = 9,
    kPgm = 12,
    kPml = 13,
    kBwblp = 15,
    kOdha = 16,
    kKpn = 17,
    kKtk = 19,
    kKba = 21,
    kPrse = 23,
    kFm = 24,
    kKbsp = 25,
};

struct Job {
    std::string_view text;
    int weight;
};
constexpr std::array<Job, 14> kMaleLow{{{"buruh harian lepas", 24},
                                        {"buruh pabrik", 12},
                                        {"pedagang kaki lima", 10},
                                        {"ojek online", 10},
                                        {"ojek pangkalan", 5},
                                        {"sopir angkot", 4},
                                        {"tukang bangunan", 10},
                                        {"kuli angkut", 4},
                                        {"satpam", 3},
                                        {"serabutan", 6},
                                        {"tidak bekerja", 7},
                                        {"pemulung", 2},
                                        {"montir", 2},
                                        {"pedagang", 3}}};
constexpr std::array<Job, 12> kMaleMid{{{"karyawan swasta", 25},
                                        {"buruh pabrik", 18},
                                        {"pedagang", 12},
                                        {"wiraswasta", 10},
                                        {"ojek online", 8},
                                        {"sopir", 6},
                                        {"satpam", 5},
                                        {"montir", 3},
                                        {"tukang bangunan", 5},
                                        {"buruh harian lepas", 5},
                                        {"guru", 2},
                                        {"tidak bekerja", 3}}};
constexpr std::array<Job, 10> kMaleHigh{{{"karyawan swasta", 40},
                                         {"wiraswasta", 20},
                                         {"pegawai negeri sipil", 10},
                                         {"guru", 5},
                                         {"tni/polri", 4},
                                         {"karyawan bumn", 6},
                                         {"dosen", 2},
                                         {"dokter", 2},
                                         {"pedagang", 8},
                                         {"tidak bekerja", 3}}};
constexpr std::array<Job, 9> kFemaleLow{{{"ibu rumah tangga", 45},
                                         {"buruh pabrik", 12},
                                         {"pedagang warung", 10},
                                         {"asisten rumah tangga", 8},
                                         {"buruh cuci", 7},
                                         {"buruh harian lepas", 6},
                                         {"penjahit", 3},
                                         {"tidak bekerja", 5},
                                         {"pedagang kaki lima", 4}}};
constexpr std::array<Job, 8> kFemaleMid{{{"ibu rumah tangga", 45},
                                         {"karyawan swasta", 18},
                                         {"buruh pabrik", 12},
                                         {"pedagang", 10},
                                         {"guru", 4},
                                         {"penjahit", 3},
                                         {"wiraswasta", 4},
                                         {"tidak bekerja", 4}}};
constexpr std::array<Job, 8> kFemaleHigh{{{"ibu rumah tangga", 35},
                                          {"karyawan swasta", 30},
                                          {"pegawai negeri sipil", 8},
                                          {"guru", 8},
                                          {"wiraswasta", 10},
                                          {"bidan/perawat", 5},
                                          {"dokter", 2},
                                          {"tidak bekerja", 2}}};

// What schooling a job needs; a draw that does not fit becomes an ordinary job.
int min_edu_for(std::string_view job) {
    if (job == "dokter" || job == "dosen") return kD4S1;
    if (job == "guru" || job == "bidan/perawat") return kD1D3;
    if (job == "pegawai negeri sipil" || job == "tni/polri" || job == "karyawan bumn" || job == "karyawan swasta")
        return kSma;
    return kTidakSekolah;
}

constexpr auto kJalan = std::to_array<std::string_view>(
    {"Melati",   "Mawar",     "Kenanga",     "Anggrek",       "Flamboyan", "Cempaka",  "Dahlia",
     "Masjid",   "Musholla",  "Pembangunan", "Merdeka",       "Swadaya",   "Bhakti",   "Nusa Indah",
     "Teratai",  "Garuda",    "Rajawali",    "Cendrawasih",   "Kutilang",  "Pala",     "Mangga",
     "Rambutan", "Jambu",     "Nangka",      "Sawo",          "Delima",    "Kemuning", "Asem",
     "Kelapa",   "Haji Saan", "Haji Mading", "Gotong Royong", "Sukun",     "Cemara",   "Pinang"});
constexpr auto kKampung =
    std::to_array<std::string_view>({"Baru", "Rawa", "Kebon", "Pulo", "Bulak", "Sawah", "Gaga", "Cipete", "Kelapa",
                                     "Pendurenan", "Tanah Tinggi", "Kali", "Empang", "Pabuaran", "Cikoneng"});
constexpr auto kRoman = std::to_array<std::string_view>({"", "", "", " I", " II", " III", " IV", " V"});
constexpr auto kPesantrenWord =
    std::to_array<std::string_view>({"Nurul Huda", "Al Hidayah", "Miftahul Ulum", "Al Ikhlas", "Darussalam",
                                     "Nurul Iman", "Al Falah", "Al Muhajirin", "Daarul Muttaqin"});
constexpr auto kYayasan = std::to_array<std::string_view>(
    {"PGRI", "Muhammadiyah", "Yuppentek", "Islam Al Azhar", "Kristen Penabur", "Strada", "Budi Luhur", "Nusantara"});

// ---------------------------------------------------------------------------------------------

struct Person {
    Role role = Role::Kepala;
    Sex sex = Sex::L;
    Suku suku = Suku::Jawa;
    int birth = 0;  // days since 1970-01-01
    Date date;
    int age = 0;
    std::string_view family_name;
    int father = -1;  // index in the household, for naming
    bool married_in = false;
    std::string_view status_kawin = "belum_kawin";
    std::string nama;
    // Filled by the attribute pass.
    int edu = kTidakSekolah;
    std::string_view pekerjaan;
    std::string_view tempat_lahir;
    int nik_region = -1;  // -1: no NIK
    int disabilitas = -1, tingkat = -1;
    std::uint32_t penyakit = 0;  // bit per kPenyakit index
    std::uint32_t ppks = 0;      // bit per PPKS number
    std::string_view keberadaan = "ada";
    bool nisn = false;
    std::string sekolah;
};

enum class Shape { SingleElderly, SingleAdult, Couple, CoupleChildren, SingleParent, ThreeGenUp, ThreeGenDown };
constexpr std::array<std::array<int, 7>, 4> kShapeWeight{{
    {12, 5, 8, 40, 15, 8, 12},
    {8, 5, 9, 48, 11, 9, 10},
    {6, 6, 11, 52, 8, 9, 8},
    {5, 7, 13, 55, 6, 8, 6},
}};
constexpr std::array<std::array<int, 5>, 4> kChildrenWeight{{
    {20, 30, 25, 15, 10},
    {25, 35, 25, 10, 5},
    {30, 40, 22, 6, 2},
    {30, 45, 20, 4, 1},
}};

// The NIK serial counters: per region of issue, per DDMMYY and sex. 100 years x 12 x 31 x 2.
constexpr size_t kNikSlots = 100 * 12 * 31 * 2;
constexpr int kMaxSerial = 9999;

void append_micro(std::string& out, int v) {
    if (v < 0) {
        out += '-';
        v = -v;
    }
    fmt::format_to(std::back_inserter(out), "{}.{:06}", v / 1'000'000, v % 1'000'000);
}

class Generator {
public:
    Generator(Area const& area, GeneratorOptions const& options, CsvWriter& keluarga, CsvWriter& anggota)
        : m_area(area),
          m_options(options),
          m_keluarga(keluarga),
          m_anggota(anggota),
          m_as_of(options.as_of.days_since_epoch()),
          m_kk_epoch(m_as_of - years(20)) {
        for (auto const& k : area.kelurahan) {
            m_total_weight += static_cast<std::uint32_t>(k.weight);
            m_cumulative.push_back(m_total_weight);
        }
        // NIK regions: this kota's kecamatan first (same index), then the origin towns'.
        for (auto const& k : area.kecamatan) m_regions.push_back(k.region6);
        for (auto const& codes : area.origin_region6) {
            std::vector<int> ids;
            for (auto const& c : codes) {
                auto it = std::find(m_regions.begin(), m_regions.end(), c);
                ids.push_back(static_cast<int>(it - m_regions.begin()));
                if (it == m_regions.end()) m_regions.push_back(c);
            }
            m_origin_regions.push_back(std::move(ids));
        }
        m_nik_counters.resize(m_regions.size());
        m_kk_counters.resize(area.kecamatan.size());
        std::uint64_t s = options.seed;
        m_nisn_offset = static_cast<std::uint32_t>(splitmix64(s) % 10'000'000);
    }

    Result<GenerateReport> run() {
        PILAR_TRY(m_keluarga.write_row(std::span<std::string_view const>(kKeluargaColumns)));
        PILAR_TRY(m_anggota.write_row(std::span<std::string_view const>(kAnggotaColumns)));
        GenerateReport report;
        std::vector<std::uint32_t> order;
        if (m_options.region_order) order = region_order();
        for (long long n = 0; n < m_options.households; ++n) {
            long long const i = order.empty() ? n : static_cast<long long>(order[static_cast<std::size_t>(n)]);
            m_rng = Rng::for_stream(m_options.seed, static_cast<std::uint64_t>(i));
            PILAR_TRY(household());
            ++report.households;
            report.persons += static_cast<long long>(m_people.size());
        }
        return report;
    }

private:
    // ---- composition ----

    // A birthday that makes the person exactly `age` on as_of.
    int birth_for_age(int age) {
        Date const& t = m_options.as_of;
        int const year = t.year() - age;
        int const day = std::min(t.day(), Date::days_in_month(year, t.month()));
        return Date::create(year, t.month(), day)->days_since_epoch() - static_cast<int>(m_rng.below(kDaysPerYear));
    }

    int add(Role role, Sex sex, Suku suku, int birth, std::string_view family_name, int father = -1) {
        Person& p = m_people.emplace_back();
        p.role = role;
        p.sex = sex;
        p.suku = suku;
        p.birth = std::min(birth, m_as_of);
        p.family_name = family_name;
        p.father = father;
        return static_cast<int>(m_people.size()) - 1;
    }

    Sex random_sex() { return m_rng.permille(505) ? Sex::L : Sex::P; }

    // Children of a mother (and the father, when known and present) born when she was 18–42
    // and he at least 19, spaced 1.3 to 5 years; those past about 30 have mostly left home.
    void add_children(int mother_birth, int father_birth, int father, int count, Suku suku,
                      std::string_view family_name, Role role = Role::Anak) {
        int const lower = std::max(mother_birth + years(18), father_birth + years(19));
        int const upper = std::min({mother_birth + years(42), father_birth + years(55), m_as_of});
        int b = lower + static_cast<int>(m_rng.below(static_cast<std::uint32_t>(years(7))));
        for (int k = 0; k < count && b <= upper; ++k) {
            int const age = (m_as_of - b) / kDaysPerYear;
            if (!(age > 30 && m_rng.permille(700))) add(role, random_sex(), suku, b, family_name, father);
            b += m_rng.between(480, years(5));
        }
    }

    int children_count(int band) { return 1 + m_rng.weighted(kChildrenWeight[static_cast<size_t>(band)]); }

    // A married couple headed by the husband (now and then by the wife); returns {husband, wife}.
    std::pair<int, int> couple(int husband_age, Suku suku, std::string_view family_name) {
        int const hb = birth_for_age(husband_age);
        int wife_age = husband_age - m_rng.between(0, 7);
        if (m_rng.permille(120)) wife_age = husband_age + m_rng.between(1, 3);
        wife_age = std::max(wife_age, 18);
        Suku const wife_suku = m_rng.permille(150) ? pick_other_suku(m_rng, suku) : suku;
        std::string_view wife_family = wife_suku == Suku::Batak && suku == Suku::Batak
                                           ? pick_other_marga(m_rng, family_name)
                                           : pick_family_name(m_rng, wife_suku);
        bool const wife_heads = m_rng.permille(30);
        int const h = add(wife_heads ? Role::Pasangan : Role::Kepala, Sex::L, suku, hb, family_name);
        int const w =
            add(wife_heads ? Role::Kepala : Role::Pasangan, Sex::P, wife_suku, birth_for_age(wife_age), wife_family);
        m_people[static_cast<size_t>(w)].married_in = true;
        m_people[static_cast<size_t>(h)].status_kawin = "kawin";
        m_people[static_cast<size_t>(w)].status_kawin = "kawin";
        return {h, w};
    }

    std::string_view widowed_or_divorced(int cerai_mati_permille) {
        return m_rng.permille(cerai_mati_permille) ? "cerai_mati" : "cerai_hidup";
    }

    void compose(int band) {
        Suku const suku = pick_suku(m_rng);
        std::string_view const family = pick_family_name(m_rng, suku);
        auto const shape = static_cast<Shape>(m_rng.weighted(kShapeWeight[static_cast<size_t>(band)]));
        switch (shape) {
            case Shape::SingleElderly: {
                Sex const sex = m_rng.permille(650) ? Sex::P : Sex::L;
                int const h = add(Role::Kepala, sex, suku, birth_for_age(m_rng.between(60, 88)),
                                  sex == Sex::L ? family : pick_family_name(m_rng, suku));
                int const r = static_cast<int>(m_rng.below(100));
                m_people[static_cast<size_t>(h)].status_kawin = r < (sex == Sex::P ? 80 : 60) ? "cerai_mati"
                                                                : r < 92                      ? "cerai_hidup"
                                                                : r < 96                      ? "belum_kawin"
                                                                                              : "kawin";
                break;
            }
            case Shape::SingleAdult: {
                int const age = m_rng.between(19, 59);
                Sex const sex = m_rng.permille(550) ? Sex::L : Sex::P;
                int const h = add(Role::Kepala, sex, suku, birth_for_age(age),
                                  sex == Sex::L ? family : pick_family_name(m_rng, suku));
                m_people[static_cast<size_t>(h)].status_kawin =
                    age < 30 ? (m_rng.permille(850) ? "belum_kawin" : "cerai_hidup")
                             : (m_rng.permille(300) ? "belum_kawin" : widowed_or_divorced(350));
                break;
            }
            case Shape::Couple: {
                int const age = m_rng.permille(400) ? m_rng.between(20, 34) : m_rng.between(50, 85);
                couple(age, suku, family);
                break;
            }
            case Shape::CoupleChildren:
            case Shape::ThreeGenUp: {
                int const age = shape == Shape::ThreeGenUp ? m_rng.between(25, 55) : m_rng.between(24, 62);
                auto [h, w] = couple(age, suku, family);
                Person const& husband = m_people[static_cast<size_t>(h)];
                int const hb = husband.birth, wb = m_people[static_cast<size_t>(w)].birth;
                add_children(wb, hb, h, children_count(band), husband.suku, husband.family_name);
                if (shape == Shape::ThreeGenUp) add_grandparents(h, w);
                break;
            }
            case Shape::SingleParent: {
                Sex const sex = m_rng.permille(800) ? Sex::P : Sex::L;
                int const age = m_rng.between(24, 65);
                std::string_view const own_family = sex == Sex::L ? family : pick_family_name(m_rng, suku);
                int const h = add(Role::Kepala, sex, suku, birth_for_age(age), own_family);
                m_people[static_cast<size_t>(h)].status_kawin = widowed_or_divorced(500);
                int const hb = m_people[static_cast<size_t>(h)].birth;
                if (sex == Sex::P) {
                    // The absent father's line names the children.
                    add_children(hb, hb - years(m_rng.between(0, 6)), -1, children_count(band), suku,
                                 pick_family_name(m_rng, suku));
                } else {
                    add_children(hb + years(m_rng.between(0, 6)), hb, h, children_count(band), suku, own_family);
                }
                break;
            }
            case Shape::ThreeGenDown: three_generations_down(band, suku, family); break;
        }
        extras(suku, family);
    }

    // The head's parents (orang_tua) or the spouse's (mertua), one or both.
    void add_grandparents(int husband, int wife) {
        bool const his = m_rng.permille(600);
        Person const& child = m_people[static_cast<size_t>(his ? husband : wife)];
        Role const role =
            (m_people[static_cast<size_t>(husband)].role == Role::Kepala) == his ? Role::OrangTua : Role::Mertua;
        Suku const suku = child.suku;
        int const child_birth = child.birth;
        std::string_view const child_family =
            his ? m_people[static_cast<size_t>(husband)].family_name : m_people[static_cast<size_t>(wife)].family_name;
        int const oldest = m_as_of - years(95);
        int const father_birth = std::max(oldest, child_birth - years(m_rng.between(22, 40)));
        int const mother_birth = std::min(father_birth + years(m_rng.between(0, 6)), child_birth - years(19));
        bool const both = m_rng.permille(400);
        if (both || m_rng.permille(250)) {
            int const f = add(role, Sex::L, suku, father_birth, child_family);
            m_people[static_cast<size_t>(f)].status_kawin = both ? "kawin" : widowed_or_divorced(900);
        }
        if (both || m_people.back().role != role) {
            int const m = add(role, Sex::P, suku, mother_birth, pick_family_name(m_rng, suku));
            m_people[static_cast<size_t>(m)].married_in = true;
            m_people[static_cast<size_t>(m)].status_kawin = both ? "kawin" : widowed_or_divorced(900);
        }
    }

    // An older head (with spouse, or widowed), their children, one of them married with the
    // in-law (menantu) and grandchildren (cucu).
    void three_generations_down(int band, Suku suku, std::string_view family) {
        int const age = m_rng.between(52, 80);
        int father = -1, father_birth = 0, mother_birth = 0;
        if (m_rng.permille(650)) {
            auto [h, w] = couple(age, suku, family);
            father = h;
            father_birth = m_people[static_cast<size_t>(h)].birth;
            mother_birth = m_people[static_cast<size_t>(w)].birth;
        } else {
            Sex const sex = m_rng.permille(750) ? Sex::P : Sex::L;
            int const h = add(Role::Kepala, sex, suku, birth_for_age(age),
                              sex == Sex::L ? family : pick_family_name(m_rng, suku));
            m_people[static_cast<size_t>(h)].status_kawin = widowed_or_divorced(850);
            int const hb = m_people[static_cast<size_t>(h)].birth;
            if (sex == Sex::L) {
                father = h;
                father_birth = hb;
                mother_birth = hb + years(m_rng.between(0, 6));
            } else {
                father_birth = hb - years(m_rng.between(0, 6));
                mother_birth = hb;
            }
        }
        size_t const first_child = m_people.size();
        std::string_view const child_family =
            father >= 0 ? m_people[static_cast<size_t>(father)].family_name : pick_family_name(m_rng, suku);
        Suku const child_suku = father >= 0 ? m_people[static_cast<size_t>(father)].suku : suku;
        add_children(mother_birth, father_birth, father, children_count(band), child_suku, child_family);
        // The married child: the oldest child aged 20 or more; one is added if there is none.
        int married = -1;
        for (size_t i = first_child; i < m_people.size(); ++i)
            if ((m_as_of - m_people[i].birth) / kDaysPerYear >= 20) {
                married = static_cast<int>(i);
                break;
            }
        if (married < 0) {
            int const lo = std::max(mother_birth + years(18), father_birth + years(19));
            int const hi = std::min(mother_birth + years(40), m_as_of - years(20));
            if (lo > hi) return;
            married = add(Role::Anak, random_sex(), child_suku, lo + m_rng.between(0, hi - lo), child_family, father);
        }
        Person& mc = m_people[static_cast<size_t>(married)];
        mc.status_kawin = "kawin";
        int const mc_birth = mc.birth;
        Sex const mc_sex = mc.sex;
        Suku const mc_suku = mc.suku;
        std::string_view const mc_family = mc.family_name;
        // The in-law: the opposite sex, a few years older (husband) or younger (wife).
        Suku const in_law_suku = m_rng.permille(150) ? pick_other_suku(m_rng, mc_suku) : mc_suku;
        int const in_law_birth = mc_sex == Sex::P
                                     ? mc_birth - years(m_rng.between(0, 6))
                                     : std::min(mc_birth + years(m_rng.between(0, 6)), m_as_of - years(18));
        std::string_view const in_law_family = in_law_suku == Suku::Batak && mc_suku == Suku::Batak
                                                   ? pick_other_marga(m_rng, mc_family)
                                                   : pick_family_name(m_rng, in_law_suku);
        int const in_law =
            add(Role::Menantu, mc_sex == Sex::P ? Sex::L : Sex::P, in_law_suku, in_law_birth, in_law_family);
        m_people[static_cast<size_t>(in_law)].status_kawin = "kawin";
        m_people[static_cast<size_t>(in_law)].married_in = mc_sex == Sex::L;
        int const cucu_father = mc_sex == Sex::L ? married : in_law;
        Person const& cf = m_people[static_cast<size_t>(cucu_father)];
        int const cucu_mother_birth = mc_sex == Sex::P ? mc_birth : in_law_birth;
        add_children(cucu_mother_birth, cf.birth, cucu_father, 1 + m_rng.weighted(std::array{45, 35, 20}), cf.suku,
                     cf.family_name, Role::Cucu);
    }

    // A nephew or cousin, or a lodger, in some households.
    void extras(Suku suku, std::string_view family) {
        if (m_rng.permille(50)) {
            int const f = add(Role::FamiliLain, random_sex(), suku, birth_for_age(m_rng.between(10, 35)),
                              m_rng.permille(500) ? family : pick_family_name(m_rng, suku));
            int const age = (m_as_of - m_people[static_cast<size_t>(f)].birth) / kDaysPerYear;
            if (age >= 20 && m_rng.permille(250)) m_people[static_cast<size_t>(f)].status_kawin = "cerai_hidup";
        }
        if (m_rng.permille(10)) {
            Suku const s = pick_suku(m_rng);
            int const l =
                add(Role::Lainnya, random_sex(), s, birth_for_age(m_rng.between(18, 50)), pick_family_name(m_rng, s));
            if (m_rng.permille(400)) m_people[static_cast<size_t>(l)].status_kawin = "kawin";
        }
    }

    // Registry default dates: many people born before 1960 have 1 January on record. Only for
    // people with no parent in the household, so no parent-child gap shrinks.
    void default_dates() {
        bool has_parents = false;
        for (auto const& p : m_people) has_parents |= p.role == Role::OrangTua || p.role == Role::Mertua;
        for (auto& p : m_people) {
            bool const eligible = p.role == Role::OrangTua || p.role == Role::Mertua ||
                                  (!has_parents && (p.role == Role::Kepala || p.role == Role::Pasangan));
            Date const d = Date::from_days(p.birth);
            if (eligible && d.year() < 1960 && m_rng.permille(150))
                p.birth = Date::create(d.year(), 1, 1)->days_since_epoch();
        }
    }

    // Household order as a KK lists it: head, spouse, children oldest first, then the rest.
    void order() {
        std::stable_sort(m_people.begin(), m_people.end(), [](Person const& a, Person const& b) {
            if (a.role != b.role) return a.role < b.role;
            return a.birth < b.birth;
        });
    }

    // ---- attributes ----

    void name_everyone() {
        // Fathers come before their children in m_people only before order(); names are made
        // in creation order, so a father's name exists when his child's is made.
        for (auto& p : m_people) {
            p.date = Date::from_days(p.birth);
            p.age = p.date.age_on(m_options.as_of);
        }
        for (size_t i = 0; i < m_people.size(); ++i) {
            Person& p = m_people[i];
            std::string_view father_name;
            if (p.father >= 0 && static_cast<size_t>(p.father) < i)
                father_name = m_people[static_cast<size_t>(p.father)].nama;
            NameRequest const request{.suku = p.suku,
                                      .sex = p.sex,
                                      .birth_year = p.date.year(),
                                      .family_name = p.family_name,
                                      .father_name = father_name,
                                      .married_in = p.married_in};
            // Two members of one household are not both called "Hari ...": draw again.
            for (int attempt = 0; attempt < 6; ++attempt) {
                make_name(m_rng, request, p.nama);
                if (!first_name_taken(i)) break;
            }
        }
    }

    bool first_name_taken(size_t i) const {
        std::string_view const mine = std::string_view(m_people[i].nama).substr(0, m_people[i].nama.find(' '));
        for (size_t j = 0; j < i; ++j) {
            std::string_view const other = std::string_view(m_people[j].nama).substr(0, m_people[j].nama.find(' '));
            if (other == mine) return true;
        }
        return false;
    }

    int adult_edu(int age, int desil) {
        size_t const db = desil <= 3 ? 0 : desil <= 7 ? 1 : 2;
        int e = m_rng.weighted(kEduWeight[db][age >= 60 ? 0 : 1]);
        if (age < 21)
            e = std::min(e, static_cast<int>(kSma));
        else if (age < 23)
            e = std::min(e, static_cast<int>(kD1D3));
        return e;
    }

    std::string_view draw_job(std::span<Job const> jobs, bool no_housewife) {
        std::array<int, 16> w{};
        for (size_t i = 0; i < jobs.size(); ++i)
            w[i] = no_housewife && jobs[i].text == "ibu rumah tangga" ? 0 : jobs[i].weight;
        return jobs[static_cast<size_t>(m_rng.weighted(std::span<int const>(w.data(), jobs.size())))].text;
    }

    std::string_view adult_job(Person const& p, int desil) {
        int const band = desil <= 3 ? 0 : desil <= 7 ? 1 : 2;
        std::string_view job;
        if (p.age >= 60) {
            bool const pension = p.edu >= kSma && desil >= 4;
            std::array<Job, 6> elderly{{{"pensiunan", pension ? 40 : 4},
                                        {"tidak bekerja", 50},
                                        {"pedagang", 10},
                                        {"buruh harian lepas", band == 0 ? 10 : 2},
                                        {"wiraswasta", 5},
                                        {"ibu rumah tangga", p.sex == Sex::P && p.status_kawin == "kawin" ? 30 : 0}}};
            job = draw_job(elderly, false);
        } else if (p.sex == Sex::L) {
            job = band == 0   ? draw_job(kMaleLow, false)
                  : band == 1 ? draw_job(kMaleMid, false)
                              : draw_job(kMaleHigh, false);
        } else {
            bool const no_housewife = p.status_kawin == "belum_kawin";
            job = band == 0   ? draw_job(kFemaleLow, no_housewife)
                  : band == 1 ? draw_job(kFemaleMid, no_housewife)
                              : draw_job(kFemaleHigh, no_housewife);
        }
        if (p.edu < min_edu_for(job)) job = p.edu >= kSmp ? "buruh pabrik" : "buruh harian lepas";
        return job;
    }

    void school(Person& p, Kelurahan const& kel) {
        p.nisn = true;
        p.sekolah.clear();
        auto out = std::back_inserter(p.sekolah);
        std::string_view const kota = m_area.tempat_lahir_lokal;
        if (p.disabilitas >= 0 && p.tingkat >= 1 && m_rng.permille(600)) {
            fmt::format_to(out, "SLB Negeri {}", kota);
            return;
        }
        int const r = static_cast<int>(m_rng.below(100));
        if (p.age <= 12) {
            if (r < 70)
                fmt::format_to(out, "SDN {} {}", m_rng.between(1, 6), kel.nama);
            else if (r < 85)
                fmt::format_to(out, "MI {}", m_rng.pick(std::span<std::string_view const>(kPesantrenWord)));
            else
                fmt::format_to(out, "SD {}", m_rng.pick(std::span<std::string_view const>(kYayasan)));
        } else if (p.age <= 15) {
            if (r < 60)
                fmt::format_to(out, "SMPN {} {}", m_rng.between(1, 33), kota);
            else if (r < 80)
                fmt::format_to(out, "MTs {}", m_rng.pick(std::span<std::string_view const>(kPesantrenWord)));
            else
                fmt::format_to(out, "SMP {} {}", m_rng.pick(std::span<std::string_view const>(kYayasan)),
                               m_rng.between(1, 3));
        } else {
            if (r < 35)
                fmt::format_to(out, "SMAN {} {}", m_rng.between(1, 15), kota);
            else if (r < 65)
                fmt::format_to(out, "SMKN {} {}", m_rng.between(1, 8), kota);
            else if (r < 88)
                fmt::format_to(out, "SMK {} {}", m_rng.pick(std::span<std::string_view const>(kYayasan)),
                               m_rng.between(1, 3));
            else
                fmt::format_to(out, "MAN {} {}", m_rng.between(1, 3), m_area.nama);
        }
    }

    void schooling_and_work(Person& p, int desil, Kelurahan const& kel) {
        int const band = band_of(desil);
        bool const severe = p.tingkat == 2;
        if (p.age < 7) {
            p.edu = kTidakSekolah;
            p.pekerjaan = "belum bekerja";
            return;
        }
        if (p.age <= 18) {
            p.edu = p.age <= 12 ? kBelumTamatSd : p.age <= 15 ? kSd : kSmp;
            // Dropping out after primary school happens mostly in the poorest households.
            int const stay = p.age <= 12 ? 990 : p.age <= 15 ? (band == 0 ? 920 : 970) : (band == 0 ? 700 : 880);
            if (m_rng.permille(severe ? stay - 300 : stay)) {
                p.pekerjaan = "pelajar/mahasiswa";
                school(p, kel);
            } else {
                p.pekerjaan = p.age < 15 || severe  ? std::string_view("tidak bekerja")
                              : m_rng.permille(500) ? std::string_view("buruh harian lepas")
                                                    : std::string_view("pedagang kaki lima");
            }
            return;
        }
        p.edu = adult_edu(p.age, desil);
        static constexpr std::array<int, 4> kStudentPermille{80, 250, 400, 550};
        if (p.age <= 24 && p.edu >= kSma && p.status_kawin == "belum_kawin" &&
            m_rng.permille(kStudentPermille[static_cast<size_t>(band)])) {
            p.pekerjaan = "pelajar/mahasiswa";
            return;
        }
        p.pekerjaan = severe && m_rng.permille(800) ? std::string_view("tidak bekerja") : adult_job(p, desil);
    }

    void health(Person& p, int desil) {
        // Disability: ~1% of children, ~2% of adults, ~5% of people 60+, more in poor households.
        int rate = p.age < 18 ? 8 : p.age < 60 ? 17 : 50;
        if (desil <= 3) rate = rate * 13 / 10;
        if (m_rng.permille(rate)) {
            p.disabilitas = m_rng.weighted(kDisabilitasWeight);
            p.tingkat = m_rng.weighted(kTingkatWeight);
            if (m_rng.permille(900)) p.ppks |= 1u << (p.age < 18 ? kAdk : kPd);
        }
        int const chronic = p.age >= 60 ? 350 : p.age >= 50 ? 220 : p.age >= 40 ? 100 : 0;
        if (m_rng.permille(chronic)) {
            p.penyakit |= 1u << m_rng.weighted(kPenyakitWeight);
            if (m_rng.permille(250)) p.penyakit |= 1u << m_rng.weighted(kPenyakitWeight);
        }
        if (p.age >= 15 && m_rng.permille(desil <= 3 ? 4 : 2)) p.penyakit |= 1u << kTbc;
        if (p.age >= 20 && p.age <= 50 && m_rng.permille(1)) {
            p.penyakit |= 1u << kHiv;
            if (m_rng.permille(900)) p.ppks |= 1u << kOdha;
        }
    }

    void social(Person& p, int desil, bool living_alone) {
        // Children of the head have a parent at home; grandchildren and other relatives may not.
        bool const any_parent_here = p.role == Role::Anak;
        if (p.age >= 60) {
            int lut = desil <= 4 ? (living_alone ? 250 : 30) : 5;
            if (m_rng.permille(lut)) p.ppks |= 1u << kLut;
            if (desil <= 2 && m_rng.permille(2)) p.ppks |= 1u << kPgm;
        }
        if (p.age < 18 && desil == 1 && m_rng.permille(any_parent_here ? 3 : 30))
            p.ppks |= 1u << (p.age < 5 ? kAbt : kAt);
        if (p.age >= 8 && p.age < 18 && desil <= 2 && m_rng.permille(1)) p.ppks |= 1u << kAj;
        if (p.sex == Sex::L && p.age >= 16 && p.age <= 40 && m_rng.permille(2)) p.ppks |= 1u << kKpn;
        if (p.sex == Sex::L && p.age >= 20 && p.age <= 50 && m_rng.permille(1)) p.ppks |= 1u << kBwblp;
        if (p.sex == Sex::P && p.age >= 18 && p.age <= 50 && m_rng.permille(2)) p.ppks |= 1u << kKtk;
        if (p.pekerjaan == "pemulung" && m_rng.permille(800)) p.ppks |= 1u << kPml;
        if (p.role == Role::Kepala) {
            if (m_rng.permille(desil <= 2 ? 600 : desil == 3 ? 150 : 0)) p.ppks |= 1u << kFm;
            if (p.sex == Sex::P && p.status_kawin != "kawin" && p.age < 60 && desil <= 4 && m_rng.permille(350))
                p.ppks |= 1u << kPrse;
            if (desil <= 5 && m_rng.permille(5)) p.ppks |= 1u << kKba;
            if (m_rng.permille(3)) p.ppks |= 1u << kKbsp;
        }
        if (p.role != Role::Kepala) {
            int const r = static_cast<int>(m_rng.below(1000));
            int const died = p.age >= 60 ? 30 : 3;
            int const moved = p.age >= 19 && p.age <= 35 ? 40 : 8;
            p.keberadaan = r < died               ? "meninggal"
                           : r < died + moved     ? "pindah"
                           : r < died + moved + 3 ? "tidak_ditemukan"
                                                  : "ada";
        }
    }

    // Where the person was born and so where their NIK was first issued.
    void birthplace(Person& p, int home_region) {
        int const local = p.age < 18 ? 850 : p.age < 40 ? 500 : 350;
        bool const near_home_region = m_rng.permille(850);
        auto const other_kec = [&] {
            return static_cast<int>(m_rng.below(static_cast<std::uint32_t>(m_area.kecamatan.size())));
        };
        int region = near_home_region ? home_region : other_kec();
        if (m_rng.permille(local)) {
            p.tempat_lahir = m_area.tempat_lahir_lokal;
        } else {
            int const o = pick_origin(m_rng, p.suku);
            p.tempat_lahir = origin_towns()[static_cast<size_t>(o)].tempat_lahir;
            auto const& ids = m_origin_regions[static_cast<size_t>(o)];
            // Adults born elsewhere often still carry the NIK issued there.
            if (p.age >= 17 && !ids.empty() && m_rng.permille(500))
                region = ids[m_rng.below(static_cast<std::uint32_t>(ids.size()))];
        }
        // A few have no NIK on record (mostly newborns not yet on the KK).
        p.nik_region = m_rng.permille(p.age < 1 ? 60 : 5) ? -1 : region;
    }

    // ---- identifiers ----

    Result<void> nik(Person const& p, std::string& out) {
        out.clear();
        if (p.nik_region < 0) return {};
        auto& counters = m_nik_counters[static_cast<size_t>(p.nik_region)];
        if (counters.empty()) counters.assign(kNikSlots, 0);
        int const yy = p.date.year() % 100;
        size_t const slot = ((static_cast<size_t>(yy) * 12 + static_cast<size_t>(p.date.month() - 1)) * 31 +
                             static_cast<size_t>(p.date.day() - 1)) *
                                2 +
                            (p.sex == Sex::P ? 1 : 0);
        int const serial = ++counters[slot];
        if (serial > kMaxSerial)
            return fail(ErrorCode::InvalidArgument,
                        {"Terlalu banyak orang untuk nomor urut NIK; kurangi --households",
                         "Too many people for the NIK serial numbers; use fewer --households"});
        int const dd = p.date.day() + (p.sex == Sex::P ? 40 : 0);
        fmt::format_to(std::back_inserter(out), "{}{:02}{:02}{:02}{:04}", m_regions[static_cast<size_t>(p.nik_region)],
                       dd, p.date.month(), yy, serial);
        return {};
    }

    // No. KK: kecamatan of issue, the issue date (after the youngest member's birth: a card is
    // re-issued when someone is added), serial.
    Result<void> no_kk(int kecamatan, std::string& out) {
        int youngest = m_kk_epoch;
        for (auto const& p : m_people) youngest = std::max(youngest, p.birth);
        auto& counters = m_kk_counters[static_cast<size_t>(kecamatan)];
        size_t const days = static_cast<size_t>(m_as_of - m_kk_epoch) + 1;
        if (counters.empty()) counters.assign(days, 0);
        int day = youngest + static_cast<int>(m_rng.below(static_cast<std::uint32_t>(m_as_of - youngest + 1)));
        // A full day moves on to the next one (wrapping round the window).
        for (size_t tries = 0; tries < days; ++tries) {
            auto& c = counters[static_cast<size_t>(day - m_kk_epoch)];
            if (c < kMaxSerial) {
                ++c;
                Date const d = Date::from_days(day);
                out.clear();
                fmt::format_to(std::back_inserter(out), "{}{:02}{:02}{:02}{:04}",
                               m_area.kecamatan[static_cast<size_t>(kecamatan)].region6, d.day(), d.month(),
                               d.year() % 100, c);
                return {};
            }
            day = day == m_as_of ? m_kk_epoch : day + 1;
        }
        return fail(ErrorCode::InvalidArgument,
                    {"Terlalu banyak keluarga untuk nomor urut No. KK; kurangi --households",
                     "Too many households for the No. KK serial numbers; use fewer --households"});
    }

    std::string& nisn(Person const& p, std::string& out) {
        out.clear();
        auto& c = m_nisn_counters[static_cast<size_t>(p.date.year() % 100)];
        // A bijection on 0..9,999,999 (the multiplier is prime to 10^7), so no two repeat.
        std::uint64_t const v = (static_cast<std::uint64_t>(c++) * 7'368'787ull + m_nisn_offset) % 10'000'000ull;
        fmt::format_to(std::back_inserter(out), "{:03}{:07}", p.date.year() % 1000, v);
        return out;
    }

    // ---- output ----

    void address(Kelurahan const& kel, int desil, std::string& out) {
        out.clear();
        auto it = std::back_inserter(out);
        int const r = static_cast<int>(m_rng.below(100));
        if (desil >= 7 && r < 35) {
            static constexpr auto kPerum = std::to_array<std::string_view>(
                {"Perum {} Indah", "Perum Griya {} Asri", "Perumnas {}", "Perum Taman {}"});
            fmt::format_to(it, fmt::runtime(m_rng.pick(std::span<std::string_view const>(kPerum))), kel.nama);
            fmt::format_to(it, " Blok {}{} No. {}", static_cast<char>('A' + m_rng.below(11)), m_rng.between(1, 20),
                           m_rng.between(1, 40));
        } else if (r < 55) {
            fmt::format_to(it, "Jl. {}{} No. {}", m_rng.pick(std::span<std::string_view const>(kJalan)),
                           m_rng.pick(std::span<std::string_view const>(kRoman)), m_rng.between(1, 120));
        } else if (r < 70) {
            fmt::format_to(it, "Jl. Raya {} No. {}", kel.nama, m_rng.between(1, 200));
        } else if (r < 88) {
            fmt::format_to(it, "Gg. {}{} No. {}", m_rng.pick(std::span<std::string_view const>(kJalan)),
                           m_rng.pick(std::span<std::string_view const>(kRoman)), m_rng.between(1, 60));
        } else {
            fmt::format_to(it, "Kp. {} {}", m_rng.pick(std::span<std::string_view const>(kKampung)), kel.nama);
        }
    }

    template <size_t N>
    static void put(std::array<std::string, N>& row, size_t col, std::string_view v) {
        row[col].assign(v.data(), v.size());
    }

    struct Place {
        size_t kel_index;
        int rw, rt;
    };
    // Where a household lives: the first draws of its stream.
    Place locate() {
        auto const pick = m_rng.below(m_total_weight);
        size_t const kel_index = static_cast<size_t>(std::upper_bound(m_cumulative.begin(), m_cumulative.end(), pick) -
                                                     m_cumulative.begin());
        Kelurahan const& kel = m_area.kelurahan[kel_index];
        // About 10 RW per kelurahan and 5 RT per RW, fixed per kelurahan/RW whatever the seed.
        int const rw_count = 6 + static_cast<int>(stable_hash(kel.kode) % 9);
        int const rw = m_rng.between(1, rw_count);
        int const rt_count = 3 + static_cast<int>(stable_hash(fmt::format("{}.{}", kel.kode, rw)) % 6);
        int const rt = m_rng.between(1, rt_count);
        return {kel_index, rw, rt};
    }

    // The household indexes sorted by their RT code (kelurahan code, RW, RT), then by index.
    std::vector<std::uint32_t> region_order() {
        std::vector<size_t> by_code(m_area.kelurahan.size());
        for (size_t k = 0; k < by_code.size(); ++k) by_code[k] = k;
        std::sort(by_code.begin(), by_code.end(),
                  [&](size_t a, size_t b) { return m_area.kelurahan[a].kode < m_area.kelurahan[b].kode; });
        std::vector<std::uint32_t> rank(by_code.size());
        for (size_t r = 0; r < by_code.size(); ++r) rank[by_code[r]] = static_cast<std::uint32_t>(r);
        std::vector<std::uint64_t> keyed(static_cast<size_t>(m_options.households));
        for (size_t i = 0; i < keyed.size(); ++i) {
            m_rng = Rng::for_stream(m_options.seed, static_cast<std::uint64_t>(i));
            auto const at = locate();
            std::uint64_t const place = std::uint64_t{rank[at.kel_index]} << 16 | static_cast<std::uint64_t>(at.rw) << 8 |
                                        static_cast<std::uint64_t>(at.rt);
            keyed[i] = place << 32 | i;  // i < kMaxHouseholds < 2^32
        }
        std::sort(keyed.begin(), keyed.end());
        std::vector<std::uint32_t> order(keyed.size());
        for (size_t i = 0; i < keyed.size(); ++i) order[i] = static_cast<std::uint32_t>(keyed[i] & 0xFFFFFFFFu);
        return order;
    }

    Result<void> household() {
        // Where.
        auto const [kel_index, rw, rt] = locate();
        Kelurahan const& kel = m_area.kelurahan[kel_index];
        int const desil = 1 + m_rng.weighted(kDesilWeight);
        int const band = band_of(desil);

        // Who.
        m_people.clear();
        compose(band);
        default_dates();
        name_everyone();
        order();
        bool const alone = m_people.size() == 1;
        for (auto& p : m_people) {
            birthplace(p, kel.kecamatan);
            health(p, desil);
            schooling_and_work(p, desil, kel);
            social(p, desil, alone);
        }

        // The house.
        auto& k = m_krow;
        PILAR_TRY(no_kk(kel.kecamatan, k[kcol::NoKk]));
        put(k, kcol::KodeWilayah, kel.kode);
        k[kcol::Rw].clear();
        fmt::format_to(std::back_inserter(k[kcol::Rw]), "{:03}", rw);
        k[kcol::Rt].clear();
        fmt::format_to(std::back_inserter(k[kcol::Rt]), "{:03}", rt);
        address(kel, desil, k[kcol::Alamat]);
        k[kcol::Lat].clear();
        k[kcol::Lon].clear();
        if (kel.pusat && m_area.bounds) {
            auto const& b = *m_area.bounds;
            append_micro(k[kcol::Lat], std::clamp(kel.pusat->lat + m_rng.between(-4000, 4000), b.min.lat, b.max.lat));
            append_micro(k[kcol::Lon], std::clamp(kel.pusat->lon + m_rng.between(-4000, 4000), b.min.lon, b.max.lon));
        }
        k[kcol::Desil] = std::to_string(desil);
        std::string_view const bangunan = kStatusBangunan.draw(m_rng, band);
        put(k, kcol::StatusBangunan, bangunan);
        if (bangunan == "milik_sendiri")
            put(k, kcol::StatusLahan,
                std::array<std::string_view, 4>{
                    "milik_sendiri", "milik_orang_lain", "tanah_negara",
                    "lainnya"}[static_cast<size_t>(m_rng.weighted(std::array{82, 8,
                                                                             band == 0   ? 8
                                                                             : band == 3 ? 0
                                                                                         : 3,
                                                                             2}))]);
        else
            put(k, kcol::StatusLahan,
                std::array<std::string_view, 4>{
                    "milik_sendiri", "milik_orang_lain", "tanah_negara",
                    "lainnya"}[static_cast<size_t>(m_rng.weighted(std::array{3, 90, band == 3 ? 0 : 5, 2}))]);
        static constexpr std::array<std::array<int, 2>, 4> kLuas{{{12, 42}, {24, 60}, {36, 90}, {60, 240}}};
        static constexpr std::array<std::array<int, 2>, 4> kKamar{{{1, 2}, {1, 3}, {2, 3}, {3, 5}}};
        k[kcol::LuasLantai] =
            std::to_string(m_rng.between(kLuas[static_cast<size_t>(band)][0], kLuas[static_cast<size_t>(band)][1]));
        put(k, kcol::JenisLantai, kJenisLantai.draw(m_rng, band));
        put(k, kcol::JenisDinding, kJenisDinding.draw(m_rng, band));
        put(k, kcol::KondisiDinding, m_rng.permille(kRusakPermille[static_cast<size_t>(band)]) ? "rusak" : "baik");
        put(k, kcol::JenisAtap, kJenisAtap.draw(m_rng, band));
        put(k, kcol::KondisiAtap, m_rng.permille(kRusakPermille[static_cast<size_t>(band)]) ? "rusak" : "baik");
        k[kcol::JumlahKamar] =
            std::to_string(m_rng.between(kKamar[static_cast<size_t>(band)][0], kKamar[static_cast<size_t>(band)][1]));
        put(k, kcol::SumberAir, kSumberAir.draw(m_rng, band));
        std::string_view const penerangan = kSumberPenerangan.draw(m_rng, band);
        put(k, kcol::SumberPenerangan, penerangan);
        put(k, kcol::DayaListrik,
            penerangan == "listrik_pln_meteran"         ? kDayaListrik.draw(m_rng, band)
            : penerangan == "listrik_pln_tanpa_meteran" ? std::string_view("tanpa_meteran")
                                                        : std::string_view());
        std::string_view const bahan = kBahanBakar.draw(m_rng, band);
        put(k, kcol::BahanBakar, bahan);
        put(k, kcol::FasilitasBab, kFasilitasBab.draw(m_rng, band));
        k[kcol::Aset].clear();
        for (auto const& a : kAset) {
            bool has = m_rng.permille(a.permille[static_cast<size_t>(desil - 1)]);
            if (a.code == "gas_5_5kg" && bahan == "elpiji_5_5kg") has = true;
            if (!has) continue;
            if (!k[kcol::Aset].empty()) k[kcol::Aset] += ';';
            k[kcol::Aset] += a.code;
        }
        PILAR_TRY(m_keluarga.write_row(std::span<std::string const>(k)));

        // The members.
        auto& a = m_arow;
        for (auto& p : m_people) {
            PILAR_TRY(nik(p, a[acol::Nik]));
            a[acol::NoKk] = k[kcol::NoKk];
            a[acol::Nama] = p.nama;
            put(a, acol::JenisKelamin, sex_code(p.sex));
            put(a, acol::TempatLahir, p.tempat_lahir);
            a[acol::TanggalLahir] = p.date.iso();
            put(a, acol::Hubungan, kHubungan[static_cast<size_t>(p.role)]);
            put(a, acol::StatusKawin, p.status_kawin);
            put(a, acol::Pendidikan, kPendidikan[static_cast<size_t>(p.edu)]);
            put(a, acol::Pekerjaan, p.pekerjaan);
            put(a, acol::DisabilitasJenis,
                p.disabilitas >= 0 ? kDisabilitasJenis[static_cast<size_t>(p.disabilitas)] : "");
            put(a, acol::DisabilitasTingkat, p.tingkat >= 0 ? kDisabilitasTingkat[static_cast<size_t>(p.tingkat)] : "");
            a[acol::PenyakitKronis].clear();
            for (size_t i = 0; i < kPenyakit.size(); ++i)
                if (p.penyakit & (1u << i)) {
                    if (!a[acol::PenyakitKronis].empty()) a[acol::PenyakitKronis] += ';';
                    a[acol::PenyakitKronis] += kPenyakit[i];
                }
            put(a, acol::StatusKeberadaan, p.keberadaan);
            int const padan = static_cast<int>(m_rng.below(1000));
            put(a, acol::StatusPadan,
                p.nik_region < 0 ? "belum"
                : padan < 930    ? "padan"
                : padan < 980    ? "belum"
                                 : "tidak_padan");
            a[acol::Ppks].clear();
            for (int n = 1; n <= 26; ++n)
                if (p.ppks & (1u << n)) {
                    if (!a[acol::Ppks].empty()) a[acol::Ppks] += ';';
                    fmt::format_to(std::back_inserter(a[acol::Ppks]), "{}", n);
                }
            if (p.nisn)
                nisn(p, a[acol::Nisn]);
            else
                a[acol::Nisn].clear();
            if (p.nisn)
                a[acol::Sekolah] = p.sekolah;
            else
                a[acol::Sekolah].clear();
            PILAR_TRY(m_anggota.write_row(std::span<std::string const>(a)));
        }
        return {};
    }

    Area const& m_area;
    GeneratorOptions const& m_options;
    CsvWriter& m_keluarga;
    CsvWriter& m_anggota;
    int const m_as_of;     // days since epoch
    int const m_kk_epoch;  // earliest No. KK issue date considered
    Rng m_rng{0};
    std::vector<std::uint32_t> m_cumulative;
    std::uint32_t m_total_weight = 0;
    std::vector<std::string> m_regions;
    std::vector<std::vector<int>> m_origin_regions;
    std::vector<std::vector<std::uint16_t>> m_nik_counters;
    std::vector<std::vector<std::uint16_t>> m_kk_counters;
    std::array<std::uint32_t, 100> m_nisn_counters{};
    std::uint32_t m_nisn_offset = 0;
    std::vector<Person> m_people;
    std::array<std::string, kKeluargaColumns.size()> m_krow;
    std::array<std::string, kAnggotaColumns.size()> m_arow;
};

}  // namespace

std::span<std::string_view const> keluarga_columns() { return kKeluargaColumns; }
std::span<std::string_view const> anggota_columns() { return kAnggotaColumns; }

Result<GenerateReport> generate(Area const& area, GeneratorOptions const& options, CsvWriter& keluarga,
                                CsvWriter& anggota) {
    if (options.households < 1 || options.households > kMaxHouseholds)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("--households harus 1 sampai {}, bukan {}", kMaxHouseholds, options.households),
                     fmt::format("--households must be 1 to {}, not {}", kMaxHouseholds, options.households)});
    if (options.as_of.year() < 2000)
        return fail(ErrorCode::InvalidArgument,
                    {"--as-of harus tahun 2000 atau sesudahnya", "--as-of must be in 2000 or later"});
    if (area.kelurahan.empty() || area.kecamatan.empty())
        return fail(ErrorCode::NotFound, {fmt::format("Tidak ada kelurahan di {}", area.kota),
                                          fmt::format("No kelurahan in {}", area.kota)});
    // The generator holds the NIK counters (a few MB): on the heap, not the stack.
    auto gen = std::make_unique<Generator>(area, options, keluarga, anggota);
    return gen->run();
}

Result<GenerateReport> generate_files(Area const& area, GeneratorOptions const& options, std::string const& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return fail(ErrorCode::Unavailable, {fmt::format("Tidak bisa membuat folder {}: {}", dir, ec.message()),
                                             fmt::format("Cannot create folder {}: {}", dir, ec.message())});
    auto keluarga = PILAR_TRY(CsvWriter::create_file((fs::path(dir) / "keluarga.csv").string()));
    auto anggota = PILAR_TRY(CsvWriter::create_file((fs::path(dir) / "anggota.csv").string()));
    auto report = PILAR_TRY(generate(area, options, keluarga, anggota));
    PILAR_TRY(keluarga.finish());
    PILAR_TRY(anggota.finish());
    return report;
}

}  // namespace pilar::synth
