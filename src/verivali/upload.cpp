#include "verivali/upload.hpp"

#include <unistd.h>

#include <optional>
#include <vector>

#include "core/csv.hpp"
#include "xlsx/xlsx_writer.hpp"

namespace pilar::verivali {

Result<UploadReport> write_upload_file(VerivaliService& svc, Actor const& actor, UploadQuery const& q,
                                       UploadFormat format, std::string const& path, std::string const& tmpdir) {
    auto run = [&]() -> Result<UploadReport> {
        if (format == UploadFormat::Csv) {
            auto out = PILAR_TRY(CsvWriter::create_file(path, {.bom = CsvBom::With}));
            std::vector<std::string_view> views;
            RowSink const sink = [&](std::vector<std::string> const& row) {
                views.assign(row.begin(), row.end());
                return out.write_row(std::span<std::string_view const>(views));
            };
            return svc.export_upload(actor, q, sink, [&] { return out.finish(); });
        }
        std::optional<XlsxWriter> out;
        XlsxWriterOptions options{.sheet_name = "Usulan", .tmpdir = tmpdir};
        RowSink const sink = [&](std::vector<std::string> const& row) -> Result<void> {
            if (out) return out->write_row(std::span<std::string const>(row));
            auto created = XlsxWriter::create(path, row, options);  // the first row is the header
            if (!created) return fail(created.error());
            out.emplace(std::move(*created));
            return {};
        };
        return svc.export_upload(actor, q, sink, [&] { return out->finish(); });
    };
    auto r = run();
    if (!r) ::unlink(path.c_str());
    return r;
}

}  // namespace pilar::verivali
