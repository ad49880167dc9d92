#include "access/policy.hpp"

#include <array>

namespace pilar::access {
namespace {

using M = http::Method;

// verivali (src/verivali): the field workers and the office work proposals within their scope,
// kepala reads; the admin manages accounts, not people's data. The service checks the
// workflow's own roles per move (src/verivali/workflow.cpp) and the scope again.
constexpr RoleSet kVerivaliReaders =
    role_bit(Role::Psm) | role_bit(Role::Tksk) | role_bit(Role::Operator) | role_bit(Role::Kepala);
constexpr RoleSet kVerivaliWorkers = role_bit(Role::Psm) | role_bit(Role::Tksk) | role_bit(Role::Operator);
constexpr RoleSet kPsmOrOperator = role_bit(Role::Psm) | role_bit(Role::Operator);
constexpr RoleSet kTkskOrOperator = role_bit(Role::Tksk) | role_bit(Role::Operator);
constexpr RoleSet kOperator = role_bit(Role::Operator);
constexpr RoleSet kSupervisors = role_bit(Role::Tksk) | role_bit(Role::Operator) | role_bit(Role::Kepala);
// events (src/events): the office (operator, admin) runs training events; everyone signed in
// reads the events of their area, registers themselves, sees their own card; check-in is open
// to any account at the gate because committee members (peran panitia) of an event may scan —
// the service admits only the office and that event's committee.
constexpr RoleSet kEventManagers = role_bit(Role::Operator) | role_bit(Role::Admin);
constexpr RoleSet kEventReaders = kAnyUser;
constexpr RoleSet kRosterWriters = role_bit(Role::Operator) | role_bit(Role::Admin);

constexpr std::array kRules = {
    // system
    Rule{M::Get, "/healthz", kPublic},
    Rule{M::Get, "/metrics", kPublic},
    Rule{M::Get, "/api/openapi.json", kPublic},
    // sessions
    Rule{M::Post, "/api/v1/auth/login", kPublic},
    Rule{M::Post, "/api/v1/auth/logout", kAnyUser},
    Rule{M::Get, "/api/v1/auth/me", kAnyUser},
    Rule{M::Post, "/api/v1/auth/password", kAnyUser},
    // users (admin)
    Rule{M::Get, "/api/v1/users", kAdmin},
    Rule{M::Post, "/api/v1/users", kAdmin},
    Rule{M::Get, "/api/v1/users/{username}", kAdmin},
    Rule{M::Post, "/api/v1/users/{username}/disable", kAdmin},
    Rule{M::Post, "/api/v1/users/{username}/enable", kAdmin},
    Rule{M::Post, "/api/v1/users/{username}/reset-password", kAdmin},
    // audit trail (admin): browse, verify the hash chain, export for an inspector
    Rule{M::Get, "/api/v1/audit", kAdmin},
    Rule{M::Get, "/api/v1/audit/verify", kAdmin},
    Rule{M::Get, "/api/v1/audit/export", kAdmin},
    // wilayah: everyone reads reference data; the admin manages RW/RT
    Rule{M::Get, "/api/v1/wilayah", kAnyUser},
    Rule{M::Get, "/api/v1/wilayah/{kode}", kAnyUser},
    Rule{M::Get, "/api/v1/wilayah/{kode}/children", kAnyUser},
    Rule{M::Post, "/api/v1/wilayah/{kode}/children", kAdmin},
    Rule{M::Patch, "/api/v1/wilayah/{kode}", kAdmin},
    Rule{M::Post, "/api/v1/wilayah/{kode}/retire", kAdmin},
    Rule{M::Post, "/api/v1/wilayah/{kode}/reactivate", kAdmin},
    Rule{M::Post, "/api/v1/wilayah/import", kAdmin},
    // registry: everyone with a scope reads within it (the service filters); field workers and
    // the office write; kepala reads; the admin manages accounts, not people's data
    Rule{M::Get, "/api/v1/registry/kosakata", kAnyUser},
    Rule{M::Get, "/api/v1/keluarga", kRegistryReaders},
    Rule{M::Post, "/api/v1/keluarga", kRegistryWriters},
    Rule{M::Get, "/api/v1/keluarga/{id}", kRegistryReaders},
    Rule{M::Patch, "/api/v1/keluarga/{id}", kRegistryWriters},
    Rule{M::Get, "/api/v1/keluarga/{id}/anggota", kRegistryReaders},
    Rule{M::Get, "/api/v1/keluarga/{id}/riwayat", kRegistryReaders},
    // bulk import through an upload: the office only
    Rule{M::Post, "/api/v1/impor/{jenis}", role_bit(Role::Operator)},
    Rule{M::Get, "/api/v1/impor/{jenis}/{job}", role_bit(Role::Operator)},
    Rule{M::Get, "/api/v1/anggota", kRegistryReaders},
    Rule{M::Post, "/api/v1/anggota", kRegistryWriters},
    Rule{M::Get, "/api/v1/anggota/{id}", kRegistryReaders},
    Rule{M::Patch, "/api/v1/anggota/{id}", kRegistryWriters},
    Rule{M::Get, "/api/v1/anggota/{id}/riwayat", kRegistryReaders},
    Rule{M::Post, "/api/v1/anggota/{id}/ppks", kRegistryWriters},
    Rule{M::Post, "/api/v1/anggota/{id}/ppks/{ppks_id}/akhiri", kRegistryWriters},
    // exports: the roles that read the registry, within their scope; kepala gets masked files only
    // (the service refuses buka=ya), the admin none
    Rule{M::Get, "/api/v1/ekspor/{jenis}", kRegistryReaders},
    // verivali: proposals and their workflow
    Rule{M::Get, "/api/v1/usulan", kVerivaliReaders},
    Rule{M::Post, "/api/v1/usulan", kPsmOrOperator},
    Rule{M::Get, "/api/v1/usulan/ringkasan", kVerivaliReaders},
    Rule{M::Get, "/api/v1/usulan/ekspor", kOperator},
    Rule{M::Post, "/api/v1/usulan/ekspor", kOperator},
    Rule{M::Get, "/api/v1/usulan/{id}", kVerivaliReaders},
    Rule{M::Patch, "/api/v1/usulan/{id}", kPsmOrOperator},
    Rule{M::Post, "/api/v1/usulan/{id}/transisi", kVerivaliWorkers},
    Rule{M::Get, "/api/v1/usulan/{id}/riwayat", kVerivaliReaders},
    Rule{M::Get, "/api/v1/musyawarah", kVerivaliReaders},
    Rule{M::Post, "/api/v1/musyawarah", kTkskOrOperator},
    Rule{M::Get, "/api/v1/musyawarah/{id}", kVerivaliReaders},
    Rule{M::Post, "/api/v1/lampiran", kVerivaliWorkers},
    Rule{M::Get, "/api/v1/lampiran/{id}", kVerivaliReaders},
    // verivali: ground-check lists (the operator builds and assigns; supervisors follow progress;
    // PSMs see and answer their items through /periksa)
    Rule{M::Get, "/api/v1/daftar-periksa", kSupervisors},
    Rule{M::Post, "/api/v1/daftar-periksa", kOperator},
    Rule{M::Post, "/api/v1/daftar-periksa/impor", kOperator},
    Rule{M::Get, "/api/v1/daftar-periksa/{id}", kSupervisors},
    Rule{M::Post, "/api/v1/daftar-periksa/{id}/bagi", kOperator},
    Rule{M::Get, "/api/v1/daftar-periksa/{id}/kemajuan", kSupervisors},
    Rule{M::Get, "/api/v1/periksa", kVerivaliReaders},
    Rule{M::Get, "/api/v1/periksa/{id}", kVerivaliReaders},
    Rule{M::Post, "/api/v1/periksa/{id}/hasil", kPsmOrOperator},
    // privacy (src/privacy): the legal basis is read and set like the person's record; the
    // data-subject access export and erasure are the office's (operator), never the admin's
    Rule{M::Get, "/api/v1/anggota/{id}/dasar-hukum", kRegistryReaders},
    Rule{M::Put, "/api/v1/anggota/{id}/dasar-hukum", kRegistryWriters},
    Rule{M::Get, "/api/v1/anggota/{id}/data-pribadi", kOperator},
    Rule{M::Get, "/api/v1/anggota/{id}/hapus-data", kOperator},
    Rule{M::Post, "/api/v1/anggota/{id}/hapus-data", kOperator},
    // offline sync (src/sync): the roles that work in the field or enter field data; each op is
    // then authorised and scoped by the service it calls
    Rule{M::Post, "/api/v1/sync", kVerivaliWorkers},
    // dashboards (src/dashboard): the supervisors; each panel names its roles too, and the area
    // asked for must lie in the caller's scope (TKSK: their kecamatan; office: the kota)
    // The configuration (the panels the caller may open, default area, map tiles): an admin gets no
    // panel, only the tile setting the coverage map (GET /cakupan/peta, kSupervisors | kAdmin) needs.
    Rule{M::Get, "/api/v1/dasbor", kSupervisors | kAdmin},
    Rule{M::Get, "/api/v1/dasbor/{panel}", kSupervisors},
    // training events (src/events); the service scopes every read and checks who may write
    Rule{M::Get, "/api/v1/acara", kEventReaders},
    Rule{M::Post, "/api/v1/acara", kEventManagers},
    Rule{M::Get, "/api/v1/acara/{id}", kEventReaders},
    Rule{M::Patch, "/api/v1/acara/{id}", kEventManagers},
    Rule{M::Post, "/api/v1/acara/{id}/sesi", kEventManagers},
    Rule{M::Delete, "/api/v1/acara/{id}/sesi/{sesi_id}", kEventManagers},
    Rule{M::Get, "/api/v1/acara/{id}/peserta", kEventReaders},
    Rule{M::Post, "/api/v1/acara/{id}/peserta", kEventManagers},
    Rule{M::Post, "/api/v1/acara/{id}/peserta/{peserta_id}/status", kEventManagers},
    Rule{M::Post, "/api/v1/acara/{id}/undangan", kEventManagers},
    Rule{M::Post, "/api/v1/acara/{id}/daftar", role_bit(Role::Psm) | role_bit(Role::Tksk)},
    Rule{M::Post, "/api/v1/acara/{id}/check-in", kAnyUser},
    Rule{M::Get, "/api/v1/acara/{id}/hadir", kEventReaders},
    Rule{M::Get, "/api/v1/acara/{id}/kartu", kEventReaders},
    Rule{M::Post, "/api/v1/acara/{id}/sertifikat", kEventManagers},
    Rule{M::Get, "/api/v1/acara/{id}/sertifikat", kEventReaders},
    Rule{M::Post, "/api/v1/acara/{id}/peserta/{peserta_id}/cabut-sertifikat", kEventManagers},
    Rule{M::Get, "/api/v1/acara/{id}/undian", kEventReaders},
    Rule{M::Post, "/api/v1/acara/{id}/undian", kEventManagers},
    Rule{M::Get, "/api/v1/acara/{id}/undian/{undian_id}/ulang", kEventReaders},
    Rule{M::Get, "/api/v1/acara-saya", kAnyUser},
    // public certificate verification: name, event, dates, valid or not
    Rule{M::Get, "/api/v1/sertifikat/{kode}", kPublic},
    // duplicate review (src/dedup): the office runs it; the office and TKSK decide pairs whose
    // members are both in their scope; kepala reads. The entry check is for whoever enters people.
    Rule{M::Post, "/api/v1/duplikat/proses", kOperator},
    Rule{M::Get, "/api/v1/duplikat/proses", kOffice},
    Rule{M::Get, "/api/v1/duplikat", kSupervisors},
    Rule{M::Get, "/api/v1/duplikat/{id}", kSupervisors},
    Rule{M::Post, "/api/v1/duplikat/{id}/putusan", kTkskOrOperator},
    Rule{M::Post, "/api/v1/duplikat/{id}/batal", kTkskOrOperator},
    Rule{M::Post, "/api/v1/anggota/cek-duplikat", kRegistryWriters},
    // fuzzy person search: whoever may read the registry, within their scope
    Rule{M::Get, "/api/v1/cari", kRegistryReaders},
    // workforce (src/workforce): everyone reads the roster within scope (a PSM only their own
    // record); the office (operator, admin) keeps it; supervisors see coverage; field workers file
    // activity reports; recap and ranking are read within scope, exported by supervisors
    Rule{M::Get, "/api/v1/pilar-sosial", kAnyUser},
    Rule{M::Post, "/api/v1/pilar-sosial", kRosterWriters},
    Rule{M::Get, "/api/v1/pilar-sosial/saya", kAnyUser},
    Rule{M::Get, "/api/v1/pilar-sosial/{id}", kAnyUser},
    Rule{M::Patch, "/api/v1/pilar-sosial/{id}", kRosterWriters},
    Rule{M::Post, "/api/v1/pilar-sosial/{id}/status", kRosterWriters},
    Rule{M::Post, "/api/v1/pilar-sosial/{id}/sk", kRosterWriters},
    Rule{M::Post, "/api/v1/pilar-sosial/{id}/penugasan", kRosterWriters},
    Rule{M::Post, "/api/v1/pilar-sosial/{id}/pelatihan-dasar", kRosterWriters},
    Rule{M::Get, "/api/v1/cakupan", kSupervisors | kAdmin},
    Rule{M::Get, "/api/v1/cakupan/peta", kSupervisors | kAdmin},
    Rule{M::Get, "/api/v1/laporan-kegiatan", kVerivaliReaders},
    Rule{M::Post, "/api/v1/laporan-kegiatan", kVerivaliWorkers},
    Rule{M::Get, "/api/v1/laporan-kegiatan/{id}", kVerivaliReaders},
    Rule{M::Post, "/api/v1/laporan-kegiatan/{id}/foto", kVerivaliWorkers},
    Rule{M::Get, "/api/v1/foto-kegiatan/{id}", kVerivaliReaders},
    Rule{M::Get, "/api/v1/rekap", kVerivaliReaders},
    Rule{M::Get, "/api/v1/rekap/ekspor", kSupervisors},
    Rule{M::Get, "/api/v1/rekap/kecamatan", kSupervisors},
    Rule{M::Get, "/api/v1/peringkat", kVerivaliReaders},
    Rule{M::Get, "/api/v1/peringkat/ekspor", kSupervisors},
    Rule{M::Get, "/api/v1/aturan-pilar-sosial", kAnyUser},
    Rule{M::Post, "/api/v1/aturan-pilar-sosial", kRosterWriters},
};

}  // namespace

std::span<Rule const> access_rules() { return kRules; }

std::optional<RoleSet> rule_for(http::Method method, std::string_view pattern) {
    for (auto const& r : kRules)
        if (r.method == method && r.pattern == pattern) return r.roles;
    return std::nullopt;
}

}  // namespace pilar::access
