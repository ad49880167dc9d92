// `pilar backup --out FILE [--force] [--full-check]` and `pilar restore FILE [--force]`: an online,
// verified copy of the live SQLite database and putting one back (docs/operations.md, "Backup and
// restore"). The file work is db/sqlite/backup.hpp; the checks reuse the migration runner's
// schema reading, the audit trail's verify and the registry's sample decryption.
//
// Decisions:
// - The key file is never copied into the backup (docs/privacy.md: a copied database alone
//   reveals nothing encrypted); both commands name the key ids to keep with it.
// - A backup is an export of everything: it is audited in the *source* database as "db.backup",
//   after the copy was verified and before the file is put in place, with the copy's audit head
//   (seq:hash) in the detail — so the source's chain anchors the backup's. That entry is not in
//   the backup itself (the copy is the snapshot before it).
// - A restore is audited in the restored database ("db.restore", with the file and where the old
//   database was kept), after migrating it to this binary's schema (an older backup: the file
//   itself keeps its schema, so it still restores with the binary that made it).
// - restore holds the data dir's lock exclusively from before it changes anything to its end
//   (lock_data_dir, db/sqlite/dir_lock.hpp): no server or console command opens the database
//   meanwhile, and it does not start while one has it. A backup needs no such lock: it is a reader.
// - backup checks the copy with quick_check (every page and B-tree, minutes less than
//   integrity_check on millions of rows, while the copy is fresh from a source the server keeps
//   checking); restore, run rarely and with the server stopped, runs the full integrity_check.
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "access/audit.hpp"
#include "cli/migrations.hpp"
#include "cli/common.hpp"
#include "core/clock.hpp"
#include "db/migrate.hpp"
#include "db/sqlite/backup.hpp"
#include "registry/backup_check.hpp"

namespace pilar::cli {
namespace {

namespace fs = std::filesystem;
using db::sqlite::IntegrityCheck;

Error usage(Text t) { return Error(ErrorCode::InvalidArgument, std::move(t)); }

std::string text(Lang lang, std::string id, std::string en) { return lang == Lang::En ? en : id; }

Result<void> sqlite_only(DataOptions const& o) {
    if (!o.db_url.empty())
        return fail(usage({"backup/restore ini untuk basis data SQLite (--data); untuk PostgreSQL pakai pg_dump/pg_restore",
                           "backup/restore is for the SQLite database (--data); for PostgreSQL use pg_dump/pg_restore"}));
    return {};
}

// Test hooks (tests/api/backup.test.mjs): when the variable names a number of seconds, stop there,
// at a known point, so a test can act on the command mid-way (kill -9 it, start a server) without
// timing.
void test_hold(char const* variable, char const* where) {
    if (char const* hold = std::getenv(variable); hold && *hold) {
        std::cerr << "pilar: " << where << " (" << variable << ")" << std::endl;
        std::this_thread::sleep_for(std::chrono::seconds(std::atoi(hold)));
    }
}

// Removes the temporary file on every path out unless released.
struct TempFile {
    std::string path;
    ~TempFile() {
        if (!path.empty()) ::unlink(path.c_str());
    }
};

std::string human_size(std::uintmax_t bytes) {
    if (bytes >= (1ull << 30)) return fmt::format("{:.2f} GiB", static_cast<double>(bytes) / (1ull << 30));
    if (bytes >= (1ull << 20)) return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1ull << 20));
    return fmt::format("{} B", bytes);
}

struct FileFacts {
    int schema = 0;
    registry::BackupCheck registry;
    access::AuditVerifyReport audit;
};

// The checks of a copy that the migration runner understands (schema `expect_schema` when given):
// Pilar's schema, the audit chain, the registry's counts and, with a keyring, a sample decrypted.
Result<FileFacts> inspect(std::string const& path, std::optional<int> expect_schema,
                          std::optional<access::Keyring> const& keyring) {
    auto database = PILAR_TRY(db::open_database(path, db::OpenOptions{.max_connections = 2, .read_only = true}));
    auto status = PILAR_TRY(db::inspect_schema(*database, known_migrations(database->dialect())));
    if (!status)
        return fail(usage({fmt::format("{}: bukan basis data Pilar (tidak ada tabel schema_migrations)", path),
                           fmt::format("{}: not a Pilar database (no schema_migrations table)", path)}));
    FileFacts f;
    f.schema = status->current_version;
    if (expect_schema && *expect_schema != f.schema)
        return fail(ErrorCode::Internal, {fmt::format("{}: versi skema salinan {} berbeda dari sumbernya {}", path, f.schema, *expect_schema),
                                          fmt::format("{}: the copy's schema version {} differs from its source's {}", path,
                                                      f.schema, *expect_schema)});
    access::AuditService audit(*database);
    f.audit = PILAR_TRY(audit.verify(cli_actor()));
    f.registry = PILAR_TRY(registry::check_backup(*database, keyring ? &*keyring : nullptr));
    return f;
}

// "kunci id 1" line shared by backup and restore: the key is not in the file; which ids it needs.
std::string key_note(Lang lang, DataOptions const& o, FileFacts const& f, std::optional<access::Keyring> const& keyring) {
    std::string ids;
    for (auto id : f.registry.key_ids_seen) ids += fmt::format("{}{}", ids.empty() ? "" : ",", id);
    if (ids.empty()) ids = "-";
    std::string const source = key_source(o);
    if (!keyring)
        return text(lang,
                    fmt::format("catatan: kunci data TIDAK ada di cadangan dan tidak ditemukan di {}; data terenkripsi "
                                "memakai kunci id {} — simpan berkas kuncinya terpisah dari cadangan",
                                source, ids),
                    fmt::format("note: the data key is NOT in the backup and was not found at {}; the encrypted data "
                                "uses key id {} — keep the key file apart from the backups",
                                source, ids));
    return text(lang,
                fmt::format("catatan: kunci data TIDAK ada di cadangan; cadangkan {} terpisah (kunci saat ini id {}, {} "
                            "kunci; data memakai id {}); {} dari {} nilai terenkripsi contoh terbuka dengan kunci ini",
                            source, keyring->current_id(), keyring->size(), ids, f.registry.decrypted,
                            f.registry.sampled),
                fmt::format("note: the data key is NOT in the backup; back up {} separately (current key id {}, {} "
                            "key(s); the data uses id {}); {} of {} sampled encrypted values open with this key",
                            source, keyring->current_id(), keyring->size(), ids, f.registry.decrypted,
                            f.registry.sampled));
}

}  // namespace

Result<int> run_backup(BackupOptions const& o) {
    Lang const lang = cli_lang();
    PILAR_TRY(sqlite_only(o.data));
    std::string const source = db_path(o.data);
    if (!fs::exists(source))
        return fail(ErrorCode::NotFound, {fmt::format("Tidak ada basis data di {}", source),
                                          fmt::format("There is no database at {}", source)});
    std::error_code ec;
    // --force onto the live database (or its WAL) would replace it under the running server.
    auto const out_canon = fs::weakly_canonical(o.file, ec).string();
    auto const src_canon = fs::weakly_canonical(source, ec).string();
    for (char const* suffix : {"", "-wal", "-shm", "-journal"})
        if (out_canon == src_canon + suffix)
            return fail(usage({fmt::format("--out {} adalah basis data yang dicadangkan itu sendiri; simpan cadangan di luar folder data",
                                           o.file),
                               fmt::format("--out {} is the database being backed up; keep backups outside the data folder",
                                           o.file)}));
    if (fs::exists(o.file, ec) && !o.force)
        return fail(ErrorCode::AlreadyExists,
                    {fmt::format("{} sudah ada; pakai nama lain atau --force untuk menimpanya", o.file),
                     fmt::format("{} already exists; choose another name or --force to overwrite it", o.file)});
    if (fs::is_directory(o.file, ec))
        return fail(usage({fmt::format("{} adalah folder; --out perlu nama berkas", o.file),
                           fmt::format("{} is a folder; --out needs a file name", o.file)}));
    auto keyring = PILAR_TRY(load_keyring_if_present(o.data));

    // The source as the binary sees it; it is not migrated (a backup copies what is there).
    auto database = PILAR_TRY(open_database(o.data, Migrate::CheckOnly));
    auto const source_schema =
        PILAR_TRY(db::migration_status(*database, known_migrations(database->dialect()))).current_version;

    auto const started = std::chrono::steady_clock::now();
    TempFile tmp{PILAR_TRY(db::sqlite::make_temp_beside(o.file))};
    PILAR_TRY(db::sqlite::copy_database(source, tmp.path));
    double const copy_secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    PILAR_TRY(db::sqlite::check_integrity(tmp.path, o.full_check ? IntegrityCheck::Full : IntegrityCheck::Quick));
    auto facts = PILAR_TRY(inspect(tmp.path, source_schema, keyring));
    if (!facts.audit.ok)
        return fail(ErrorCode::Internal, {fmt::format("{}: jejak audit salinan tidak lolos pemeriksaan: {}", o.file,
                                                      facts.audit.summary(Lang::Id)),
                                          fmt::format("{}: the copy's audit trail does not verify: {}", o.file,
                                                      facts.audit.summary(Lang::En))});
    if (keyring && facts.registry.decrypted < facts.registry.sampled)
        return fail(ErrorCode::Internal,
                    {fmt::format("{}: kunci di {} tidak membuka {} dari {} nilai terenkripsi contoh; cadangan ini tidak "
                                 "bisa dipulihkan dengan kunci ini",
                                 o.file, key_source(o.data), facts.registry.sampled - facts.registry.decrypted,
                                 facts.registry.sampled),
                     fmt::format("{}: the key at {} does not open {} of {} sampled encrypted values; this backup "
                                 "cannot be restored with this key",
                                 o.file, key_source(o.data), facts.registry.sampled - facts.registry.decrypted,
                                 facts.registry.sampled)});
    auto const bytes = fs::file_size(tmp.path);
    double const check_secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() - copy_secs;

    // The copy is complete but not yet in place.
    test_hold("PILAR_TEST_BACKUP_HOLD", "backup held before rename");

    {
        auto c = PILAR_TRY(database->acquire());
        auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
        PILAR_TRY(access::append_audit(
            *c, cli_actor(),
            {.action = "db.backup",
             .entity = "database",
             .entity_id = fs::absolute(o.file).string(),
             .detail = fmt::format("bytes={} schema={} keluarga={} anggota={} audit_head={}:{}", bytes, facts.schema,
                                   facts.registry.households, facts.registry.persons, facts.audit.head_seq,
                                   facts.audit.head_hash)}));
        PILAR_TRY(tx.commit());
    }
    PILAR_TRY(db::sqlite::publish(tmp.path, o.file, o.force ? db::sqlite::Replace::Yes : db::sqlite::Replace::No));
    tmp.path.clear();

    std::cout << text(lang,
                      fmt::format("cadangan ok: {}, {} ({} byte), skema {:04}, {} anggota, {} keluarga, audit head {}:{}, "
                                  "salin {:.1f} + periksa {:.1f} detik",
                                  o.file, human_size(bytes), bytes, facts.schema, facts.registry.persons,
                                  facts.registry.households, facts.audit.head_seq, facts.audit.head_hash, copy_secs, check_secs),
                      fmt::format("backup ok: {}, {} ({} bytes), schema {:04}, {} persons, {} households, audit head "
                                  "{}:{}, copy {:.1f} + checks {:.1f} s",
                                  o.file, human_size(bytes), bytes, facts.schema, facts.registry.persons,
                                  facts.registry.households, facts.audit.head_seq, facts.audit.head_hash, copy_secs, check_secs))
              << '\n';
    std::cerr << "pilar: " << key_note(lang, o.data, facts, keyring) << '\n';
    return kExitOk;
}

namespace {

// "pilar.db.before-restore-20261129T211500Z"
std::string aside_name(std::string const& target) {
    std::string stamp = utc_now_iso();  // 2026-11-29T21:15:00Z or with fraction
    std::string compact;
    for (char c : stamp.substr(0, 19))
        if (c != '-' && c != ':') compact += c;
    return target + ".before-restore-" + compact + "Z";
}

Result<int> run_restore(BackupOptions const& o) {
    Lang const lang = cli_lang();
    PILAR_TRY(sqlite_only(o.data));
    std::error_code ec;
    if (!fs::is_regular_file(o.file, ec))
        return fail(ErrorCode::NotFound, {fmt::format("Berkas cadangan {} tidak ada", o.file),
                                          fmt::format("Backup file {} does not exist", o.file)});
    std::string const target = db_path(o.data);
    // The data dir's lock, exclusively, for the whole run: no server, import or console command
    // opens the database while it is being replaced, and none that has it open is replaced under
    // (lock_data_dir also checks SQLite's own lock, for processes that do not take ours). A
    // folder that does not exist yet is locked once the file has passed its checks, so a bad file
    // creates nothing.
    bool locked = false;
    if (fs::is_directory(o.data.data_dir, ec)) {
        PILAR_TRY(lock_data_dir(o.data, db::sqlite::DirLockMode::Exclusive));
        locked = true;
    }
    if (fs::exists(target, ec) && !o.force)
        return fail(ErrorCode::AlreadyExists,
                    {fmt::format("{} sudah berisi basis data; --force menyimpannya di samping dengan cap waktu lalu memulihkan",
                                 target),
                     fmt::format("{} already holds a database; --force keeps it aside under a timestamped name and "
                                 "restores", target)});

    // The file first, before anything in the data dir is touched.
    auto bad_file = [&](Error e) {
        e.code = ErrorCode::InvalidArgument;  // a bad backup is bad input: exit 2
        return e;
    };
    if (auto r = db::sqlite::check_integrity(o.file, IntegrityCheck::Full); !r) return fail(bad_file(r.error()));
    {
        auto database = db::open_database(o.file, db::OpenOptions{.max_connections = 1, .read_only = true});
        if (!database) return fail(bad_file(database.error()));
        auto status = db::inspect_schema(**database, known_migrations((*database)->dialect()));
        if (!status) {
            Error e = status.error();
            e.message = {fmt::format("{}: {}", o.file, e.message.id), fmt::format("{}: {}", o.file, e.message.en)};
            return fail(bad_file(std::move(e)));
        }
        if (!*status)
            return fail(usage({fmt::format("{}: bukan basis data Pilar (tidak ada tabel schema_migrations); tidak ada yang diubah",
                                           o.file),
                               fmt::format("{}: not a Pilar database (no schema_migrations table); nothing was changed",
                                           o.file)}));
    }

    std::error_code mk;
    fs::create_directories(o.data.data_dir, mk);
    ::chmod(o.data.data_dir.c_str(), 0700);
    if (!locked) PILAR_TRY(lock_data_dir(o.data, db::sqlite::DirLockMode::Exclusive));
    bool const replacing = fs::exists(target, ec);
    // A restore killed midway left its copy under a temporary name; under the lock no other
    // restore is writing one.
    for (auto const& entry : fs::directory_iterator(o.data.data_dir, ec))
        if (entry.path().filename().string().starts_with("pilar.db.tmp-")) fs::remove(entry.path(), mk);
    TempFile tmp{PILAR_TRY(db::sqlite::make_temp_beside(target))};
    // Through SQLite, not a byte copy: a FILE in WAL mode with its -wal beside it comes whole.
    PILAR_TRY(db::sqlite::copy_database(o.file, tmp.path));
    // The copy is made, nothing in the data dir has changed yet.
    test_hold("PILAR_TEST_RESTORE_HOLD", "restore held before the old database is moved");

    std::string aside;
    PILAR_TRY(refuse_if_in_use(o.data));
    std::string const base = aside_name(target);
    // A WAL left next to a different database file would be replayed into it. The old database
    // is checkpointed so its file is the whole of it; if that fails (a damaged database, often
    // why one restores), its -wal moves aside with it under the matching name, so the pair still
    // opens. A -wal without its database (pilar.db deleted by hand) is kept aside too, never
    // replayed into the restored file.
    if (replacing) (void)db::sqlite::checkpoint_for_move(target);
    PILAR_TRY(refuse_if_in_use(o.data));
    if (replacing) {
        aside = base;
        // Two restores in one second: "...Z-2".
        int rc = 0;
        for (int n = 2; (rc = ::link(target.c_str(), aside.c_str())) != 0 && errno == EEXIST && n < 100; ++n)
            aside = fmt::format("{}-{}", base, n);
        if (rc != 0)
            return fail(ErrorCode::Unavailable, {fmt::format("Tidak bisa menyimpan {} sebagai {}: {}", target, aside, std::strerror(errno)),
                                                 fmt::format("Cannot keep {} as {}: {}", target, aside, std::strerror(errno))});
    }
    for (std::string const suffix : {"-wal", "-shm"}) {
        std::string const side = target + suffix;
        if (!fs::exists(side, ec)) continue;
        // A WAL that still holds frames is moved, never deleted, whatever the checkpoint said.
        bool const keep = suffix == std::string("-wal") && fs::file_size(side, ec) > 0;
        std::string const kept = (aside.empty() ? base : aside) + suffix;
        if (keep ? ::rename(side.c_str(), kept.c_str()) != 0 : ::unlink(side.c_str()) != 0)
            return fail(ErrorCode::Unavailable,
                        {fmt::format("Tidak bisa memindahkan {}: {}", side, std::strerror(errno)),
                         fmt::format("Cannot move {}: {}", side, std::strerror(errno))});
    }
    PILAR_TRY(db::sqlite::publish(tmp.path, target, db::sqlite::Replace::Yes));
    tmp.path.clear();

    // Migrate (an older backup into a newer binary: the backup file itself is the copy of the
    // old schema), then record the restore in the restored database's own trail.
    auto database = PILAR_TRY(open_database(o.data, Migrate::Apply));
    auto keyring = PILAR_TRY(load_keyring_if_present(o.data));
    {
        auto c = PILAR_TRY(database->acquire());
        auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
        PILAR_TRY(access::append_audit(*c, cli_actor(),
                                       {.action = "db.restore",
                                        .entity = "database",
                                        .entity_id = fs::absolute(target).string(),
                                        .detail = fmt::format("from={} kept_old={}", fs::absolute(o.file).string(),
                                                              aside.empty() ? "-" : aside)}));
        PILAR_TRY(tx.commit());
    }
    database.reset();
    auto facts = PILAR_TRY(inspect(target, std::nullopt, keyring));
    std::cout << text(lang,
                      fmt::format("dipulihkan: {} -> {}, skema {:04}, {} anggota, {} keluarga, audit {}{}", o.file, target,
                                  facts.schema, facts.registry.persons, facts.registry.households,
                                  facts.audit.summary(Lang::Id),
                                  aside.empty() ? "" : fmt::format("; basis data lama disimpan di {}", aside)),
                      fmt::format("restored: {} -> {}, schema {:04}, {} persons, {} households, audit {}{}", o.file, target,
                                  facts.schema, facts.registry.persons, facts.registry.households,
                                  facts.audit.summary(Lang::En),
                                  aside.empty() ? "" : fmt::format("; the old database was kept at {}", aside)))
              << '\n';
    std::cerr << "pilar: " << key_note(lang, o.data, facts, keyring) << '\n';
    if (!facts.audit.ok || (keyring && facts.registry.decrypted < facts.registry.sampled)) return kExitFailure;
    return kExitOk;
}

}  // namespace

void register_backup_commands(CLI::App& app, Action& action) {
    auto b = std::make_shared<BackupOptions>();
    auto* backup = app.add_subcommand(
        "backup", "Cadangan daring yang diperiksa, selagi server berjalan / a verified online backup while the server runs");
    add_data_options(*backup, b->data);
    backup->add_option("--out,-o", b->file, "Berkas cadangan (mode 0600; kunci TIDAK ikut) / backup file (key not included)")
        ->required();
    backup->add_flag("--force", b->force, "Timpa --out yang sudah ada / overwrite an existing --out");
    backup->add_flag("--full-check", b->full_check,
                     "PRAGMA integrity_check, bukan quick_check (lebih lama) / full integrity_check instead of quick_check");
    backup->callback([&action, b] {
        action = [b] {
            auto r = run_backup(*b);
            return r ? *r : report(r.error());
        };
    });

    auto r = std::make_shared<BackupOptions>();
    auto* restore = app.add_subcommand(
        "restore", "Pulihkan cadangan ke --data (server harus berhenti) / restore a backup into --data (server stopped)");
    add_data_options(*restore, r->data);
    restore->add_option("FILE", r->file, "Berkas cadangan / backup file")->required();
    restore->add_flag("--force", r->force,
                      "Ganti basis data yang ada; yang lama disimpan sebagai pilar.db.before-restore-<waktu> / replace "
                      "the existing database, keeping the old one aside");
    restore->callback([&action, r] {
        action = [r] {
            auto res = run_restore(*r);
            return res ? *res : report(res.error());
        };
    });
}

}  // namespace pilar::cli
