// Duplicate review over the registry (issue 6 items 4-6): a dedup run feeds the linkage engine
// (src/linkage) every live member in the caller's scope — read through RegistryService, never its
// tables — and queues each pair it scores at or above the review probability; operators then see
// both records side by side with the reasons, and merge them or say "not a duplicate"; the entry
// check scores a record being typed against the few members that could be it.
//
//   DedupService dedup(db, registry);
//   auto run = dedup.run(actor, {});                         // queue; re-running adds no twin
//   auto page = dedup.list(actor, {.status = Status::Menunggu});
//   dedup.decide(actor, id, {.keputusan = Keputusan::Gabung, .penyintas = a, .catatan = "...", .version = 1});
//   dedup.undo(actor, id, "salah gabung", 2);               // both records as before
//   auto cands = dedup.check(actor, record);                 // before saving a new member
//
// A pair is one row per unordered pair of members, ever: once decided it never comes back, and a
// merge keeps both records (RegistryService::merge_anggota). Scope: a pair exists for a caller
// only when both members are in their scope (NotFound otherwise). Everything is audited: the
// scan, each decision and undo (entity "duplikat"), the merge on both members.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "db/database.hpp"
#include "dedup/model.hpp"
#include "registry/service.hpp"
#include "search/service.hpp"

namespace pilar::dedup {

struct RunOptions {
    std::optional<std::string> kode_wilayah;  // at or below; default: the caller's whole scope
    unsigned threads = 2;
};

struct ListQuery {
    std::optional<Status> status = Status::Menunggu;  // nullopt: every status
    std::optional<std::int64_t> anggota_id;
    std::optional<std::int64_t> after;  // the last id of the previous page
    int limit = 50;                     // 1..200
};

struct Page {
    std::vector<PasanganLengkap> items;
    std::optional<std::int64_t> next;
};

enum class Keputusan { Gabung, BukanDuplikat };

struct DecisionInput {
    Keputusan keputusan = Keputusan::BukanDuplikat;
    std::optional<std::int64_t> penyintas;  // Gabung: which member is kept (a or b)
    std::string catatan;                    // why (at least 3 characters)
    std::int64_t version = 0;               // the pair's version the operator saw
};

// The model's view of a probe record (the entry check): the form's fields.
using Probe = registry::LinkageRecord;

class DedupService {
public:
    DedupService(db::Database& db, registry::RegistryService& registry, search::SearchService& search)
        : m_db(db), m_registry(registry), m_search(search) {}

    // Operator (or the system, `pilar dedup`) only. Synchronous: about 15 s per million members.
    Result<Proses> run(Actor const& actor, RunOptions const& options);
    Result<std::optional<Proses>> last_run(Actor const& actor);

    Result<Page> list(Actor const& actor, ListQuery const& q);
    // Both members as anggota() shows them (unmask: NIK in full, needs the permission, audited).
    Result<PasanganLengkap> get(Actor const& actor, std::int64_t id, registry::ReadOptions opts = {});
    Result<PasanganLengkap> decide(Actor const& actor, std::int64_t id, DecisionInput const& in);
    // Back to waiting: a merge is undone (both members live again, PPKS moved back).
    Result<PasanganLengkap> undo(Actor const& actor, std::int64_t id, std::string const& catatan, std::int64_t version);

    // Probable duplicates of `probe` (not saved yet, or just saved: probe.id is left out) among the
    // members the caller may see, best first, at most 10; nothing is written. Candidates: the same
    // NIK, and the fuzzy search index's best names born within a year, in the same kelurahan, and
    // anywhere (src/search) — then scored by the linkage model.
    Result<std::vector<Kandidat>> check(Actor const& actor, Probe const& probe);
    // The same for a member about to join household `keluarga_id` (its address and region are
    // compared too; NotFound when the household is outside the caller's scope).
    Result<std::vector<Kandidat>> check_in_household(Actor const& actor, Probe probe, std::optional<std::int64_t> keluarga_id);
    // The same for a household not saved yet: `kode_wilayah` (a kelurahan or RW code inside the
    // caller's scope, or empty), its RT and address.
    Result<std::vector<Kandidat>> check_in_area(Actor const& actor, Probe probe, std::string const& kode_wilayah,
                                                std::string const& rt, std::string const& alamat);
    // After a member was created (any path, offline sync included): its probable duplicates are
    // queued for review (sumber "entri"), so a record saved despite the warning is not forgotten.
    Result<int> flag_new(Actor const& actor, std::int64_t anggota_id);

private:
    Result<PasanganLengkap> complete(Actor const& actor, Pasangan p, registry::ReadOptions opts);

    db::Database& m_db;
    registry::RegistryService& m_registry;
    search::SearchService& m_search;
};

}  // namespace pilar::dedup
