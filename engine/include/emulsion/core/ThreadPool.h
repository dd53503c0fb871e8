#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace emu::core {

// A fixed set of worker threads draining one FIFO queue. Destruction finishes the queued work
// and joins the workers. Thread: submit() may be called from any thread, including workers.
class ThreadPool {
public:
    // threadCount 0 means one per hardware thread.
    explicit ThreadPool(std::size_t threadCount = 0);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    std::size_t size() const { return m_workers.size(); }

    // Queues `fn` and returns a future for its result; an exception thrown by fn is stored in
    // the future.
    template <typename Fn>
    auto submit(Fn fn) -> std::future<decltype(fn())> {
        using R = decltype(fn());
        auto task = std::make_shared<std::packaged_task<R()>>(std::move(fn));
        std::future<R> future = task->get_future();
        enqueue([task] { (*task)(); });
        return future;
    }

    // Runs fn(i) for i in [0, count) across the pool and waits for all of them.
    void parallelFor(std::size_t count, const std::function<void(std::size_t)>& fn);

private:
    void enqueue(std::function<void()> job);
    void workerLoop();

    std::vector<std::thread> m_workers;
    std::deque<std::function<void()>> m_queue;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
};

}  // namespace emu::core
