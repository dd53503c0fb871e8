#pragma once

// The clock of a player: which frame to show now, at an exact rational rate, dropping frames
// rather than drifting when the consumer falls behind. Docs: docs/ARCHITECTURE.md, "Playback".

#include <chrono>
#include <cstdint>
#include <optional>

#include "emulsion/media/Clip.h"

namespace emu::media {

// Where a PlaybackClock reads the time and how it waits. Tests pass a fake one that moves
// only when told to. Thread: as the implementation says.
class TimeSource {
public:
    virtual ~TimeSource() = default;
    // Monotonic time since an arbitrary origin.
    virtual std::chrono::nanoseconds now() = 0;
    // Returns once now() >= t (at once if it already is).
    virtual void sleepUntil(std::chrono::nanoseconds t) = 0;
};

// std::chrono::steady_clock. Thread: any.
class SteadyTimeSource final : public TimeSource {
public:
    std::chrono::nanoseconds now() override;
    void sleepUntil(std::chrono::nanoseconds t) override;
};

// Frame n is due at start + n / rate, computed from n each time in integer nanoseconds
// (rounded up, so a frame is never shown before its time), so no error accumulates: frame
// 24000 of 24000/1001 is due exactly 1001 s after the start. nextFrame() returns the next frame
// when it is due; when the consumer comes back late, every frame whose successor is already
// due is dropped and the latest due frame is returned at once.
// Thread: one thread (the consumer's).
class PlaybackClock {
public:
    // `rate` must be valid; `time` must outlive the clock.
    PlaybackClock(FrameRate rate, TimeSource& time);

    FrameRate rate() const { return m_rate; }

    // Starts counting: frame 0 is due now. Resets the counters. Frames at or after
    // `endFrame` (when given) are never delivered nor counted as dropped.
    void start(std::optional<std::int64_t> endFrame = std::nullopt);

    // Waits until the next frame is due and returns its number, or returns the latest due
    // frame at once when late (counting the skipped ones as dropped). nullopt once every frame
    // before the end has been delivered or dropped.
    std::optional<std::int64_t> nextFrame();

    // When frame n is due, relative to start(): ceil(n * den / num) seconds in nanoseconds.
    std::chrono::nanoseconds dueTime(std::int64_t n) const;
    // The last frame due at `sinceStart` after start(): floor(t * num / den).
    std::int64_t latestDue(std::chrono::nanoseconds sinceStart) const;
    // Time since start().
    std::chrono::nanoseconds elapsed();

    std::int64_t delivered() const { return m_delivered; }
    std::int64_t dropped() const { return m_dropped; }

private:
    FrameRate m_rate;
    TimeSource& m_time;
    std::chrono::nanoseconds m_start{0};
    std::optional<std::int64_t> m_end;
    std::int64_t m_next = 0;  // the first frame neither delivered nor dropped
    std::int64_t m_delivered = 0;
    std::int64_t m_dropped = 0;
};

// Parses a rate as "24", "24000/1001" or a decimal like "23.976" (taken exactly: 23976/1000).
// InvalidArgument for anything else, zero or negative.
Result<FrameRate> parseFrameRate(const std::string& text);

}  // namespace emu::media
