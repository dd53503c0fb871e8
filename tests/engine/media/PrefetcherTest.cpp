#include "emulsion/media/Prefetcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "FakeClip.h"
#include "TempDir.h"
#include "emulsion/media/ClipRegistry.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/media/TestPattern.h"

namespace emu::test {
namespace {

using media::FrameCache;
using media::Prefetcher;

std::unique_ptr<Prefetcher> makePrefetcher(FrameCache& cache, const FakeClip& clip, int threads,
                                           int lookahead, bool loop = true) {
    media::PrefetchOptions options;
    options.threads = threads;
    options.lookahead = lookahead;
    options.loop = loop;
    auto p = Prefetcher::create(cache, "clip", clip.opener(), options);
    EXPECT_TRUE(p.isOk()) << p.status().message();
    return p.isOk() ? std::move(p).value() : nullptr;
}

std::vector<int> readsAfter(const ReadLog& log, std::size_t from) {
    std::vector<int> all = log.frames();
    return std::vector<int>(all.begin() + static_cast<std::ptrdiff_t>(from), all.end());
}

TEST(Prefetcher, ReadsAheadInThePlayDirection) {
    FakeClip clip;
    FrameCache cache(1 << 20);
    auto p = makePrefetcher(cache, clip, 1, 5);
    ASSERT_TRUE(p);
    p->setPlayhead(10, 1);
    p->waitIdle();
    EXPECT_EQ(clip.log->frames(), (std::vector<int>{10, 11, 12, 13, 14}));
    p->setPlayhead(50, -1);
    p->waitIdle();
    EXPECT_EQ(readsAfter(*clip.log, 5), (std::vector<int>{50, 49, 48, 47, 46}));
    p->setPlayhead(20, 2);
    p->waitIdle();
    EXPECT_EQ(readsAfter(*clip.log, 10), (std::vector<int>{20, 22, 24, 26, 28}));
    p->setPlayhead(1, -2);  // reverse through the start wraps to the end
    p->waitIdle();
    EXPECT_EQ(readsAfter(*clip.log, 15), (std::vector<int>{1, 99, 97, 95, 93}));
    p->setPlayhead(60, 0);  // paused: the head only
    p->waitIdle();
    EXPECT_EQ(readsAfter(*clip.log, 20), (std::vector<int>{60}));
}

TEST(Prefetcher, StopsAtTheEndWithoutLooping) {
    FakeClip clip;
    clip.count = 20;
    FrameCache cache(1 << 20);
    auto p = makePrefetcher(cache, clip, 2, 8, false);
    ASSERT_TRUE(p);
    p->setPlayhead(17, 1);
    p->waitIdle();
    std::vector<int> reads = clip.log->frames();
    std::sort(reads.begin(), reads.end());
    EXPECT_EQ(reads, (std::vector<int>{17, 18, 19}));
}

TEST(Prefetcher, NeverReadsWhatTheCacheHolds) {
    FakeClip clip;
    FrameCache cache(1 << 20);
    auto p = makePrefetcher(cache, clip, 1, 5);
    ASSERT_TRUE(p);
    cache.insert(media::FrameKey{"clip", 12}, std::make_shared<media::Frame>());
    p->setPlayhead(10, 1);
    p->waitIdle();
    EXPECT_EQ(clip.log->frames(), (std::vector<int>{10, 11, 13, 14}));
    p->setPlayhead(11, 1);  // 11-14 are held: only 15 is new
    p->waitIdle();
    EXPECT_EQ(readsAfter(*clip.log, 4), (std::vector<int>{15}));
    EXPECT_GE(p->stats().skippedCached, 4u);
}

// The only reader is held inside frame 0 while the head jumps to 100: frames 1-4 were never
// started and are cancelled; frame 0 finishes but is not cached, since nothing wants it.
TEST(Prefetcher, ASeekCancelsAndDiscardsStaleWork) {
    FakeClip clip;
    FrameCache cache(1 << 20);
    clip.count = 200;
    auto p = makePrefetcher(cache, clip, 1, 5);
    ASSERT_TRUE(p);
    clip.log->closeGate();
    p->setPlayhead(0, 1);
    ASSERT_TRUE(clip.log->waitForReads(1));
    p->setPlayhead(100, 1);
    clip.log->openGate();
    p->waitIdle();
    EXPECT_EQ(clip.log->frames(), (std::vector<int>{0, 100, 101, 102, 103, 104}));
    const Prefetcher::Stats s = p->stats();
    EXPECT_EQ(s.cancelled, 4u);
    EXPECT_EQ(s.discardedStale, 1u);
    EXPECT_FALSE(cache.contains(media::FrameKey{"clip", 0}));
    EXPECT_TRUE(cache.contains(media::FrameKey{"clip", 104}));
}

TEST(Prefetcher, PlansNoMoreThanTheBudgetHolds) {
    FakeClip clip;  // 8 x 4 half frames: 256 bytes
    FrameCache cache(3 * 256);
    auto p = makePrefetcher(cache, clip, 2, 20);
    ASSERT_TRUE(p);
    p->setPlayhead(0, 1);  // before any read the size is estimated as float: one frame
    p->waitIdle();
    p->setPlayhead(0, 1);  // now measured: three frames
    p->waitIdle();
    EXPECT_EQ(p->stats().planSize, 3u);
    std::vector<int> reads = clip.log->frames();
    std::sort(reads.begin(), reads.end());
    EXPECT_EQ(reads, (std::vector<int>{0, 1, 2}));
    EXPECT_EQ(cache.stats().evictions, 0u);
}

TEST(Prefetcher, PlayingEvictsFramesAlreadyShownFirst) {
    FakeClip clip;
    FrameCache cache(4 * 256);
    auto p = makePrefetcher(cache, clip, 1, 4);
    ASSERT_TRUE(p);
    for (int head = 0; head < 30; ++head) {
        p->setPlayhead(head, 1);
        auto frame = p->get(head);
        ASSERT_TRUE(frame.isOk());
        p->waitIdle();
    }
    // Every frame was read once: none of the planned frames was evicted before it was shown.
    std::vector<int> reads = clip.log->frames();
    std::sort(reads.begin(), reads.end());
    for (int f = 0; f < 33; ++f) EXPECT_EQ(reads[std::size_t(f)], f);
    EXPECT_EQ(reads.size(), 33u);
    EXPECT_GE(cache.stats().hits, 29u);
}

TEST(Prefetcher, GetWaitsForTheFrameAndReportsReadErrors) {
    FakeClip clip;
    clip.failing = {7};
    clip.delay = std::chrono::milliseconds(2);
    FrameCache cache(1 << 20);
    auto p = makePrefetcher(cache, clip, 2, 4);
    ASSERT_TRUE(p);
    auto frame = p->get(42);  // nothing planned: asked for directly
    ASSERT_TRUE(frame.isOk()) << frame.status().message();
    EXPECT_EQ((*frame)->image.sample(0, 0, 0), 42.0f);
    EXPECT_EQ(cache.stats().misses, 1u);
    auto again = p->get(42);
    ASSERT_TRUE(again.isOk());
    EXPECT_EQ(cache.stats().hits, 1u);
    auto damaged = p->get(7);
    ASSERT_FALSE(damaged.isOk());
    EXPECT_EQ(damaged.status().code(), ErrorCode::CorruptData);
    EXPECT_NE(damaged.status().message().find("fake.exr"), std::string::npos);
    EXPECT_FALSE(p->get(7).isOk());  // not read again
    const std::vector<int> reads = clip.log->frames();
    EXPECT_EQ(std::count(reads.begin(), reads.end(), 7), 1);
    EXPECT_EQ(p->get(100).status().code(), ErrorCode::InvalidArgument);
}

TEST(Prefetcher, ReadsAnExrSequenceThroughTheRegistry) {
    TempDir dir;
    for (int f = 1; f <= 6; ++f) {
        media::ExrFrame exr;
        exr.image = media::makeRamp(16, 8, media::PixelType::Half, 0.0f, float(f));
        exr.dataWindow = exr.displayWindow = {0, 0, 15, 7};
        char name[32];
        std::snprintf(name, sizeof name, "shot.%04d.exr", f);
        ASSERT_TRUE(media::writeExr(dir / name, exr).isOk());
    }
    FrameCache cache(1 << 20);
    const media::ClipRegistry registry = media::builtinClipReaders();
    media::PrefetchOptions options;
    options.threads = 3;
    auto p = Prefetcher::create(cache, registry, dir / "shot.0001.exr", options);
    ASSERT_TRUE(p.isOk()) << p.status().message();
    EXPECT_EQ((*p)->frames(), (std::vector<int>{1, 2, 3, 4, 5, 6}));
    (*p)->setPlayhead(5, 1);
    (*p)->waitIdle();
    EXPECT_EQ(cache.stats().frames, 6u);  // 5, 6, then around to 1-4
    auto frame = (*p)->get(3);
    ASSERT_TRUE(frame.isOk());
    EXPECT_EQ((*frame)->image, media::makeRamp(16, 8, media::PixelType::Half, 0.0f, 3.0f));

    auto missing = Prefetcher::create(cache, registry, dir / "nothere.0001.exr", options);
    ASSERT_FALSE(missing.isOk());
    EXPECT_NE(missing.status().message().find("nothere"), std::string::npos);
}

}  // namespace
}  // namespace emu::test
