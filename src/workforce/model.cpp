#include "workforce/model.hpp"

#include <array>

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

}  // namespace pilar::workforce
