#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "emulsion/core/Log.h"
#include "emulsion/graph/NodeRegistry.h"
#include "emulsion/panels/DeviceRunner.h"
#include "emulsion/panels/DeviceScan.h"
#include "emulsion/panels/PanelSession.h"

namespace emu::station {

// The control surfaces driving the station: devices found by a scan off the UI thread, or a
// recorded session replayed at its own pace (a script's `panel-replay`), each read on its own
// input thread into one PanelSession. The UI thread drains it once per drawn frame, so a
// trackball never builds a backlog behind a slow render.
// Thread: everything from the UI thread; the runners' threads only feed the session.
class Surfaces {
public:
    Surfaces(const graph::NodeRegistry& registry, core::Log& log);
    ~Surfaces();  // stops every input thread
    Surfaces(const Surfaces&) = delete;
    Surfaces& operator=(const Surfaces&) = delete;

    // Looks for surfaces on a thread of its own; those that can be opened are started with the
    // default map of the first one's kind.
    void scanInBackground(std::uint16_t tangentPort = 64246);
    // Replays a recording (docs/PANELS.md) as a surface, with `map` (a built-in map's name or
    // a mapping file). Fails naming the file or the map.
    Status replay(const std::filesystem::path& recording, const std::string& map);

    // The commands and actions since the last call, for `grade` (bindings go to `current`
    // when it has the bound type). Also starts the devices a finished scan found.
    panels::FrameInput take(const graph::Grade& grade, graph::NodeId current);

    struct Row {
        std::string name;
        std::string state;  // connected, disconnected, ...
        std::uint64_t malformed = 0;
    };
    std::vector<Row> rows() const;
    std::string mapName() const { return m_mapName; }
    std::string page() const;
    // A replayed recording still has reports to send.
    bool replaying() const;
    std::vector<std::string> scanNotes() const;

private:
    Status start(const std::string& mapName);
    void startFound();

    const graph::NodeRegistry& m_registry;
    core::Log& m_log;
    std::string m_mapName;
    std::unique_ptr<panels::PanelSession> m_session;
    std::vector<std::unique_ptr<panels::DeviceRunner>> m_runners;
    std::vector<bool> m_isReplay;  // per runner
    std::thread m_scanThread;
    mutable std::mutex m_mutex;  // guards the scan's results
    bool m_scanDone = false;
    bool m_scanTaken = false;
    std::vector<panels::FoundDevice> m_found;
    std::vector<std::string> m_notes;
};

}  // namespace emu::station
