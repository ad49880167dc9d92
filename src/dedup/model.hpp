// Duplicate review (issue 6 items 4-6): candidate pairs of registry members found by record
// linkage (src/linkage), their scores and the reasons, and the operators' decisions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "registry/model.hpp"

namespace pilar::dedup {

// How one field of the two records compared, and how much that weighed (log2 of m/u).
struct FieldReason {
    std::string field;  // "nik", "nama", ... (linkage::field_name)
    std::string level;  // "exact", "typo", "different", ... (linkage::level_name); "missing" carries no weight
    double weight = 0;
};

enum class Status { Menunggu, Digabung, BukanDuplikat };
std::string_view status_name(Status s);  // "menunggu", "digabung", "bukan_duplikat"
std::optional<Status> status_from_name(std::string_view s);

struct Pasangan {
    std::int64_t id = 0;
    std::int64_t anggota_a = 0, anggota_b = 0;  // a < b
    double skor = 0;   // P(same person)
    double bobot = 0;  // match weight
    std::vector<FieldReason> rincian;
    std::string kode_wilayah_a, kode_wilayah_b;
    std::string sumber = "dedup";  // "dedup" | "entri"
    Status status = Status::Menunggu;
    std::optional<std::int64_t> penyintas;  // merged: the member kept
    std::vector<std::int64_t> ppks_dipindah;
    std::optional<std::string> catatan, diputus_oleh, diputus_at;
    std::optional<std::int64_t> proses_id;
    std::string created_at, updated_at;
    std::int64_t version = 1;
};

// A pair with both members as the caller may see them (NIK masked unless unmasked and allowed).
struct PasanganLengkap {
    Pasangan pasangan;
    registry::Anggota a, b;
};

struct Proses {
    std::int64_t id = 0;
    std::string kode_wilayah;
    std::int64_t orang = 0, pasangan = 0, baru = 0, diperbarui = 0, sudah_diputus = 0;
    std::vector<std::pair<std::string, std::int64_t>> dibatasi;  // capped blocks: key, size
    double detik = 0;
    std::string oleh, mulai, selesai;
};

// A probable duplicate of a record being entered.
struct Kandidat {
    registry::Anggota anggota;
    double skor = 0;
    std::vector<FieldReason> rincian;
};

}  // namespace pilar::dedup
