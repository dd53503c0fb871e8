#include "emulsion/media/PlaybackClock.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <string>
#include <thread>
#include <utility>

namespace emu::media {

namespace {

// Products of a frame number or a time in nanoseconds with a rate's terms overflow 64 bits
// after a few hours at large numerators; 128-bit integers (a GCC/Clang extension) keep the
// arithmetic exact for any run.
using Wide = __int128;
constexpr Wide kNanosPerSecond = 1'000'000'000;

std::optional<long long> parseInteger(std::string_view text) {
    long long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

}  // namespace

std::chrono::nanoseconds SteadyTimeSource::now() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch());
}

void SteadyTimeSource::sleepUntil(std::chrono::nanoseconds t) {
    std::this_thread::sleep_until(std::chrono::steady_clock::time_point(
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(t)));
}

PlaybackClock::PlaybackClock(FrameRate rate, TimeSource& time) : m_rate(rate), m_time(time) {
    assert(rate.valid());
}

void PlaybackClock::start(std::optional<std::int64_t> endFrame) {
    m_start = m_time.now();
    m_end = endFrame;
    m_next = 0;
    m_delivered = 0;
    m_dropped = 0;
}

std::chrono::nanoseconds PlaybackClock::dueTime(std::int64_t n) const {
    const Wide num = Wide(n) * m_rate.denominator * kNanosPerSecond;
    const Wide den = m_rate.numerator;
    const Wide ns = num >= 0 ? (num + den - 1) / den : num / den;
    return std::chrono::nanoseconds(static_cast<std::int64_t>(ns));
}

std::int64_t PlaybackClock::latestDue(std::chrono::nanoseconds sinceStart) const {
    const Wide num = Wide(sinceStart.count()) * m_rate.numerator;
    const Wide den = Wide(m_rate.denominator) * kNanosPerSecond;
    const Wide q = num / den;
    return static_cast<std::int64_t>(num < 0 && q * den != num ? q - 1 : q);
}

std::chrono::nanoseconds PlaybackClock::elapsed() {
    return m_time.now() - m_start;
}

std::optional<std::int64_t> PlaybackClock::nextFrame() {
    if (m_end && m_next >= *m_end) return std::nullopt;
    const std::int64_t due = latestDue(elapsed());
    if (due <= m_next) {
        m_time.sleepUntil(m_start + dueTime(m_next));
        ++m_delivered;
        return m_next++;
    }
    // Late: frames m_next .. due-1 were due and have been overtaken by `due`.
    if (m_end && due >= *m_end) {
        m_dropped += *m_end - m_next;
        m_next = *m_end;
        return std::nullopt;
    }
    m_dropped += due - m_next;
    m_next = due + 1;
    ++m_delivered;
    return due;
}

Result<FrameRate> parseFrameRate(const std::string& text) {
    const Status bad =
        makeError(ErrorCode::InvalidArgument,
                  "frame rate '" + text + "': expected a number like 24, 23.976 or 24000/1001");
    std::optional<long long> num;
    std::optional<long long> den = 1;
    if (auto slash = text.find('/'); slash != std::string::npos) {
        num = parseInteger(std::string_view(text).substr(0, slash));
        den = parseInteger(std::string_view(text).substr(slash + 1));
    } else if (auto dot = text.find('.'); dot != std::string::npos) {
        const std::string digits = text.substr(0, dot) + text.substr(dot + 1);
        const std::size_t decimals = text.size() - dot - 1;
        if (decimals == 0 || decimals > 6) return bad;
        num = parseInteger(digits);
        den = 1;
        for (std::size_t i = 0; i < decimals; ++i) *den *= 10;
    } else {
        num = parseInteger(text);
    }
    if (!num || !den || *num <= 0 || *den <= 0 || *num > 1'000'000 || *den > 1'000'000) {
        return bad;
    }
    long long a = *num, b = *den;  // reduce: 23976/1000 -> 2997/125
    while (b != 0) a = std::exchange(b, a % b);
    return FrameRate{static_cast<int>(*num / a), static_cast<int>(*den / a)};
}

}  // namespace emu::media
