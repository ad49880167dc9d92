// Wilayah use cases: look-ups and search for everyone; loading Kemendagri levels from
// idn-area-data (`pilar wilayah load KODE`); RW and RT as entities the office manages
// (create, rename, retire, import from CSV), each only inside the actor's own area (another
// kota's code is not_found; the system actor manages all). Codes are accepted dotted or undotted
// at any level.
//
//   WilayahService svc(db);
//   auto report = svc.load_from_area_data(Actor::system("cli"), "36.71", area_data_dir);
//   auto rw = svc.create_child(actor, "36.71.01.1001", 4, std::nullopt);   // 36.71.01.1001.004
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/csv.hpp"
#include "db/database.hpp"
#include "wilayah/model.hpp"

namespace pilar::wilayah {

class WilayahService {
public:
    explicit WilayahService(db::Database& db) : m_db(db) {}

    Result<Wilayah> get(std::string_view kode);
    Result<std::vector<Wilayah>> children(std::string_view kode, bool include_retired);
    Result<std::vector<Wilayah>> search(SearchQuery query);
    // Every region of one level (e.g. each kota/kabupaten the database holds), retired ones too.
    Result<std::vector<Wilayah>> at_level(Tingkat tingkat);

    // Loads provinsi > kota/kabupaten > kecamatan > kelurahan/desa for one kab/kota (or every
    // kab/kota of a provinsi) from idn-area-data's CSV files in `data_dir`. Idempotent: names
    // that changed in a newer data release are updated, nothing is deleted.
    Result<LoadReport> load_from_area_data(Actor const& actor, std::string_view kode, std::string const& data_dir);

    // Creates RW `nomor` under a kelurahan/desa, or RT `nomor` under an RW. The name defaults to
    // "RW 004" / "RT 012".
    Result<Wilayah> create_child(Actor const& actor, std::string_view induk, int nomor, std::optional<std::string> nama);
    // Renames an RW or RT; a stale version is a conflict.
    Result<Wilayah> rename(Actor const& actor, std::string_view kode, std::string nama, std::int64_t version);
    // Retires an RW or RT and everything below it (history keeps the records).
    Result<int> retire(Actor const& actor, std::string_view kode, std::string reason);
    Result<Wilayah> reactivate(Actor const& actor, std::string_view kode);

    // CSV with columns kode,nama: each row an RW or RT (dotted or undotted), parents before
    // children. All-or-nothing: the first bad row stops the import and nothing is written;
    // existing codes are renamed when the name differs.
    Result<ImportReport> import_csv(Actor const& actor, CsvReader& reader);

    // Where idn-area-data's data/ folder is: $PILAR_AREA_DATA, then node_modules next to the
    // working directory, the binary, or the source tree.
    static std::optional<std::string> find_area_data_dir(std::string const& executable_path);

private:
    Result<WilayahCode> parse_managed(std::string_view kode);
    db::Database& m_db;
};

}  // namespace pilar::wilayah
