#include "OtioSupport.h"

#include <cctype>
#include <cmath>
#include <numeric>

#include "emulsion/conform/Otio.h"

namespace emu::conform::otio {

std::size_t lineOf(std::string_view text, std::size_t byte) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) line += text[i] == '\n';
    return line;
}

Status checkJsonLimits(std::string_view text, const std::string& source) {
    if (text.size() > kOtioMaxFileBytes) {
        return makeError(ErrorCode::InvalidArgument,
                         source + ": document of " + std::to_string(text.size()) +
                             " bytes is over the limit of " + std::to_string(kOtioMaxFileBytes));
    }
    auto refuse = [&](std::size_t at, const std::string& what) {
        return makeError(ErrorCode::InvalidArgument,
                         source + ":" + std::to_string(lineOf(text, at)) + ": " + what);
    };
    int depth = 0;
    bool inString = false;
    std::size_t stringStart = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') {
                ++i;  // the escaped character cannot end the string
            } else if (c == '"') {
                inString = false;
            }
            if (i - stringStart > kOtioMaxStringBytes) {
                return refuse(stringStart, "string longer than " +
                                               std::to_string(kOtioMaxStringBytes) + " bytes");
            }
            continue;
        }
        if (c == '"') {
            inString = true;
            stringStart = i;
        } else if (c == '{' || c == '[') {
            if (++depth > kOtioMaxDepth) {
                return refuse(i,
                              "nesting deeper than " + std::to_string(kOtioMaxDepth) + " levels");
            }
        } else if (c == '}' || c == ']') {
            --depth;  // unbalanced brackets are the parser's to report
        }
    }
    return Status::ok();
}

timeline::Rate rateFromDouble(double rate) {
    const double whole = std::round(rate);
    if (whole >= 1 && std::abs(rate - whole) < 1e-6) return {std::int64_t(whole), 1};
    const double ntsc = std::round(rate * 1.001);
    if (ntsc >= 1 && std::abs(rate - ntsc * 1000.0 / 1001.0) < 0.01) {
        return {std::int64_t(ntsc) * 1000, 1001};
    }
    std::int64_t numerator = std::max<std::int64_t>(1, std::llround(rate * 1000.0));
    const std::int64_t common = std::gcd(numerator, std::int64_t(1000));
    return {numerator / common, 1000 / common};
}

double rateToDouble(const timeline::Rate& rate) {
    return double(rate.numerator) / double(rate.denominator);
}

namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percentDecode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            const int hi = hexValue(s[i + 1]);
            const int lo = hexValue(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += char(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += s[i];  // a stray '%' is kept as written
    }
    return out;
}

bool isDriveLetter(std::string_view s) {
    return s.size() >= 3 && s[0] == '/' && std::isalpha(static_cast<unsigned char>(s[1])) &&
           s[2] == ':';
}

}  // namespace

std::string pathFromUrl(std::string_view url) {
    constexpr std::string_view kScheme = "file://";
    if (url.size() < kScheme.size()) return std::string(url);
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(url[i])) != kScheme[i]) {
            return std::string(url);
        }
    }
    std::string_view rest = url.substr(kScheme.size());
    const std::size_t slash = rest.find('/');
    const std::string_view host = rest.substr(0, slash);
    std::string_view path =
        slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    if (!host.empty() && host != "localhost") {
        return "//" + std::string(host) + percentDecode(path);
    }
    if (isDriveLetter(path)) path.remove_prefix(1);
    return percentDecode(path);
}

std::string urlFromPath(const std::string& path) {
    const bool absolute = !path.empty() && (path[0] == '/' || (path.size() >= 2 && path[1] == ':'));
    if (!absolute) return path;
    static const char* kHex = "0123456789ABCDEF";
    std::string out = path[0] == '/' ? "file://" : "file:///";
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' ||
            c == ':') {
            out += char(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

void flattenMetadata(const Json& object, const std::string& prefix,
                     std::map<std::string, std::string>& out) {
    for (const auto& [key, value] : object.items()) {
        const std::string name = prefix.empty() ? key : prefix + "." + key;
        if (value.is_object() && !value.empty()) {
            flattenMetadata(value, name, out);
        } else if (value.is_string()) {
            out[name] = value.get<std::string>();
        } else {
            out[name] = value.dump();
        }
    }
}

Json unflattenMetadata(const std::map<std::string, std::string>& flat) {
    Json out = Json::object();
    for (const auto& [key, value] : flat) {
        Json* node = &out;
        std::size_t start = 0;
        bool placed = false;
        while (true) {
            const std::size_t dot = key.find('.', start);
            const std::string part =
                key.substr(start, dot == std::string::npos ? dot : dot - start);
            if (dot == std::string::npos) {
                if (!node->contains(part)) {
                    (*node)[part] = value;
                    placed = true;
                }
                break;
            }
            Json& child = (*node)[part];
            if (child.is_null()) child = Json::object();
            if (!child.is_object()) break;
            node = &child;
            start = dot + 1;
        }
        if (!placed) out[key] = value;
    }
    return out;
}

}  // namespace emu::conform::otio
