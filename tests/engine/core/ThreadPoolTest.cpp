#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "emulsion/core/ThreadPool.h"

namespace emu::core {
namespace {

TEST(ThreadPool, ParallelForVisitsEveryIndexOnce) {
    ThreadPool pool(3);
    std::vector<std::atomic<int>> hits(1000);
    pool.parallelFor(hits.size(), [&](std::size_t i) { hits[i]++; });
    for (auto& h : hits) EXPECT_EQ(h.load(), 1);
}

TEST(ThreadPool, SubmitReturnsTheResultAndTheException) {
    ThreadPool pool(2);
    EXPECT_EQ(pool.submit([] { return 42; }).get(), 42);
    auto failing = pool.submit([]() -> int { throw std::runtime_error("boom"); });
    EXPECT_THROW(failing.get(), std::runtime_error);
}

TEST(ThreadPool, DestructionFinishesQueuedWork) {
    std::atomic<int> done{0};
    {
        ThreadPool pool(1);
        for (int i = 0; i < 50; ++i) pool.submit([&] { done++; });
    }
    EXPECT_EQ(done.load(), 50);
}

}  // namespace
}  // namespace emu::core
