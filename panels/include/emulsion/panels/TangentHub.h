#pragma once

#include <cstdint>
#include <string>

#include "emulsion/panels/Driver.h"

namespace emu::panels {

// Tangent panels through the Tangent Hub, Emulsion as its client (TIPC over TCP,
// localhost:64246). Every message is a 32-bit big-endian byte count followed by that many
// bytes holding one or more commands: a 32-bit big-endian command id and its fields
// (integers and floats big-endian, strings as a count then bytes).
// Emulsion's controls file gives Tangent parameter ids (kind << 8 | number) for ball axes,
// rings and knobs, and action ids (0x500 | number) for buttons; docs/PANELS.md lists them.
class TangentHub : public Driver {
public:
    static constexpr std::uint16_t kPort = 64246;

    // Hub -> application
    static constexpr std::uint32_t kInitiateComms = 0x01;
    static constexpr std::uint32_t kParameterChange = 0x02;
    static constexpr std::uint32_t kParameterReset = 0x03;
    static constexpr std::uint32_t kParameterValueRequest = 0x04;
    static constexpr std::uint32_t kMenuChange = 0x05;
    static constexpr std::uint32_t kMenuReset = 0x06;
    static constexpr std::uint32_t kMenuStringRequest = 0x07;
    static constexpr std::uint32_t kActionOn = 0x08;
    static constexpr std::uint32_t kModeChange = 0x09;
    static constexpr std::uint32_t kTransport = 0x0a;
    static constexpr std::uint32_t kActionOff = 0x0b;
    static constexpr std::uint32_t kPanelConnectionState = 0x35;
    // Application -> hub
    static constexpr std::uint32_t kApplicationDefinition = 0x81;
    static constexpr std::uint32_t kParameterValue = 0x82;

    // Parameter ids of Emulsion's Tangent controls.
    static constexpr std::uint32_t kBallX = 1, kBallY = 2, kRing = 3, kKnob = 4;
    static constexpr std::uint32_t kButtonBase = 0x500;
    static std::uint32_t parameterId(std::uint32_t kind, int number) {
        return (kind << 8) | static_cast<std::uint32_t>(number);
    }

    // `systemDir`: where the controls and default map XML files are, as the hub asks.
    TangentHub(std::string appName, std::string systemDir);

    const SurfaceLayout& layout() const override { return m_layout; }
    void decode(std::span<const std::uint8_t> bytes, std::int64_t timeNs,
                std::vector<SurfaceEvent>& events) override;

    // Frames one message (the count prefix added).
    static std::vector<std::uint8_t> frame(std::span<const std::uint8_t> body);
    std::vector<std::uint8_t> applicationDefinition() const;

    int protocolRevision() const { return m_protocolRev; }
    int panelCount() const { return m_panels; }

private:
    void messageBody(std::span<const std::uint8_t> body, std::int64_t timeNs,
                     std::vector<SurfaceEvent>& events);

    SurfaceLayout m_layout;
    std::string m_appName;
    std::string m_systemDir;
    std::vector<std::uint8_t> m_buffer;
    int m_protocolRev = 0;
    int m_panels = 0;
};

}  // namespace emu::panels
