#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "RenderWorker.h"
#include "StationState.h"
#include "emulsion/core/Log.h"
#include "panes/Panes.h"

namespace emu::station {

// Keeps the timeline's thumbnails up to date: once the state has been quiet for a moment (so a
// drag asks for one picture, at its end, not one per frame), every shot whose grade, input
// space, display or view differ from what its thumbnail was made from is queued on the worker.
// The UI never renders or waits for them.
// Thread: the UI thread.
class Thumbnails {
public:
    explicit Thumbnails(core::Log& log) : m_log(log) {}

    // Moves finished thumbnails into `state.thumbnails`; true when there were any.
    bool take(StationState& state, RenderWorker& worker);
    // Asks the worker for the thumbnails the state needs (cheap when nothing changed).
    void update(StationState& state, RenderWorker& worker);
    // Every shot's thumbnail shows the current state and none is on its way.
    bool current(const StationState& state, const RenderWorker& worker) const;
    // Logs where each thumbnail is drawn ("thumbnail shot N at X,Y WxH, visible ..."), once
    // per change of place.
    void logPlacements(const std::vector<ThumbnailPlacement>& placements);
    // Writes each shot's thumbnail as `folder`/shot-N.png. IoError names the file.
    Status writeImages(const StationState& state, const std::filesystem::path& folder) const;

private:
    core::Log& m_log;
    std::uint64_t m_checkedSerial = 0;                   // the state last looked at
    std::map<timeline::ShotId, std::uint64_t> m_posted;  // the key last asked for, per shot
    std::vector<std::string> m_placed;                   // the placements last logged
};

}  // namespace emu::station
