// Relative encoder encodings and the MIDI byte stream (MIDI 1.0: status bytes with the top
// bit set, running status, real-time bytes anywhere, system exclusive F0..F7).
#include <gtest/gtest.h>

#include "emulsion/panels/MidiController.h"

namespace emu::panels {
namespace {

TEST(MidiController, RelativeEncodings) {
    struct Case {
        std::uint8_t value;
        int twos, signedBit, offset;
    };
    // Values by the definitions: two's complement of 7 bits; sign in bit 6 with magnitude in
    // bits 0..5; binary offset around 64.
    const Case cases[] = {{1, 1, 1, -63},   {5, 5, 5, -59},   {63, 63, 63, -1},   {64, -64, 0, 0},
                          {65, -63, -1, 1}, {70, -58, -6, 6}, {127, -1, -63, 63}, {0, 0, 0, -64}};
    for (const Case& c : cases) {
        EXPECT_EQ(relativeValue(c.value, RelativeEncoding::TwosComplement), c.twos) << int(c.value);
        EXPECT_EQ(relativeValue(c.value, RelativeEncoding::SignedBit), c.signedBit) << int(c.value);
        EXPECT_EQ(relativeValue(c.value, RelativeEncoding::BinaryOffset), c.offset) << int(c.value);
    }
}

TEST(MidiController, StreamWithRunningStatusSysexAndRealTime) {
    MidiController midi(RelativeEncoding::TwosComplement);
    std::vector<SurfaceEvent> ev;
    const std::vector<std::uint8_t> bytes = {
        0xb0, 0x02, 0x03,        // CC 2 = +3 -> knob 3
        0x02, 0x7e,              // running status: CC 2 = -2
        0xf8,                    // timing clock in between
        0xf0, 0x7e, 0x01, 0xf7,  // a system-exclusive message
        0x91, 0x24, 0x40,        // note on 36, channel 2 -> button 37 pressed
        0x81, 0x24, 0x00,        // note off -> released
        0xb0, 0x05,              // cut short by the next status
        0x90, 0x24, 0x00,        // note on with velocity 0 = release
    };
    midi.decode(bytes, 7, ev);
    ASSERT_EQ(ev.size(), 5u);
    EXPECT_EQ(ev[0].control, (ControlId{ControlKind::Knob, 3}));
    EXPECT_EQ(ev[0].dx, 3.0f);
    EXPECT_EQ(ev[1].dx, -2.0f);
    EXPECT_EQ(ev[2].control, (ControlId{ControlKind::Button, 37}));
    EXPECT_TRUE(ev[2].pressed);
    EXPECT_FALSE(ev[3].pressed);
    EXPECT_FALSE(ev[4].pressed);
    EXPECT_EQ(midi.stats().malformed, 1u);
}

TEST(MidiController, BinaryOffsetDecoding) {
    MidiController midi(RelativeEncoding::BinaryOffset);
    std::vector<SurfaceEvent> ev;
    midi.decode(std::vector<std::uint8_t>{0xb3, 0x00, 0x3d, 0x00, 0x40, 0x00, 0x42}, 0, ev);
    ASSERT_EQ(ev.size(), 2u);  // 0x40 is no change
    EXPECT_EQ(ev[0].dx, -3.0f);
    EXPECT_EQ(ev[1].dx, 2.0f);
    EXPECT_EQ(ev[0].control.index, 1);
}

}  // namespace
}  // namespace emu::panels
