#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "emulsion/panels/Driver.h"
#include "emulsion/panels/PanelSession.h"

namespace emu::panels {

enum class DeviceState { Connecting, Connected, Disconnected, Finished, Stopped };
const char* toString(DeviceState state);

// One device's input thread: opens its transport, runs the driver's start-up exchange, reads
// reports, decodes them and hands the events to the session. A transport error marks the
// device Disconnected (reported through the callback) and the thread tries to open it again
// every reconnect interval until it comes back or stop() is called.
// Thread: construct, start and stop from one thread; the getters from any.
class DeviceRunner {
public:
    using TransportFactory = std::function<Result<std::unique_ptr<Transport>>()>;
    using StateCallback = std::function<void(DeviceState, const std::string& why)>;

    struct Options {
        int readTimeoutMs = 20;
        int reconnectMs = 250;
        // Run the input thread under the real-time scheduler (SCHED_FIFO) where the system
        // allows it (root, CAP_SYS_NICE or an rtprio limit), else at normal priority: a
        // renderer keeping every core busy must not delay a colourist's hand.
        bool realTimePriority = true;
        // Run the driver's start-up exchange on each connect. Off for recordings, which hold
        // what the device sent after it and have nobody to answer.
        bool startExchange = true;
    };

    DeviceRunner(std::string name, TransportFactory factory, std::unique_ptr<Driver> driver,
                 PanelSession& session, Options options);
    ~DeviceRunner();
    DeviceRunner(const DeviceRunner&) = delete;
    DeviceRunner& operator=(const DeviceRunner&) = delete;

    void setStateCallback(StateCallback callback) { m_callback = std::move(callback); }
    void start();
    void stop();  // joins the thread

    DeviceState state() const { return m_state.load(); }
    const std::string& name() const { return m_name; }
    const SurfaceLayout& layout() const { return m_driver->layout(); }
    DecodeStats stats() const;
    std::uint64_t disconnects() const { return m_disconnects.load(); }
    std::uint64_t connects() const { return m_connects.load(); }
    // Whether the input thread got the real-time scheduler.
    bool realTimeScheduled() const { return m_realTime.load(); }
    // Keeps, for every report, the time from when it was sent (or read) to when its events
    // were in the accumulator and queue [ns]. Call before start().
    void recordLatencies(bool on) { m_recordLatencies = on; }
    std::vector<std::int64_t> latencies() const;
    // Waits until the state is `state` or `timeoutMs` passed; true if reached.
    bool waitFor(DeviceState state, int timeoutMs) const;

private:
    void run();
    void setState(DeviceState state, const std::string& why);
    bool readOnce(Transport& transport, std::vector<std::uint8_t>& buffer,
                  std::vector<SurfaceEvent>& events);

    std::string m_name;
    TransportFactory m_factory;
    std::unique_ptr<Driver> m_driver;
    PanelSession& m_session;
    Options m_options;
    StateCallback m_callback;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<DeviceState> m_state{DeviceState::Connecting};
    std::atomic<std::uint64_t> m_disconnects{0};
    std::atomic<std::uint64_t> m_connects{0};
    std::atomic<bool> m_realTime{false};
    mutable std::mutex m_statsMutex;
    DecodeStats m_stats;  // a copy of the driver's, refreshed after each report
    bool m_recordLatencies = false;
    std::vector<std::int64_t> m_latencies;  // under m_statsMutex
};

}  // namespace emu::panels
