// RowSource: one small pull interface over the tabular files an import reads (CSV, XLSX), so an
// importer is written once: read the header, then pull rows until the end, and name the file
// and row in every error.
//
//   CsvReader csv = PILAR_TRY(CsvReader::open("keluarga.csv"));
//   CsvRowSource source(csv);                       // or an XlsxReader (src/xlsx), itself a RowSource
//   size_t kk = PILAR_TRY(source.require_column("no_kk"));
//   std::vector<std::string> row;
//   while (PILAR_TRY(source.next(row))) {
//       auto no_kk = NoKk::parse(row[kk]);
//       if (!no_kk) return fail(no_kk.error().at_file(source.source_name())
//                                   .at_row(source.row_number()).at_field("no_kk"));
//   }
//
// Rows are copied into a caller-owned vector of strings (reused from row to row, so the copies
// rarely allocate): simpler to hold on to than CsvRecord's views, and the same for every format.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.hpp"
#include "core/error.hpp"

namespace pilar {

class RowSource {
public:
    virtual ~RowSource() = default;

    // Column names, surrounding ASCII whitespace removed (empty when the source has no header).
    [[nodiscard]] virtual std::span<std::string const> header() const = 0;
    // Reads the next data row into `row`: true when one was read, false at the end. Errors name
    // the source and the row.
    virtual Result<bool> next(std::vector<std::string>& row) = 0;
    // Where the row last returned by next() is in the source, 1-based, as a user would find it:
    // the physical line of a CSV file (header = line 1), the row number of a spreadsheet.
    [[nodiscard]] virtual long long row_number() const = 0;
    // The file name used in errors.
    [[nodiscard]] virtual std::string const& source_name() const = 0;

    // Index of the header column named `name` (ASCII case-insensitive, surrounding whitespace
    // ignored), as CsvReader::column does.
    [[nodiscard]] virtual std::optional<size_t> column(std::string_view name) const;
    // column(), or an error naming the missing column and the ones that exist.
    [[nodiscard]] virtual Result<size_t> require_column(std::string_view name) const;

protected:
    RowSource() = default;
    RowSource(RowSource const&) = default;
    RowSource(RowSource&&) = default;
    RowSource& operator=(RowSource const&) = default;
    RowSource& operator=(RowSource&&) = default;
};

// Reads a CsvReader as a RowSource, without changing CsvReader's own API. The reader must
// outlive the adapter.
class CsvRowSource final : public RowSource {
public:
    explicit CsvRowSource(CsvReader& reader) : m_reader(&reader) {}

    [[nodiscard]] std::span<std::string const> header() const override { return m_reader->header(); }
    Result<bool> next(std::vector<std::string>& row) override;
    [[nodiscard]] long long row_number() const override { return m_record.line(); }
    [[nodiscard]] std::string const& source_name() const override { return m_reader->source_name(); }
    // CsvReader's own, which also spots a file read with the wrong delimiter.
    [[nodiscard]] Result<size_t> require_column(std::string_view name) const override {
        return m_reader->require_column(name);
    }

private:
    CsvReader* m_reader;
    CsvRecord m_record;
};

}  // namespace pilar
