// The national upload export written to a file, CSV (UTF-8 with BOM, for Excel) or XLSX:
// VerivaliService::export_upload's rows through a CsvWriter or an XlsxWriter. `pilar export
// usulan` and GET/POST /api/v1/usulan/ekspor use it; on an error the file is removed.
#pragma once

#include <string>

#include "verivali/service.hpp"

namespace pilar::verivali {

enum class UploadFormat { Csv, Xlsx };

Result<UploadReport> write_upload_file(VerivaliService& svc, Actor const& actor, UploadQuery const& q,
                                       UploadFormat format, std::string const& path, std::string const& tmpdir = {});

}  // namespace pilar::verivali
