#include "emulsion/panels/Loupedeck.h"

#include <chrono>
#include <cstring>
#include <string_view>

namespace emu::panels {

namespace {

constexpr std::uint8_t kBinaryFinal = 0x82;
constexpr std::size_t kMaxBuffer = 1 << 16;  // no message is near this: the stream is lost
constexpr std::uint8_t kButtonPress = 0x00;  // length 5
constexpr std::uint8_t kKnobRotate = 0x01;   // length 5
constexpr std::uint8_t kTouch = 0x4d;
constexpr std::uint8_t kTouchEnd = 0x6d;

}  // namespace

Loupedeck::Loupedeck(bool ct) {
    m_layout.model = ct ? "Loupedeck CT" : "Loupedeck Live";
    m_layout.knobs = ct ? 7 : 6;
    m_layout.buttons = ct ? 48 : 14;
    m_layout.leds = ct ? 48 : 8;
    m_layout.displays = 1;
}

const char* Loupedeck::upgradeRequest() {
    return "GET /index.html HTTP/1.1\r\n"
           "Connection: Upgrade\r\n"
           "Upgrade: websocket\r\n"
           "Sec-WebSocket-Key: 123abc\r\n"
           "\r\n";
}

Status Loupedeck::start(Transport& t, std::int64_t nowNs) {
    const std::string_view req = upgradeRequest();
    EMU_RETURN_IF_ERROR(t.write({reinterpret_cast<const std::uint8_t*>(req.data()), req.size()}));
    std::string answer;
    std::vector<std::uint8_t> chunk;
    for (int tries = 0; tries < 20; ++tries) {
        EMU_ASSIGN_OR_RETURN(std::size_t n, t.read(chunk, 100));
        answer.append(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(n));
        const auto end = answer.find("\r\n\r\n");
        if (end == std::string::npos) continue;
        if (answer.rfind("HTTP/1.1 101", 0) != 0) {
            return makeError(ErrorCode::CorruptData,
                             t.describe() + ": Loupedeck refused the WebSocket upgrade: " +
                                 answer.substr(0, answer.find('\r')));
        }
        // Frames may follow the headers in the same read.
        std::vector<SurfaceEvent> ignored;
        const std::string rest = answer.substr(end + 4);
        decode({reinterpret_cast<const std::uint8_t*>(rest.data()), rest.size()}, nowNs, ignored);
        return Status::ok();
    }
    return makeError(ErrorCode::IoError, t.describe() + ": no answer to the WebSocket upgrade");
}

void Loupedeck::decode(std::span<const std::uint8_t> bytes, std::int64_t timeNs,
                       std::vector<SurfaceEvent>& events) {
    m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.end());
    std::size_t at = 0;
    while (m_buffer.size() - at >= 2) {
        const std::uint8_t* f = m_buffer.data() + at;
        const std::size_t avail = m_buffer.size() - at;
        if (f[0] != kBinaryFinal) {
            // Not a frame start: count it once and look for the next one.
            ++m_stats.malformed;
            std::size_t next = at + 1;
            while (next < m_buffer.size() && m_buffer[next] != kBinaryFinal) ++next;
            at = next;
            continue;
        }
        const bool masked = (f[1] & 0x80) != 0;
        std::size_t length = f[1] & 0x7f;
        std::size_t header = 2;
        if (length == 126) {
            if (avail < 4) break;
            length = (std::size_t(f[2]) << 8) | f[3];
            header = 4;
        } else if (length == 127) {
            ++m_stats.malformed;  // 64-bit lengths: nothing a panel sends
            at += 2;
            continue;
        }
        const std::size_t maskAt = header;
        if (masked) header += 4;
        if (avail < header + length) break;
        std::vector<std::uint8_t> payload(f + header, f + header + length);
        if (masked) {
            for (std::size_t i = 0; i < length; ++i) payload[i] ^= f[maskAt + (i & 3)];
        }
        message(payload, timeNs, events);
        at += header + length;
    }
    m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(at));
    if (m_buffer.size() > kMaxBuffer) {
        ++m_stats.malformed;
        m_buffer.clear();
    }
}

void Loupedeck::message(std::span<const std::uint8_t> m, std::int64_t timeNs,
                        std::vector<SurfaceEvent>& events) {
    // [length][command][transaction][data]; the length counts the whole message.
    if (m.size() < 3 || m[0] != m.size()) {
        ++m_stats.malformed;
        return;
    }
    const std::uint8_t command = m[1];
    if ((command == kButtonPress || command == kKnobRotate) && m.size() != 5) {
        ++m_stats.malformed;
        return;
    }
    if (command == kButtonPress) {
        if (m[3] == 0 || m[4] > 1) {
            ++m_stats.malformed;
            return;
        }
        events.push_back({{ControlKind::Button, m[3]}, 0, 0, m[4] == 0, 0, timeNs});
        ++m_stats.events;
    } else if (command == kKnobRotate) {
        if (m[3] == 0) {
            ++m_stats.malformed;
            return;
        }
        SurfaceEvent e;
        e.control = {ControlKind::Knob, m[3]};
        e.dx = static_cast<float>(static_cast<std::int8_t>(m[4]));
        e.timeNs = timeNs;
        events.push_back(e);
        ++m_stats.events;
    } else if (command != kTouch && command != kTouchEnd) {
        ++m_stats.undecoded;  // confirmations, version answers: nothing for the grade
    }
    ++m_stats.reports;
}

std::vector<std::uint8_t> Loupedeck::clientFrame(std::span<const std::uint8_t> payload,
                                                 std::uint32_t mask) {
    std::vector<std::uint8_t> f{kBinaryFinal};
    if (payload.size() < 126) {
        f.push_back(static_cast<std::uint8_t>(0x80 | payload.size()));
    } else {
        f.push_back(0x80 | 126);
        f.push_back(static_cast<std::uint8_t>(payload.size() >> 8));
        f.push_back(static_cast<std::uint8_t>(payload.size()));
    }
    const std::uint8_t key[4] = {
        static_cast<std::uint8_t>(mask >> 24), static_cast<std::uint8_t>(mask >> 16),
        static_cast<std::uint8_t>(mask >> 8), static_cast<std::uint8_t>(mask)};
    f.insert(f.end(), key, key + 4);
    for (std::size_t i = 0; i < payload.size(); ++i) f.push_back(payload[i] ^ key[i & 3]);
    return f;
}

Status Loupedeck::setButtonColour(Transport& t, std::uint8_t button, std::uint8_t r, std::uint8_t g,
                                  std::uint8_t b) {
    const std::uint8_t msg[7] = {7, 0x02, m_transaction++, button, r, g, b};
    if (m_transaction == 0) m_transaction = 1;
    return t.write(clientFrame(msg, 0x5a3c9e17));
}

}  // namespace emu::panels
