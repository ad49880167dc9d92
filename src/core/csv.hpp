// CSV in and out: a streaming RFC 4180 reader with errors that name the file, line and column,
// and a small writer that quotes only when it must.
//
// Written by hand: no CSV library in Debian 12 streams RFC 4180 (quoted delimiters and line
// breaks) in constant memory while reporting physical line numbers, invalid UTF-8 and
// truncated files the way an import needs to, so this is the one parser every import uses.
//
//   CsvReader reader = PILAR_TRY(CsvReader::open("anggota.csv"));  // reads the header too
//   size_t nik_col = PILAR_TRY(reader.require_column("nik"));      // error lists the columns
//   CsvRecord rec;
//   while (PILAR_TRY(reader.next(rec))) {                          // "anggota.csv:12: ..."
//       auto nik = Nik::parse(rec[nik_col]);    // views are valid until the next next()
//       if (!nik) return fail(nik.error().at_file("anggota.csv").at_row(rec.line()));
//   }
//
//   std::string out;
//   CsvWriter w = CsvWriter::to_string(out);
//   w.write_row({"record_id", "cluster_id"});
//   w.write_row({"17", "a,b"});                        // written as 17,"a,b"
//
// Reader rules: quotes ("" inside a quoted field is one quote) may enclose delimiters and line
// breaks; CRLF, LF and old-Mac CR all end a line; a UTF-8 byte-order mark at the start is
// skipped; a line with nothing on it is not a record (so trailing blank lines are harmless —
// in a one-column file, write an empty value as ""). The reader never strips spaces from values.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace pilar {

enum class CsvHeader { FirstRow, None };
enum class CsvFieldCount {
    MustMatch,  // every record has as many fields as the header (or, with no header, the first record)
    Any,
};

struct CsvOptions {
    char delimiter = ',';  // ';' and '\t' are common too (Excel in an Indonesian locale writes ';')
    CsvHeader header = CsvHeader::FirstRow;
    CsvFieldCount field_count = CsvFieldCount::MustMatch;
    // Longest record accepted, in bytes. Bounds memory: a quote that is never closed would
    // otherwise make the rest of the file one field.
    size_t max_record_bytes = size_t{1} << 20;
    // How much is read at a time. Memory use is about max_record_bytes + chunk_bytes at most,
    // whatever the file size.
    size_t chunk_bytes = size_t{1} << 20;
    // The file name used in errors; open() fills it with the path when empty.
    std::string source_name;
};

// One record. The field views point into the reader's buffer: they are valid until the next
// call to next() on the reader that filled it; copy what must live longer.
class CsvRecord {
public:
    [[nodiscard]] size_t size() const { return m_fields.size(); }
    // Precondition: i < size().
    [[nodiscard]] std::string_view operator[](size_t i) const { return m_fields[i]; }
    [[nodiscard]] std::span<std::string_view const> fields() const { return m_fields; }
    // Physical line (1-based, the header is line 1) where the record starts; a record with a
    // quoted line break spans more than one line.
    [[nodiscard]] long long line() const { return m_line; }
    // 1 for the first record after the header.
    [[nodiscard]] long long record_number() const { return m_record_number; }

private:
    friend class CsvReader;
    std::vector<std::string_view> m_fields;
    long long m_line = 0;
    long long m_record_number = 0;
};

class CsvReader {
public:
    // Opens the file and, with CsvHeader::FirstRow, reads the header (an empty file is an error).
    static Result<CsvReader> open(std::string const& path, CsvOptions options = {});
    // Reads `data`, which must outlive the reader. Same rules and errors as a file.
    static Result<CsvReader> from_string(std::string_view data, CsvOptions options = {});

    CsvReader(CsvReader&&) noexcept;
    CsvReader& operator=(CsvReader&&) noexcept;
    ~CsvReader();

    // Header names with surrounding ASCII whitespace removed; empty with CsvHeader::None.
    [[nodiscard]] std::span<std::string const> header() const;
    // Index of the header column named `name` (ASCII case-insensitive, surrounding whitespace
    // ignored).
    [[nodiscard]] std::optional<size_t> column(std::string_view name) const;
    // column(), or an error naming the missing column and the ones that exist.
    [[nodiscard]] Result<size_t> require_column(std::string_view name) const;

    // Reads the next record into `out`: true when one was read, false at the end of the input.
    // Errors carry the file name and the line. After an error about one record (wrong number of
    // fields, invalid UTF-8) the reader has moved past it, so a caller may go on to collect
    // every bad row; after a quoting error, an over-long record or a read failure the record
    // boundaries are lost and every further call returns the same error.
    Result<bool> next(CsvRecord& out);

    // Data records returned so far (bad ones included).
    [[nodiscard]] long long records_read() const;
    [[nodiscard]] std::string const& source_name() const;

private:
    struct Impl;
    explicit CsvReader(std::unique_ptr<Impl> impl);
    static Result<CsvReader> start(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> m_impl;
};

enum class CsvLineEnding { Lf, CrLf };
// Excel opens a UTF-8 CSV correctly only when it starts with a byte-order mark.
enum class CsvBom { Without, With };

struct CsvWriterOptions {
    char delimiter = ',';
    CsvLineEnding line_ending = CsvLineEnding::Lf;
    CsvBom bom = CsvBom::Without;
};

// Writes records, quoting a field only when it holds the delimiter, a quote or a line break.
// The header is just the first row written. Output to a file descriptor is buffered; write
// errors are kept and returned by every later call, so checking finish() is enough.
class CsvWriter {
public:
    // Appends to `out`, which must outlive the writer.
    static CsvWriter to_string(std::string& out, CsvWriterOptions options = {});
    // Writes to an open descriptor the caller keeps owning (and closes).
    static CsvWriter to_fd(int fd, CsvWriterOptions options = {});
    // Creates or truncates `path`, readable by its owner only: exports hold personal data.
    static Result<CsvWriter> create_file(std::string const& path, CsvWriterOptions options = {});

    CsvWriter(CsvWriter&& other) noexcept;
    CsvWriter& operator=(CsvWriter&& other) noexcept;
    // Flushes and closes what it owns, ignoring errors: call finish() to see them.
    ~CsvWriter();

    Result<void> write_row(std::initializer_list<std::string_view> fields);
    Result<void> write_row(std::span<std::string_view const> fields);
    Result<void> write_row(std::span<std::string const> fields);
    // Writes out the buffer.
    Result<void> flush();
    // Flushes and, for create_file(), closes the file. The writer accepts nothing afterwards.
    Result<void> finish();

private:
    CsvWriter(std::string* out, int fd, bool owns_fd, std::string name, CsvWriterOptions options);
    template <typename Range>
    Result<void> write_fields(Range const& fields);
    void append_field(std::string_view field, bool only_field);
    void release() noexcept;

    std::string* m_out = nullptr;  // to_string(): write straight into it
    int m_fd = -1;
    bool m_owns_fd = false;
    bool m_finished = false;
    std::string m_name;    // for messages
    std::string m_buffer;  // fd output waiting to be written
    CsvWriterOptions m_options;
    std::optional<Error> m_error;
};

}  // namespace pilar
