#include "Session.h"

#include <algorithm>

#include "emulsion/conform/GradeKey.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/media/ClipRegistry.h"

namespace emu::station {

namespace {

// A media frame number for a source frame: source frames count in time code, media frames in
// the file's own numbering (a movie starts at 0, a sequence at its first file).
int mediaFrameOf(const timeline::Clip& clip, const media::ClipInfo& info) {
    const timeline::Frames start = clip.source.start;
    if (info.startTimecode.empty()) return int(start);
    auto tc = timeline::timecodeToFrames(info.startTimecode, clip.sourceRate);
    if (!tc.isOk()) return int(start);
    return int(start - *tc) + info.firstFrame;
}

std::filesystem::path resolveMedia(const std::filesystem::path& media,
                                   const std::filesystem::path& project) {
    if (media.is_absolute()) return media;
    const std::filesystem::path beside = project.parent_path() / media;
    std::error_code ec;
    if (std::filesystem::exists(beside.parent_path(), ec)) return beside;
    return media;
}

}  // namespace

Session::Session(timeline::Project project, const graph::NodeRegistry& registry)
    : m_project(std::move(project)), m_registry(registry) {
    m_editor.emplace(registry);
}

Result<Session> Session::open(const std::filesystem::path& path,
                              const graph::NodeRegistry& registry) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return makeError(ErrorCode::NotFound, path.string() + ": no such project");
    }
    EMU_ASSIGN_OR_RETURN(timeline::Project project, timeline::Project::open(path));
    // Edits are committed on the UI thread: never wait there for the disk (a render may be
    // writing to it). A killed station still loses at most the edit in progress.
    EMU_RETURN_IF_ERROR(project.syncEachCommit(false).withContext(path.string()));
    EMU_ASSIGN_OR_RETURN(std::vector<std::string> names, project.timelineNames());
    if (names.empty()) {
        return makeError(ErrorCode::NotFound, path.string() + ": the project has no timeline");
    }
    Session session(std::move(project), registry);
    session.m_timelineName = names.front();
    EMU_ASSIGN_OR_RETURN(session.m_shots, session.readShots(session.m_timelineName));
    if (session.m_shots.empty()) {
        return makeError(ErrorCode::NotFound, path.string() + ": the project has no shots");
    }
    EMU_RETURN_IF_ERROR(session.selectShot(0));
    return session;
}

Result<timeline::Timeline> Session::timeline() {
    return m_project.loadTimeline(m_timelineName);
}

Status Session::replaceTimeline(const timeline::Timeline& cut) {
    EMU_RETURN_IF_ERROR(saveEdits());
    EMU_RETURN_IF_ERROR(m_project.saveTimeline(m_timelineName, cut).status());
    const int current = m_current;
    EMU_ASSIGN_OR_RETURN(m_shots, readShots(m_timelineName));
    return selectShot(std::min(current, int(m_shots.size()) - 1));
}

Status Session::openTimeline(const std::string& name) {
    EMU_RETURN_IF_ERROR(saveEdits());
    EMU_ASSIGN_OR_RETURN(std::vector<ShotEntry> shots, readShots(name));
    if (shots.empty()) {
        return makeError(ErrorCode::NotFound, m_project.path().string() + ": timeline \"" + name +
                                                  "\" has no shots in the project");
    }
    const timeline::ShotId current = m_shots.empty() ? 0 : currentShot().id;
    m_timelineName = name;
    m_shots = std::move(shots);
    const auto kept = std::find_if(m_shots.begin(), m_shots.end(),
                                   [&](const ShotEntry& e) { return e.id == current; });
    return selectShot(kept == m_shots.end() ? 0 : int(kept - m_shots.begin()));
}

Status Session::setInputSpace(const std::string& space) {
    EMU_ASSIGN_OR_RETURN(timeline::Shot shot, m_project.shot(currentShot().id));
    EMU_ASSIGN_OR_RETURN(timeline::Timeline cut, m_project.loadTimeline(m_timelineName));
    int clips = 0;
    for (timeline::Track& track : cut.tracks) {
        if (track.kind != timeline::Track::Kind::Video) continue;
        for (timeline::Item& item : track.items) {
            auto* clip = std::get_if<timeline::Clip>(&item);
            if (!clip || clip->media.empty()) continue;
            const conform::GradeKey key = conform::gradeKeyOf(*clip);
            if (key.media != shot.mediaIdentity || key.source != shot.source) continue;
            if (space.empty()) {
                clip->metadata.erase("colour_space");
            } else {
                clip->metadata["colour_space"] = space;
            }
            ++clips;
        }
    }
    if (clips == 0) {
        return makeError(ErrorCode::NotFound,
                         "shot " + currentShot().name + " has no clip in " + m_timelineName);
    }
    EMU_RETURN_IF_ERROR(m_project.saveTimeline(m_timelineName, cut).status());
    for (ShotEntry& e : m_shots) {
        if (e.id == shot.id) e.clipSpace = space;
    }
    return Status::ok();
}

Result<std::vector<ShotEntry>> Session::readShots(const std::string& name) {
    const std::filesystem::path path = m_project.path();
    EMU_ASSIGN_OR_RETURN(timeline::Timeline cut, m_project.loadTimeline(name));
    EMU_ASSIGN_OR_RETURN(std::vector<timeline::Shot> shots, m_project.shots());
    const media::ClipRegistry readers = media::builtinClipReaders();
    std::vector<ShotEntry> entries;
    for (const timeline::Track& track : cut.tracks) {
        if (track.kind != timeline::Track::Kind::Video) continue;
        for (const timeline::Item& item : track.items) {
            const auto* clip = std::get_if<timeline::Clip>(&item);
            if (!clip || clip->media.empty()) continue;
            const conform::GradeKey key = conform::gradeKeyOf(*clip);
            auto shot = std::find_if(shots.begin(), shots.end(), [&](const timeline::Shot& s) {
                return s.mediaIdentity == key.media && s.source == key.source;
            });
            if (shot == shots.end()) continue;  // not conformed into the project
            ShotEntry e;
            e.id = shot->id;
            e.number = int(entries.size()) + 1;
            e.name = shot->name.empty() ? clip->name : shot->name;
            auto tc = timeline::framesToTimecode(clip->record.start, cut.rate, cut.dropFrame);
            e.recordTimecode = tc.isOk() ? *tc : std::string();
            const auto& ref = clip->media[std::size_t(clip->activeMedia) % clip->media.size()];
            e.mediaPath = resolveMedia(ref.path, path).string();
            e.mediaFrame = int(clip->source.start);
            if (auto space = clip->metadata.find("colour_space"); space != clip->metadata.end()) {
                e.clipSpace = space->second;
            }
            if (auto reader = readers.open(e.mediaPath); reader.isOk()) {
                e.mediaFrame = mediaFrameOf(*clip, (*reader)->info());
                // Camera raw is developed into ACES2065-1 (the station's and the renderer's
                // demosaic alike): that is the space its pictures are in, whatever the header.
                const media::ClipInfo& info = (*reader)->info();
                e.mediaHint = info.raw ? std::string("ACES2065-1") : info.colourSpaceHint;
            }
            entries.push_back(e);
        }
        break;  // the picture: the lowest video track
    }
    return entries;
}

Status Session::reloadGrade() {
    EMU_ASSIGN_OR_RETURN(timeline::Shot shot, m_project.shot(currentShot().id));
    graph::Grade grade = graph::Grade::identity();
    m_version = shot.activeVersion.value_or(1);
    if (shot.activeVersion) {
        EMU_ASSIGN_OR_RETURN(timeline::GradeVersion v, m_project.grade(shot.id, m_version));
        EMU_ASSIGN_OR_RETURN(grade, graph::gradeFromJson(v.gradeJson, "shot " + shot.name));
    }
    m_editor.emplace(m_registry, std::move(grade));
    return Status::ok();
}

Status Session::selectShot(int index) {
    EMU_RETURN_IF_ERROR(saveEdits());
    if (index < 0 || index >= int(m_shots.size())) {
        return makeError(ErrorCode::InvalidArgument, "no shot " + std::to_string(index + 1) +
                                                         " (the timeline has " +
                                                         std::to_string(m_shots.size()) + ")");
    }
    m_current = index;
    return reloadGrade();
}

Status Session::saveEdits() {
    if (!m_unsaved) return Status::ok();
    EMU_RETURN_IF_ERROR(
        m_project.setGrade(currentShot().id, m_version, graph::gradeToJson(grade())));
    m_unsaved = false;
    return Status::ok();
}

Status Session::apply(const std::vector<graph::Command>& commands, graph::NodeId* addedId,
                      bool save) {
    graph::GradeEditor trial = *m_editor;
    for (const graph::Command& c : commands) {
        graph::NodeId added = 0;
        EMU_RETURN_IF_ERROR(trial.apply(c, &added));
        if (added && addedId) *addedId = added;
    }
    if (Status s = trial.grade().validate(m_registry); !s.isOk()) return s;
    if (save) {
        EMU_RETURN_IF_ERROR(
            m_project.setGrade(currentShot().id, m_version, graph::gradeToJson(trial.grade())));
    }
    m_unsaved = !save;
    m_editor.emplace(std::move(trial));
    return Status::ok();
}

graph::NodeId Session::lastNode() const {
    for (const graph::GradeNode& n : grade().nodes()) {
        if (n.type != "output") continue;
        if (const graph::Connection* c = grade().inputOf(n.id, "image")) return c->fromNode;
    }
    return 1;
}

Result<graph::NodeId> Session::addSerialNode(graph::NodeId after, const std::string& type) {
    const graph::NodeId id = grade().nextId();
    std::vector<graph::Command> commands{graph::AddNode{type, {}, id}};
    for (const graph::Connection& c : grade().connections()) {
        if (c.fromNode == after && c.fromPort == "image") {
            commands.push_back(graph::Connect{{id, "image", c.toNode, c.toPort}});
        }
    }
    commands.push_back(graph::Connect{{after, "image", id, "image"}});
    EMU_RETURN_IF_ERROR(apply(commands));
    return id;
}

Result<graph::NodeId> Session::addParallelNode(graph::NodeId after, const std::string& type,
                                               const std::string& mixer) {
    const graph::Connection* input = grade().inputOf(after, "image");
    if (!input) return makeError(ErrorCode::InvalidArgument, "the node has no image input");
    const graph::NodeId id = grade().nextId();
    std::vector<graph::Command> commands{
        graph::AddNode{type, {}, id},
        graph::Connect{{input->fromNode, input->fromPort, id, "image"}}};
    // Beside a node already on such a mixer: the mixer's next free input.
    for (const graph::Connection& c : grade().connections()) {
        const graph::GradeNode* to = grade().node(c.toNode);
        if (c.fromNode != after || !to || to->type != mixer) continue;
        for (const char* port : {"a", "b", "c"}) {
            if (grade().inputOf(to->id, port)) continue;
            commands.push_back(graph::Connect{{id, "image", to->id, port}});
            if (mixer == "layer" && std::string(port) != "a") {
                commands.push_back(graph::SetParam{to->id, std::string("enable") + port, {1}});
            }
            EMU_RETURN_IF_ERROR(apply(commands));
            return id;
        }
        return makeError(ErrorCode::InvalidArgument, "the mixer's inputs are all taken");
    }
    const graph::NodeId mix = id + 1;
    commands.push_back(graph::AddNode{mixer, {}, mix});
    for (const graph::Connection& c : grade().connections()) {
        if (c.fromNode == after && c.fromPort == "image") {
            commands.push_back(graph::Connect{{mix, "image", c.toNode, c.toPort}});
        }
    }
    commands.push_back(graph::Connect{{after, "image", mix, "image"}});
    commands.push_back(graph::Connect{{id, "image", mix, "a"}});
    EMU_RETURN_IF_ERROR(apply(commands));
    return id;
}

Status Session::connectNodes(graph::NodeId from, graph::NodeId to, const std::string& port) {
    const graph::GradeNode* source = grade().node(from);
    const graph::GradeNode* target = grade().node(to);
    if (!source || !target) {
        return makeError(ErrorCode::NotFound,
                         "no node " + std::to_string(source ? to : from) + " in the grade");
    }
    if (from == to) return makeError(ErrorCode::InvalidArgument, "a node cannot feed itself");
    const graph::NodeType* fromType = m_registry.find(source->type);
    const graph::NodeType* toType = m_registry.find(target->type);
    if (!fromType || fromType->desc.outputs.empty()) {
        return makeError(ErrorCode::InvalidArgument,
                         graph::describeNode(*source) + " has no output");
    }
    // The image output where there is one; a window or qualifier offers its matte.
    std::string fromPort = fromType->desc.outputs.front().id;
    if (fromType->desc.outputIndex("image") >= 0) fromPort = "image";
    std::string toPort = port;
    if (toPort.empty() && fromPort != "image") toPort = "key";
    if (toPort.empty() && toType && toType->desc.inputIndex("a") >= 0) {
        for (const char* p : {"a", "b", "c"}) {
            if (toType->desc.inputIndex(p) >= 0 && !grade().inputOf(to, p)) {
                toPort = p;
                break;
            }
        }
        if (toPort.empty()) {
            return makeError(ErrorCode::InvalidArgument,
                             graph::describeNode(*target) + ": its inputs are all taken");
        }
    }
    if (toPort.empty()) toPort = "image";
    std::vector<graph::Command> commands;
    if (grade().inputOf(to, toPort)) commands.push_back(graph::Disconnect{to, toPort});
    commands.push_back(graph::Connect{{from, fromPort, to, toPort}});
    // A layer mixer's inputs b and c start disabled (MixerNodes.cpp): connecting one shows it.
    const std::string enable = "enable" + toPort;
    if (toType && toType->desc.findParam(enable)) {
        commands.push_back(graph::SetParam{to, enable, {1}});
    }
    return apply(commands);
}

Result<bool> Session::undo() {
    EMU_RETURN_IF_ERROR(saveEdits());
    EMU_ASSIGN_OR_RETURN(bool undone, m_project.undo());
    EMU_RETURN_IF_ERROR(reloadGrade());
    return undone;
}

Result<bool> Session::redo() {
    EMU_RETURN_IF_ERROR(saveEdits());
    EMU_ASSIGN_OR_RETURN(bool redone, m_project.redo());
    EMU_RETURN_IF_ERROR(reloadGrade());
    return redone;
}

Result<std::int64_t> Session::grabStill(const Picture& shown) {
    EMU_RETURN_IF_ERROR(saveEdits());
    EMU_ASSIGN_OR_RETURN(std::vector<timeline::Still> existing, m_project.stills());
    timeline::Still still;
    still.shot = currentShot().id;
    still.label = std::to_string(existing.size() + 1) + " " + currentShot().name + " v" +
                  std::to_string(m_version);
    // A thumbnail of at most 256 px across keeps the project small.
    const int factor = std::max(1, (shown.width + 255) / 256);
    EMU_ASSIGN_OR_RETURN(still.image, encodePng(decimate(shown, factor)));
    still.gradeJson = graph::gradeToJson(grade());
    return m_project.addStill(still);
}

Result<std::vector<timeline::Still>> Session::stills() {
    return m_project.stills();
}

Result<graph::Grade> Session::stillGrade(std::int64_t stillId) {
    EMU_ASSIGN_OR_RETURN(std::vector<timeline::Still> all, m_project.stills());
    for (const timeline::Still& s : all) {
        if (s.id == stillId) return graph::gradeFromJson(s.gradeJson, "still " + s.label);
    }
    return makeError(ErrorCode::NotFound, "no still " + std::to_string(stillId));
}

Status Session::applyStill(std::int64_t stillId) {
    EMU_RETURN_IF_ERROR(saveEdits());
    EMU_ASSIGN_OR_RETURN(graph::Grade grade, stillGrade(stillId));
    EMU_RETURN_IF_ERROR(grade.validate(m_registry));
    EMU_RETURN_IF_ERROR(m_project.setGrade(currentShot().id, m_version, graph::gradeToJson(grade)));
    return reloadGrade();
}

Result<int> Session::addVersion() {
    EMU_RETURN_IF_ERROR(saveEdits());
    EMU_ASSIGN_OR_RETURN(std::vector<timeline::GradeVersion> all,
                         m_project.gradeVersions(currentShot().id));
    int next = 1;
    for (const auto& v : all) next = std::max(next, v.version + 1);
    EMU_RETURN_IF_ERROR(m_project.setGrade(currentShot().id, next, graph::gradeToJson(grade())));
    EMU_RETURN_IF_ERROR(reloadGrade());
    return next;
}

Status Session::selectVersion(int version) {
    EMU_RETURN_IF_ERROR(saveEdits());
    EMU_RETURN_IF_ERROR(m_project.setActiveVersion(currentShot().id, version));
    return reloadGrade();
}

Result<std::vector<timeline::GradeVersion>> Session::versions() {
    return m_project.gradeVersions(currentShot().id);
}

Result<graph::Grade> Session::activeGrade(timeline::ShotId shotId) {
    if (shotId == currentShot().id) return grade();
    EMU_ASSIGN_OR_RETURN(timeline::Shot shot, m_project.shot(shotId));
    if (!shot.activeVersion) return graph::Grade::identity();
    EMU_ASSIGN_OR_RETURN(timeline::GradeVersion v, m_project.grade(shotId, *shot.activeVersion));
    return graph::gradeFromJson(v.gradeJson, "shot " + shot.name);
}

Result<graph::Grade> Session::versionGrade(int version) {
    EMU_ASSIGN_OR_RETURN(timeline::GradeVersion v, m_project.grade(currentShot().id, version));
    return graph::gradeFromJson(v.gradeJson, "version " + std::to_string(version));
}

}  // namespace emu::station
