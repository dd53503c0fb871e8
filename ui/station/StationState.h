#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ConformFunction.h"
#include "RenderWorker.h"
#include "Session.h"
#include "emulsion/graph/Commands.h"

namespace emu::color {
class ColorConfig;
}

namespace emu::station {

// What the B side of a wipe shows.
enum class WipeSource { None, Still, Version };

// How the viewer shows the picture; none of it is part of the grade.
struct ViewSettings {
    float zoom = 0.0f;  // 0: fit (never enlarging); else screen pixels per picture pixel
    float panX = 0.0f;  // [screen px] offset of the picture's centre
    float panY = 0.0f;
    bool falseColour = false;
    bool clipping = false;  // marks code values 0 and 255
    WipeSource wipeSource = WipeSource::None;
    std::int64_t wipeId = 0;  // still id or version number
    float wipe = 0.5f;        // fraction of the width showing the current grade
    bool split = false;       // A and B side by side, each whole, instead of the wipe
    // The selected qualifier's or window's key: the picture where it selects, grey elsewhere.
    bool highlight = false;
    bool bypassGrade = false;
    bool fullResolution = false;
    bool parade = false;  // the scopes pane's trace: RGB parade instead of the luma waveform
    std::string display;
    std::string view;
};

// The panes of the right-hand side, in tab order.
inline const std::vector<std::string>& paneNames() {
    static const std::vector<std::string> names{"primaries", "curves",  "qualifier", "windows",
                                                "scopes",    "gallery", "versions",  "media",
                                                "deliver",   "surfaces"};
    return names;
}

// A relinked timeline and what happened to each event, for the media/conform page.
struct RelinkResult {
    timeline::Timeline timeline;
    std::vector<std::string> lines;
};

// Starts relinking `state`'s timeline against the media under `folder` on a pool thread;
// finishRelink() (UI thread, each frame) stores it and reloads the shots when done.
Status startRelink(struct StationState& state, const std::filesystem::path& folder);

// Starts conforming the edit list `cut` (an EDL at `rate`) to the originals under `folder` into
// the session's project, on a pool thread, with `state.conform`; finishConform() shows the
// stored timeline when done. Pending edits are saved first, so the conform carries them over.
Status startConform(struct StationState& state, const std::filesystem::path& cut,
                    const std::string& rate, const std::filesystem::path& folder);

// Everything the panes read and change. Edits go through edit(), which sends engine Commands
// through the session (saved, undoable) and marks the picture out of date.
// Thread: the UI thread.
struct StationState {
    explicit StationState(Session s) : session(std::move(s)) {}

    Session session;
    ViewSettings view;
    graph::NodeId selectedNode = 0;
    int deliverPreset = 0;  // the deliver page's chosen preset
    // The OCIO config the viewer shows through (its colour spaces, displays and views), loaded
    // once when the station opens.
    std::shared_ptr<const color::ColorConfig> colours;
    // Per shot: the clip's colour space from the project, else the media header's, else chosen.
    std::map<timeline::ShotId, std::string> inputSpaces;
    std::string openPane = "primaries";
    bool paneRequested = false;          // openPane was set by a key or a script: select its tab
    int playOffset = 0;                  // frames into the shot
    int shuttle = 0;                     // -1, 0, 1: J, K, L
    std::optional<RenderedFrame> shown;  // the newest picture on screen
    std::map<timeline::ShotId, Thumbnail> thumbnails;  // each shot's newest, for the timeline
    std::string message;                               // the last error, shown in the status line
    std::uint64_t serial = 1;                          // of the state the viewer should show
    // A relink of the timeline to a media folder, scanned off the UI thread, and its report.
    std::optional<std::future<Result<RelinkResult>>> relinking;
    std::vector<std::string> relinkReport;  // one line per event, then the summary
    // A conform of an edit list into the project (the command's code), run off the UI thread.
    ConformFunction conform;
    std::optional<std::future<Result<ConformOutcome>>> conforming;
    std::vector<std::string> conformReport;  // its report, or the error that stopped it
    std::chrono::steady_clock::time_point changedAt = std::chrono::steady_clock::now();
    // The node graph's label editor: the node being labelled and the text as typed.
    graph::NodeId labelling = 0;
    std::array<char, graph::kMaxLabelBytes + 1> labelText{};

    // Applies `commands` as one edit; a refusal goes to the status line and is returned.
    // `live`: part of a drag; the drag's end (endLiveEdit) saves it as one undo step.
    Status edit(const std::vector<graph::Command>& commands, bool live = false);
    void endLiveEdit();
    // Reports a failed action in the status line; returns it.
    Status report(Status s);
    // The viewer's picture is out of date (grade, shot, view or colour changed).
    void changed();
    // Split screen on or off. On without a B side splits against still 1, as the W key wipes
    // against it; InvalidArgument when the gallery is empty.
    Status setSplit(bool on);
    // The node the primaries and curves panes edit: the selection, else the last node.
    graph::NodeId editedNode() const;
    std::string inputSpace() const;  // of the current shot
    std::string inputSpaceOf(timeline::ShotId shot) const;
    // Chooses the current shot's input colour space (a name of the OCIO config) and saves it
    // in the project's timeline (Session::setInputSpace); refused and reported if unknown.
    Status setInputSpace(const std::string& space);
    // Stores a finished relink; true when one finished this call.
    bool finishRelink();
    // Shows a finished conform's timeline (the current shot kept if it is in the cut, else the
    // first) and report; the conform's outcome when one finished this call, else nothing.
    std::optional<Status> finishConform();
    // Each shot without an input space gets the one renders would choose: the project's clip,
    // then the media header, when `colours` knows it.
    void chooseInputSpaces();
};

}  // namespace emu::station
