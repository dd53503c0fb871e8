#include "emulsion/media/PlaybackClock.h"

#include <gtest/gtest.h>

#include <thread>

namespace emu::test {
namespace {

using media::FrameRate;
using media::PlaybackClock;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

// Time that moves only when the test (the consumer's "work") or a sleep moves it.
class FakeTime final : public media::TimeSource {
public:
    nanoseconds now() override { return m_now; }
    void sleepUntil(nanoseconds t) override {
        if (t > m_now) m_now = t;
    }
    void advance(nanoseconds d) { m_now += d; }

private:
    nanoseconds m_now{seconds(1000)};  // an origin that is not zero
};

TEST(PlaybackClock, DueTimesAreExactForNtscRates) {
    FakeTime time;
    PlaybackClock clock(FrameRate{24000, 1001}, time);
    EXPECT_EQ(clock.dueTime(0), nanoseconds(0));
    EXPECT_EQ(clock.dueTime(24000), seconds(1001));
    EXPECT_EQ(clock.dueTime(1), nanoseconds(41'708'334));  // 41708333.33 rounded up
    // Ten hours in, the error is still under a nanosecond: no accumulation.
    const std::int64_t n = 24000LL * 36;  // 36036 s
    EXPECT_EQ(clock.dueTime(n), seconds(36036));
    EXPECT_EQ(clock.dueTime(n + 1) - clock.dueTime(n), nanoseconds(41'708'334));
    EXPECT_EQ(clock.latestDue(seconds(1001)), 24000);
    EXPECT_EQ(clock.latestDue(seconds(1001) - nanoseconds(1)), 23999);
    PlaybackClock pal(FrameRate{25, 1}, time);
    EXPECT_EQ(pal.dueTime(3), milliseconds(120));
}

TEST(PlaybackClock, AFastConsumerGetsEveryFrameAtItsDueTime) {
    FakeTime time;
    PlaybackClock clock(FrameRate{30000, 1001}, time);
    clock.start();
    const nanoseconds origin = time.now();
    for (std::int64_t n = 0; n < 30000; ++n) {
        std::optional<std::int64_t> frame = clock.nextFrame();
        ASSERT_TRUE(frame.has_value());
        ASSERT_EQ(*frame, n);
        ASSERT_EQ(time.now() - origin, clock.dueTime(n));  // waited exactly until it was due
        time.advance(milliseconds(5));                     // the consumer's work
    }
    EXPECT_EQ(clock.dropped(), 0);
    EXPECT_EQ(clock.delivered(), 30000);
    // 30000 frames at 29.97 take exactly 1001 s: the clock has not drifted.
    EXPECT_EQ(clock.dueTime(30000), seconds(1001));
    EXPECT_EQ(time.now() - origin, clock.dueTime(29999) + milliseconds(5));
}

TEST(PlaybackClock, ASlowConsumerDropsFramesInsteadOfDrifting) {
    FakeTime time;
    PlaybackClock clock(FrameRate{24, 1}, time);
    clock.start();
    const nanoseconds origin = time.now();
    std::int64_t last = -1;
    std::vector<std::int64_t> shown;
    for (int i = 0; i < 100; ++i) {
        std::optional<std::int64_t> frame = clock.nextFrame();
        ASSERT_TRUE(frame.has_value());
        ASSERT_GT(*frame, last);
        const nanoseconds t = time.now() - origin;
        // The frame shown is the one due now: never early, never behind.
        ASSERT_LE(clock.dueTime(*frame), t);
        ASSERT_LT(t, clock.dueTime(*frame + 1));
        last = *frame;
        shown.push_back(*frame);
        time.advance(milliseconds(100));  // 2.4 frame times per frame
    }
    EXPECT_EQ(clock.delivered(), 100);
    EXPECT_EQ(clock.delivered() + clock.dropped(), last + 1);
    // At 100 ms a frame, frame i is shown at i/10 s: frame floor(2.4 i).
    EXPECT_EQ(shown[1], 2);
    EXPECT_EQ(shown[2], 4);
    EXPECT_EQ(shown[5], 12);
    EXPECT_EQ(last, 237);
    EXPECT_EQ(clock.dropped(), 138);
}

TEST(PlaybackClock, CatchesUpAfterOneLongStall) {
    FakeTime time;
    PlaybackClock clock(FrameRate{25, 1}, time);
    clock.start();
    EXPECT_EQ(clock.nextFrame(), 0);
    time.advance(milliseconds(1000));  // a stall of 25 frame times
    EXPECT_EQ(clock.nextFrame(), 25);
    EXPECT_EQ(clock.dropped(), 24);
    EXPECT_EQ(clock.nextFrame(), 26);  // back on time: waits for 26
    EXPECT_EQ(clock.elapsed(), milliseconds(1040));
    EXPECT_EQ(clock.dropped(), 24);
}

TEST(PlaybackClock, StopsAtTheEndAndCountsOnlyFramesBeforeIt) {
    FakeTime time;
    PlaybackClock clock(FrameRate{24, 1}, time);
    clock.start(10);
    EXPECT_EQ(clock.nextFrame(), 0);
    time.advance(milliseconds(200));  // frame 4 due
    EXPECT_EQ(clock.nextFrame(), 4);
    time.advance(seconds(5));  // far past the end
    EXPECT_EQ(clock.nextFrame(), std::nullopt);
    EXPECT_EQ(clock.delivered(), 2);
    EXPECT_EQ(clock.dropped(), 8);  // 1-3 and 5-9
    EXPECT_EQ(clock.nextFrame(), std::nullopt);
    clock.start(3);  // a restart resets the counters
    EXPECT_EQ(clock.dropped(), 0);
    EXPECT_EQ(clock.nextFrame(), 0);
}

TEST(PlaybackClock, ParsesRates) {
    auto ntsc = media::parseFrameRate("24000/1001");
    ASSERT_TRUE(ntsc.isOk());
    EXPECT_EQ(*ntsc, (FrameRate{24000, 1001}));
    auto decimal = media::parseFrameRate("23.976");
    ASSERT_TRUE(decimal.isOk());
    EXPECT_EQ(*decimal, (FrameRate{2997, 125}));
    auto whole = media::parseFrameRate("50");
    ASSERT_TRUE(whole.isOk());
    EXPECT_EQ(*whole, (FrameRate{50, 1}));
    EXPECT_EQ(*media::parseFrameRate("48/2"), (FrameRate{24, 1}));
    for (const char* bad : {"", "0", "-24", "24/0", "abc", "24fps", "1.2.3", "/1", "25."}) {
        auto r = media::parseFrameRate(bad);
        EXPECT_FALSE(r.isOk()) << bad;
        if (!r.isOk()) {
            EXPECT_EQ(r.status().code(), ErrorCode::InvalidArgument);
        }
    }
}

// Against the real clock only what holds however loaded the machine is: no frame before its
// time, every frame before the end either shown or dropped, frames in order.
TEST(PlaybackClock, RealTimeNeverEarlyAndAccountsForEveryFrame) {
    media::SteadyTimeSource time;
    PlaybackClock clock(FrameRate{200, 1}, time);
    const std::int64_t end = 40;  // 0.2 s
    clock.start(end);
    std::int64_t last = -1;
    int shown = 0;
    while (std::optional<std::int64_t> frame = clock.nextFrame()) {
        EXPECT_GE(clock.elapsed(), clock.dueTime(*frame));
        EXPECT_GT(*frame, last);
        last = *frame;
        if (++shown % 5 == 0) std::this_thread::sleep_for(milliseconds(12));  // 2.4 frames late
    }
    EXPECT_EQ(clock.delivered() + clock.dropped(), end);
    EXPECT_EQ(clock.delivered(), shown);
    EXPECT_GE(clock.elapsed(), clock.dueTime(last));
    EXPECT_GT(clock.dropped(), 0);  // each 12 ms sleep overtakes at least two frames
}

}  // namespace
}  // namespace emu::test
