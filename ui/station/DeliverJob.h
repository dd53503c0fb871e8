#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "Session.h"
#include "emulsion/core/Log.h"

namespace emu::station {

// One shot to render: its media frames and its grade.
struct DeliverShot {
    std::string name;
    std::string mediaPath;
    int firstFrame = 0;
    int frameCount = 0;
    std::string inputSpace;
    graph::Grade grade;
};

// A render queued from the deliver page: every shot through its grade into EXR frames under
// `folder`, on its own thread and its own engine device, so the station keeps drawing.
// Thread: start and the progress getters from the UI thread; the work on its own thread.
class DeliverJob {
public:
    DeliverJob(std::vector<DeliverShot> shots, std::filesystem::path folder,
               const graph::NodeRegistry& registry, core::Log& log);
    ~DeliverJob();  // waits for the job to finish

    bool running() const { return m_running.load(); }
    double progress() const;  // 0..1
    int framesDone() const { return m_done.load(); }
    int framesTotal() const { return m_total; }
    std::string error() const;

private:
    void run();

    std::vector<DeliverShot> m_shots;
    std::filesystem::path m_folder;
    const graph::NodeRegistry& m_registry;
    core::Log& m_log;
    int m_total = 0;
    std::atomic<int> m_done{0};
    std::atomic<bool> m_running{true};
    mutable std::mutex m_mutex;
    std::string m_error;
    std::thread m_thread;
};

}  // namespace emu::station
