#include "emulsion/timeline/Time.h"

#include <charconv>
#include <cmath>

namespace emu::timeline {

namespace {

std::optional<std::int64_t> parseInt(std::string_view s) {
    std::int64_t v = 0;
    if (s.empty()) return std::nullopt;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

// Frames dropped each minute (except every tenth) for drop-frame time code.
int droppedPerMinute(const Rate& rate) {
    return rate.timecodeBase() == 30 ? 2 : 4;
}

}  // namespace

int Rate::timecodeBase() const {
    if (!valid()) return 0;
    return int((numerator + denominator - 1) / denominator);
}

bool Rate::allowsDropFrame() const {
    return denominator == 1001 && (numerator == 30000 || numerator == 60000);
}

Result<Rate> parseRate(const std::string& text) {
    auto bad = [&] {
        return makeError(ErrorCode::InvalidArgument,
                         "rate '" + text +
                             "' must be N, N/D or one of 23.976, 29.97, 47.952, "
                             "59.94, 119.88");
    };
    if (const auto slash = text.find('/'); slash != std::string::npos) {
        auto n = parseInt(std::string_view(text).substr(0, slash));
        auto d = parseInt(std::string_view(text).substr(slash + 1));
        if (!n || !d || *n <= 0 || *d <= 0 || *n > 1000000 || *d > 1000000) return bad();
        return Rate{*n, *d};
    }
    if (auto n = parseInt(text)) {
        if (*n <= 0 || *n > 1000) return bad();
        return Rate{*n, 1};
    }
    static const struct {
        const char* text;
        Rate rate;
    } kNtsc[] = {{"23.976", {24000, 1001}}, {"23.98", {24000, 1001}}, {"29.97", {30000, 1001}},
                 {"47.952", {48000, 1001}}, {"59.94", {60000, 1001}}, {"119.88", {120000, 1001}}};
    for (const auto& r : kNtsc) {
        if (text == r.text) return r.rate;
    }
    return bad();
}

std::string toString(const Rate& rate) {
    return std::to_string(rate.numerator) + "/" + std::to_string(rate.denominator);
}

Result<Frames> timecodeToFrames(const std::string& text, const Rate& rate) {
    auto bad = [&](const std::string& why) {
        return makeError(ErrorCode::InvalidArgument, "time code '" + text + "': " + why);
    };
    if (!rate.valid()) return bad("no valid rate");
    // HH:MM:SS:FF; the last separator tells drop frame (';', '.' or ',').
    std::int64_t fields[4];
    std::size_t pos = 0;
    bool drop = false;
    for (int i = 0; i < 4; ++i) {
        std::size_t end = pos;
        while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
        if (end == pos || end - pos > 6) return bad("must be HH:MM:SS:FF");
        fields[i] = *parseInt(std::string_view(text).substr(pos, end - pos));
        if (i < 3) {
            if (end >= text.size()) return bad("must be HH:MM:SS:FF");
            const char sep = text[end];
            if (i < 2 && sep != ':') return bad("must be HH:MM:SS:FF");
            if (i == 2) {
                if (sep == ';' || sep == '.' || sep == ',')
                    drop = true;
                else if (sep != ':')
                    return bad("must be HH:MM:SS:FF");
            }
            pos = end + 1;
        } else if (end != text.size()) {
            return bad("must be HH:MM:SS:FF");
        }
    }
    const std::int64_t hh = fields[0], mm = fields[1], ss = fields[2], ff = fields[3];
    const int base = rate.timecodeBase();
    if (mm > 59 || ss > 59) return bad("minutes and seconds must be below 60");
    if (ff >= base)
        return bad("frame " + std::to_string(ff) + " is not below " + std::to_string(base));
    if (drop && !rate.allowsDropFrame()) {
        return bad("drop frame exists only at 29.97 and 59.94, not " + toString(rate));
    }
    Frames frames = ((hh * 60 + mm) * 60 + ss) * base + ff;
    if (drop) {
        const int d = droppedPerMinute(rate);
        if (ss == 0 && ff < d && mm % 10 != 0) {
            return bad("frame number dropped in drop-frame time code");
        }
        const std::int64_t minutes = hh * 60 + mm;
        frames -= d * (minutes - minutes / 10);
    }
    return frames;
}

Result<std::string> framesToTimecode(Frames frames, const Rate& rate, bool dropFrame) {
    if (!rate.valid()) return makeError(ErrorCode::InvalidArgument, "no valid rate");
    if (frames < 0) {
        return makeError(ErrorCode::InvalidArgument,
                         "frame " + std::to_string(frames) + " is before time code 00:00:00:00");
    }
    if (dropFrame && !rate.allowsDropFrame()) {
        return makeError(ErrorCode::InvalidArgument,
                         "drop frame exists only at 29.97 and 59.94, not " + toString(rate));
    }
    const int base = rate.timecodeBase();
    Frames counted = frames;
    if (dropFrame) {
        const int d = droppedPerMinute(rate);
        const Frames perMinute = Frames(base) * 60 - d;   // 1798 at 29.97
        const Frames perTenMinutes = perMinute * 10 + d;  // 17982
        const Frames tens = frames / perTenMinutes, rest = frames % perTenMinutes;
        counted += Frames(9) * d * tens;
        if (rest >= d) counted += d * ((rest - d) / perMinute);
    }
    const Frames ff = counted % base;
    const Frames totalSeconds = counted / base;
    // Two digits or more for hours, two for the rest (a frame field of 100+ frames at 120 fps
    // and above takes three).
    std::string text = std::to_string(totalSeconds / 3600);
    if (text.size() < 2) text.insert(0, 1, '0');
    auto two = [&text](Frames v, char separator) {
        text += separator;
        if (v < 10) text += '0';
        text += std::to_string(v);
    };
    two(totalSeconds / 60 % 60, ':');
    two(totalSeconds % 60, ':');
    two(ff, dropFrame ? ';' : ':');
    return text;
}

}  // namespace emu::timeline
