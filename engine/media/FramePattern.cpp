#include "emulsion/media/FramePattern.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <system_error>

namespace emu::media {

namespace {

std::optional<int> parseInt(std::string_view s) {
    int v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace

Result<FramePattern> FramePattern::parse(const std::string& text) {
    FramePattern p;
    p.m_text = text;
    // Only the file name may hold the placeholder: a '#' or '%' in a directory is literal.
    const std::size_t nameStart =
        text.find_last_of('/') == std::string::npos ? 0 : text.find_last_of('/') + 1;
    std::size_t hash = text.find('#', nameStart);
    std::size_t percent = text.find('%', nameStart);
    auto bad = [&](const std::string& why) {
        return makeError(ErrorCode::InvalidArgument, "'" + text + "': " + why);
    };
    if (hash != std::string::npos && percent != std::string::npos) {
        return bad("mixes # and % frame placeholders");
    }
    if (hash != std::string::npos) {
        std::size_t end = text.find_first_not_of('#', hash);
        if (end == std::string::npos) end = text.size();
        if (text.find('#', end) != std::string::npos) return bad("has two frame placeholders");
        p.m_prefix = text.substr(0, hash);
        p.m_suffix = text.substr(end);
        p.m_padding = static_cast<int>(end - hash);
        return p;
    }
    if (percent != std::string::npos) {
        std::size_t d = text.find('d', percent);
        if (d == std::string::npos) return bad("a % placeholder must be %d or %0Nd");
        std::string_view width(text.data() + percent + 1, d - percent - 1);
        int padding = 0;
        if (!width.empty()) {
            if (width[0] != '0' || width.size() < 2) return bad("a % placeholder must be %0Nd");
            std::optional<int> n = parseInt(width.substr(1));
            if (!n || *n < 1 || *n > 12) return bad("a % placeholder must be %0Nd with N 1-12");
            padding = *n;
        }
        if (text.find('%', d) != std::string::npos) return bad("has two frame placeholders");
        p.m_prefix = text.substr(0, percent);
        p.m_suffix = text.substr(d + 1);
        p.m_padding = padding;
    }
    return p;
}

std::filesystem::path FramePattern::path(int frame) const {
    if (!m_padding) return m_text;
    std::string digits = std::to_string(std::abs(static_cast<long long>(frame)));
    if (static_cast<int>(digits.size()) < *m_padding) {
        digits.insert(0, *m_padding - digits.size(), '0');
    }
    return m_prefix + (frame < 0 ? "-" : "") + digits + m_suffix;
}

std::vector<int> FramePattern::framesOnDisk() const {
    std::vector<int> frames;
    if (!m_padding) return frames;
    // The placeholder is in the file name, so the prefix is "directory/" + the name's start.
    const std::size_t slash = m_prefix.find_last_of('/');
    const std::filesystem::path dir =
        slash == std::string::npos ? std::string(".") : m_prefix.substr(0, slash + 1);
    const std::string namePrefix =
        slash == std::string::npos ? m_prefix : m_prefix.substr(slash + 1);
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        if (name.size() <= namePrefix.size() + m_suffix.size()) continue;
        if (name.compare(0, namePrefix.size(), namePrefix) != 0) continue;
        if (name.compare(name.size() - m_suffix.size(), m_suffix.size(), m_suffix) != 0) continue;
        std::string_view middle(name.data() + namePrefix.size(),
                                name.size() - namePrefix.size() - m_suffix.size());
        std::optional<int> n = parseInt(middle);
        if (!n) continue;
        if (path(*n).filename() != entry.path().filename()) continue;  // padding must match
        frames.push_back(*n);
    }
    std::sort(frames.begin(), frames.end());
    return frames;
}

std::string FramePattern::clipName() const {
    std::string name = std::filesystem::path(m_text).stem().string();
    if (!m_padding) return name;
    name = std::filesystem::path(m_prefix).filename().string();
    while (!name.empty() && (name.back() == '.' || name.back() == '_' || name.back() == '-')) {
        name.pop_back();
    }
    return name;
}

Result<FrameRange> parseFrameRange(const std::string& text) {
    auto bad = [&] {
        return makeError(ErrorCode::InvalidArgument,
                         "frame range '" + text + "' must be A-B (A <= B) or a single frame");
    };
    // The separator is the first '-' after the first character, so "-5--2" reads as -5 to -2.
    std::size_t dash = text.find('-', 1);
    if (dash == std::string::npos) {
        std::optional<int> f = parseInt(text);
        if (!f) return bad();
        return FrameRange{*f, *f};
    }
    std::optional<int> a = parseInt(std::string_view(text).substr(0, dash));
    std::optional<int> b = parseInt(std::string_view(text).substr(dash + 1));
    if (!a || !b || *a > *b) return bad();
    return FrameRange{*a, *b};
}

}  // namespace emu::media
