#include "EdlParser.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "emulsion/conform/Edl.h"

namespace emu::conform::edl {

using timeline::Frames;

namespace {

bool allDigits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    }
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> tokens(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        const std::size_t start = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
        if (i > start) out.push_back(s.substr(start, i - start));
    }
    return out;
}

// Whole number of at most `maxDigits` digits.
std::optional<std::int64_t> number(std::string_view s, std::size_t maxDigits) {
    if (!allDigits(s) || s.size() > maxDigits) return std::nullopt;
    std::int64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

// State and helpers for one pass over the lines.
class Parser {
public:
    Parser(const timeline::Rate& rate, const std::string& file,
           std::vector<timeline::Warning>& warnings)
        : m_rate(rate), m_file(file), m_warnings(warnings) {}

    Status line(int lineNo, std::string_view text);
    ParsedEdl take() { return std::move(m_edl); }

private:
    Status error(const std::string& what) const {
        return makeError(ErrorCode::InvalidArgument, where(m_file, m_line, what));
    }
    void warn(const std::string& what) {
        m_warnings.push_back({m_line, where(m_file, m_line, what)});
    }

    Status fcm(std::string_view rest);
    Status editLine(const std::vector<std::string_view>& t);
    Status editType(const std::vector<std::string_view>& t, EditLine& e);
    Status motionLine(const std::vector<std::string_view>& t);
    Status audioLine(const std::vector<std::string_view>& t);
    Result<Channels> channels(std::string_view token) const;
    // A time field: time code or a plain frame count. Sets `drop` to how it counted.
    Result<Frames> time(std::string_view token, bool* drop = nullptr);

    timeline::Rate m_rate;
    const std::string& m_file;
    std::vector<timeline::Warning>& m_warnings;
    ParsedEdl m_edl;
    std::optional<bool> m_fcm;
    int m_line = 0;
    bool m_warnedSeparator = false;  // one separator warning per line
};

Status Parser::line(int lineNo, std::string_view text) {
    m_line = lineNo;
    m_warnedSeparator = false;
    text = trim(text);
    if (text.empty()) return Status::ok();
    if (text.front() == '*') {
        if (m_edl.events.empty()) {
            warn("remark before the first event ignored");
            return Status::ok();
        }
        Remark r{lineNo, std::string(trim(text.substr(1))), std::nullopt};
        if (upper(r.text.substr(0, 4)) == "LOC:") {
            const auto t = tokens(std::string_view(r.text).substr(4));
            if (t.empty()) return error("LOC needs a time code");
            EMU_ASSIGN_OR_RETURN(r.loc, time(t[0]));
        }
        m_edl.events.back().remarks.push_back(std::move(r));
        return Status::ok();
    }
    const std::string head = upper(text.substr(0, std::min<std::size_t>(text.size(), 16)));
    if (head.starts_with("TITLE:")) {
        m_edl.title = std::string(trim(text.substr(6)));
        return Status::ok();
    }
    if (head.starts_with("FCM:")) return fcm(trim(text.substr(4)));
    const auto t = tokens(text);
    const std::string first = upper(t[0]);
    if (first == "M2") return motionLine(t);
    if (first == "AUD") return audioLine(t);
    if (allDigits(t[0])) return editLine(t);
    if (head.starts_with("EFFECTS NAME IS")) {
        if (m_edl.events.empty()) return error("EFFECTS NAME IS before the first event");
        m_edl.events.back().effectName = std::string(trim(text.substr(15)));
        return Status::ok();
    }
    if (first == ">>>" || first == "SPLIT:") {
        warn("'" + first + "' line ignored");
        return Status::ok();
    }
    return error("not an EDL line (expected an event, a remark, TITLE:, FCM:, M2 or AUD)");
}

Status Parser::fcm(std::string_view rest) {
    const std::string mode = upper(rest);
    bool drop = false;
    if (mode == "DROP FRAME") {
        drop = true;
    } else if (mode != "NON-DROP FRAME" && mode != "NON DROP FRAME") {
        return error("FCM must be DROP FRAME or NON-DROP FRAME, not '" + std::string(rest) + "'");
    }
    if (drop && !m_rate.allowsDropFrame()) {
        return error("FCM: DROP FRAME at " + timeline::toString(m_rate) +
                     ": drop frame exists only at 29.97 and 59.94");
    }
    m_fcm = drop;
    if (!m_edl.fcmDrop) m_edl.fcmDrop = drop;
    return Status::ok();
}

Result<Frames> Parser::time(std::string_view token, bool* drop) {
    if (allDigits(token)) {
        if (token.size() > 12)
            return error("frame count '" + std::string(token) + "' is too large");
        if (drop) *drop = m_fcm.value_or(false);
        return *number(token, 12);
    }
    std::string text(token);
    const std::size_t last = text.find_last_of(":;.,");
    const bool sepDrop = last != std::string::npos && text[last] != ':';
    bool useDrop = sepDrop;
    if (m_fcm && *m_fcm != sepDrop) {
        if (!m_warnedSeparator) {
            warn(std::string("time code '") + text + "' is written " +
                 (sepDrop ? "drop" : "non-drop") + " frame but FCM says " +
                 (*m_fcm ? "DROP FRAME" : "NON-DROP FRAME") + "; FCM wins");
            m_warnedSeparator = true;
        }
        useDrop = *m_fcm;
        if (last != std::string::npos) text[last] = useDrop ? ';' : ':';
    }
    auto frames = timeline::timecodeToFrames(text, m_rate);
    if (!frames) return error(frames.status().message());
    if (drop) *drop = useDrop;
    return *frames;
}

Result<Channels> Parser::channels(std::string_view token) const {
    Channels c;
    const std::string all = upper(token);
    std::size_t pos = 0;
    while (pos <= all.size()) {
        std::size_t end = all.find('/', pos);
        if (end == std::string::npos) end = all.size();
        const std::string part = all.substr(pos, end - pos);
        pos = end + 1;
        if (part == "V") {
            c.video = true;
        } else if (part == "A") {
            c.audio.push_back(1);
        } else if (part == "AA") {
            c.audio.insert(c.audio.end(), {1, 2});
        } else if (part == "B") {
            c.video = true;
            c.audio.push_back(1);
        } else if (part == "NONE") {
        } else if (part.size() > 1 && part[0] == 'A' && number(part.substr(1), 2) &&
                   *number(part.substr(1), 2) >= 1) {
            c.audio.push_back(int(*number(part.substr(1), 2)));
        } else {
            return error("unknown channel '" + std::string(token) + "'");
        }
    }
    std::sort(c.audio.begin(), c.audio.end());
    c.audio.erase(std::unique(c.audio.begin(), c.audio.end()), c.audio.end());
    return c;
}

Status Parser::editType(const std::vector<std::string_view>& t, EditLine& e) {
    // Tokens between the channel field and the four time fields.
    std::vector<std::string> f;
    for (std::size_t i = 3; i + 4 < t.size(); ++i) f.push_back(upper(t[i]));
    auto duration = [&](std::size_t i, const char* what) -> Result<Frames> {
        if (f.size() != i + 1 || !number(f[i], 4)) {
            return error(std::string(what) + " needs a duration of up to 4 digits");
        }
        return *number(f[i], 4);
    };
    if (f.empty()) return error("event has no edit type");
    if (f[0] == "C") {
        if (f.size() != 1) return error("unexpected '" + f[1] + "' after edit type C");
        e.type = EditType::Cut;
    } else if (f[0] == "D") {
        e.type = EditType::Dissolve;
        EMU_ASSIGN_OR_RETURN(e.transitionFrames, duration(1, "dissolve"));
    } else if (f[0].size() >= 2 && f[0][0] == 'W' && number(f[0].substr(1), 4)) {
        e.type = EditType::Wipe;
        e.wipeCode = int(*number(f[0].substr(1), 4));
        EMU_ASSIGN_OR_RETURN(e.transitionFrames, duration(1, "wipe"));
    } else if (f[0] == "K") {
        std::size_t i = 1;
        e.type = EditType::Key;
        if (i < f.size() && (f[i] == "B" || f[i] == "O")) {
            e.type = f[i] == "B" ? EditType::KeyBackground : EditType::KeyOut;
            ++i;
        }
        if (i < f.size()) {
            EMU_ASSIGN_OR_RETURN(e.keyFrames, duration(i, "key"));
        }
    } else {
        return error("unknown edit type '" + f[0] + "'");
    }
    return Status::ok();
}

Status Parser::editLine(const std::vector<std::string_view>& t) {
    if (t.size() < 8) return error("event line needs number, reel, channel, type and four times");
    if (t[0].size() > 6) return error("event number '" + std::string(t[0]) + "' has over 6 digits");
    const int number = int(*edl::number(t[0], 6));
    EditLine e;
    e.line = m_line;
    e.reel = std::string(t[1]);
    if (e.reel.size() > 32) warn("reel '" + e.reel + "' is longer than 32 characters");
    EMU_ASSIGN_OR_RETURN(e.channels, channels(t[2]));
    EMU_RETURN_IF_ERROR(editType(t, e));
    const std::size_t n = t.size();
    EMU_ASSIGN_OR_RETURN(e.srcIn, time(t[n - 4]));
    EMU_ASSIGN_OR_RETURN(e.srcOut, time(t[n - 3]));
    EMU_ASSIGN_OR_RETURN(e.recIn, time(t[n - 2], &e.dropFrame));
    EMU_ASSIGN_OR_RETURN(e.recOut, time(t[n - 1]));
    if (e.srcOut < e.srcIn) return error("source out is before source in");
    if (e.recOut < e.recIn) return error("record out is before record in");
    if (m_edl.events.empty() || m_edl.events.back().number != number) {
        m_edl.events.push_back({});
        m_edl.events.back().number = number;
    }
    m_edl.events.back().edits.push_back(std::move(e));
    return Status::ok();
}

Status Parser::motionLine(const std::vector<std::string_view>& t) {
    if (m_edl.events.empty()) return error("M2 before the first event");
    if (t.size() != 4) return error("M2 needs a reel, a speed in fps and an entry time code");
    MotionLine m;
    m.line = m_line;
    m.reel = std::string(t[1]);
    const std::string_view speed = t[2];
    auto [ptr, ec] = std::from_chars(speed.data(), speed.data() + speed.size(), m.fps);
    if (ec != std::errc() || ptr != speed.data() + speed.size() || !std::isfinite(m.fps) ||
        std::abs(m.fps) > 10000) {
        return error("M2 speed '" + std::string(speed) + "' is not a number of frames per second");
    }
    EMU_ASSIGN_OR_RETURN(m.entry, time(t[3]));
    m_edl.events.back().motions.push_back(std::move(m));
    return Status::ok();
}

Status Parser::audioLine(const std::vector<std::string_view>& t) {
    if (m_edl.events.empty()) return error("AUD before the first event");
    if (t.size() < 2) return error("AUD needs channel numbers");
    Channels& c = m_edl.events.back().edits.back().channels;
    for (std::size_t i = 1; i < t.size(); ++i) {
        const auto n = number(t[i], 2);
        if (!n || *n < 1) return error("AUD channel '" + std::string(t[i]) + "' is not 1 to 99");
        c.audio.push_back(int(*n));
    }
    std::sort(c.audio.begin(), c.audio.end());
    c.audio.erase(std::unique(c.audio.begin(), c.audio.end()), c.audio.end());
    return Status::ok();
}

}  // namespace

std::string where(const std::string& file, int line, const std::string& what) {
    return file + ":" + std::to_string(line) + ": " + what;
}

Result<ParsedEdl> parseEdl(std::string_view text, const timeline::Rate& rate,
                           const std::string& file, std::vector<timeline::Warning>& warnings) {
    if (!rate.valid()) return makeError(ErrorCode::InvalidArgument, file + ": no valid rate");
    if (text.size() > kEdlMaxFileBytes) {
        return makeError(
            ErrorCode::InvalidArgument,
            file + ": larger than " + std::to_string(kEdlMaxFileBytes) + " bytes; not an EDL");
    }
    Parser parser(rate, file, warnings);
    std::string clean;
    int lineNo = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        ++lineNo;
        const char* nl =
            static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
        const std::size_t end = nl ? std::size_t(nl - text.data()) : text.size();
        if (end - pos > kEdlMaxLineBytes) {
            return makeError(ErrorCode::InvalidArgument,
                             where(file, lineNo,
                                   "line longer than " + std::to_string(kEdlMaxLineBytes) +
                                       " bytes; not an EDL"));
        }
        // CR of CRLF, DOS end-of-file marks (^Z) and NUL padding are not content.
        clean.clear();
        for (std::size_t i = pos; i < end; ++i) {
            const char c = text[i];
            if (c != '\r' && c != '\x1a' && c != '\0') clean += c;
        }
        EMU_RETURN_IF_ERROR(parser.line(lineNo, clean));
        pos = end + 1;
    }
    return parser.take();
}

std::string generatorForReel(const std::string& reel) {
    const std::string r = upper(reel);
    if (r == "BL" || r == "BLACK") return "black";
    if (r == "BARS") return "bars";
    return {};
}

Frames sourceFramesFor(Frames recordFrames, double speed) {
    if (recordFrames <= 0) return 0;
    if (speed == 0) return 1;
    return std::max<Frames>(1, std::llround(double(recordFrames) * std::abs(speed)));
}

Frames sourceFrameAt(const timeline::Clip& clip, Frames recordOffset) {
    const double s = clip.speed.speed;
    const Frames step = std::llround(double(recordOffset) * std::abs(s));
    if (s < 0) return clip.source.end() - 1 - step;
    return clip.source.start + step;
}

Frames recordOffsetOf(const timeline::Clip& clip, Frames sourceFrame) {
    const double s = clip.speed.speed;
    if (s == 0) return 0;
    const Frames step =
        s < 0 ? clip.source.end() - 1 - sourceFrame : sourceFrame - clip.source.start;
    return std::llround(double(step) / std::abs(s));
}

}  // namespace emu::conform::edl
