// The code lists of docs/formats.md with their labels; edit both together.
#include "registry/vocab.hpp"

#include <array>

namespace pilar::registry {
namespace {

constexpr std::array<VocabCode, 5> k_status_bangunan{{
    {"milik_sendiri", "Milik sendiri", "Owned"},
    {"kontrak_sewa", "Kontrak/sewa", "Rented"},
    {"bebas_sewa", "Bebas sewa", "Rent-free"},
    {"dinas", "Dinas", "Official housing"},
    {"lainnya", "Lainnya", "Other"},
}};
constexpr std::array<VocabCode, 4> k_status_lahan{{
    {"milik_sendiri", "Milik sendiri", "Owned"},
    {"milik_orang_lain", "Milik orang lain", "Someone else's"},
    {"tanah_negara", "Tanah negara", "State land"},
    {"lainnya", "Lainnya", "Other"},
}};
constexpr std::array<VocabCode, 9> k_jenis_lantai{{
    {"marmer_granit", "Marmer/granit", "Marble/granite"},
    {"keramik", "Keramik", "Ceramic tiles"},
    {"parket_vinil", "Parket/vinil/karpet", "Parquet/vinyl/carpet"},
    {"ubin_tegel", "Ubin/tegel/teraso", "Tiles/terrazzo"},
    {"kayu_papan", "Kayu/papan", "Wood/planks"},
    {"semen_bata_merah", "Semen/bata merah", "Cement/red brick"},
    {"bambu", "Bambu", "Bamboo"},
    {"tanah", "Tanah", "Earth"},
    {"lainnya", "Lainnya", "Other"},
}};
constexpr std::array<VocabCode, 7> k_jenis_dinding{{
    {"tembok", "Tembok", "Masonry"},
    {"plesteran_anyaman_bambu", "Plesteran anyaman bambu/kawat", "Plastered woven bamboo/wire"},
    {"kayu_papan", "Kayu/papan", "Wood/planks"},
    {"anyaman_bambu", "Anyaman bambu", "Woven bamboo"},
    {"batang_kayu", "Batang kayu", "Logs"},
    {"bambu", "Bambu", "Bamboo"},
    {"lainnya", "Lainnya", "Other"},
}};
constexpr std::array<VocabCode, 2> k_kondisi_dinding{{
    {"baik", "Baik", "Good"},
    {"rusak", "Rusak", "Damaged"},
}};
constexpr std::array<VocabCode, 8> k_jenis_atap{{
    {"beton", "Beton", "Concrete"},
    {"genteng", "Genteng", "Roof tiles"},
    {"seng", "Seng", "Corrugated iron"},
    {"asbes", "Asbes", "Asbestos"},
    {"kayu_sirap", "Kayu/sirap", "Wood shingles"},
    {"bambu", "Bambu", "Bamboo"},
    {"jerami_ijuk_rumbia", "Jerami/ijuk/rumbia", "Straw/palm fibre/thatch"},
    {"lainnya", "Lainnya", "Other"},
}};
constexpr std::array<VocabCode, 2> k_kondisi_atap{{
    {"baik", "Baik", "Good"},
    {"rusak", "Rusak", "Damaged"},
}};
constexpr std::array<VocabCode, 11> k_sumber_air{{
    {"air_kemasan", "Air kemasan bermerk", "Bottled water"},
    {"air_isi_ulang", "Air isi ulang", "Refill water"},
    {"leding", "Leding", "Piped water"},
    {"sumur_bor_pompa", "Sumur bor/pompa", "Borehole/pump"},
    {"sumur_terlindung", "Sumur terlindung", "Protected well"},
    {"sumur_tak_terlindung", "Sumur tak terlindung", "Unprotected well"},
    {"mata_air_terlindung", "Mata air terlindung", "Protected spring"},
    {"mata_air_tak_terlindung", "Mata air tak terlindung", "Unprotected spring"},
    {"air_permukaan", "Air permukaan (sungai/danau)", "Surface water"},
    {"air_hujan", "Air hujan", "Rain water"},
    {"lainnya", "Lainnya", "Other"},
}};
constexpr std::array<VocabCode, 4> k_sumber_penerangan{{
    {"listrik_pln_meteran", "Listrik PLN dengan meteran", "PLN electricity, metered"},
    {"listrik_pln_tanpa_meteran", "Listrik PLN tanpa meteran", "PLN electricity, unmetered"},
    {"listrik_non_pln", "Listrik non-PLN", "Non-PLN electricity"},
    {"bukan_listrik", "Bukan listrik", "No electricity"},
}};
constexpr std::array<VocabCode, 6> k_daya_listrik{{
    {"450", "450 VA", "450 VA"},
    {"900", "900 VA", "900 VA"},
    {"1300", "1.300 VA", "1,300 VA"},
    {"2200", "2.200 VA", "2,200 VA"},
    {"lebih_2200", "Lebih dari 2.200 VA", "More than 2,200 VA"},
    {"tanpa_meteran", "Tanpa meteran", "No meter"},
}};
constexpr std::array<VocabCode, 11> k_bahan_bakar{{
    {"listrik", "Listrik", "Electricity"},
    {"elpiji_5_5kg", "Elpiji 5,5 kg atau lebih", "LPG 5.5 kg or more"},
    {"elpiji_3kg", "Elpiji 3 kg", "LPG 3 kg"},
    {"gas_kota", "Gas kota", "Piped gas"},
    {"biogas", "Biogas", "Biogas"},
    {"minyak_tanah", "Minyak tanah", "Kerosene"},
    {"briket", "Briket", "Briquettes"},
    {"arang", "Arang", "Charcoal"},
    {"kayu_bakar", "Kayu bakar", "Firewood"},
    {"tidak_memasak", "Tidak memasak di rumah", "Does not cook at home"},
    {"lainnya", "Lainnya", "Other"},
}};
constexpr std::array<VocabCode, 4> k_fasilitas_bab{{
    {"sendiri", "Sendiri", "Own"},
    {"bersama", "Bersama rumah tangga lain", "Shared"},
    {"umum", "MCK umum", "Public"},
    {"tidak_ada", "Tidak ada", "None"},
}};
constexpr std::array<VocabCode, 13> k_aset{{
    {"gas_5_5kg", "Tabung gas 5,5 kg atau lebih", "Gas cylinder 5.5 kg or more"},
    {"kulkas", "Lemari es/kulkas", "Refrigerator"},
    {"ac", "AC", "Air conditioner"},
    {"pemanas_air", "Pemanas air", "Water heater"},
    {"telepon", "Telepon rumah", "Landline"},
    {"tv", "Televisi", "Television"},
    {"emas", "Emas/perhiasan minimal 10 gram", "Gold/jewellery 10 g or more"},
    {"laptop", "Komputer/laptop", "Computer/laptop"},
    {"sepeda", "Sepeda", "Bicycle"},
    {"motor", "Sepeda motor", "Motorcycle"},
    {"mobil", "Mobil", "Car"},
    {"perahu", "Perahu", "Boat"},
    {"motor_tempel", "Motor tempel", "Outboard motor"},
}};
constexpr std::array<VocabCode, 9> k_hubungan{{
    {"kepala_keluarga", "Kepala keluarga", "Head of household"},
    {"istri_suami", "Istri/suami", "Spouse"},
    {"anak", "Anak", "Child"},
    {"menantu", "Menantu", "Child-in-law"},
    {"cucu", "Cucu", "Grandchild"},
    {"orang_tua", "Orang tua", "Parent"},
    {"mertua", "Mertua", "Parent-in-law"},
    {"famili_lain", "Famili lain", "Other relative"},
    {"lainnya", "Lainnya", "Other"},
}};
constexpr std::array<VocabCode, 4> k_status_kawin{{
    {"belum_kawin", "Belum kawin", "Never married"},
    {"kawin", "Kawin", "Married"},
    {"cerai_hidup", "Cerai hidup", "Divorced"},
    {"cerai_mati", "Cerai mati", "Widowed"},
}};
constexpr std::array<VocabCode, 8> k_pendidikan{{
    {"tidak_sekolah", "Tidak/belum sekolah", "No schooling"},
    {"belum_tamat_sd", "Belum tamat SD", "Primary not finished"},
    {"sd", "SD/sederajat", "Primary"},
    {"smp", "SMP/sederajat", "Lower secondary"},
    {"sma", "SMA/sederajat", "Upper secondary"},
    {"d1_d3", "Diploma I–III", "Diploma I–III"},
    {"d4_s1", "Diploma IV/S1", "Bachelor"},
    {"s2_s3", "S2/S3", "Master/doctorate"},
}};
constexpr std::array<VocabCode, 7> k_disabilitas_jenis{{
    {"fisik", "Fisik", "Physical"},
    {"intelektual", "Intelektual", "Intellectual"},
    {"mental", "Mental", "Psychosocial"},
    {"sensorik_netra", "Sensorik netra", "Visual"},
    {"sensorik_rungu", "Sensorik rungu", "Hearing"},
    {"sensorik_wicara", "Sensorik wicara", "Speech"},
    {"ganda", "Ganda/multi", "Multiple"},
}};
constexpr std::array<VocabCode, 3> k_disabilitas_tingkat{{
    {"ringan", "Ringan", "Mild"},
    {"sedang", "Sedang", "Moderate"},
    {"berat", "Berat", "Severe"},
}};
constexpr std::array<VocabCode, 10> k_penyakit_kronis{{
    {"hipertensi", "Hipertensi", "Hypertension"},
    {"diabetes", "Diabetes", "Diabetes"},
    {"jantung", "Penyakit jantung", "Heart disease"},
    {"stroke", "Stroke", "Stroke"},
    {"kanker", "Kanker", "Cancer"},
    {"tbc", "TBC", "Tuberculosis"},
    {"paru_kronis", "Paru kronis", "Chronic lung disease"},
    {"gagal_ginjal", "Gagal ginjal", "Kidney failure"},
    {"hiv", "HIV/AIDS", "HIV/AIDS"},
    {"lainnya", "Lainnya", "Other"},
}};
constexpr std::array<VocabCode, 4> k_status_keberadaan{{
    {"ada", "Ada", "Present"},
    {"meninggal", "Meninggal", "Died"},
    {"pindah", "Pindah", "Moved"},
    {"tidak_ditemukan", "Tidak ditemukan", "Not found"},
}};
constexpr std::array<VocabCode, 3> k_status_padan{{
    {"belum", "Belum dipadankan", "Not yet matched"},
    {"padan", "Padan Dukcapil", "Matched"},
    {"tidak_padan", "Tidak padan", "Not matched"},
}};
constexpr std::array<VocabCode, 2> k_jenis_kelamin{{
    {"L", "Laki-laki", "Male"},
    {"P", "Perempuan", "Female"},
}};

constexpr std::array<Vocab, 22> kVocabs{{
    {"status_bangunan", false, k_status_bangunan},
    {"status_lahan", false, k_status_lahan},
    {"jenis_lantai", false, k_jenis_lantai},
    {"jenis_dinding", false, k_jenis_dinding},
    {"kondisi_dinding", false, k_kondisi_dinding},
    {"jenis_atap", false, k_jenis_atap},
    {"kondisi_atap", false, k_kondisi_atap},
    {"sumber_air", false, k_sumber_air},
    {"sumber_penerangan", false, k_sumber_penerangan},
    {"daya_listrik", false, k_daya_listrik},
    {"bahan_bakar", false, k_bahan_bakar},
    {"fasilitas_bab", false, k_fasilitas_bab},
    {"aset", true, k_aset},
    {"hubungan", false, k_hubungan},
    {"status_kawin", false, k_status_kawin},
    {"pendidikan", false, k_pendidikan},
    {"disabilitas_jenis", false, k_disabilitas_jenis},
    {"disabilitas_tingkat", false, k_disabilitas_tingkat},
    {"penyakit_kronis", true, k_penyakit_kronis},
    {"status_keberadaan", false, k_status_keberadaan},
    {"status_padan", false, k_status_padan},
    {"jenis_kelamin", false, k_jenis_kelamin},
}};

constexpr std::array<PpksCategory, 26> kPpks{{
    {1, "Anak Balita Terlantar", "ABT", "anak"},
    {2, "Anak Terlantar", "AT", "anak"},
    {3, "Anak yang Berhadapan dengan Hukum", "ABH", "anak"},
    {4, "Anak Jalanan", "AJ", "anak"},
    {5, "Anak dengan Kedisabilitasan", "ADK", "penyandang_disabilitas"},
    {6, "Anak yang Menjadi Korban Tindak Kekerasan atau Diperlakukan Salah", "AKTK", "anak"},
    {7, "Anak yang Memerlukan Perlindungan Khusus", "AMPK", "anak"},
    {8, "Lanjut Usia Terlantar", "LUT", "lanjut_usia"},
    {9, "Penyandang Disabilitas", "PD", "penyandang_disabilitas"},
    {10, "Tuna Susila", "TS", "tuna_sosial"},
    {11, "Gelandangan", "GLD", "tuna_sosial"},
    {12, "Pengemis", "PGM", "tuna_sosial"},
    {13, "Pemulung", "PML", "tuna_sosial"},
    {14, "Kelompok Minoritas", "KM", "lainnya"},
    {15, "Bekas Warga Binaan Lembaga Pemasyarakatan", "BWBLP", "tuna_sosial"},
    {16, "Orang dengan HIV/AIDS", "ODHA", "lainnya"},
    {17, "Korban Penyalahgunaan NAPZA", "KPN", "korban_napza"},
    {18, "Korban Trafficking", "KTR", "tuna_sosial"},
    {19, "Korban Tindak Kekerasan", "KTK", "lainnya"},
    {20, "Pekerja Migran Bermasalah Sosial", "PMBS", "lainnya"},
    {21, "Korban Bencana Alam", "KBA", "korban_bencana"},
    {22, "Korban Bencana Sosial", "KBS", "korban_bencana"},
    {23, "Perempuan Rawan Sosial Ekonomi", "PRSE", "lainnya"},
    {24, "Fakir Miskin", "FM", "lainnya"},
    {25, "Keluarga Bermasalah Sosial Psikologis", "KBSP", "lainnya"},
    {26, "Komunitas Adat Terpencil", "KAT", "lainnya"},
}};

}  // namespace

bool Vocab::contains(std::string_view code) const { return index_of(code) >= 0; }

int Vocab::index_of(std::string_view code) const {
    for (std::size_t i = 0; i < codes.size(); ++i)
        if (codes[i].code == code) return static_cast<int>(i);
    return -1;
}

std::string_view Vocab::label(std::string_view code, Lang lang) const {
    int i = index_of(code);
    if (i < 0) return code;
    return lang == Lang::En ? codes[static_cast<std::size_t>(i)].label_en : codes[static_cast<std::size_t>(i)].label_id;
}

Vocab const* vocab(std::string_view field) {
    for (auto const& v : kVocabs)
        if (v.field == field) return &v;
    return nullptr;
}

std::span<Vocab const> all_vocabs() { return kVocabs; }

std::span<PpksCategory const> ppks_categories() { return kPpks; }

PpksCategory const* ppks_category(int kode) {
    if (kode < 1 || kode > static_cast<int>(kPpks.size())) return nullptr;
    return &kPpks[static_cast<std::size_t>(kode - 1)];
}

}  // namespace pilar::registry
