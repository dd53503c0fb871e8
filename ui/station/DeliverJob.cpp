#include "DeliverJob.h"

#include "ThreadPriority.h"

namespace emu::station {

DeliverJob::DeliverJob(RenderFunction render, std::string preset, std::filesystem::path out,
                       core::Log& log)
    : m_render(std::move(render)), m_preset(std::move(preset)), m_out(std::move(out)), m_log(log) {
    m_thread = std::thread([this] { run(); });
}

DeliverJob::~DeliverJob() {
    if (m_thread.joinable()) m_thread.join();
}

double DeliverJob::progress() const {
    const int total = m_total.load();
    if (total == 0) return m_running.load() ? 0.0 : 1.0;
    return double(m_done.load()) / total;
}

std::string DeliverJob::error() const {
    std::lock_guard lock(m_mutex);
    return m_error;
}

void DeliverJob::run() {
    yieldToTheWindow();
    Status s =
        m_render ? m_render(m_preset, m_out,
                            [this](int done, int total) {
                                m_total = total;
                                m_done = done;
                            })
                 : makeError(ErrorCode::Unsupported, "this station was opened without a renderer");
    if (!s.isOk()) {
        std::lock_guard lock(m_mutex);
        m_error = s.message();
        m_log.error("render job (" + m_preset + "): " + s.message());
    }
    m_running = false;
}

}  // namespace emu::station
