#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "Picture.h"
#include "emulsion/graph/Commands.h"
#include "emulsion/graph/NodeRegistry.h"
#include "emulsion/timeline/Project.h"

namespace emu::station {

// One shot as the timeline strip shows it.
struct ShotEntry {
    timeline::ShotId id = 0;
    int number = 0;  // 1-based, in record order
    std::string name;
    std::string recordTimecode;  // where the shot starts on the timeline
    std::string mediaPath;       // the clip's media (file or sequence pattern)
    int mediaFrame = 0;          // the shot's first frame in the media's own numbering
    std::string mediaHint;       // the media's colour space: what its header names ("" if none),
                                 // ACES2065-1 for camera raw (what the demosaic develops into)
    // The input colour space the project's clip names (its metadata "colour_space", what
    // `emulsion render` reads first); "" if none.
    std::string clipSpace;
};

// The open project as the station edits it: the conformed timeline's shots, the selected shot's
// grade in a GradeEditor, stills and versions. Every edit is a list of engine Commands applied
// whole (or not at all) and saved to the project as one logged transaction, so undo and redo
// work across restarts.
// Thread: the UI thread.
class Session {
public:
    // Opens `path` (a project made by `emulsion conform --project` or `emulsion demo`): its
    // first timeline's video clips become the shots. Errors name the file.
    static Result<Session> open(const std::filesystem::path& path,
                                const graph::NodeRegistry& registry);

    const std::vector<ShotEntry>& shots() const { return m_shots; }
    int current() const { return m_current; }  // index into shots()
    const ShotEntry& currentShot() const { return m_shots[m_current]; }
    const graph::Grade& grade() const { return m_editor->grade(); }
    const graph::NodeRegistry& registry() const { return m_registry; }
    timeline::Project& project() { return m_project; }
    int activeVersion() const { return m_version; }
    std::string timelineName() const { return m_timelineName; }

    Status selectShot(int index);
    // Applies `commands` in order to the current grade; if one is refused, none is kept.
    // Saved to the project as one edit; with `save` false (a drag in progress) the grade
    // changes now and is saved by saveEdits(), so a whole drag is one undo step.
    Status apply(const std::vector<graph::Command>& commands, graph::NodeId* addedId = nullptr,
                 bool save = true);
    // Saves edits applied with `save` false, as one logged edit. Every other change of the
    // session (shot, version, undo, stills) saves them first.
    Status saveEdits();

    // Node editing as a colourist does it, each one edit:
    // a serial node after `after`, taking its place in front of whatever it fed;
    Result<graph::NodeId> addSerialNode(graph::NodeId after, const std::string& type);
    // a node beside `after` on a parallel mixer ("parallel" or "layer") that recombines them.
    Result<graph::NodeId> addParallelNode(graph::NodeId after, const std::string& type,
                                          const std::string& mixer);
    // `from`'s output into `to`, replacing what fed that input, as one edit. `port` "" picks:
    // a mixer's ("parallel", "layer") first free input a, b or c, else "image" (a matte output
    // goes to "key"). A layer input is enabled as it is connected. A cycle, a port that does
    // not fit or a mixer with no free input is refused, the grade unchanged.
    Status connectNodes(graph::NodeId from, graph::NodeId to, const std::string& port = {});
    // The node feeding the output: where a new serial node goes by default.
    graph::NodeId lastNode() const;

    // Project-wide undo and redo (the project's command log); the current grade follows.
    Result<bool> undo();
    Result<bool> redo();

    // Stills: the picture shown and the grade that made it.
    Result<std::int64_t> grabStill(const Picture& shown);
    Result<std::vector<timeline::Still>> stills();
    Result<graph::Grade> stillGrade(std::int64_t stillId);
    // Replaces the current grade by the still's, as one edit.
    Status applyStill(std::int64_t stillId);

    // Versions of the current shot: a new one starts as a copy of the current grade.
    Result<int> addVersion();
    Status selectVersion(int version);
    Result<std::vector<timeline::GradeVersion>> versions();
    Result<graph::Grade> versionGrade(int version);
    // The active grade of any shot (identity when it has none): the editor's for the current
    // shot, including a drag not yet saved.
    Result<graph::Grade> activeGrade(timeline::ShotId shot);

    // Names the current shot's input colour space in the project: every clip of the timeline
    // that is this shot gets metadata "colour_space" = `space` ("" removes it), where renders
    // look for it first. Saved at once, not an undoable edit (it is not part of the grade).
    Status setInputSpace(const std::string& space);

    // The conformed timeline as stored, and its replacement after a relink: saved, then the
    // shots are read again (the current shot stays selected).
    Result<timeline::Timeline> timeline();
    Status replaceTimeline(const timeline::Timeline& cut);
    // Shows the project's timeline `name` (one just conformed into it): its clips become the
    // shots; the current shot stays selected when the timeline has it, else the first. Pending
    // edits are saved first. NotFound (the session unchanged) for no such timeline or one
    // without shots.
    Status openTimeline(const std::string& name);

private:
    Session(timeline::Project project, const graph::NodeRegistry& registry);
    // The shots of the project's timeline `name`, in record order.
    Result<std::vector<ShotEntry>> readShots(const std::string& name);
    Status reloadGrade();  // the current shot's active version into the editor

    timeline::Project m_project;
    const graph::NodeRegistry& m_registry;
    std::string m_timelineName;
    std::vector<ShotEntry> m_shots;
    int m_current = 0;
    int m_version = 1;
    std::optional<graph::GradeEditor> m_editor;
    bool m_unsaved = false;  // the editor holds edits not yet in the project  // emplaced: it holds
                             // a registry reference
};

}  // namespace emu::station
