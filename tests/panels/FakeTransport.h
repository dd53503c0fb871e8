#pragma once

#include <algorithm>
#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "emulsion/panels/Transport.h"

namespace emu::panels::test {

// A device in a test: input reports queued by the test, writes recorded, feature reports
// answered by a script, and a switch that makes every call fail as an unplugged device does.
class FakeTransport : public Transport {
public:
    using FeatureScript = std::function<Result<std::vector<std::uint8_t>>(std::uint8_t id)>;
    using FeatureSink = std::function<Status(std::span<const std::uint8_t>)>;

    Result<std::size_t> read(std::vector<std::uint8_t>& out, int timeoutMs) override {
        std::unique_lock lock(m_mutex);
        if (m_unplugged) return makeError(ErrorCode::IoError, "fake: unplugged");
        if (m_input.empty()) {
            // Waits as a device does when it has nothing to say (the input thread may run
            // under the real-time scheduler: it must not spin).
            lock.unlock();
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min(timeoutMs, 2)));
            return std::size_t{0};
        }
        out = m_input.front();
        m_input.pop_front();
        return out.size();
    }
    Status write(std::span<const std::uint8_t> data) override {
        std::lock_guard lock(m_mutex);
        if (m_unplugged) return makeError(ErrorCode::IoError, "fake: unplugged");
        writes.emplace_back(data.begin(), data.end());
        return Status::ok();
    }
    Status sendFeature(std::span<const std::uint8_t> data) override {
        features.emplace_back(data.begin(), data.end());
        return onFeature ? onFeature(data) : Status::ok();
    }
    Result<std::vector<std::uint8_t>> getFeature(std::uint8_t id, std::size_t) override {
        return featureScript(id);
    }
    std::string describe() const override { return "fake"; }

    void push(std::vector<std::uint8_t> report) {
        std::lock_guard lock(m_mutex);
        m_input.push_back(std::move(report));
    }
    void unplug(bool gone) {
        std::lock_guard lock(m_mutex);
        m_unplugged = gone;
    }

    FeatureScript featureScript;
    FeatureSink onFeature;
    std::vector<std::vector<std::uint8_t>> writes;
    std::vector<std::vector<std::uint8_t>> features;

private:
    std::mutex m_mutex;
    std::deque<std::vector<std::uint8_t>> m_input;
    bool m_unplugged = false;
};

}  // namespace emu::panels::test
