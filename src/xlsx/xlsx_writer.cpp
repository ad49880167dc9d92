#include "xlsx/xlsx_writer.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstring>
#include <optional>

namespace pilar {
namespace {

constexpr std::uint32_t kExcelMaxRows = 1'048'576;
constexpr size_t kExcelMaxColumns = 16'384;
constexpr size_t kExcelMaxCellChars = 32'767;

}  // namespace

struct XlsxWriter::Impl {
    std::string path;
    XlsxWriterOptions opt;
    std::vector<std::string> header;
    lxw_workbook* workbook = nullptr;
    lxw_worksheet* sheet = nullptr;
    lxw_format* bold = nullptr;
    std::uint32_t next_row = 0;  // in the current sheet
    long long rows = 0;
    int sheets = 0;
    bool finished = false;
    std::optional<Error> error;  // the first error; every later call returns it

    ~Impl() {
        // Without finish() the workbook is dropped: the file stays as create() left it, empty.
        if (workbook) lxw_workbook_free(workbook);
    }

    Error lxw_failure(lxw_error code, std::string_view doing_id, std::string_view doing_en) const {
        return Error(ErrorCode::Internal,
                     {fmt::format("Gagal {} file XLSX: {}", doing_id, lxw_strerror(code)),
                      fmt::format("Failed to {} the XLSX file: {}", doing_en, lxw_strerror(code))})
            .at_file(path);
    }

    Result<void> add_sheet() {
        std::string const name =
            sheets == 0 ? opt.sheet_name : fmt::format("{} ({})", opt.sheet_name, sheets + 1);
        sheet = workbook_add_worksheet(workbook, name.c_str());
        if (!sheet)
            return fail(Error(ErrorCode::Internal, {fmt::format("Gagal menambah sheet \"{}\"", name),
                                                    fmt::format("Failed to add sheet \"{}\"", name)})
                            .at_file(path));
        ++sheets;
        next_row = 0;
        // Widths first: in constant-memory mode column settings must precede the data.
        for (size_t c = 0; c < opt.column_widths.size() && c < kExcelMaxColumns; ++c)
            worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 opt.column_widths[c], nullptr);
        worksheet_freeze_panes(sheet, 1, 0);
        PILAR_TRY(check_row(header));
        return put_row(header, bold);
    }

    Error cell_error(Text text, size_t col) const {
        return std::move(Error(ErrorCode::InvalidArgument, std::move(text))
                             .at_file(path)
                             .at_row(rows + 1)
                             .at_field(col < header.size() ? header[col] : fmt::format("{}", col + 1)));
    }

    // Checks the whole row before writing any of it, so a refused row leaves nothing behind
    // and the export may go on.
    template <typename Range>
    Result<void> check_row(Range const& cells) const {
        if (cells.size() > kExcelMaxColumns)
            return fail(Error(ErrorCode::InvalidArgument,
                              {fmt::format("Baris punya {} kolom; Excel menerima paling banyak {}",
                                           cells.size(), kExcelMaxColumns),
                               fmt::format("The row has {} columns; Excel takes at most {}", cells.size(),
                                           kExcelMaxColumns)})
                            .at_file(path)
                            .at_row(rows + 1));
        size_t col = 0;
        for (auto const& cell : cells) {
            std::string_view const text(cell);
            // libxlsxwriter takes C strings: an embedded NUL would silently cut the cell.
            if (text.find('\0') != std::string_view::npos)
                return fail(cell_error({"Teks sel memuat karakter NUL", "Cell text contains a NUL character"}, col));
            size_t chars = 0;
            for (char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
            if (chars > kExcelMaxCellChars)
                return fail(cell_error({"Teks sel lebih dari 32.767 karakter (batas Excel)",
                                        "Cell text is longer than 32,767 characters (Excel's limit)"},
                                       col));
            ++col;
        }
        return {};
    }

    template <typename Range>
    Result<void> put_row(Range const& cells, lxw_format* format) {
        lxw_col_t col = 0;
        std::string owned;
        for (auto const& cell : cells) {
            std::string_view const text(cell);
            if (!text.empty()) {
                owned.assign(text);
                lxw_error const err = worksheet_write_string(sheet, next_row, col, owned.c_str(), format);
                if (err != LXW_NO_ERROR) return fail(lxw_failure(err, "menulis", "write"));
            }
            ++col;
        }
        ++next_row;
        return {};
    }

    template <typename Range>
    Result<void> write(Range const& cells) {
        if (error) return fail(*error);
        if (finished)
            return fail(ErrorCode::Internal, {"Penulis XLSX sudah ditutup", "The XLSX writer is closed"});
        PILAR_TRY(check_row(cells));
        if (next_row >= opt.max_rows_per_sheet) {
            auto added = add_sheet();
            if (!added) {
                error = added.error();
                return added;
            }
        }
        auto put = put_row(cells, nullptr);
        if (!put) {
            error = put.error();
            return put;
        }
        ++rows;
        return {};
    }
};

XlsxWriter::XlsxWriter(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
XlsxWriter::XlsxWriter(XlsxWriter&&) noexcept = default;
XlsxWriter& XlsxWriter::operator=(XlsxWriter&&) noexcept = default;
XlsxWriter::~XlsxWriter() = default;

Result<XlsxWriter> XlsxWriter::create(std::string const& path, std::span<std::string const> header,
                                      XlsxWriterOptions options) {
    if (options.max_rows_per_sheet < 2 || options.max_rows_per_sheet > kExcelMaxRows)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("Batas baris per sheet harus 2 sampai {}", kExcelMaxRows),
                     fmt::format("The rows-per-sheet limit must be 2 to {}", kExcelMaxRows)});
    if (header.empty() || header.size() > kExcelMaxColumns)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("Header XLSX harus punya 1 sampai {} kolom", kExcelMaxColumns),
                     fmt::format("An XLSX header must have 1 to {} columns", kExcelMaxColumns)});
    // The longest name a continuation sheet gets, " (NNNN)" included, must still be valid.
    if (options.sheet_name.empty() || options.sheet_name.size() > 24 ||
        options.sheet_name.find_first_of("[]:*?/\\") != std::string::npos)
        return fail(ErrorCode::InvalidArgument,
                    {"Nama sheet harus 1 sampai 24 karakter tanpa []:*?/\\",
                     "The sheet name must be 1 to 24 characters without []:*?/\\"});

    // Created now, owner-only, so a bad path fails before any work and the file never exists
    // with wider permissions; libxlsxwriter rewrites it in place (fopen keeps the mode).
    int const fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        int const err = errno;
        return fail(ErrorCode::PermissionDenied,
                    {fmt::format("File {} tidak dapat dibuat: {}", path, std::strerror(err)),
                     fmt::format("File {} cannot be created: {}", path, std::strerror(err))});
    }
    ::close(fd);

    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->opt = std::move(options);
    impl->header.assign(header.begin(), header.end());
    lxw_workbook_options lxw_options{};
    lxw_options.constant_memory = LXW_TRUE;
    lxw_options.tmpdir = impl->opt.tmpdir.empty() ? nullptr : impl->opt.tmpdir.data();
    impl->workbook = workbook_new_opt(path.c_str(), &lxw_options);
    if (!impl->workbook)
        return fail(Error(ErrorCode::Internal, {"Gagal membuat buku kerja XLSX", "Failed to create the XLSX workbook"})
                        .at_file(path));
    impl->bold = workbook_add_format(impl->workbook);
    format_set_bold(impl->bold);
    PILAR_TRY(impl->add_sheet());
    return XlsxWriter(std::move(impl));
}

Result<void> XlsxWriter::write_row(std::span<std::string const> cells) { return m_impl->write(cells); }
Result<void> XlsxWriter::write_row(std::span<std::string_view const> cells) { return m_impl->write(cells); }
Result<void> XlsxWriter::write_row(std::initializer_list<std::string_view> cells) {
    return m_impl->write(std::span<std::string_view const>(cells.begin(), cells.size()));
}

Result<void> XlsxWriter::finish() {
    Impl& w = *m_impl;
    if (w.finished) return w.error ? Result<void>(fail(*w.error)) : Result<void>();
    w.finished = true;
    lxw_error const err = workbook_close(w.workbook);  // frees the workbook, success or not
    w.workbook = nullptr;
    if (err != LXW_NO_ERROR && !w.error) w.error = w.lxw_failure(err, "menyimpan", "save");
    if (w.error) return fail(*w.error);
    return {};
}

long long XlsxWriter::rows_written() const { return m_impl->rows; }
int XlsxWriter::sheet_count() const { return m_impl->sheets; }

}  // namespace pilar
