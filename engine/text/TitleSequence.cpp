#include "emulsion/text/TitleSequence.h"

#include <cctype>
#include <fstream>
#include <sstream>

namespace emu::text {

namespace {

std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

bool parseInt(const std::string& v, int& out) {
    std::size_t used = 0;
    try {
        out = std::stoi(v, &used);
    } catch (...) {
        return false;
    }
    return used == v.size();
}

bool parseDouble(const std::string& v, double& out) {
    std::size_t used = 0;
    try {
        out = std::stod(v, &used);
    } catch (...) {
        return false;
    }
    return used == v.size();
}

// Drops the blank lines at both ends of a block: they would only shift it.
void trimBlank(std::vector<std::string>& lines) {
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    std::size_t first = 0;
    while (first < lines.size() && lines[first].empty()) ++first;
    lines.erase(lines.begin(), lines.begin() + std::ptrdiff_t(first));
}

}  // namespace

int TitleSequence::totalFrames() const {
    int total = 0;
    for (const TitleBlock& b : blocks) total += b.frames;
    return total;
}

Result<TitleSequence> TitleSequence::parse(std::string_view text, const std::string& name) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    TitleSequence seq;
    std::istringstream in{std::string(text)};
    std::string raw;
    int lineNo = 0;
    auto fail = [&](const std::string& what) {
        return makeError(ErrorCode::InvalidArgument,
                         name + ":" + std::to_string(lineNo) + ": " + what);
    };
    while (std::getline(in, raw)) {
        ++lineNo;
        if (!raw.empty() && raw.back() == '\r') raw.pop_back();
        const std::string line = trim(raw);
        if (!line.empty() && line[0] == '#') continue;
        if (line.empty() || line[0] != '[') {
            if (seq.blocks.empty()) {
                if (line.empty()) continue;
                return fail("text before the first [card] or [credits] header");
            }
            seq.blocks.back().lines.push_back(line);
            continue;
        }
        if (line.back() != ']') return fail("a header must end with ']'");
        std::istringstream words(line.substr(1, line.size() - 2));
        std::string kind;
        words >> kind;
        TitleBlock block;
        block.sourceLine = lineNo;
        if (kind == "card") {
            block.kind = TitleKind::Card;
        } else if (kind == "credits") {
            block.kind = TitleKind::Credits;
            block.textHeight = 0.035;
        } else {
            return fail("unknown block '" + kind + "' (card or credits)");
        }
        std::string pair;
        while (words >> pair) {
            const std::size_t eq = pair.find('=');
            const std::string key = pair.substr(0, eq);
            const std::string value = eq == std::string::npos ? "" : pair.substr(eq + 1);
            bool ok = true;
            if (key == "frames")
                ok = parseInt(value, block.frames) && block.frames > 0;
            else if (key == "fade_in" && kind == "card")
                ok = parseInt(value, block.fadeInFrames) && block.fadeInFrames >= 0;
            else if (key == "fade_out" && kind == "card")
                ok = parseInt(value, block.fadeOutFrames) && block.fadeOutFrames >= 0;
            else if (key == "size")
                ok = parseDouble(value, block.textHeight) && block.textHeight > 0.0 &&
                     block.textHeight <= 0.5;
            else if (key == "spacing")
                ok = parseDouble(value, block.lineSpacing) && block.lineSpacing > 0.0 &&
                     block.lineSpacing <= 10.0;
            else
                return fail("unknown key '" + key + "' for a " + kind + " block");
            if (!ok) return fail("bad value '" + value + "' for " + key);
        }
        if (block.frames <= 0) return fail("the block needs frames=N (N > 0)");
        if (block.fadeInFrames + block.fadeOutFrames > block.frames)
            return fail("fade_in + fade_out are longer than the card");
        if (!seq.blocks.empty()) trimBlank(seq.blocks.back().lines);
        seq.blocks.push_back(std::move(block));
    }
    if (seq.blocks.empty())
        return makeError(ErrorCode::InvalidArgument, name + ": no title blocks");
    trimBlank(seq.blocks.back().lines);
    return seq;
}

Result<TitleSequence> TitleSequence::read(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return makeError(ErrorCode::NotFound, path.string() + ": no such title file");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) return makeError(ErrorCode::IoError, path.string() + ": cannot be read");
    return parse(text.str(), path.string());
}

}  // namespace emu::text
