#include "emulsion/media/FrameCache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>

#include "FakeClip.h"
#include "emulsion/media/Prefetcher.h"

namespace emu::test {
namespace {

using media::FrameCache;
using media::FrameKey;

// A half RGBA frame of 4 x rows pixels: 32 bytes a row.
std::shared_ptr<const media::Frame> frameOfRows(int rows) {
    auto f = std::make_shared<media::Frame>();
    f->image = media::Image(4, rows, media::PixelType::Half);
    return f;
}

FrameKey key(int frame) {
    return FrameKey{"clip", frame};
}

TEST(FrameCache, MeasuresImageAndMosaicBytes) {
    media::Frame f;
    f.image = media::Image(3, 2, media::PixelType::Float);
    EXPECT_EQ(media::frameBytes(f), 3u * 2 * 4 * 4);
    media::Frame raw;
    raw.mosaic = media::RawMosaic{};
    raw.mosaic->samples.resize(10 * 6);
    EXPECT_EQ(media::frameBytes(raw), 10u * 6 * 2);
}

TEST(FrameCache, EvictsLeastRecentlyUsedFirst) {
    FrameCache cache(3 * 32);  // three one-row frames
    cache.insert(key(1), frameOfRows(1));
    cache.insert(key(2), frameOfRows(1));
    cache.insert(key(3), frameOfRows(1));
    ASSERT_NE(cache.find(key(1)), nullptr);  // 2 is now the least recently used
    cache.insert(key(4), frameOfRows(1));
    EXPECT_TRUE(cache.contains(key(1)));
    EXPECT_FALSE(cache.contains(key(2)));
    EXPECT_TRUE(cache.contains(key(3)));
    EXPECT_TRUE(cache.contains(key(4)));
    EXPECT_EQ(cache.find(key(2)), nullptr);
    cache.insert(key(5), frameOfRows(1));  // evicts 3, then the order is 1, 4, 5
    EXPECT_FALSE(cache.contains(key(3)));
    const FrameCache::Stats s = cache.stats();
    EXPECT_EQ(s.hits, 1u);
    EXPECT_EQ(s.misses, 1u);
    EXPECT_EQ(s.evictions, 2u);
    EXPECT_EQ(s.frames, 3u);
    EXPECT_EQ(s.bytes, 3u * 32);
}

TEST(FrameCache, TouchReordersWithoutCounting) {
    FrameCache cache(2 * 32);
    cache.insert(key(1), frameOfRows(1));
    cache.insert(key(2), frameOfRows(1));
    EXPECT_TRUE(cache.touch(key(1)));
    EXPECT_FALSE(cache.touch(key(9)));
    EXPECT_NE(cache.peek(key(2)), nullptr);  // peek does not reorder either
    cache.insert(key(3), frameOfRows(1));
    EXPECT_TRUE(cache.contains(key(1)));
    EXPECT_FALSE(cache.contains(key(2)));
    EXPECT_EQ(cache.stats().hits, 0u);
    EXPECT_EQ(cache.stats().misses, 0u);
}

TEST(FrameCache, EvictsAsManyFramesAsTheNewOneNeeds) {
    FrameCache cache(4 * 32);
    for (int i = 0; i < 4; ++i) cache.insert(key(i), frameOfRows(1));
    cache.insert(key(10), frameOfRows(3));  // needs three one-row frames out
    const FrameCache::Stats s = cache.stats();
    EXPECT_EQ(s.evictions, 3u);
    EXPECT_EQ(s.bytes, 4u * 32);
    EXPECT_TRUE(cache.contains(key(3)));
    EXPECT_EQ(s.peakBytes, 4u * 32);
}

TEST(FrameCache, AFrameLargerThanTheBudgetIsHeldAlone) {
    FrameCache cache(2 * 32);
    cache.insert(key(1), frameOfRows(1));
    cache.insert(key(2), frameOfRows(5));
    EXPECT_FALSE(cache.contains(key(1)));
    EXPECT_TRUE(cache.contains(key(2)));
    EXPECT_EQ(cache.stats().bytes, 5u * 32);
    cache.insert(key(3), frameOfRows(1));
    EXPECT_FALSE(cache.contains(key(2)));
    EXPECT_EQ(cache.stats().bytes, 32u);
}

TEST(FrameCache, ReplacingAFrameCountsOnlyTheNewBytes) {
    FrameCache cache(10 * 32);
    cache.insert(key(1), frameOfRows(2));
    cache.insert(key(1), frameOfRows(3));
    const FrameCache::Stats s = cache.stats();
    EXPECT_EQ(s.frames, 1u);
    EXPECT_EQ(s.bytes, 3u * 32);
    EXPECT_EQ(s.evictions, 0u);
}

TEST(FrameCache, AFrameHandedOutOutlivesItsEviction) {
    FrameCache cache(32);
    cache.insert(key(1), frameOfRows(1));
    std::shared_ptr<const media::Frame> held = cache.find(key(1));
    cache.insert(key(2), frameOfRows(1));
    ASSERT_NE(held, nullptr);
    EXPECT_EQ(held->image.height(), 1);
    EXPECT_EQ(cache.stats().bytes, 32u);
}

// Four reader threads fill the cache while the head jumps about; a sampler checks the bytes
// held the whole time.
TEST(FrameCache, BudgetHoldsUnderConcurrentPrefetch) {
    FakeClip clip;
    clip.count = 400;
    clip.widthPx = 16;
    clip.heightPx = 8;
    clip.growEvery = 10;  // frames from 1 KiB to 11 KiB
    const std::size_t largest = clip.largestFrameBytes();
    const std::size_t budget = 64 * 1024;
    FrameCache cache(budget);
    media::PrefetchOptions options;
    options.threads = 4;
    options.lookahead = 64;
    auto prefetcher = media::Prefetcher::create(cache, "clip", clip.opener(), options);
    ASSERT_TRUE(prefetcher.isOk()) << prefetcher.status().message();

    std::atomic<bool> done{false};
    std::atomic<std::size_t> worst{0};
    std::thread sampler([&] {
        while (!done) {
            const std::size_t bytes = cache.stats().bytes;
            if (bytes > worst) worst = bytes;
            std::this_thread::yield();
        }
    });
    std::mt19937 random(7);
    for (int i = 0; i < 300; ++i) {
        const int head = static_cast<int>(random() % 400);
        const int speeds[] = {-2, -1, 1, 2};
        (*prefetcher)->setPlayhead(head, speeds[random() % 4]);
        auto frame = (*prefetcher)->get(head);
        ASSERT_TRUE(frame.isOk()) << frame.status().message();
        EXPECT_EQ((*frame)->image.sample(0, 0, 0), static_cast<float>(head));
    }
    (*prefetcher)->waitIdle();
    done = true;
    sampler.join();

    const FrameCache::Stats s = cache.stats();
    EXPECT_LE(worst.load(), budget + largest);
    EXPECT_LE(s.peakBytes, budget + largest);
    EXPECT_GT(s.peakBytes, budget / 2) << "the cache never filled: the test shows nothing";
    EXPECT_GT(s.evictions, 0u);
}

}  // namespace
}  // namespace emu::test
