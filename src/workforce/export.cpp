#include "workforce/export.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include "core/csv.hpp"
#include "core/strings.hpp"
#include "xlsx/xlsx_writer.hpp"

namespace pilar::workforce {

Table rekap_table(Rekap const& r) {
    Table t{.sheet = "Rekap " + r.bulan, .header = {"bulan", "pilar_id", "nama", "jenis", "username", "kode_wilayah", "wilayah_tugas", "status"}, .rows = {}};
    for (auto const& i : r.indikator) t.header.push_back(i);
    for (auto const& h : {"layak_insentif", "insentif", "alasan_tidak_layak"}) t.header.emplace_back(h);
    for (auto const& b : r.baris) {
        std::vector<std::string> row = {r.bulan, std::to_string(b.pilar_id), b.nama, std::string(jenis_name(b.jenis)),
                                        b.username.value_or(""), b.kode_wilayah, join(b.wilayah_tugas, " "),
                                        std::string(status_name(b.status))};
        for (auto const& i : r.indikator) {
            auto it = b.angka.find(i);
            row.push_back(std::to_string(it == b.angka.end() ? 0 : it->second));
        }
        row.push_back(b.layak_insentif ? "ya" : "tidak");
        row.push_back(std::to_string(b.insentif));
        row.push_back(join(b.alasan_tidak_layak, "; "));
        t.rows.push_back(std::move(row));
    }
    return t;
}

Table peringkat_table(std::vector<Peringkat> const& rows) {
    Table t{.sheet = "Peringkat", .header = {"peringkat_kota", "peringkat_kecamatan", "pilar_id", "nama", "kode_wilayah", "kode_kecamatan", "skor"}, .rows = {}};
    if (!rows.empty())
        for (auto const& b : rows.front().rincian) {
            t.header.push_back(b.indikator);
            t.header.push_back("skor_" + b.indikator);
        }
    for (auto const& p : rows) {
        std::vector<std::string> row = {std::to_string(p.peringkat_kota), std::to_string(p.peringkat_kecamatan),
                                        std::to_string(p.pilar_id),     p.nama, p.kode_wilayah, p.kode_kecamatan,
                                        fmt::format("{:.2f}", p.skor)};
        for (auto const& b : p.rincian) {
            row.push_back(std::to_string(b.nilai));
            row.push_back(fmt::format("{:.2f}", b.skor));
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

Result<void> write_table(Table const& t, TableFormat format, std::string const& path, std::string const& tmpdir) {
    auto run = [&]() -> Result<void> {
        if (format == TableFormat::Csv) {
            auto out = PILAR_TRY(CsvWriter::create_file(path, {.bom = CsvBom::With}));
            PILAR_TRY(out.write_row(std::span<std::string const>(t.header)));
            for (auto const& r : t.rows) PILAR_TRY(out.write_row(std::span<std::string const>(r)));
            return out.finish();
        }
        auto out = PILAR_TRY(XlsxWriter::create(path, t.header, {.sheet_name = t.sheet, .tmpdir = tmpdir}));
        for (auto const& r : t.rows) PILAR_TRY(out.write_row(std::span<std::string const>(r)));
        return out.finish();
    };
    auto r = run();
    if (!r) ::unlink(path.c_str());
    return r;
}

}  // namespace pilar::workforce
