#include "emulsion/panels/MidiController.h"

namespace emu::panels {

const char* toString(RelativeEncoding e) {
    switch (e) {
        case RelativeEncoding::TwosComplement:
            return "twos-complement";
        case RelativeEncoding::SignedBit:
            return "signed-bit";
        case RelativeEncoding::BinaryOffset:
            return "binary-offset";
    }
    return "?";
}

bool parseRelativeEncoding(const std::string& text, RelativeEncoding& e) {
    for (RelativeEncoding c : {RelativeEncoding::TwosComplement, RelativeEncoding::SignedBit,
                               RelativeEncoding::BinaryOffset}) {
        if (text == toString(c)) {
            e = c;
            return true;
        }
    }
    return false;
}

int relativeValue(std::uint8_t v, RelativeEncoding e) {
    v &= 0x7f;
    switch (e) {
        case RelativeEncoding::TwosComplement:
            return v < 64 ? v : v - 128;
        case RelativeEncoding::SignedBit:
            return (v & 0x40) ? -(v & 0x3f) : (v & 0x3f);
        case RelativeEncoding::BinaryOffset:
            return v - 64;
    }
    return 0;
}

MidiController::MidiController(RelativeEncoding encoding) : m_encoding(encoding) {
    m_layout.model = std::string("MIDI controller (") + toString(encoding) + " encoders)";
    m_layout.knobs = 128;
    m_layout.buttons = 128;
}

void MidiController::decode(std::span<const std::uint8_t> bytes, std::int64_t timeNs,
                            std::vector<SurfaceEvent>& events) {
    for (std::uint8_t b : bytes) {
        if (b >= 0xf8) continue;  // real-time bytes may come anywhere
        if (m_inSysex) {
            if (b == 0xf7) {
                m_inSysex = false;
                continue;
            }
            if (!(b & 0x80)) continue;
            m_inSysex = false;  // any other status ends it too, and is read below
        }
        if (b & 0x80) {
            if (m_have != 0) ++m_stats.malformed;  // a message cut short
            m_have = 0;
            if (b == 0xf0) {
                m_inSysex = true;
                m_status = 0;
            } else if (b >= 0xf0) {
                m_status = 0;  // system common: not ours; its data bytes are skipped
            } else {
                m_status = b;
            }
            continue;
        }
        if (m_status == 0) {
            ++m_stats.malformed;  // data with no status to belong to
            continue;
        }
        m_data[m_have++] = b;
        const std::uint8_t type = m_status & 0xf0;
        const int need = (type == 0xc0 || type == 0xd0) ? 1 : 2;
        if (m_have == need) {
            message(timeNs, events);
            m_have = 0;
        }
    }
}

void MidiController::message(std::int64_t timeNs, std::vector<SurfaceEvent>& events) {
    ++m_stats.reports;
    const std::uint8_t type = m_status & 0xf0;
    SurfaceEvent e;
    e.timeNs = timeNs;
    if (type == 0xb0) {
        const int delta = relativeValue(m_data[1], m_encoding);
        if (delta == 0) return;
        e.control = {ControlKind::Knob, m_data[0] + 1};
        e.dx = static_cast<float>(delta);
    } else if (type == 0x90 || type == 0x80) {
        e.control = {ControlKind::Button, m_data[0] + 1};
        e.pressed = type == 0x90 && m_data[1] != 0;
    } else {
        ++m_stats.undecoded;
        return;
    }
    events.push_back(e);
    ++m_stats.events;
}

}  // namespace emu::panels
