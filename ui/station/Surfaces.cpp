#include "Surfaces.h"

#include "emulsion/panels/DeviceScan.h"
#include "emulsion/panels/Mapping.h"
#include "emulsion/panels/Recording.h"

namespace emu::station {

Surfaces::Surfaces(const graph::NodeRegistry& registry, core::Log& log)
    : m_registry(registry), m_log(log) {}

Surfaces::~Surfaces() {
    if (m_scanThread.joinable()) m_scanThread.join();
    for (auto& r : m_runners) r->stop();
}

void Surfaces::scanInBackground(std::uint16_t tangentPort) {
    if (m_scanThread.joinable()) return;
    m_scanThread = std::thread([this, tangentPort] {
        panels::ScanReport scan = panels::scanDevices(150, tangentPort);
        std::lock_guard lock(m_mutex);
        m_found = std::move(scan.devices);
        m_notes = std::move(scan.notes);
        m_scanDone = true;
    });
}

Status Surfaces::start(const std::string& mapName) {
    if (m_session) return Status::ok();  // one map for every surface, the first one's
    EMU_ASSIGN_OR_RETURN(panels::Mapping mapping, panels::loadMappingByName(mapName));
    EMU_RETURN_IF_ERROR(panels::validateMapping(mapping, m_registry, mapName));
    m_session = std::make_unique<panels::PanelSession>(std::move(mapping));
    m_mapName = mapName;
    return Status::ok();
}

void Surfaces::startFound() {
    std::vector<panels::FoundDevice> found;
    {
        std::lock_guard lock(m_mutex);
        if (!m_scanDone || m_scanTaken) return;
        m_scanTaken = true;
        found = m_found;
    }
    for (const panels::FoundDevice& d : found) {
        if (!d.usable) {
            m_log.info("surface " + d.model + " at " + d.path +
                       " cannot be opened (see "
                       "`emulsion panels list`)");
            continue;
        }
        if (Status s = start(panels::defaultMapFor(d.driver)); !s.isOk()) {
            m_log.error("surfaces: " + s.message());
            return;
        }
        auto connection = panels::connectionFor(d);
        if (!connection.isOk()) {
            m_log.error("surface " + d.model + ": " + connection.status().message());
            continue;
        }
        auto runner = std::make_unique<panels::DeviceRunner>(
            d.model, connection->open, std::move(connection->driver), *m_session,
            panels::DeviceRunner::Options{});
        runner->start();
        m_runners.push_back(std::move(runner));
        m_isReplay.push_back(false);
        m_log.info("surface " + d.model + " connected, map " + m_mapName);
    }
}

Status Surfaces::replay(const std::filesystem::path& recording, const std::string& map) {
    EMU_ASSIGN_OR_RETURN(panels::Recording rec, panels::loadRecording(recording));
    EMU_ASSIGN_OR_RETURN(std::unique_ptr<panels::Driver> driver, panels::makeDriver(rec.driver));
    EMU_RETURN_IF_ERROR(start(map));
    const std::string name = "replay " + recording.filename().string();
    // A recording holds what the device sent after its start-up exchange: nobody answers one.
    panels::DeviceRunner::Options options;
    options.startExchange = false;
    auto runner = std::make_unique<panels::DeviceRunner>(
        name,
        [rec, name]() -> Result<std::unique_ptr<panels::Transport>> {
            return std::unique_ptr<panels::Transport>(
                std::make_unique<panels::ReplayTransport>(rec, true, name));
        },
        std::move(driver), *m_session, options);
    runner->start();
    m_runners.push_back(std::move(runner));
    m_isReplay.push_back(true);
    m_log.info("surface " + name + " (" + std::to_string(rec.reports.size()) + " reports), map " +
               m_mapName);
    return Status::ok();
}

panels::FrameInput Surfaces::take(const graph::Grade& grade, graph::NodeId current) {
    startFound();
    if (!m_session) return {};
    return m_session->takeFrame(grade, current);
}

std::vector<Surfaces::Row> Surfaces::rows() const {
    std::vector<Row> out;
    for (const auto& r : m_runners) {
        out.push_back({r->name(), panels::toString(r->state()), r->stats().malformed});
    }
    return out;
}

std::string Surfaces::page() const {
    return m_session ? m_session->router().currentPageName() : std::string();
}

bool Surfaces::replaying() const {
    for (std::size_t i = 0; i < m_runners.size(); ++i) {
        const panels::DeviceState s = m_runners[i]->state();
        if (m_isReplay[i] && s != panels::DeviceState::Finished &&
            s != panels::DeviceState::Stopped) {
            return true;
        }
    }
    return false;
}

std::vector<std::string> Surfaces::scanNotes() const {
    std::lock_guard lock(m_mutex);
    return m_notes;
}

}  // namespace emu::station
