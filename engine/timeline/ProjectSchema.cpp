#include "ProjectSchema.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <system_error>

#include "emulsion/timeline/Project.h"

namespace emu::timeline {

namespace {

// Schema migrations in order: entry i takes a file from user_version i to i + 1. A released
// entry is never edited; a change is a new entry (and kProjectSchemaVersion + 1).
constexpr std::array<const char*, kProjectSchemaVersion> kMigrations = {
    // 1: media index, timelines, shots, grade versions, the command log and its undo pointer.
    R"sql(
CREATE TABLE media (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    reel TEXT NOT NULL DEFAULT '',
    start_timecode TEXT NOT NULL DEFAULT '',
    frames INTEGER NOT NULL DEFAULT 0,
    probe_json TEXT NOT NULL DEFAULT '{}');
CREATE TABLE timelines (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    rate_num INTEGER NOT NULL,
    rate_den INTEGER NOT NULL,
    model_json TEXT NOT NULL);
CREATE TABLE shots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    media_identity TEXT NOT NULL,
    source_start INTEGER NOT NULL,
    source_duration INTEGER NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    active_version INTEGER,
    UNIQUE (media_identity, source_start, source_duration));
CREATE TABLE grade_versions (
    shot_id INTEGER NOT NULL REFERENCES shots(id) ON DELETE CASCADE,
    version INTEGER NOT NULL CHECK (version >= 1),
    grade_json TEXT NOT NULL,
    PRIMARY KEY (shot_id, version));
CREATE TABLE command_log (
    seq INTEGER PRIMARY KEY,
    timestamp_ms INTEGER NOT NULL,
    shot_id INTEGER NOT NULL REFERENCES shots(id),
    kind TEXT NOT NULL,
    before_json TEXT NOT NULL,
    after_json TEXT NOT NULL);
CREATE TABLE undo_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    pointer INTEGER NOT NULL);
INSERT INTO undo_state (id, pointer) VALUES (1, 0);
)sql",
    // 2: version names (existing versions are named after their number) and stills.
    R"sql(
ALTER TABLE grade_versions ADD COLUMN name TEXT NOT NULL DEFAULT '';
UPDATE grade_versions SET name = 'v' || version;
CREATE TABLE stills (
    id INTEGER PRIMARY KEY,
    shot_id INTEGER REFERENCES shots(id) ON DELETE SET NULL,
    label TEXT NOT NULL DEFAULT '',
    image BLOB NOT NULL,
    grade_json TEXT NOT NULL);
)sql",
    // 3: render jobs.
    R"sql(
CREATE TABLE render_jobs (
    id INTEGER PRIMARY KEY,
    timeline_id INTEGER REFERENCES timelines(id) ON DELETE SET NULL,
    preset TEXT NOT NULL,
    range_start INTEGER NOT NULL,
    range_duration INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    progress REAL NOT NULL DEFAULT 0);
)sql",
};

Status refuse(ErrorCode code, const std::filesystem::path& path, const std::string& why) {
    return makeError(code, path.string() + ": " + why + "; the file was left as it is");
}

// The 16-byte signature every SQLite 3 database starts with, checked before SQLite sees the
// file so that nothing is opened, locked or recovered in a file that is not one.
bool hasSqliteSignature(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    char header[16] = {};
    in.read(header, sizeof header);
    return in.gcount() == sizeof header &&
           std::string(header, sizeof header) == std::string("SQLite format 3\0", 16);
}

// A read-only SQLite connection to a WAL file creates its -wal and -shm files when they are
// missing. When the file is refused, those it created are removed again (only when the -wal
// holds nothing), so that a refused file's folder is as it was.
class SidecarGuard {
public:
    explicit SidecarGuard(const std::filesystem::path& path)
        : m_wal(path.string() + "-wal"), m_shm(path.string() + "-shm") {
        std::error_code ec;
        m_hadWal = std::filesystem::exists(m_wal, ec);
        m_hadShm = std::filesystem::exists(m_shm, ec);
    }
    ~SidecarGuard() {
        if (m_keep) return;
        std::error_code ec;
        if (m_hadWal || std::filesystem::file_size(m_wal, ec) != 0) return;
        std::filesystem::remove(m_wal, ec);
        if (!m_hadShm) std::filesystem::remove(m_shm, ec);
    }
    void keep() { m_keep = true; }

private:
    std::filesystem::path m_wal, m_shm;
    bool m_hadWal = false, m_hadShm = false, m_keep = false;
};

Result<int> inspectOpen(const std::filesystem::path& path);

// Checks an existing file read-only and returns its schema version.
Result<int> inspect(const std::filesystem::path& path) {
    SidecarGuard guard(path);
    Result<int> version = inspectOpen(path);  // closed before the guard looks at the files
    if (version.isOk()) guard.keep();
    return version;
}

Result<int> inspectOpen(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return refuse(ErrorCode::InvalidArgument, path, "not a regular file");
    }
    if (!hasSqliteSignature(path)) {
        return refuse(ErrorCode::CorruptData, path,
                      "not an Emulsion project (not an SQLite database)");
    }
    auto opened = sqlite::Database::open(path, SQLITE_OPEN_READONLY);
    if (!opened) return refuse(opened.status().code(), path, opened.status().message());
    sqlite::Database db = std::move(opened).value();
    auto appId = db.queryInt("PRAGMA application_id");
    if (!appId) return refuse(ErrorCode::CorruptData, path, appId.status().message());
    if (*appId != kProjectApplicationId) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "0x%08x", unsigned(*appId));
        return refuse(ErrorCode::CorruptData, path,
                      std::string("not an Emulsion project (SQLite application_id ") + hex + ")");
    }
    auto version = db.queryInt("PRAGMA user_version");
    if (!version) return refuse(ErrorCode::CorruptData, path, version.status().message());
    if (*version > kProjectSchemaVersion) {
        return refuse(ErrorCode::Unsupported, path,
                      "project schema " + std::to_string(*version) +
                          " is newer than this build reads (" +
                          std::to_string(kProjectSchemaVersion) + ")");
    }
    if (*version < 1) return refuse(ErrorCode::CorruptData, path, "project has no schema");
    auto check = db.queryText("PRAGMA quick_check");
    if (!check) return refuse(ErrorCode::CorruptData, path, check.status().message());
    if (*check != "ok") {
        return refuse(ErrorCode::CorruptData, path,
                      "damaged project (quick_check: " + *check + ")");
    }
    return int(*version);
}

// A consistent copy of an older project (WAL content included), next to it, before migrating.
Status backup(const std::filesystem::path& path, int version) {
    std::filesystem::path target;
    for (int n = 0;; ++n) {
        target = path.string() + ".schema" + std::to_string(version) +
                 (n ? "." + std::to_string(n) : "") + ".bak";
        std::error_code ec;
        if (!std::filesystem::exists(target, ec)) break;
    }
    EMU_ASSIGN_OR_RETURN(sqlite::Database db, sqlite::Database::open(path, SQLITE_OPEN_READONLY));
    EMU_ASSIGN_OR_RETURN(sqlite::Statement s, db.prepare("VACUUM INTO ?"));
    s.bind(1, target.string());
    return s.run().withContext("backup before migrating to " + target.string());
}

Status configure(sqlite::Database& db) {
    EMU_ASSIGN_OR_RETURN(std::string mode, db.queryText("PRAGMA journal_mode = WAL"));
    if (mode != "wal") {
        return makeError(ErrorCode::IoError,
                         db.path().string() + ": cannot use WAL journaling (got " + mode + ")");
    }
    return db.exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
}

Status migrate(sqlite::Database& db, int from) {
    for (int v = from; v < kProjectSchemaVersion; ++v) {
        EMU_ASSIGN_OR_RETURN(auto tx, sqlite::Transaction::begin(db));
        EMU_RETURN_IF_ERROR(db.exec(kMigrations[std::size_t(v)])
                                .withContext("migrating to schema " + std::to_string(v + 1)));
        EMU_RETURN_IF_ERROR(db.exec("PRAGMA user_version = " + std::to_string(v + 1)));
        EMU_RETURN_IF_ERROR(tx.commit());
    }
    return Status::ok();
}

// Builds a new project under a temporary name and renames it into place when complete, so a
// crash never leaves a half-made project at `path`.
Status create(const std::filesystem::path& path) {
    const std::filesystem::path temp = path.string() + ".creating";
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::filesystem::remove(temp.string() + suffix, ec);
    }
    {
        EMU_ASSIGN_OR_RETURN(
            sqlite::Database db,
            sqlite::Database::open(temp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
        EMU_RETURN_IF_ERROR(
            db.exec("PRAGMA application_id = " + std::to_string(kProjectApplicationId)));
        EMU_RETURN_IF_ERROR(configure(db));
        EMU_RETURN_IF_ERROR(migrate(db, 0));
    }  // closing the last connection checkpoints the WAL into the file and removes it
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        return makeError(ErrorCode::IoError,
                         path.string() + ": cannot create project: " + ec.message());
    }
    return Status::ok();
}

}  // namespace

Result<sqlite::Database> openProjectDatabase(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) EMU_RETURN_IF_ERROR(create(path));
    EMU_ASSIGN_OR_RETURN(int version, inspect(path));
    if (version < kProjectSchemaVersion) EMU_RETURN_IF_ERROR(backup(path, version));
    EMU_ASSIGN_OR_RETURN(sqlite::Database db, sqlite::Database::open(path, SQLITE_OPEN_READWRITE));
    EMU_RETURN_IF_ERROR(configure(db));
    EMU_RETURN_IF_ERROR(migrate(db, version));
    return db;
}

}  // namespace emu::timeline
