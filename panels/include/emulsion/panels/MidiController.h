#pragma once

#include <cstdint>
#include <string>

#include "emulsion/panels/Driver.h"

namespace emu::panels {

// How a controller sends a relative encoder's turn in a control change's 7-bit value.
enum class RelativeEncoding {
    TwosComplement,  // 1..63 up, 127..65 down (-1..-63)
    SignedBit,       // bit 6 is the sign: 1..63 up, 65..127 down (65 = -1)
    BinaryOffset,    // 64 is no change: 65.. up, 63.. down
};

const char* toString(RelativeEncoding encoding);
bool parseRelativeEncoding(const std::string& text, RelativeEncoding& encoding);
// The signed change a value means in an encoding.
int relativeValue(std::uint8_t value, RelativeEncoding encoding);

// A generic MIDI controller: control changes 1.. on any channel are knobs 1.. (relative, in
// the chosen encoding); notes are buttons (note number + 1), note-on with velocity 0 a
// release. Decodes a MIDI byte stream (running status, real-time bytes and system-exclusive
// messages skipped), so the same code serves ALSA and tests.
class MidiController : public Driver {
public:
    explicit MidiController(RelativeEncoding encoding);

    const SurfaceLayout& layout() const override { return m_layout; }
    void decode(std::span<const std::uint8_t> bytes, std::int64_t timeNs,
                std::vector<SurfaceEvent>& events) override;

private:
    void message(std::int64_t timeNs, std::vector<SurfaceEvent>& events);

    SurfaceLayout m_layout;
    RelativeEncoding m_encoding;
    std::uint8_t m_status = 0;  // running status
    std::uint8_t m_data[2] = {0, 0};
    int m_have = 0;
    bool m_inSysex = false;
};

}  // namespace emu::panels
