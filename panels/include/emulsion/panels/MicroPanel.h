#pragma once

#include "emulsion/panels/Driver.h"

namespace emu::panels {

// Blackmagic DaVinci Resolve Micro Panel (USB 1edb:da0f): three trackballs with rings, twelve
// knobs, buttons, backlight. What is public about it is its identity and its controls, and
// that its input arrives as HID reports on the panel's HID interface; the bit layout of those
// reports is not publicly described. This driver therefore presents the panel's surface (so
// mappings and `panels list` know it) and counts its reports as undecoded rather than
// guessing at them; docs/PANELS.md lists what is missing.
class MicroPanel : public Driver {
public:
    static constexpr std::uint16_t kVendorId = 0x1edb;
    static constexpr std::uint16_t kProductId = 0xda0f;

    MicroPanel();

    const SurfaceLayout& layout() const override { return m_layout; }
    void decode(std::span<const std::uint8_t> report, std::int64_t timeNs,
                std::vector<SurfaceEvent>& events) override;

private:
    SurfaceLayout m_layout;
};

}  // namespace emu::panels
