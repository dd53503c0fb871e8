#include "emulsion/media/SmpteTimecode.h"

#include <cctype>
#include <cstdio>

namespace emu::media {

namespace {

// Parses exactly two decimal digits at text[pos].
std::optional<int> twoDigits(const std::string& text, std::size_t pos) {
    if (pos + 2 > text.size()) return std::nullopt;
    const char a = text[pos];
    const char b = text[pos + 1];
    if (!std::isdigit(static_cast<unsigned char>(a)) ||
        !std::isdigit(static_cast<unsigned char>(b))) {
        return std::nullopt;
    }
    return (a - '0') * 10 + (b - '0');
}

bool inRange(int h, int m, int s, int f) {
    return h >= 0 && h <= 23 && m >= 0 && m <= 59 && s >= 0 && s <= 59 && f >= 0 && f <= 29;
}

// Two BCD digits: the tens (masked to `tensBits`) above the units.
std::uint32_t bcd(int value, unsigned tensBits) {
    const auto v = std::uint32_t(value < 0 ? 0 : value);
    return ((v / 10) & ((1u << tensBits) - 1)) << 4 | (v % 10);
}

// The value of the BCD digits at `shift` (units, then tens of `tensBits` bits); -1 when a digit
// is not decimal.
int fromBcd(std::uint32_t word, unsigned shift, unsigned tensBits) {
    const std::uint32_t units = (word >> shift) & 0xF;
    const std::uint32_t tens = (word >> (shift + 4)) & ((1u << tensBits) - 1);
    if (units > 9 || tens > 9) return -1;
    return int(tens * 10 + units);
}

}  // namespace

std::string SmpteTimecode::toString() const {
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d:%02d%c%02d", hours, minutes, seconds,
                  dropFrame ? ';' : ':', frame);
    return text;
}

std::optional<SmpteTimecode> SmpteTimecode::parse(const std::string& text) {
    if (text.size() != 11 || text[2] != ':' || text[5] != ':') return std::nullopt;
    if (text[8] != ':' && text[8] != ';') return std::nullopt;
    const auto h = twoDigits(text, 0);
    const auto m = twoDigits(text, 3);
    const auto s = twoDigits(text, 6);
    const auto f = twoDigits(text, 9);
    if (!h || !m || !s || !f) return std::nullopt;
    // The limits of the BCD fields in SMPTE 12M.
    if (!inRange(*h, *m, *s, *f)) return std::nullopt;
    SmpteTimecode tc;
    tc.hours = *h;
    tc.minutes = *m;
    tc.seconds = *s;
    tc.frame = *f;
    tc.dropFrame = text[8] == ';';
    return tc;
}

std::uint32_t SmpteTimecode::packedTime() const {
    std::uint32_t word =
        bcd(frame, 2) | bcd(seconds, 3) << 8 | bcd(minutes, 3) << 16 | bcd(hours, 2) << 24;
    if (dropFrame) word |= 1u << 6;
    if (colorFrame) word |= 1u << 7;
    if (fieldPhase) word |= 1u << 15;
    if (binaryGroupFlags & 1) word |= 1u << 23;
    if (binaryGroupFlags & 2) word |= 1u << 30;
    if (binaryGroupFlags & 4) word |= 1u << 31;
    return word;
}

std::optional<SmpteTimecode> SmpteTimecode::fromPacked(std::uint32_t packedTime,
                                                       std::uint32_t userData) {
    SmpteTimecode tc;
    tc.frame = fromBcd(packedTime, 0, 2);
    tc.seconds = fromBcd(packedTime, 8, 3);
    tc.minutes = fromBcd(packedTime, 16, 3);
    tc.hours = fromBcd(packedTime, 24, 2);
    if (!inRange(tc.hours, tc.minutes, tc.seconds, tc.frame)) return std::nullopt;
    tc.dropFrame = (packedTime >> 6) & 1;
    tc.colorFrame = (packedTime >> 7) & 1;
    tc.fieldPhase = (packedTime >> 15) & 1;
    tc.binaryGroupFlags = std::uint8_t(((packedTime >> 23) & 1) | ((packedTime >> 30) & 1) << 1 |
                                       ((packedTime >> 31) & 1) << 2);
    tc.userData = userData;
    return tc;
}

}  // namespace emu::media
