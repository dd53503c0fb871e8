#include "emulsion/panels/DeviceRunner.h"

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <chrono>

#include "emulsion/panels/Recording.h"

namespace emu::panels {

const char* toString(DeviceState s) {
    switch (s) {
        case DeviceState::Connecting:
            return "connecting";
        case DeviceState::Connected:
            return "connected";
        case DeviceState::Disconnected:
            return "disconnected";
        case DeviceState::Finished:
            return "finished";
        case DeviceState::Stopped:
            return "stopped";
    }
    return "?";
}

DeviceRunner::DeviceRunner(std::string name, TransportFactory factory,
                           std::unique_ptr<Driver> driver, PanelSession& session, Options options)
    : m_name(std::move(name)),
      m_factory(std::move(factory)),
      m_driver(std::move(driver)),
      m_session(session),
      m_options(options) {}

DeviceRunner::~DeviceRunner() {
    stop();
}

void DeviceRunner::start() {
    m_stop = false;
    m_thread = std::thread([this] { run(); });
}

void DeviceRunner::stop() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
}

DecodeStats DeviceRunner::stats() const {
    std::lock_guard lock(m_statsMutex);
    return m_stats;
}

std::vector<std::int64_t> DeviceRunner::latencies() const {
    std::lock_guard lock(m_statsMutex);
    return m_latencies;
}

bool DeviceRunner::waitFor(DeviceState state, int timeoutMs) const {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (m_state.load() != state) {
        if (std::chrono::steady_clock::now() >= until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

void DeviceRunner::setState(DeviceState state, const std::string& why) {
    m_state = state;
    if (m_callback) m_callback(state, why);
}

bool DeviceRunner::readOnce(Transport& t, std::vector<std::uint8_t>& buffer,
                            std::vector<SurfaceEvent>& events) {
    Result<std::size_t> n = t.read(buffer, m_options.readTimeoutMs);
    if (!n.isOk()) {
        ++m_disconnects;
        setState(DeviceState::Disconnected, n.status().message());
        return false;
    }
    if (*n > 0) {
        const std::int64_t sent = t.lastReportTimeNs() ? t.lastReportTimeNs() : steadyNowNs();
        events.clear();
        m_driver->decode({buffer.data(), *n}, sent, events);
        for (const SurfaceEvent& e : events) m_session.handle(e);
        if (m_recordLatencies) {
            const std::int64_t routed = steadyNowNs();
            std::lock_guard lock(m_statsMutex);
            m_latencies.push_back(routed - sent);
        }
        for (const auto& reply : m_driver->takeReplies()) {
            if (Status s = t.write(reply); !s.isOk()) {
                ++m_disconnects;
                setState(DeviceState::Disconnected, s.message());
                return false;
            }
        }
        std::lock_guard lock(m_statsMutex);
        m_stats = m_driver->stats();
    }
    if (Status s = m_driver->upkeep(t, steadyNowNs()); !s.isOk()) {
        ++m_disconnects;
        setState(DeviceState::Disconnected, s.message());
        return false;
    }
    return true;
}

void DeviceRunner::run() {
    if (m_options.realTimePriority) {
        // A low real-time priority: above every normal thread, below the system's own.
        sched_param param{};
        param.sched_priority = std::min(10, sched_get_priority_max(SCHED_FIFO));
        m_realTime = pthread_setschedparam(pthread_self(), SCHED_FIFO, &param) == 0;
    }
    std::vector<std::uint8_t> buffer;
    std::vector<SurfaceEvent> events;
    while (!m_stop) {
        Result<std::unique_ptr<Transport>> opened = m_factory();
        Status started = !opened.isOk()            ? opened.status()
                         : m_options.startExchange ? m_driver->start(**opened, steadyNowNs())
                                                   : Status::ok();
        if (!started.isOk()) {
            if (m_state.load() != DeviceState::Disconnected) {
                setState(DeviceState::Disconnected, started.message());
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(m_options.reconnectMs));
            continue;
        }
        Transport& t = **opened;
        ++m_connects;
        setState(DeviceState::Connected, t.describe());
        while (!m_stop && readOnce(t, buffer, events)) {
            if (t.finished()) {
                setState(DeviceState::Finished, t.describe());
                return;
            }
        }
    }
    setState(DeviceState::Stopped, "");
}

}  // namespace emu::panels
