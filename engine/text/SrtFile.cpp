#include "emulsion/text/SrtFile.h"

#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>

namespace emu::text {

namespace {

std::vector<std::string> splitLines(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string line(text.substr(start, end - start));
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(std::move(line));
        start = end + 1;
    }
    return lines;
}

bool blank(const std::string& s) {
    for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c))) return false;
    return true;
}

// "HH:MM:SS,mmm" at `pos`; advances `pos` past it.
std::optional<std::int64_t> parseTime(const std::string& s, std::size_t& pos) {
    int h = 0, m = 0, sec = 0, ms = 0, used = 0;
    char sep = 0;
    if (std::sscanf(s.c_str() + pos, "%d:%2d:%2d%c%3d%n", &h, &m, &sec, &sep, &ms, &used) != 5)
        return std::nullopt;
    if ((sep != ',' && sep != '.') || h < 0 || m > 59 || sec > 59 || ms < 0 || m < 0 || sec < 0)
        return std::nullopt;
    pos += std::size_t(used);
    return ((std::int64_t(h) * 60 + m) * 60 + sec) * 1000 + ms;
}

std::string stripMarkup(const std::string& line) {
    std::string out;
    bool inTag = false;
    for (char c : line) {
        if (c == '<')
            inTag = true;
        else if (c == '>' && inTag)
            inTag = false;
        else if (!inTag)
            out.push_back(c);
    }
    return out;
}

std::string formatMs(std::int64_t ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld,%03lld", (long long)(ms / 3600000),
                  (long long)(ms / 60000 % 60), (long long)(ms / 1000 % 60),
                  (long long)(ms % 1000));
    return text;
}

}  // namespace

Result<std::vector<SubtitleCue>> parseSrt(std::string_view text, const std::string& name) {
    const std::vector<std::string> lines = splitLines(text);
    auto fail = [&](std::size_t i, const std::string& what) {
        return makeError(ErrorCode::InvalidArgument,
                         name + ":" + std::to_string(i + 1) + ": " + what);
    };
    std::vector<SubtitleCue> cues;
    std::size_t i = 0;
    while (i < lines.size()) {
        if (blank(lines[i])) {
            ++i;
            continue;
        }
        SubtitleCue cue;
        cue.sourceLine = int(i + 1);
        std::size_t used = 0;
        try {
            cue.number = std::stoi(lines[i], &used);
        } catch (...) {
            used = 0;
        }
        if (used == 0 || !blank(lines[i].substr(used)))
            return fail(i, "expected a cue number, found '" + lines[i] + "'");
        if (++i >= lines.size() || blank(lines[i]))
            return fail(i - 1, "cue " + std::to_string(cue.number) + " has no timing line");
        const std::string& timing = lines[i];
        std::size_t pos = timing.find_first_not_of(" \t");
        const auto start = pos == std::string::npos ? std::nullopt : parseTime(timing, pos);
        const std::size_t arrow = timing.find("-->", pos == std::string::npos ? 0 : pos);
        std::size_t endPos =
            arrow == std::string::npos ? 0 : timing.find_first_not_of(" \t", arrow + 3);
        const auto end = (arrow == std::string::npos || endPos == std::string::npos)
                             ? std::nullopt
                             : parseTime(timing, endPos);
        if (!start || !end)
            return fail(i, "expected 'HH:MM:SS,mmm --> HH:MM:SS,mmm', found '" + timing + "'");
        cue.startMs = *start;
        cue.endMs = *end;
        if (cue.endMs <= cue.startMs)
            return fail(i, "cue " + std::to_string(cue.number) + " ends (" + formatMs(cue.endMs) +
                               ") before it starts (" + formatMs(cue.startMs) + ")");
        if (!cues.empty() && cue.startMs < cues.back().endMs) {
            return fail(i, "cue " + std::to_string(cue.number) + " starts at " +
                               formatMs(cue.startMs) + ", before cue " +
                               std::to_string(cues.back().number) + " (line " +
                               std::to_string(cues.back().sourceLine) + ") ends at " +
                               formatMs(cues.back().endMs));
        }
        for (++i; i < lines.size() && !blank(lines[i]); ++i)
            cue.lines.push_back(stripMarkup(lines[i]));
        cues.push_back(std::move(cue));
    }
    return cues;
}

Result<std::vector<SubtitleCue>> readSrt(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return makeError(ErrorCode::NotFound, path.string() + ": no such subtitle file");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) return makeError(ErrorCode::IoError, path.string() + ": cannot be read");
    return parseSrt(text.str(), path.string());
}

}  // namespace emu::text
