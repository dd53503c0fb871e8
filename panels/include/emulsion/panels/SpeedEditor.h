#pragma once

#include <cstdint>

#include "emulsion/panels/Driver.h"

namespace emu::panels {

// Blackmagic DaVinci Resolve Speed Editor (USB HID 1edb:da0e), from its published
// description (docs/PANELS.md): an authentication over feature report 6 before it reports,
// renewed before the timeout the device states; input report 3 = jog, 4 = keys held,
// 7 = battery; output report 2 = key LEDs, 4 = jog-mode LEDs, 3 = jog mode.
class SpeedEditor : public Driver {
public:
    static constexpr std::uint16_t kVendorId = 0x1edb;
    static constexpr std::uint16_t kProductId = 0xda0e;

    SpeedEditor();

    const SurfaceLayout& layout() const override { return m_layout; }
    // The handshake: reset, read the device's challenge, send ours, read its answer, send the
    // response to its challenge, read the status holding the renewal timeout [s].
    Status start(Transport& transport, std::int64_t nowNs) override;
    // Repeats the handshake before the device's timeout runs out.
    Status upkeep(Transport& transport, std::int64_t nowNs) override;
    void decode(std::span<const std::uint8_t> report, std::int64_t timeNs,
                std::vector<SurfaceEvent>& events) override;

    // Key LEDs (bit per LED, see docs/PANELS.md) and jog LEDs (bit 0 jog, 1 shuttle, 2 scroll).
    static Status setLeds(Transport& transport, std::uint32_t mask);
    static Status setJogLeds(Transport& transport, std::uint8_t mask);

    // The response the device expects to its 64-bit challenge.
    static std::uint64_t authResponse(std::uint64_t challenge);

    std::int64_t renewAtNs() const { return m_renewAtNs; }
    int authentications() const { return m_authentications; }

private:
    SurfaceLayout m_layout;
    std::vector<std::uint16_t> m_held;  // keys held in the last key report
    std::int64_t m_renewAtNs = 0;
    int m_authentications = 0;
    bool m_haveJogAbsolute = false;
    std::int32_t m_lastJogAbsolute = 0;
};

}  // namespace emu::panels
