// The privacy module's records: a person's legal basis for processing (UU PDP Pasal 20), what
// an erasure request meets (the retention rules of docs/privacy.md), and what an erasure did.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace pilar::privacy {

// Legal basis of one person. Without a stored row a person is processed under the office's
// public task ("tugas_publik"), the registry's default basis; `tercatat` says whether it was set.
struct DasarHukum {
    std::int64_t anggota_id = 0;
    std::string dasar = "tugas_publik";  // "tugas_publik" or "persetujuan" (consent)
    bool tercatat = false;
    std::optional<std::string> persetujuan_tanggal;  // YYYY-MM-DD
    std::optional<std::string> persetujuan_oleh;     // who gave consent
    std::optional<std::string> wali_nama;            // a child's parent or guardian
    std::optional<std::string> wali_hubungan;        // "ayah", "ibu", "wali"
    std::optional<std::int64_t> wali_anggota_id;     // the guardian's registry record, if any
    std::optional<std::string> catatan;
    bool anak = false;  // under 18 today, from the birth date (computed, not stored)
    std::int64_t version = 0;  // 0: nothing stored yet
    std::optional<std::string> updated_at, updated_by;
};

// What the caller sends to set it; absent optional fields are cleared.
struct DasarHukumInput {
    std::string dasar;
    std::optional<std::string> persetujuan_tanggal, persetujuan_oleh, wali_nama, wali_hubungan;
    std::optional<std::int64_t> wali_anggota_id;
    std::optional<std::string> catatan;
    std::optional<std::int64_t> version;  // the version the caller saw (required once one is stored)
};

// One reason erasure is refused now.
struct Hambatan {
    std::string kode;  // "usulan_berjalan", "masih_terdaftar", "masa_retensi", "sudah_dianonimkan"
    Text pesan;
};

// Whether a person's data may be erased now, and if not, why.
struct EvaluasiHapus {
    std::int64_t anggota_id = 0;
    bool boleh = false;
    std::vector<Hambatan> hambatan;
    std::string dasar;                          // the legal basis it was judged under
    std::optional<std::string> aktivitas_terakhir;  // the newest verification/aid/change (ISO date-time)
    std::optional<std::string> boleh_sejak;     // YYYY-MM-DD when retention ends
};

struct HasilHapus {
    std::int64_t anggota_id = 0;
    std::vector<std::int64_t> usulan_dianonimkan;
    std::vector<std::int64_t> audit_diredaksi;  // seqs of the audit entries whose payload was removed
    std::string dianonimkan_pada;
};

}  // namespace pilar::privacy
