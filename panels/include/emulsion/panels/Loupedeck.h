#pragma once

#include <cstdint>
#include <string>

#include "emulsion/panels/Driver.h"

namespace emu::panels {

// Loupedeck CT and Live (USB 2ec2:0003 / 2ec2:0004): a serial port over USB that speaks
// WebSocket after an HTTP upgrade; each binary frame carries one message of
// [length][command][transaction][data...]. Knob turns and button presses are decoded;
// touches are read and ignored. Layouts in docs/PANELS.md.
class Loupedeck : public Driver {
public:
    static constexpr std::uint16_t kVendorId = 0x2ec2;
    static constexpr std::uint16_t kProductIdCt = 0x0003;
    static constexpr std::uint16_t kProductIdLive = 0x0004;

    explicit Loupedeck(bool ct);

    const SurfaceLayout& layout() const override { return m_layout; }
    // Sends the upgrade request and waits for "101 Switching Protocols".
    Status start(Transport& transport, std::int64_t nowNs) override;
    // Stream bytes as they arrive: frames may be split or joined across calls.
    void decode(std::span<const std::uint8_t> bytes, std::int64_t timeNs,
                std::vector<SurfaceEvent>& events) override;

    // A client-to-device frame (binary, masked as WebSocket requires of a client).
    static std::vector<std::uint8_t> clientFrame(std::span<const std::uint8_t> payload,
                                                 std::uint32_t mask);
    // Sets a button's colour (message 0x07 0x02).
    Status setButtonColour(Transport& transport, std::uint8_t button, std::uint8_t r,
                           std::uint8_t g, std::uint8_t b);

    static const char* upgradeRequest();

private:
    void message(std::span<const std::uint8_t> m, std::int64_t timeNs,
                 std::vector<SurfaceEvent>& events);

    SurfaceLayout m_layout;
    std::vector<std::uint8_t> m_buffer;  // bytes of an incomplete frame
    std::uint8_t m_transaction = 1;
};

}  // namespace emu::panels
