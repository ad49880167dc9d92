// Data-subject rights under UU PDP No. 27/2022 over the registry: each person's legal basis
// (public task or consent; a parent or guardian for a child), the data-subject access export
// (everything Pilar holds about a person, as JSON and PDF), and erasure by anonymisation where
// the retention rules allow it. docs/privacy.md is the policy these rules implement.
//
//   PrivacyService privacy(db, registry, verivali, {.retensi_hari = 1826});
//   privacy.set_dasar_hukum(psm, 42, {.dasar = "persetujuan", .persetujuan_tanggal = "2026-05-02",
//                                     .persetujuan_oleh = "Siti Aminah"});
//   auto doc = privacy.ekspor_subjek(operator_, 42);          // JSON text; audited
//   PILAR_TRY(privacy.tulis_pdf(operator_, 42, "/tmp/x.pdf"));  // the same as a PDF; audited
//   auto cek = privacy.evaluasi_hapus(operator_, 42);          // may it be erased now? why not?
//   auto done = privacy.hapus(operator_, 42, version, "permintaan subjek no. 12/2026");
//
// The module owns only its table (dasar_hukum); the registry's and verivali's records are read
// and changed through their services, so every scope check and audit entry of theirs applies.
// A record outside the caller's scope is NotFound, as everywhere.
//
// Retention rules (docs/privacy.md, "Retention"): erasure is refused, with every reason named,
// while (1) a proposal about the person or their household is still open; (2) the person is still
// in the registry (status_keberadaan "ada") under the public-task basis — the office still needs
// the record for its task; (3) less than `retensi_hari` days (default 5 years, the audit and
// objection period of programmes) have passed since the person's last verification, aid or
// change: the newest of the record's last change, any proposal about them or their household,
// and the household's last ground check. Otherwise the person is anonymised in one transaction:
// the registry keeps sex, birth year, region, household role, presence status and PPKS
// categories; name, NIK, birth place and date, NISN, school, disability, illness and PPKS
// evidence go; the person's own proposals lose their content, notes and attachments; the names
// in the legal basis go; and the payload of every audit entry about the person and those
// proposals is redacted (access::redact_audit), so nothing personal survives in the trail while
// `pilar audit verify` still passes.
#pragma once

#include <string>

#include "core/actor.hpp"
#include "db/database.hpp"
#include "privacy/model.hpp"
#include "registry/service.hpp"
#include "verivali/service.hpp"

namespace pilar::privacy {

struct PrivacyOptions {
    int retensi_hari = 5 * 365 + 1;  // 5 years
};

class PrivacyService {
public:
    PrivacyService(db::Database& db, registry::RegistryService& registry, verivali::VerivaliService& verivali,
                   PrivacyOptions options = {})
        : m_db(db), m_registry(registry), m_verivali(verivali), m_options(options) {}

    // Readable by whoever may read the person; settable by whoever may change them (the
    // registry's writers). Audited as "anggota.dasar_hukum" with before/after.
    Result<DasarHukum> dasar_hukum(Actor const& actor, std::int64_t anggota_id);
    Result<DasarHukum> set_dasar_hukum(Actor const& actor, std::int64_t anggota_id, DasarHukumInput const& in);

    // The data-subject access export (operator only): the person's record with NIK and special
    // data, their household, legal basis, PPKS entries, proposals about them or their household
    // with attachments listed, and their correction history. One JSON document (text). Each call
    // is audited ("anggota.ekspor_subjek", besides the registry's own entries for the views).
    Result<std::string> ekspor_subjek(Actor const& actor, std::int64_t anggota_id);
    // The same export as a PDF file at `path` (created owner-readable only).
    Result<void> tulis_pdf(Actor const& actor, std::int64_t anggota_id, std::string const& path);

    // Erasure (operator only).
    Result<EvaluasiHapus> evaluasi_hapus(Actor const& actor, std::int64_t anggota_id);
    // Refused with Conflict naming every reason while the rules above forbid it.
    Result<HasilHapus> hapus(Actor const& actor, std::int64_t anggota_id, std::int64_t expected_version,
                             std::string_view alasan);

    [[nodiscard]] PrivacyOptions const& options() const { return m_options; }

private:
    Result<std::string> build_export(Actor const& actor, std::int64_t anggota_id, std::string_view format);

    db::Database& m_db;
    registry::RegistryService& m_registry;
    verivali::VerivaliService& m_verivali;
    PrivacyOptions m_options;
};

}  // namespace pilar::privacy
