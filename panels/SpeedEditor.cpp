#include "emulsion/panels/SpeedEditor.h"

#include <algorithm>
#include <array>

namespace emu::panels {

namespace {

constexpr std::uint8_t kAuthReport = 6;
constexpr std::size_t kAuthLength = 10;  // report id, step, 8 bytes little-endian

// The published constants of the handshake.
constexpr std::array<std::uint64_t, 8> kEven = {
    0x3ae1206f97c10bc8, 0x2a9ab32bebf244c6, 0x20a6f8b8df9adf0a, 0xaf80ece52cfc1719,
    0xec2ee2f7414fd151, 0xb055adfd73344a15, 0xa63d2e3059001187, 0x751bf623f42e0dde};
constexpr std::array<std::uint64_t, 8> kOdd = {
    0x3e22b34f502e7fde, 0x24656b981875ab1c, 0xa17f3456df7bf8c3, 0x6df72e1941aef698,
    0x72226f011e66ab94, 0x3831a3c606296b42, 0xfd7ff81881332c89, 0x61a3f6474ff236c6};
constexpr std::uint64_t kMask = 0xa79a63f585d37bf0;

// One byte of rotation towards the low end.
std::uint64_t rotateByte(std::uint64_t v) {
    return (v >> 8) | (v << 56);
}

std::uint64_t readLe(std::span<const std::uint8_t> b, std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | b[at + i];
    return v;
}

std::vector<std::uint8_t> authReport(std::uint8_t step, std::uint64_t value) {
    std::vector<std::uint8_t> r(kAuthLength, 0);
    r[0] = kAuthReport;
    r[1] = step;
    for (int i = 0; i < 8; ++i) r[2 + i] = static_cast<std::uint8_t>(value >> (8 * i));
    return r;
}

Result<std::vector<std::uint8_t>> readStep(Transport& t, std::uint8_t expectedStep) {
    EMU_ASSIGN_OR_RETURN(std::vector<std::uint8_t> r, t.getFeature(kAuthReport, kAuthLength));
    if (r.size() < kAuthLength || r[0] != kAuthReport || r[1] != expectedStep) {
        return makeError(ErrorCode::CorruptData,
                         t.describe() +
                             ": Speed Editor authentication: unexpected answer at step " +
                             std::to_string(expectedStep));
    }
    return r;
}

}  // namespace

SpeedEditor::SpeedEditor() {
    m_layout.model = "Blackmagic Speed Editor";
    m_layout.jogs = 1;
    m_layout.buttons = 0x3c;  // key codes run to 0x3c (STOP/PLAY)
    m_layout.leds = 18 + 3;
}

std::uint64_t SpeedEditor::authResponse(std::uint64_t challenge) {
    const int n = static_cast<int>(challenge & 7);
    std::uint64_t v = challenge;
    for (int i = 0; i < n; ++i) v = rotateByte(v);
    std::uint64_t k = 0;
    if ((v & 1) == ((0x78u >> n) & 1)) {
        k = kEven[n];
    } else {
        v ^= rotateByte(v);
        k = kOdd[n];
    }
    return v ^ (rotateByte(v) & kMask) ^ k;
}

Status SpeedEditor::start(Transport& t, std::int64_t nowNs) {
    EMU_RETURN_IF_ERROR(t.sendFeature(authReport(0, 0)));
    EMU_ASSIGN_OR_RETURN(std::vector<std::uint8_t> challenge, readStep(t, 0));
    // Our own challenge to the device: we do not check the device's answer to it, as the
    // published description does not say how; any value is accepted by the device.
    EMU_RETURN_IF_ERROR(t.sendFeature(authReport(1, 0)));
    EMU_RETURN_IF_ERROR(readStep(t, 2).status());
    EMU_RETURN_IF_ERROR(t.sendFeature(authReport(3, authResponse(readLe(challenge, 2, 8)))));
    EMU_ASSIGN_OR_RETURN(std::vector<std::uint8_t> status, readStep(t, 4));
    const std::int64_t timeoutS = static_cast<std::int64_t>(readLe(status, 2, 2));
    if (timeoutS == 0) {
        return makeError(ErrorCode::CorruptData,
                         t.describe() + ": Speed Editor refused the authentication");
    }
    // Renew with a margin: at 80% of the stated time, so a busy machine is never late.
    m_renewAtNs = nowNs + timeoutS * 800'000'000LL;
    ++m_authentications;
    return Status::ok();
}

Status SpeedEditor::upkeep(Transport& t, std::int64_t nowNs) {
    if (m_renewAtNs != 0 && nowNs >= m_renewAtNs) return start(t, nowNs);
    return Status::ok();
}

void SpeedEditor::decode(std::span<const std::uint8_t> r, std::int64_t timeNs,
                         std::vector<SurfaceEvent>& events) {
    const std::size_t before = events.size();
    if (r.empty()) {
        ++m_stats.malformed;
        return;
    }
    if (r[0] == 3 && r.size() >= 7) {
        // Jog: mode, signed 32-bit value; modes 1 and 3 report a position, 0 and 2 a change.
        const std::uint8_t mode = r[1];
        const auto value = static_cast<std::int32_t>(readLe(r, 2, 4));
        // In 64 bits: two positions far apart (a corrupt report) must not overflow.
        std::int64_t delta = value;
        if (mode == 1 || mode == 3) {
            delta = m_haveJogAbsolute ? std::int64_t{value} - m_lastJogAbsolute : 0;
            m_haveJogAbsolute = true;
            m_lastJogAbsolute = value;
        } else if (mode != 0 && mode != 2) {
            ++m_stats.malformed;
            return;
        }
        if (delta != 0) {
            SurfaceEvent e;
            e.control = {ControlKind::Jog, 1};
            e.dx = static_cast<float>(delta);
            e.timeNs = timeNs;
            events.push_back(e);
        }
    } else if (r[0] == 4 && r.size() >= 13) {
        std::vector<std::uint16_t> held;
        for (int i = 0; i < 6; ++i) {
            const auto key = static_cast<std::uint16_t>(readLe(r, 1 + 2 * i, 2));
            if (key == 0) continue;
            if (key > m_layout.buttons) {
                ++m_stats.malformed;
                return;
            }
            held.push_back(key);
        }
        // The report lists the keys held now: compare with the last to find changes.
        for (std::uint16_t k : m_held) {
            if (std::find(held.begin(), held.end(), k) == held.end()) {
                events.push_back({{ControlKind::Button, k}, 0, 0, false, 0, timeNs});
            }
        }
        for (std::uint16_t k : held) {
            if (std::find(m_held.begin(), m_held.end(), k) == m_held.end()) {
                events.push_back({{ControlKind::Button, k}, 0, 0, true, 0, timeNs});
            }
        }
        m_held = std::move(held);
    } else if (r[0] == 7 && r.size() >= 3) {
        // Battery: charging flag and level; nothing for the grade.
    } else {
        ++m_stats.malformed;
        return;
    }
    ++m_stats.reports;
    m_stats.events += events.size() - before;
}

Status SpeedEditor::setLeds(Transport& t, std::uint32_t mask) {
    const std::uint8_t r[5] = {
        2, static_cast<std::uint8_t>(mask), static_cast<std::uint8_t>(mask >> 8),
        static_cast<std::uint8_t>(mask >> 16), static_cast<std::uint8_t>(mask >> 24)};
    return t.write(r);
}

Status SpeedEditor::setJogLeds(Transport& t, std::uint8_t mask) {
    const std::uint8_t r[2] = {4, mask};
    return t.write(r);
}

}  // namespace emu::panels
