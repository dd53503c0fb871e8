#include "emulsion/timeline/Project.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <random>
#include <set>

#include "TempDir.h"

namespace emu::timeline {
namespace {

namespace fs = std::filesystem;

std::string readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
}

std::set<std::string> listing(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
}

// Runs SQL on a file with plain SQLite, as another program (or an old Emulsion) would.
void rawSql(const fs::path& path, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
}

std::string rawText(const fs::path& path, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW) {
        const auto* t = sqlite3_column_text(s, 0);
        out = t ? reinterpret_cast<const char*>(t) : "";
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

Project openOrFail(const fs::path& path) {
    auto p = Project::open(path);
    EXPECT_TRUE(p.isOk()) << p.status().message();
    if (!p.isOk()) std::abort();
    return std::move(p).value();
}

TEST(Project, CreatesOpensAndReopens) {
    test::TempDir dir;
    const fs::path path = dir / "show.emproj";
    MediaEntry media{0,   "/media/A001C003_%07d.exr", "A001", "14:02:11:03",
                     480, R"({"format":"exr"})"};
    ShotId shot = 0;
    {
        Project p = openOrFail(path);
        EXPECT_EQ(*p.schemaVersion(), kProjectSchemaVersion);
        media.id = *p.addMedia(media);
        shot = *p.shotFor("A001C003", {123, 48}, "sh010");
        ASSERT_TRUE(p.setGrade(shot, 1, R"({"format":"emulsion-grade"})").isOk());
    }
    EXPECT_EQ(listing(dir.path()), std::set<std::string>{"show.emproj"});
    EXPECT_EQ(rawText(path, "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(rawText(path, "PRAGMA application_id"), std::to_string(kProjectApplicationId));

    Project p = openOrFail(path);
    EXPECT_TRUE(p.checkIntegrity().isOk());
    EXPECT_EQ(*p.media(), std::vector<MediaEntry>{media});
    EXPECT_EQ(*p.shotFor("A001C003", {123, 48}), shot);  // the grade key finds the same shot
    EXPECT_NE(*p.shotFor("A001C003", {123, 49}), shot);
    EXPECT_EQ(p.shot(shot)->name, "sh010");
    EXPECT_EQ(p.grade(shot, 1)->gradeJson, R"({"format":"emulsion-grade"})");
    // Re-probing the same path replaces the entry rather than adding one.
    media.frames = 481;
    EXPECT_EQ(*p.addMedia(media), media.id);
    EXPECT_EQ(p.media()->at(0).frames, 481);
}

TEST(Project, SavesAndLoadsTimelines) {
    test::TempDir dir;
    Timeline t;
    t.title = "reel 1";
    t.rate = {30000, 1001};
    t.dropFrame = true;
    Clip c;
    c.name = "B002";
    c.record = {0, 10};
    c.media = {{MediaReference::Kind::External, "original", "/m/B002.mov", "", std::nullopt}};
    t.tracks = {Track{Track::Kind::Video, "V1", {c}, {}}};
    {
        Project p = openOrFail(dir / "p.emproj");
        ASSERT_TRUE(p.saveTimeline("cut 3", t).isOk());
        t.title = "reel 1 v2";
        ASSERT_TRUE(p.saveTimeline("cut 3", t).isOk());  // replaces
        ASSERT_TRUE(p.saveTimeline("cut 2", Timeline{}).isOk());
    }
    Project p = openOrFail(dir / "p.emproj");
    EXPECT_EQ(*p.timelineNames(), (std::vector<std::string>{"cut 2", "cut 3"}));
    EXPECT_EQ(*p.loadTimeline("cut 3"), t);
    EXPECT_EQ(p.loadTimeline("cut 4").status().code(), ErrorCode::NotFound);
}

TEST(Project, GradeVersions) {
    test::TempDir dir;
    Project p = openOrFail(dir / "p.emproj");
    const ShotId shot = *p.shotFor("A001", {0, 24});
    EXPECT_EQ(p.shot(shot)->activeVersion, std::nullopt);
    ASSERT_TRUE(p.setGrade(shot, 1, R"({"v":1})").isOk());
    ASSERT_TRUE(p.setGrade(shot, 2, R"({"v":2})").isOk());
    EXPECT_EQ(p.shot(shot)->activeVersion, 2);  // a new version is active
    ASSERT_TRUE(p.setGrade(shot, 1, R"({"v":1.5})").isOk());
    EXPECT_EQ(p.shot(shot)->activeVersion, 2);  // editing an old one does not switch
    ASSERT_TRUE(p.setActiveVersion(shot, 1).isOk());
    EXPECT_EQ(p.shot(shot)->activeVersion, 1);
    EXPECT_EQ(*p.gradeVersions(shot),
              (std::vector<GradeVersion>{{1, "v1", R"({"v":1.5})"}, {2, "v2", R"({"v":2})"}}));

    EXPECT_EQ(p.setGrade(shot, 1, "{not json").code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(p.setGrade(shot, 0, "{}").code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(p.setActiveVersion(shot, 3).code(), ErrorCode::NotFound);
    EXPECT_EQ(p.setGrade(shot + 100, 1, "{}").code(), ErrorCode::NotFound);
    EXPECT_EQ(p.grade(shot, 3).status().code(), ErrorCode::NotFound);
    // Refused edits left nothing behind: four commands, the grades as before.
    EXPECT_EQ(p.commandLog()->size(), 4u);
    EXPECT_EQ(p.grade(shot, 1)->gradeJson, R"({"v":1.5})");
}

TEST(Project, UndoAndRedoSurviveReopening) {
    test::TempDir dir;
    const fs::path path = dir / "p.emproj";
    ShotId a = 0, b = 0;
    {
        Project p = openOrFail(path);
        a = *p.shotFor("A", {0, 10});
        b = *p.shotFor("B", {0, 10});
        ASSERT_TRUE(p.setGrade(a, 1, R"({"a":1})").isOk());
        ASSERT_TRUE(p.setGrade(b, 1, R"({"b":1})").isOk());
        ASSERT_TRUE(p.setGrade(a, 1, R"({"a":2})").isOk());
        ASSERT_TRUE(p.setGrade(a, 2, R"({"a":"v2"})").isOk());
        ASSERT_TRUE(p.setActiveVersion(a, 1).isOk());
        EXPECT_EQ(*p.undoPointer(), 5);
    }
    {
        Project p = openOrFail(path);
        EXPECT_EQ(*p.undoPointer(), 5);
        EXPECT_TRUE(*p.undo());  // active version back to 2
        EXPECT_EQ(p.shot(a)->activeVersion, 2);
        EXPECT_TRUE(*p.undo());  // version 2 goes away, 1 is active again
        EXPECT_EQ(p.grade(a, 2).status().code(), ErrorCode::NotFound);
        EXPECT_EQ(p.shot(a)->activeVersion, 1);
        EXPECT_TRUE(*p.undo());
        EXPECT_EQ(p.grade(a, 1)->gradeJson, R"({"a":1})");
        EXPECT_EQ(*p.undoPointer(), 2);
        EXPECT_TRUE(*p.canRedo());
    }
    {
        Project p = openOrFail(path);
        EXPECT_EQ(*p.undoPointer(), 2);
        EXPECT_TRUE(*p.redo());
        EXPECT_EQ(p.grade(a, 1)->gradeJson, R"({"a":2})");
        // A new edit drops what could have been redone.
        ASSERT_TRUE(p.setGrade(b, 1, R"({"b":2})").isOk());
        EXPECT_FALSE(*p.canRedo());
        EXPECT_FALSE(*p.redo());
        const auto log = *p.commandLog();
        ASSERT_EQ(log.size(), 4u);
        EXPECT_EQ(log.back().sequence, 4);
        EXPECT_EQ(log.back().kind, "set_grade");
        EXPECT_EQ(log.back().shot, b);
        EXPECT_GT(log.back().timestampMs, 1'600'000'000'000);
        for (int i = 0; i < 4; ++i) EXPECT_TRUE(*p.undo());
        EXPECT_FALSE(*p.undo());
        EXPECT_FALSE(*p.canUndo());
        EXPECT_TRUE(p.gradeVersions(a)->empty());
        EXPECT_TRUE(p.gradeVersions(b)->empty());
        EXPECT_EQ(p.shot(a)->activeVersion, std::nullopt);
    }
    Project p = openOrFail(path);
    for (int i = 0; i < 4; ++i) EXPECT_TRUE(*p.redo());
    EXPECT_EQ(p.grade(a, 1)->gradeJson, R"({"a":2})");
    EXPECT_EQ(p.grade(b, 1)->gradeJson, R"({"b":2})");
}

TEST(Project, DamagedLogEntryIsAnErrorAndChangesNothing) {
    test::TempDir dir;
    const fs::path path = dir / "p.emproj";
    ShotId shot = 0;
    {
        Project p = openOrFail(path);
        shot = *p.shotFor("A", {0, 10});
        ASSERT_TRUE(p.setGrade(shot, 1, R"({"a":1})").isOk());
        ASSERT_TRUE(p.setGrade(shot, 1, R"({"a":2})").isOk());
    }
    rawSql(path,
           R"(UPDATE command_log SET before_json = '{"version":1,"active":1}' WHERE seq = 2)");
    Project p = openOrFail(path);
    auto undone = p.undo();
    ASSERT_FALSE(undone.isOk());
    EXPECT_EQ(undone.status().code(), ErrorCode::CorruptData);
    EXPECT_NE(undone.status().message().find("command log entry"), std::string::npos);
    EXPECT_EQ(*p.undoPointer(), 2);
    EXPECT_EQ(p.grade(shot, 1)->gradeJson, R"({"a":2})");
}

TEST(Project, StillsAndRenderJobs) {
    test::TempDir dir;
    const fs::path path = dir / "p.emproj";
    const std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2};
    const std::vector<std::uint8_t> exr = {0x76, 0x2f, 0x31, 0x01, 2, 0, 0, 0, 0xff};
    std::vector<Still> stills;
    std::vector<RenderJob> jobs;
    {
        Project p = openOrFail(path);
        const ShotId shot = *p.shotFor("A", {0, 10});
        stills = {{0, shot, "hero look", png, R"({"g":1})"}, {0, std::nullopt, "ref", exr, "{}"}};
        for (Still& s : stills) s.id = *p.addStill(s);
        EXPECT_EQ(p.addStill({0, shot, "text", {'h', 'i'}, "{}"}).status().code(),
                  ErrorCode::InvalidArgument);
        const auto tl = *p.saveTimeline("cut", Timeline{});
        jobs = {{0, "prores-hq", {86400, 240}, tl, RenderJob::Status::Queued, 0.0},
                {0, "exr-aces", {0, 10}, std::nullopt, RenderJob::Status::Queued, 0.0}};
        for (RenderJob& j : jobs) j.id = *p.addRenderJob(j);
        ASSERT_TRUE(p.updateRenderJob(jobs[0].id, RenderJob::Status::Running, 0.25).isOk());
        EXPECT_EQ(p.updateRenderJob(999, RenderJob::Status::Done, 1).code(), ErrorCode::NotFound);
        jobs[0].status = RenderJob::Status::Running;
        jobs[0].progress = 0.25;
    }
    Project p = openOrFail(path);
    EXPECT_EQ(*p.stills(), stills);
    EXPECT_EQ(*p.renderJobs(), jobs);
}

// A schema-1 file as the first release wrote it, with a graded shot and one logged edit.
void writeVersion1(const fs::path& path) {
    rawSql(path, "PRAGMA application_id = " + std::to_string(kProjectApplicationId) + R"sql(;
PRAGMA journal_mode = WAL;
CREATE TABLE media (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,
    reel TEXT NOT NULL DEFAULT '', start_timecode TEXT NOT NULL DEFAULT '',
    frames INTEGER NOT NULL DEFAULT 0, probe_json TEXT NOT NULL DEFAULT '{}');
CREATE TABLE timelines (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
    rate_num INTEGER NOT NULL, rate_den INTEGER NOT NULL, model_json TEXT NOT NULL);
CREATE TABLE shots (id INTEGER PRIMARY KEY AUTOINCREMENT, media_identity TEXT NOT NULL,
    source_start INTEGER NOT NULL, source_duration INTEGER NOT NULL,
    name TEXT NOT NULL DEFAULT '', active_version INTEGER,
    UNIQUE (media_identity, source_start, source_duration));
CREATE TABLE grade_versions (shot_id INTEGER NOT NULL REFERENCES shots(id) ON DELETE CASCADE,
    version INTEGER NOT NULL CHECK (version >= 1), grade_json TEXT NOT NULL,
    PRIMARY KEY (shot_id, version));
CREATE TABLE command_log (seq INTEGER PRIMARY KEY, timestamp_ms INTEGER NOT NULL,
    shot_id INTEGER NOT NULL REFERENCES shots(id), kind TEXT NOT NULL,
    before_json TEXT NOT NULL, after_json TEXT NOT NULL);
CREATE TABLE undo_state (id INTEGER PRIMARY KEY CHECK (id = 1), pointer INTEGER NOT NULL);
INSERT INTO media (path, reel, frames) VALUES ('/m/A.mov', 'A', 100);
INSERT INTO shots (media_identity, source_start, source_duration, name, active_version)
    VALUES ('A', 0, 100, 'sh010', 2);
INSERT INTO grade_versions VALUES (1, 1, '{"old":1}'), (1, 2, '{"old":2}');
INSERT INTO command_log VALUES (1, 1700000000000, 1, 'set_grade',
    '{"version":2,"name":null,"grade":null,"active":1}',
    '{"version":2,"name":"v2","grade":"{\"old\":2}","active":2}');
INSERT INTO undo_state VALUES (1, 1);
PRAGMA user_version = 1;
)sql");
}

TEST(Project, MigratesVersion1AfterABackup) {
    test::TempDir dir;
    const fs::path path = dir / "old.emproj";
    writeVersion1(path);
    {
        Project p = openOrFail(path);
        EXPECT_EQ(*p.schemaVersion(), kProjectSchemaVersion);
        EXPECT_TRUE(p.checkIntegrity().isOk());
        EXPECT_EQ(p.media()->at(0).reel, "A");
        // Version 2 named the existing versions after their numbers.
        EXPECT_EQ(*p.gradeVersions(1), (std::vector<GradeVersion>{{1, "v1", R"({"old":1})"},
                                                                  {2, "v2", R"({"old":2})"}}));
        // The old log still undoes, and the tables added later work.
        EXPECT_TRUE(*p.undo());
        EXPECT_EQ(p.grade(1, 2).status().code(), ErrorCode::NotFound);
        EXPECT_EQ(p.shot(1)->activeVersion, 1);
        const std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
        EXPECT_TRUE(p.addStill({0, 1, "s", png, "{}"}).isOk());
        EXPECT_TRUE(p.addRenderJob({}).isOk());
    }
    const fs::path backup = dir / "old.emproj.schema1.bak";
    ASSERT_TRUE(fs::exists(backup));
    EXPECT_EQ(rawText(backup, "PRAGMA user_version"), "1");
    EXPECT_EQ(rawText(backup, "SELECT grade_json FROM grade_versions WHERE version = 2"),
              R"({"old":2})");
    EXPECT_EQ(rawText(backup, "SELECT pointer FROM undo_state"), "1");
    // Reopening a current file makes no further backup.
    openOrFail(path);
    EXPECT_EQ(listing(dir.path()), (std::set<std::string>{"old.emproj", "old.emproj.schema1.bak"}));
}

// Opening `path` must fail with `code`, the message naming the file, and change nothing.
void expectRefusedUntouched(const fs::path& path, ErrorCode code, const std::string& says) {
    const std::string before = readBytes(path);
    const auto files = listing(path.parent_path());
    auto p = Project::open(path);
    ASSERT_FALSE(p.isOk());
    EXPECT_EQ(p.status().code(), code) << p.status().message();
    EXPECT_NE(p.status().message().find(path.string()), std::string::npos) << p.status().message();
    EXPECT_NE(p.status().message().find(says), std::string::npos) << p.status().message();
    EXPECT_EQ(readBytes(path), before);
    EXPECT_EQ(listing(path.parent_path()), files);
}

TEST(Project, RefusesFilesThatAreNotProjects) {
    test::TempDir dir;
    std::mt19937 random(7);
    std::string noise(8192, '\0');
    for (char& c : noise) c = char(random());
    writeBytes(dir / "noise.emproj", noise);
    expectRefusedUntouched(dir / "noise.emproj", ErrorCode::CorruptData, "not an SQLite");

    writeBytes(dir / "empty.emproj", "");
    expectRefusedUntouched(dir / "empty.emproj", ErrorCode::CorruptData, "not an SQLite");

    // Another application's SQLite file, and one claiming to be ours without a schema.
    rawSql(dir / "other.db", "CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('x');");
    expectRefusedUntouched(dir / "other.db", ErrorCode::CorruptData, "application_id 0x00000000");
    rawSql(dir / "bare.db", "PRAGMA application_id = " + std::to_string(kProjectApplicationId) +
                                "; CREATE TABLE t (x);");
    expectRefusedUntouched(dir / "bare.db", ErrorCode::CorruptData, "no schema");

    fs::create_directory(dir / "folder.emproj");
    EXPECT_FALSE(Project::open(dir / "folder.emproj").isOk());
}

TEST(Project, RefusesANewerSchema) {
    test::TempDir dir;
    const fs::path path = dir / "future.emproj";
    openOrFail(path);
    rawSql(path, "PRAGMA user_version = " + std::to_string(kProjectSchemaVersion + 1));
    rawSql(path, "PRAGMA wal_checkpoint(TRUNCATE)");
    expectRefusedUntouched(path, ErrorCode::Unsupported, "newer");
}

TEST(Project, RefusesADamagedProject) {
    test::TempDir dir;
    const fs::path path = dir / "damaged.emproj";
    {
        Project p = openOrFail(path);
        const ShotId shot = *p.shotFor("A", {0, 10});
        for (int i = 1; i <= 200; ++i) {
            ASSERT_TRUE(p.setGrade(shot, i, std::string(200, 'x').insert(0, "[\"") + "\"]").isOk());
        }
    }
    // Overwrite the middle of the file (table pages, not the header or the schema page).
    std::string bytes = readBytes(path);
    ASSERT_GT(bytes.size(), 40000u);
    for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 8192; ++i) bytes[i] = char(i * 7);
    writeBytes(path, bytes);
    expectRefusedUntouched(path, ErrorCode::CorruptData, "damaged project (quick_check");
}

}  // namespace
}  // namespace emu::timeline
