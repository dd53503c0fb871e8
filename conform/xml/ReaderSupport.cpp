#include "ReaderSupport.h"

#include <cctype>
#include <charconv>

namespace emu::conform {

std::optional<std::int64_t> parseWholeNumber(const std::string& text) {
    const char* begin = text.data();
    const char* end = begin + text.size();
    if (begin != end && *begin == '+') ++begin;  // from_chars takes no '+'
    std::int64_t v = 0;
    auto [ptr, ec] = std::from_chars(begin, end, v);
    if (begin == end || ec != std::errc() || ptr != end) return std::nullopt;
    return v;
}

namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

Result<std::filesystem::path> pathFromUrl(const std::string& url) {
    std::string rest = url;
    const auto scheme = url.find("://");
    if (scheme != std::string::npos) {
        if (url.compare(0, scheme, "file") != 0) {
            return makeError(ErrorCode::InvalidArgument,
                             "'" + url + "' is not a file:// URL or a path");
        }
        rest = url.substr(scheme + 3);
        // file://host/path: the host ("localhost" or empty) is not part of the path.
        const auto slash = rest.find('/');
        rest = slash == std::string::npos ? std::string() : rest.substr(slash);
    }
    std::string decoded;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] != '%') {
            decoded += rest[i];
            continue;
        }
        const int hi = i + 2 < rest.size() ? hexValue(rest[i + 1]) : -1;
        const int lo = i + 2 < rest.size() ? hexValue(rest[i + 2]) : -1;
        if (hi < 0 || lo < 0) {
            return makeError(ErrorCode::InvalidArgument,
                             "'" + url + "' has a malformed percent escape");
        }
        decoded += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    // file:///C:/Media/x.mov names a Windows drive: no leading slash before the letter.
    if (scheme != std::string::npos && decoded.size() >= 3 && decoded[0] == '/' &&
        decoded[2] == ':' && std::isalpha(static_cast<unsigned char>(decoded[1]))) {
        decoded.erase(0, 1);
    }
    return std::filesystem::path(decoded);
}

}  // namespace emu::conform
