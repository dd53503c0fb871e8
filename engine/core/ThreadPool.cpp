#include "emulsion/core/ThreadPool.h"

#include <algorithm>

namespace emu::core {

ThreadPool::ThreadPool(std::size_t threadCount) {
    if (threadCount == 0) threadCount = std::max(1u, std::thread::hardware_concurrency());
    m_workers.reserve(threadCount);
    for (std::size_t i = 0; i < threadCount; ++i) m_workers.emplace_back([this] { workerLoop(); });
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (std::thread& t : m_workers) t.join();
}

void ThreadPool::enqueue(std::function<void()> job) {
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void ThreadPool::workerLoop() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty()) return;  // stopping and drained
            job = std::move(m_queue.front());
            m_queue.pop_front();
        }
        job();
    }
}

void ThreadPool::parallelFor(std::size_t count, const std::function<void(std::size_t)>& fn) {
    std::vector<std::future<void>> futures;
    futures.reserve(count);
    for (std::size_t i = 0; i < count; ++i) futures.push_back(submit([&fn, i] { fn(i); }));
    for (auto& f : futures) f.get();
}

}  // namespace emu::core
