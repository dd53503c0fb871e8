#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "emulsion/core/Log.h"
#include "emulsion/core/Status.h"

namespace emu::station {

// Renders the project's timeline to a deliverable preset into `out`, reporting frames done of
// the total as it goes: `emulsion render`'s work (journalled, QC'd, recorded in the project as
// a render job), which the command that opens the station supplies.
using RenderFunction =
    std::function<Status(const std::string& preset, const std::filesystem::path& out,
                         const std::function<void(int done, int total)>&)>;

// A render queued from the deliver page, on its own thread (and, inside the render function,
// its own engine device), so the station keeps drawing while it runs.
// Thread: the constructor and the getters from the UI thread; the work on its own thread.
class DeliverJob {
public:
    DeliverJob(RenderFunction render, std::string preset, std::filesystem::path out,
               core::Log& log);
    ~DeliverJob();  // waits for the job to finish

    const std::string& preset() const { return m_preset; }
    bool running() const { return m_running.load(); }
    double progress() const;  // 0..1
    int framesDone() const { return m_done.load(); }
    int framesTotal() const { return m_total.load(); }
    std::string error() const;

private:
    void run();

    RenderFunction m_render;
    std::string m_preset;
    std::filesystem::path m_out;
    core::Log& m_log;
    std::atomic<int> m_total{0};
    std::atomic<int> m_done{0};
    std::atomic<bool> m_running{true};
    mutable std::mutex m_mutex;
    std::string m_error;
    std::thread m_thread;
};

}  // namespace emu::station
