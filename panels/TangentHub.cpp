#include "emulsion/panels/TangentHub.h"

#include <bit>
#include <cstring>

namespace emu::panels {

namespace {

constexpr std::size_t kMaxMessage = 1 << 20;  // a longer count means the stream is lost

std::uint32_t be32(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           std::uint32_t(p[3]);
}

void putBe32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(v >> s));
}

void putString(std::vector<std::uint8_t>& out, const std::string& s) {
    putBe32(out, static_cast<std::uint32_t>(s.size()));
    for (char c : s) out.push_back(static_cast<std::uint8_t>(c));
}

// Field count (32-bit words after the id) of fixed-size commands; -1 for variable ones.
int fixedWords(std::uint32_t id) {
    switch (id) {
        case TangentHub::kParameterChange:
            return 2;
        case TangentHub::kMenuChange:
            return 2;
        case TangentHub::kTransport:
            return 2;
        case TangentHub::kPanelConnectionState:
            return 2;
        case TangentHub::kParameterReset:
        case TangentHub::kParameterValueRequest:
        case TangentHub::kMenuReset:
        case TangentHub::kMenuStringRequest:
        case TangentHub::kActionOn:
        case TangentHub::kActionOff:
        case TangentHub::kModeChange:
            return 1;
        default:
            return -1;
    }
}

}  // namespace

TangentHub::TangentHub(std::string appName, std::string systemDir)
    : m_appName(std::move(appName)), m_systemDir(std::move(systemDir)) {
    m_layout.model = "Tangent panels (through the Tangent Hub)";
    m_layout.balls = 3;
    m_layout.rings = 3;
    m_layout.knobs = 12;
    m_layout.jogs = 1;
    m_layout.buttons = 64;
    m_layout.displays = 1;
}

std::vector<std::uint8_t> TangentHub::frame(std::span<const std::uint8_t> body) {
    std::vector<std::uint8_t> out;
    putBe32(out, static_cast<std::uint32_t>(body.size()));
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

std::vector<std::uint8_t> TangentHub::applicationDefinition() const {
    std::vector<std::uint8_t> body;
    putBe32(body, kApplicationDefinition);
    putString(body, m_appName);
    putString(body, m_systemDir);
    putString(body, "");  // no user directory: the system map is the default
    return frame(body);
}

void TangentHub::decode(std::span<const std::uint8_t> bytes, std::int64_t timeNs,
                        std::vector<SurfaceEvent>& events) {
    m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.end());
    std::size_t at = 0;
    while (m_buffer.size() - at >= 4) {
        const std::uint32_t count = be32(m_buffer.data() + at);
        if (count == 0 || count > kMaxMessage) {
            ++m_stats.malformed;
            at = m_buffer.size();  // no way to find the next boundary: drop what we have
            break;
        }
        if (m_buffer.size() - at - 4 < count) break;
        messageBody({m_buffer.data() + at + 4, count}, timeNs, events);
        at += 4 + count;
    }
    m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(at));
}

void TangentHub::messageBody(std::span<const std::uint8_t> body, std::int64_t timeNs,
                             std::vector<SurfaceEvent>& events) {
    std::size_t at = 0;
    while (at < body.size()) {
        if (body.size() - at < 4) {
            ++m_stats.malformed;
            return;
        }
        const std::uint32_t id = be32(&body[at]);
        at += 4;
        if (id == kInitiateComms) {
            // protocol revision, panel count, then (type, id) per panel
            if (body.size() - at < 8) {
                ++m_stats.malformed;
                return;
            }
            const std::uint32_t rev = be32(&body[at]);
            const std::uint32_t panels = be32(&body[at + 4]);
            if (panels > 64 || body.size() - at - 8 < panels * 8u) {
                ++m_stats.malformed;
                return;
            }
            m_protocolRev = static_cast<int>(rev);
            m_panels = static_cast<int>(panels);
            at += 8 + panels * 8;
            m_replies.push_back(applicationDefinition());
            ++m_stats.reports;
            continue;
        }
        const int words = fixedWords(id);
        if (words < 0 || body.size() - at < std::size_t(words) * 4) {
            ++m_stats.malformed;
            return;  // an unknown id has an unknown size: the rest of the body is lost
        }
        const std::uint32_t a = be32(&body[at]);
        const std::uint32_t b = words > 1 ? be32(&body[at + 4]) : 0;
        at += std::size_t(words) * 4;
        ++m_stats.reports;
        SurfaceEvent e;
        e.timeNs = timeNs;
        if (id == kParameterChange) {
            const float increment = std::bit_cast<float>(b);
            const std::uint32_t kind = a >> 8;
            const int number = static_cast<int>(a & 0xff);
            if (number == 0 || kind < kBallX || kind > kKnob) {
                ++m_stats.undecoded;
                continue;
            }
            e.control = {kind == kRing   ? ControlKind::Ring
                         : kind == kKnob ? ControlKind::Knob
                                         : ControlKind::Ball,
                         number};
            (kind == kBallY ? e.dy : e.dx) = increment;
        } else if (id == kActionOn || id == kActionOff) {
            if (a <= kButtonBase || a > kButtonBase + 0xff) {
                ++m_stats.undecoded;
                continue;
            }
            e.control = {ControlKind::Button, static_cast<int>(a - kButtonBase)};
            e.pressed = id == kActionOn;
        } else if (id == kTransport) {
            e.control = {ControlKind::Jog, 1};
            e.dx = static_cast<float>(static_cast<std::int32_t>(a));
            if (e.dx == 0) continue;
        } else {
            ++m_stats.undecoded;  // menus, modes, panel states: not mapped yet
            continue;
        }
        events.push_back(e);
        ++m_stats.events;
    }
}

}  // namespace emu::panels
