// The columns of keluarga.csv and anggota.csv (docs/formats.md) as one table each, and the one
// validator every way in uses: bulk import, the API, offline sync. A record is the row's text
// fields in column order, normalised (codes trimmed, RW/RT padded to three digits, kode dotted,
// ';'-lists in vocabulary order), so equal data gives equal records and equal row hashes
// whether it came from a file, a form or the database.
//
//   AnggotaRecord r;
//   r[ACol::Nama] = "Siti Aminah";  ...
//   std::vector<FieldError> errors;
//   validate(r, Date::today(), errors);   // normalises r in place, appends what is wrong
//   std::string h = row_hash(r);
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/text.hpp"

namespace pilar::registry {

enum class KCol {
    NoKk, KodeWilayah, Rw, Rt, Alamat, Lat, Lon, Desil, StatusBangunan, StatusLahan, LuasLantai, JenisLantai,
    JenisDinding, KondisiDinding, JenisAtap, KondisiAtap, JumlahKamar, SumberAir, SumberPenerangan, DayaListrik,
    BahanBakar, FasilitasBab, Aset, Count
};
enum class ACol {
    Nik, NoKk, Nama, JenisKelamin, TempatLahir, TanggalLahir, Hubungan, StatusKawin, Pendidikan, Pekerjaan,
    DisabilitasJenis, DisabilitasTingkat, PenyakitKronis, StatusKeberadaan, StatusPadan, Ppks, Nisn, Sekolah, Count
};

enum class Kind {
    Digits16,   // NIK, No. KK (checked further by Nik / NoKk)
    Kelurahan,  // a kelurahan/desa code, dotted or not → dotted
    Number3,    // RW, RT: 1–3 digits → "004"
    Text,       // free text up to max_len characters
    Real,       // decimal number in [min, max]
    Integer,    // whole number in [min, max]
    Date,       // YYYY-MM-DD, 1900-01-01 .. today
    Code,       // one code of the vocabulary named like the column
    Codes,      // ';'-separated codes of that vocabulary
    PpksList,   // ';'-separated PPKS numbers 1–26
    Sex,        // L / P
    Digits10,   // NISN
};

struct ColumnSpec {
    std::string_view name;
    bool required;
    Kind kind;
    double min = 0, max = 0;  // Real/Integer bounds; Text: max = max length in characters
};

std::span<ColumnSpec const> keluarga_columns();
std::span<ColumnSpec const> anggota_columns();

template <typename Col>
struct Record {
    std::array<std::string, static_cast<std::size_t>(Col::Count)> fields;
    std::string& operator[](Col c) { return fields[static_cast<std::size_t>(c)]; }
    std::string const& operator[](Col c) const { return fields[static_cast<std::size_t>(c)]; }
    bool has(Col c) const { return !(*this)[c].empty(); }
};
using KeluargaRecord = Record<KCol>;
using AnggotaRecord = Record<ACol>;

struct FieldError {
    std::string column;
    std::string value;  // as given; NIK / No. KK masked
    Text message;
};

// Normalises `r` in place and appends every problem (all of them, not only the first), so a
// report shows a row's errors together. `today` bounds dates. Does not check what needs the
// database (the kelurahan exists, the household exists, uniqueness).
void validate(KeluargaRecord& r, Date today, std::vector<FieldError>& errors);
void validate(AnggotaRecord& r, Date today, std::vector<FieldError>& errors);

// Checks one value of a column spec; normalises it in place. Empty values pass unless required.
std::optional<Text> validate_value(ColumnSpec const& spec, std::string& value, Date today);

// Hash of the normalised fields (what an import compares to tell unchanged rows).
std::string row_hash(KeluargaRecord const& r);
std::string row_hash(AnggotaRecord const& r);

// A ';'-list split into its items (empty items dropped).
std::vector<std::string_view> split_list(std::string_view s);

// "3671********0001" for a 16-digit value; any run of 8 or more digits is masked alike.
std::string mask16(std::string_view digits);

}  // namespace pilar::registry
