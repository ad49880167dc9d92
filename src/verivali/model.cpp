#include "verivali/model.hpp"

#include <array>
#include <utility>

namespace pilar::verivali {
namespace {

constexpr std::array<std::pair<Status, std::string_view>, kStatusCount> kStatusNames = {{
    {Status::Draft, "draft"},
    {Status::Diajukan, "diajukan"},
    {Status::Dikembalikan, "dikembalikan"},
    {Status::Ditinjau, "ditinjau"},
    {Status::Diverifikasi, "diverifikasi"},
    {Status::Dimusyawarahkan, "dimusyawarahkan"},
    {Status::Disetujui, "disetujui"},
    {Status::Ditolak, "ditolak"},
    {Status::Diekspor, "diekspor"},
    {Status::Diterima, "diterima"},
    {Status::Padan, "padan"},
    {Status::TidakPadan, "tidak_padan"},
    {Status::Dibatalkan, "dibatalkan"},
}};

constexpr std::array<std::pair<Jenis, std::string_view>, 4> kJenisNames = {{
    {Jenis::KeluargaBaru, "keluarga_baru"},
    {Jenis::Perubahan, "perubahan"},
    {Jenis::Penghapusan, "penghapusan"},
    {Jenis::Ppks, "ppks"},
}};

constexpr std::array<std::string_view, 5> kAlasan = {"meninggal", "pindah", "tidak_ditemukan", "ganda", "tidak_layak"};
constexpr std::array<std::string_view, 6> kHasilPeriksa = {"selesai", "tidak_ditemukan", "pindah",
                                                           "bagian_ruta_lain", "menolak", "ganda"};

}  // namespace

std::string_view status_name(Status s) {
    for (auto const& [k, v] : kStatusNames)
        if (k == s) return v;
    return "draft";
}

std::optional<Status> status_from_name(std::string_view name) {
    for (auto const& [k, v] : kStatusNames)
        if (v == name) return k;
    return std::nullopt;
}

std::string_view jenis_name(Jenis j) {
    for (auto const& [k, v] : kJenisNames)
        if (k == j) return v;
    return "perubahan";
}

std::optional<Jenis> jenis_from_name(std::string_view name) {
    for (auto const& [k, v] : kJenisNames)
        if (v == name) return k;
    return std::nullopt;
}

bool is_alasan_penghapusan(std::string_view alasan) {
    for (auto a : kAlasan)
        if (a == alasan) return true;
    return false;
}

std::string_view hasil_periksa_name(int code) {
    if (code < 1 || code > 6) return "";
    return kHasilPeriksa[static_cast<size_t>(code - 1)];
}

std::string_view pemilik_name(Pemilik p) {
    switch (p) {
        case Pemilik::Usulan: return "usulan";
        case Pemilik::Musyawarah: return "musyawarah";
        case Pemilik::Periksa: return "periksa";
    }
    return "usulan";
}

std::optional<Pemilik> pemilik_from_name(std::string_view name) {
    if (name == "usulan") return Pemilik::Usulan;
    if (name == "musyawarah") return Pemilik::Musyawarah;
    if (name == "periksa") return Pemilik::Periksa;
    return std::nullopt;
}

}  // namespace pilar::verivali
