#include "workforce/model.hpp"

#include <array>
#include <string>

namespace pilar::workforce {
namespace {

struct JenisRow {
    Jenis jenis;
    std::string_view name, label;
};
// domain/psks.csv, in its order.
constexpr std::array<JenisRow, 12> kJenis = {{
    {Jenis::Psp, "psp", "Pekerja Sosial Profesional"},
    {Jenis::Psm, "psm", "Pekerja Sosial Masyarakat"},
    {Jenis::Tagana, "tagana", "Taruna Siaga Bencana"},
    {Jenis::Lks, "lks", "Lembaga Kesejahteraan Sosial"},
    {Jenis::Kt, "kt", "Karang Taruna"},
    {Jenis::Lk3, "lk3", "Lembaga Konsultasi Kesejahteraan Keluarga"},
    {Jenis::Kp, "kp", "Keluarga Pioner"},
    {Jenis::Wksbm, "wksbm", "Wahana Kesejahteraan Sosial Keluarga Berbasis Masyarakat"},
    {Jenis::Wpks, "wpks", "Wanita Pemimpin Kesejahteraan Sosial"},
    {Jenis::Ps, "ps", "Penyuluh Sosial"},
    {Jenis::Tksk, "tksk", "Tenaga Kesejahteraan Sosial Kecamatan"},
    {Jenis::Du, "du", "Dunia Usaha"},
}};

constexpr std::array<std::string_view, 4> kStatus = {"kandidat", "aktif", "nonaktif", "berhenti"};

constexpr std::array<std::string_view, 8> kKegiatan = {
    "kunjungan_rumah", "periksa_lapangan", "pendampingan_rujukan", "sosialisasi",
    "tanggap_bencana", "rapat",            "pendataan",            "lainnya",
};

}  // namespace

std::string_view jenis_name(Jenis j) { return kJenis[static_cast<std::size_t>(j)].name; }
std::string_view jenis_label(Jenis j) { return kJenis[static_cast<std::size_t>(j)].label; }

std::optional<Jenis> jenis_from_name(std::string_view name) {
    for (auto const& r : kJenis)
        if (r.name == name) return r.jenis;
    return std::nullopt;
}

std::vector<Jenis> all_jenis() {
    std::vector<Jenis> out;
    for (auto const& r : kJenis) out.push_back(r.jenis);
    return out;
}

std::string_view status_name(Status s) { return kStatus[static_cast<std::size_t>(s)]; }

std::optional<Status> status_from_name(std::string_view name) {
    for (std::size_t i = 0; i < kStatus.size(); ++i)
        if (kStatus[i] == name) return static_cast<Status>(i);
    return std::nullopt;
}

std::string_view kegiatan_name(JenisKegiatan k) { return kKegiatan[static_cast<std::size_t>(k)]; }

std::optional<JenisKegiatan> kegiatan_from_name(std::string_view name) {
    for (std::size_t i = 0; i < kKegiatan.size(); ++i)
        if (kKegiatan[i] == name) return static_cast<JenisKegiatan>(i);
    return std::nullopt;
}

std::vector<JenisKegiatan> all_kegiatan() {
    std::vector<JenisKegiatan> out;
    for (std::size_t i = 0; i < kKegiatan.size(); ++i) out.push_back(static_cast<JenisKegiatan>(i));
    return out;
}

std::string_view jenis_aturan_name(JenisAturan j) {
    switch (j) {
        case JenisAturan::Bulat: return "integer";
        case JenisAturan::Angka: return "number";
        case JenisAturan::YaTidak: return "boolean";
    }
    return "number";
}

std::vector<std::string> const& skor_indikator() {
    static std::vector<std::string> const ids = {"usulan_diajukan", "usulan_disetujui", "periksa_selesai", "periksa_tepat_waktu",
                                                 "kasus",           "laporan",          "pelatihan"};
    return ids;
}

std::vector<AturanDef> const& aturan_defs() {
    static std::vector<AturanDef> const defs = [] {
        std::vector<AturanDef> d = {
            {"usia_minimal", JenisAturan::Bulat, 15, 70},
            {"larang_ketua_rt_rw", JenisAturan::YaTidak, 0, 1},
            {"tksk_masa_tahun", JenisAturan::Bulat, 1, 5},
            {"sk_peringatan_hari", JenisAturan::Bulat, 1, 365},
            {"insentif_min_laporan", JenisAturan::Bulat, 0, 100},
            {"insentif_nominal", JenisAturan::Bulat, 0, 100000000},
            {"periksa_tenggat_hari", JenisAturan::Bulat, 1, 365},
        };
        // One weight per indicator the scores know.
        static std::vector<std::string> const keys = [] {
            std::vector<std::string> k;
            for (auto const& indikator : skor_indikator()) k.push_back("bobot." + indikator);
            return k;
        }();
        for (auto const& k : keys) d.push_back({k, JenisAturan::Angka, 0, 100});
        return d;
    }();
    return defs;
}

std::optional<AturanDef> aturan_def(std::string_view kunci) {
    for (auto const& d : aturan_defs())
        if (d.kunci == kunci) return d;
    return std::nullopt;
}

double nilai_aturan(Aturan const& a, std::string_view k) {
    if (k == "usia_minimal") return a.usia_minimal;
    if (k == "larang_ketua_rt_rw") return a.larang_ketua_rt_rw ? 1 : 0;
    if (k == "tksk_masa_tahun") return a.tksk_masa_tahun;
    if (k == "sk_peringatan_hari") return a.sk_peringatan_hari;
    if (k == "insentif_min_laporan") return a.insentif_min_laporan;
    if (k == "insentif_nominal") return static_cast<double>(a.insentif_nominal);
    if (k == "periksa_tenggat_hari") return a.periksa_tenggat_hari;
    if (k.starts_with("bobot."))
        if (auto it = a.bobot.find(std::string(k.substr(6))); it != a.bobot.end()) return it->second;
    return 0;
}

void terapkan_aturan(Aturan& a, std::string_view k, double d) {
    auto i = static_cast<std::int64_t>(d);
    if (k == "usia_minimal") a.usia_minimal = static_cast<int>(i);
    else if (k == "larang_ketua_rt_rw") a.larang_ketua_rt_rw = i != 0;
    else if (k == "tksk_masa_tahun") a.tksk_masa_tahun = static_cast<int>(i);
    else if (k == "sk_peringatan_hari") a.sk_peringatan_hari = static_cast<int>(i);
    else if (k == "insentif_min_laporan") a.insentif_min_laporan = static_cast<int>(i);
    else if (k == "insentif_nominal") a.insentif_nominal = i;
    else if (k == "periksa_tenggat_hari") a.periksa_tenggat_hari = static_cast<int>(i);
    else if (k.starts_with("bobot.")) a.bobot[std::string(k.substr(6))] = d;
}

}  // namespace pilar::workforce
