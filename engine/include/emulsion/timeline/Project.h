#pragma once

// The project store: one SQLite file holding the media index, timelines, shots, grades and
// their versions, stills, the command log that carries undo and redo across restarts, and
// render jobs. The file runs in WAL mode with synchronous=FULL and foreign keys on; each user
// edit is one IMMEDIATE transaction, so a crash loses at most the edit in progress.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/timeline/Timeline.h"

namespace emu::timeline {

namespace sqlite {
class Database;
}

// "EMUL" in the header's application_id field: how a project file is told from other SQLite
// files.
inline constexpr std::int32_t kProjectApplicationId = 0x454d554c;
// The schema this build writes (PRAGMA user_version). Older files are migrated after a backup.
inline constexpr int kProjectSchemaVersion = 3;

using ShotId = std::int64_t;

// One entry of the media index: a clip the project has probed.
struct MediaEntry {
    std::int64_t id = 0;  // assigned by the store
    std::string path;     // unique in the index
    std::string reel;
    std::string startTimecode;  // "HH:MM:SS:FF" as probed; empty when the media has none
    Frames frames = 0;
    std::string probeJson;  // `emulsion probe --json` output, kept as it was
    bool operator==(const MediaEntry&) const = default;
};

// A shot: the unit a grade belongs to. Its id is stable; (media identity, source range) is
// the grade key, so re-conforming the same cut finds the same shot.
struct Shot {
    ShotId id = 0;
    std::string mediaIdentity;  // what names the media across relinks: reel + clip name, or path
    FrameRange source;          // frames of the media the shot shows
    std::string name;
    std::optional<int> activeVersion;  // the grade version shown and rendered
    bool operator==(const Shot&) const = default;
};

// One local version of a shot's grade.
struct GradeVersion {
    int version = 0;  // 1, 2, ... within the shot
    std::string name;
    std::string gradeJson;  // the grade file format (graph/GradeJson.h), stored as given
    bool operator==(const GradeVersion&) const = default;
};

struct Still {
    std::int64_t id = 0;
    std::optional<ShotId> shot;
    std::string label;
    std::vector<std::uint8_t> image;  // a PNG or OpenEXR thumbnail, as encoded
    std::string gradeJson;
    bool operator==(const Still&) const = default;
};

// One entry of the command log. `before` and `after` are JSON objects that restore the state
// the command changed (see Project.cpp for their keys).
struct CommandEntry {
    std::int64_t sequence = 0;
    std::int64_t timestampMs = 0;  // [ms since 1970, UTC]
    ShotId shot = 0;
    std::string kind;  // "set_grade", "set_active_version"
    std::string before;
    std::string after;
};

struct RenderJob {
    enum class Status { Queued, Running, Done, Failed, Cancelled };
    std::int64_t id = 0;
    std::string preset;
    FrameRange range;  // record frames of the timeline
    std::optional<std::int64_t> timelineId;
    Status status = Status::Queued;
    double progress = 0.0;  // 0..1
    bool operator==(const RenderJob&) const = default;
};

// An open project file. Every method that can fail returns a Status naming the file; none
// throws. Writes are one transaction each and either happen whole or not at all.
// Thread: one owner (the engine's command thread); a second Project on the same file in
// another process waits for locks up to 5 s.
class Project {
public:
    // Opens the project at `path`, creating it when nothing is there (built under a temporary
    // name and renamed when complete). A file that is not a project (not SQLite, another
    // application's SQLite file), is damaged (fails PRAGMA quick_check) or has a newer schema
    // is refused and left untouched: CorruptData or Unsupported, the message naming the file.
    // An older schema is first copied to "<path>.schema<N>.bak", then migrated in order.
    static Result<Project> open(const std::filesystem::path& path);

    Project(Project&&) noexcept;
    Project& operator=(Project&&) noexcept;
    ~Project();

    const std::filesystem::path& path() const;
    Result<int> schemaVersion();
    // PRAGMA integrity_check: ok, or CorruptData with SQLite's findings.
    Status checkIntegrity();
    // Whether each commit waits for the disk (the default: synchronous=FULL) or only the
    // write-ahead log's checkpoints do (synchronous=NORMAL). Either way a committed edit
    // survives the process being killed and the file stays consistent; without the wait, the
    // edits since the last checkpoint (at most about a thousand pages, and always on closing)
    // can be lost if the machine itself stops. The station commits on its UI thread, where a
    // disk busy with a render made one commit wait 85 ms.
    Status syncEachCommit(bool sync);

    // Media index. addMedia replaces an entry with the same path and returns its id.
    Result<std::int64_t> addMedia(const MediaEntry& entry);
    Result<std::vector<MediaEntry>> media();

    // Timelines by unique name; saving an existing name replaces its model.
    Result<std::int64_t> saveTimeline(const std::string& name, const Timeline& timeline);
    Result<Timeline> loadTimeline(const std::string& name);
    Result<std::vector<std::string>> timelineNames();

    // The shot for a grade key, created (with `name`) when new. Ids are never reused.
    Result<ShotId> shotFor(const std::string& mediaIdentity, const FrameRange& source,
                           const std::string& name = {});
    Result<Shot> shot(ShotId id);
    Result<std::vector<Shot>> shots();

    // Writes version `version` (>= 1) of the shot's grade; a new version is named "v<N>" and
    // becomes the active one. `gradeJson` must be JSON (checked, stored as given). Logged, and
    // clears whatever could have been redone.
    Status setGrade(ShotId shot, int version, std::string_view gradeJson);
    // Makes an existing version the active one. Logged.
    Status setActiveVersion(ShotId shot, int version);
    Result<GradeVersion> grade(ShotId shot, int version);
    Result<std::vector<GradeVersion>> gradeVersions(ShotId shot);

    // Undo restores what the command at the undo pointer changed and moves the pointer back;
    // redo re-applies the next command. Each is one transaction. False when there is nothing
    // to undo or redo.
    Result<bool> undo();
    Result<bool> redo();
    Result<bool> canUndo();
    Result<bool> canRedo();
    // Sequence number of the last applied command; 0 when everything is undone.
    Result<std::int64_t> undoPointer();
    Result<std::vector<CommandEntry>> commandLog();

    // Stills: `image` must be PNG or OpenEXR bytes (checked by signature).
    Result<std::int64_t> addStill(const Still& still);
    Result<std::vector<Still>> stills();

    Result<std::int64_t> addRenderJob(const RenderJob& job);
    Status updateRenderJob(std::int64_t id, RenderJob::Status status, double progress);
    Result<std::vector<RenderJob>> renderJobs();

private:
    explicit Project(std::unique_ptr<sqlite::Database> db);
    Status appendCommand(ShotId shot, const std::string& kind, const std::string& before,
                         const std::string& after);
    Result<std::string> gradeState(ShotId shot, int version);
    Result<std::string> activeState(ShotId shot);
    Status restore(ShotId shot, const std::string& state);
    Result<bool> step(bool forward);

    std::unique_ptr<sqlite::Database> m_db;
};

}  // namespace emu::timeline
