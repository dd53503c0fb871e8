#include "emulsion/timeline/Project.h"

#include <algorithm>

#include "ProjectSchema.h"
#include "Sqlite.h"
#include "emulsion/timeline/TimelineJson.h"

namespace emu::timeline {

using sqlite::Statement;
using sqlite::Transaction;

namespace {

const std::pair<RenderJob::Status, const char*> kJobStatus[] = {
    {RenderJob::Status::Queued, "queued"},       {RenderJob::Status::Running, "running"},
    {RenderJob::Status::Done, "done"},           {RenderJob::Status::Failed, "failed"},
    {RenderJob::Status::Cancelled, "cancelled"},
};

const char* statusName(RenderJob::Status status) {
    for (const auto& [s, name] : kJobStatus) {
        if (s == status) return name;
    }
    return "queued";
}

RenderJob::Status statusFrom(const std::string& name) {
    for (const auto& [s, n] : kJobStatus) {
        if (name == n) return s;
    }
    return RenderJob::Status::Failed;
}

bool startsWith(const std::vector<std::uint8_t>& bytes, std::initializer_list<std::uint8_t> sig) {
    return bytes.size() >= sig.size() && std::equal(sig.begin(), sig.end(), bytes.begin());
}

}  // namespace

Project::Project(std::unique_ptr<sqlite::Database> db) : m_db(std::move(db)) {}
Project::Project(Project&&) noexcept = default;
Project& Project::operator=(Project&&) noexcept = default;
Project::~Project() = default;

Result<Project> Project::open(const std::filesystem::path& path) {
    EMU_ASSIGN_OR_RETURN(sqlite::Database db, openProjectDatabase(path));
    return Project(std::make_unique<sqlite::Database>(std::move(db)));
}

const std::filesystem::path& Project::path() const {
    return m_db->path();
}

Result<int> Project::schemaVersion() {
    EMU_ASSIGN_OR_RETURN(std::int64_t v, m_db->queryInt("PRAGMA user_version"));
    return int(v);
}

Status Project::syncEachCommit(bool sync) {
    return m_db->exec(sync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
}

Status Project::checkIntegrity() {
    EMU_ASSIGN_OR_RETURN(std::string result, m_db->queryText("PRAGMA integrity_check"));
    if (result == "ok") return Status::ok();
    return makeError(ErrorCode::CorruptData, path().string() + ": integrity_check: " + result);
}

// ---- media index ----

Result<std::int64_t> Project::addMedia(const MediaEntry& e) {
    EMU_ASSIGN_OR_RETURN(auto tx, Transaction::begin(*m_db));
    EMU_ASSIGN_OR_RETURN(Statement s,
                         m_db->prepare("INSERT INTO media (path, reel, start_timecode, frames, "
                                       "probe_json) VALUES (?, ?, ?, ?, ?) "
                                       "ON CONFLICT (path) DO UPDATE SET reel = excluded.reel, "
                                       "start_timecode = excluded.start_timecode, "
                                       "frames = excluded.frames, "
                                       "probe_json = excluded.probe_json RETURNING id"));
    s.bind(1, e.path).bind(2, e.reel).bind(3, e.startTimecode).bind(4, e.frames);
    s.bind(5, e.probeJson);
    EMU_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return makeError(ErrorCode::Internal, path().string() + ": media insert gave no id");
    const std::int64_t id = s.integer(0);
    EMU_RETURN_IF_ERROR(s.run());
    EMU_RETURN_IF_ERROR(tx.commit());
    return id;
}

Result<std::vector<MediaEntry>> Project::media() {
    EMU_ASSIGN_OR_RETURN(Statement s, m_db->prepare("SELECT id, path, reel, start_timecode, "
                                                    "frames, probe_json FROM media ORDER BY id"));
    std::vector<MediaEntry> out;
    for (;;) {
        EMU_ASSIGN_OR_RETURN(bool row, s.step());
        if (!row) return out;
        out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.integer(4), s.text(5)});
    }
}

// ---- timelines ----

Result<std::int64_t> Project::saveTimeline(const std::string& name, const Timeline& timeline) {
    const std::string model = timelineToJson(timeline);
    EMU_ASSIGN_OR_RETURN(auto tx, Transaction::begin(*m_db));
    EMU_ASSIGN_OR_RETURN(Statement s,
                         m_db->prepare("INSERT INTO timelines (name, rate_num, rate_den, "
                                       "model_json) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO "
                                       "UPDATE SET rate_num = excluded.rate_num, rate_den = "
                                       "excluded.rate_den, model_json = excluded.model_json "
                                       "RETURNING id"));
    s.bind(1, name).bind(2, timeline.rate.numerator).bind(3, timeline.rate.denominator);
    s.bind(4, model);
    EMU_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return makeError(ErrorCode::Internal, path().string() + ": timeline gave no id");
    const std::int64_t id = s.integer(0);
    EMU_RETURN_IF_ERROR(s.run());
    EMU_RETURN_IF_ERROR(tx.commit());
    return id;
}

Result<Timeline> Project::loadTimeline(const std::string& name) {
    EMU_ASSIGN_OR_RETURN(Statement s,
                         m_db->prepare("SELECT model_json FROM timelines WHERE name = ?"));
    s.bind(1, name);
    EMU_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) {
        return makeError(ErrorCode::NotFound, path().string() + ": no timeline \"" + name + "\"");
    }
    return timelineFromJson(s.text(0), path().string() + ": timeline \"" + name + "\"");
}

Result<std::vector<std::string>> Project::timelineNames() {
    EMU_ASSIGN_OR_RETURN(Statement s, m_db->prepare("SELECT name FROM timelines ORDER BY name"));
    std::vector<std::string> out;
    for (;;) {
        EMU_ASSIGN_OR_RETURN(bool row, s.step());
        if (!row) return out;
        out.push_back(s.text(0));
    }
}

// ---- shots ----

Result<ShotId> Project::shotFor(const std::string& mediaIdentity, const FrameRange& source,
                                const std::string& name) {
    EMU_ASSIGN_OR_RETURN(auto tx, Transaction::begin(*m_db));
    EMU_ASSIGN_OR_RETURN(Statement insert,
                         m_db->prepare("INSERT INTO shots (media_identity, source_start, "
                                       "source_duration, name) VALUES (?, ?, ?, ?) "
                                       "ON CONFLICT DO NOTHING"));
    insert.bind(1, mediaIdentity).bind(2, source.start).bind(3, source.duration).bind(4, name);
    EMU_RETURN_IF_ERROR(insert.run());
    EMU_ASSIGN_OR_RETURN(Statement find, m_db->prepare("SELECT id FROM shots WHERE media_identity "
                                                       "= ? AND source_start = ? AND "
                                                       "source_duration = ?"));
    find.bind(1, mediaIdentity).bind(2, source.start).bind(3, source.duration);
    EMU_ASSIGN_OR_RETURN(bool row, find.step());
    if (!row) return makeError(ErrorCode::Internal, path().string() + ": shot not found");
    const ShotId id = find.integer(0);
    EMU_RETURN_IF_ERROR(tx.commit());
    return id;
}

namespace {
constexpr const char* kShotColumns =
    "SELECT id, media_identity, source_start, source_duration, name, active_version FROM shots";

Shot readShot(const Statement& s) {
    Shot shot{s.integer(0), s.text(1), {s.integer(2), s.integer(3)}, s.text(4), std::nullopt};
    if (!s.isNull(5)) shot.activeVersion = int(s.integer(5));
    return shot;
}
}  // namespace

Result<Shot> Project::shot(ShotId id) {
    EMU_ASSIGN_OR_RETURN(Statement s, m_db->prepare(std::string(kShotColumns) + " WHERE id = ?"));
    s.bind(1, id);
    EMU_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) {
        return makeError(ErrorCode::NotFound, path().string() + ": no shot " + std::to_string(id));
    }
    return readShot(s);
}

Result<std::vector<Shot>> Project::shots() {
    EMU_ASSIGN_OR_RETURN(Statement s, m_db->prepare(std::string(kShotColumns) + " ORDER BY id"));
    std::vector<Shot> out;
    for (;;) {
        EMU_ASSIGN_OR_RETURN(bool row, s.step());
        if (!row) return out;
        out.push_back(readShot(s));
    }
}

// ---- stills ----

Result<std::int64_t> Project::addStill(const Still& still) {
    const bool png = startsWith(still.image, {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
    const bool exr = startsWith(still.image, {0x76, 0x2f, 0x31, 0x01});
    if (!png && !exr) {
        return makeError(ErrorCode::InvalidArgument,
                         path().string() + ": still \"" + still.label +
                             "\": the image is neither PNG nor OpenEXR");
    }
    EMU_ASSIGN_OR_RETURN(auto tx, Transaction::begin(*m_db));
    EMU_ASSIGN_OR_RETURN(Statement s, m_db->prepare("INSERT INTO stills (shot_id, label, image, "
                                                    "grade_json) VALUES (?, ?, ?, ?)"));
    s.bind(1, still.shot).bind(2, still.label).bind(3, still.image).bind(4, still.gradeJson);
    EMU_RETURN_IF_ERROR(s.run());
    const std::int64_t id = m_db->lastInsertRowId();
    EMU_RETURN_IF_ERROR(tx.commit());
    return id;
}

Result<std::vector<Still>> Project::stills() {
    EMU_ASSIGN_OR_RETURN(Statement s, m_db->prepare("SELECT id, shot_id, label, image, grade_json "
                                                    "FROM stills ORDER BY id"));
    std::vector<Still> out;
    for (;;) {
        EMU_ASSIGN_OR_RETURN(bool row, s.step());
        if (!row) return out;
        Still still{s.integer(0), std::nullopt, s.text(2), s.blob(3), s.text(4)};
        if (!s.isNull(1)) still.shot = s.integer(1);
        out.push_back(std::move(still));
    }
}

// ---- render jobs ----

Result<std::int64_t> Project::addRenderJob(const RenderJob& job) {
    EMU_ASSIGN_OR_RETURN(auto tx, Transaction::begin(*m_db));
    EMU_ASSIGN_OR_RETURN(Statement s,
                         m_db->prepare("INSERT INTO render_jobs (timeline_id, preset, "
                                       "range_start, range_duration, status, progress) "
                                       "VALUES (?, ?, ?, ?, ?, ?)"));
    s.bind(1, job.timelineId).bind(2, job.preset).bind(3, job.range.start);
    s.bind(4, job.range.duration).bind(5, std::string_view(statusName(job.status)));
    s.bind(6, job.progress);
    EMU_RETURN_IF_ERROR(s.run());
    const std::int64_t id = m_db->lastInsertRowId();
    EMU_RETURN_IF_ERROR(tx.commit());
    return id;
}

Status Project::updateRenderJob(std::int64_t id, RenderJob::Status status, double progress) {
    EMU_ASSIGN_OR_RETURN(auto tx, Transaction::begin(*m_db));
    EMU_ASSIGN_OR_RETURN(Statement s, m_db->prepare("UPDATE render_jobs SET status = ?, "
                                                    "progress = ? WHERE id = ?"));
    s.bind(1, std::string_view(statusName(status))).bind(2, progress).bind(3, id);
    EMU_RETURN_IF_ERROR(s.run());
    if (sqlite3_changes(m_db->handle()) == 0) {
        return makeError(ErrorCode::NotFound,
                         path().string() + ": no render job " + std::to_string(id));
    }
    return tx.commit();
}

Result<std::vector<RenderJob>> Project::renderJobs() {
    EMU_ASSIGN_OR_RETURN(Statement s, m_db->prepare("SELECT id, preset, range_start, "
                                                    "range_duration, timeline_id, status, "
                                                    "progress FROM render_jobs ORDER BY id"));
    std::vector<RenderJob> out;
    for (;;) {
        EMU_ASSIGN_OR_RETURN(bool row, s.step());
        if (!row) return out;
        RenderJob job{s.integer(0),          s.text(1), {s.integer(2), s.integer(3)}, std::nullopt,
                      statusFrom(s.text(5)), s.real(6)};
        if (!s.isNull(4)) job.timelineId = s.integer(4);
        out.push_back(std::move(job));
    }
}

}  // namespace emu::timeline
