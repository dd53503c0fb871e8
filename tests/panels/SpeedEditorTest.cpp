// Speed Editor reports and handshake, built byte by byte from the layouts in docs/PANELS.md.
#include <gtest/gtest.h>

#include "FakeTransport.h"
#include "emulsion/panels/SpeedEditor.h"

namespace emu::panels {
namespace {

using test::FakeTransport;

std::vector<std::uint8_t> le64(std::uint8_t id, std::uint8_t step, std::uint64_t v) {
    std::vector<std::uint8_t> r{id, step};
    for (int i = 0; i < 8; ++i) r.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    return r;
}

// Challenge/response pairs of the published algorithm, computed with a separate
// implementation written from its description (one per rotation count that differs).
TEST(SpeedEditor, AuthResponseMatchesPublishedAlgorithm) {
    EXPECT_EQ(SpeedEditor::authResponse(0x0000000000000000), 0x3ae1206f97c10bc8u);
    EXPECT_EQ(SpeedEditor::authResponse(0x123456789abcdef0), 0x88c756430defede8u);
    EXPECT_EQ(SpeedEditor::authResponse(0x0123456789abcdef), 0xe5c7b689e9967608u);
    EXPECT_EQ(SpeedEditor::authResponse(0xfedcba9876543211), 0x19740d45f31462a4u);
    EXPECT_EQ(SpeedEditor::authResponse(0x5a5a5a5a5a5a5a5b), 0x6df72f1940aef698u);
    EXPECT_EQ(SpeedEditor::authResponse(0xdeadbeefcafef00d), 0x6a04b6fcff2b4b21u);
}

// A scripted Speed Editor: answers feature report 6 as the device does, and accepts only
// the right response to its challenge.
struct ScriptedSpeedEditor {
    FakeTransport transport;
    std::uint64_t challenge = 0xdeadbeefcafef00d;
    std::uint64_t expected = 0x6a04b6fcff2b4b21;
    std::uint16_t timeoutS = 600;
    int step = -1;
    bool accepted = false;
    int resets = 0;

    ScriptedSpeedEditor() {
        transport.onFeature = [this](std::span<const std::uint8_t> r) -> Status {
            if (r.size() != 10 || r[0] != 6) return makeError(ErrorCode::IoError, "bad report");
            if (r[1] == 0) {
                step = 0;
                ++resets;
            } else if (r[1] == 1 && step == 0) {
                step = 2;
            } else if (r[1] == 3 && step == 2) {
                std::uint64_t v = 0;
                for (int i = 7; i >= 0; --i) v = (v << 8) | r[2 + i];
                accepted = v == expected;
                step = 4;
            } else {
                return makeError(ErrorCode::IoError, "out of order");
            }
            return Status::ok();
        };
        transport.featureScript = [this](std::uint8_t id) -> Result<std::vector<std::uint8_t>> {
            if (id != 6) return makeError(ErrorCode::IoError, "no such feature report");
            if (step == 0) return le64(6, 0, challenge);
            if (step == 2) return le64(6, 2, 0x1122334455667788);
            if (step == 4) return le64(6, 4, accepted ? timeoutS : 0);
            return makeError(ErrorCode::IoError, "not started");
        };
    }
};

TEST(SpeedEditor, HandshakeAgainstScriptedDevice) {
    ScriptedSpeedEditor device;
    SpeedEditor driver;
    const std::int64_t t0 = 1'000'000'000;
    ASSERT_TRUE(driver.start(device.transport, t0).isOk());
    EXPECT_TRUE(device.accepted);
    EXPECT_EQ(driver.authentications(), 1);
    // Step 1 sends our own (zero) challenge.
    ASSERT_EQ(device.transport.features.size(), 3u);
    EXPECT_EQ(device.transport.features[1], le64(6, 1, 0));
    // Renewal is due before the stated 600 s run out, and not before.
    EXPECT_GT(driver.renewAtNs(), t0);
    EXPECT_LT(driver.renewAtNs(), t0 + 600'000'000'000LL);
    ASSERT_TRUE(driver.upkeep(device.transport, t0 + 1'000'000'000).isOk());
    EXPECT_EQ(device.resets, 1);
    device.challenge = 0x0123456789abcdef;
    device.expected = 0xe5c7b689e9967608;
    ASSERT_TRUE(driver.upkeep(device.transport, t0 + 599'000'000'000LL).isOk());
    EXPECT_EQ(device.resets, 2);
    EXPECT_TRUE(device.accepted);
    EXPECT_EQ(driver.authentications(), 2);
}

TEST(SpeedEditor, RefusedHandshakeFails) {
    ScriptedSpeedEditor device;
    device.expected = 1;  // the device wants something else: status timeout 0
    SpeedEditor driver;
    const Status s = driver.start(device.transport, 0);
    EXPECT_FALSE(s.isOk());
    EXPECT_NE(s.message().find("refused"), std::string::npos) << s.message();
}

TEST(SpeedEditor, KeyReportGivesPressAndRelease) {
    SpeedEditor driver;
    std::vector<SurfaceEvent> ev;
    // Report 4: six little-endian 16-bit key codes held; CAM1 (0x33) and STOP/PLAY (0x3c).
    driver.decode(std::vector<std::uint8_t>{0x04, 0x33, 0x00, 0x3c, 0x00, 0, 0, 0, 0, 0, 0, 0, 0},
                  5, ev);
    ASSERT_EQ(ev.size(), 2u);
    EXPECT_EQ(ev[0].control, (ControlId{ControlKind::Button, 0x33}));
    EXPECT_TRUE(ev[0].pressed);
    EXPECT_EQ(ev[1].control.index, 0x3c);
    ev.clear();
    // CAM1 released, STOP/PLAY still held.
    driver.decode(std::vector<std::uint8_t>{0x04, 0x3c, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 6, ev);
    ASSERT_EQ(ev.size(), 1u);
    EXPECT_EQ(ev[0].control.index, 0x33);
    EXPECT_FALSE(ev[0].pressed);
    EXPECT_EQ(driver.stats().malformed, 0u);
}

TEST(SpeedEditor, JogReportRelativeAndAbsolute) {
    SpeedEditor driver;
    std::vector<SurfaceEvent> ev;
    // Report 3: mode, signed little-endian 32-bit value, one unknown byte. Mode 0: relative.
    driver.decode(std::vector<std::uint8_t>{0x03, 0x00, 0xfb, 0xff, 0xff, 0xff, 0x00}, 1, ev);
    ASSERT_EQ(ev.size(), 1u);
    EXPECT_EQ(ev[0].control, (ControlId{ControlKind::Jog, 1}));
    EXPECT_EQ(ev[0].dx, -5.0f);
    ev.clear();
    // Mode 1 reports a position: the first (16) is a reference, the next (316) a change.
    driver.decode(std::vector<std::uint8_t>{0x03, 0x01, 0x10, 0x00, 0x00, 0x00, 0x00}, 2, ev);
    driver.decode(std::vector<std::uint8_t>{0x03, 0x01, 0x3c, 0x01, 0x00, 0x00, 0x00}, 3, ev);
    ASSERT_EQ(ev.size(), 1u);
    EXPECT_EQ(ev[0].dx, 300.0f);  // 0x013c - 0x10
}

TEST(SpeedEditor, FarApartJogPositionsDoNotOverflow) {
    SpeedEditor driver;
    std::vector<SurfaceEvent> ev;
    // Positions INT32_MAX then INT32_MIN: a change of -(2^32 - 1), beyond 32 bits.
    driver.decode(std::vector<std::uint8_t>{0x03, 0x01, 0xff, 0xff, 0xff, 0x7f, 0x00}, 1, ev);
    driver.decode(std::vector<std::uint8_t>{0x03, 0x01, 0x00, 0x00, 0x00, 0x80, 0x00}, 2, ev);
    ASSERT_EQ(ev.size(), 1u);
    EXPECT_EQ(ev[0].dx, -4294967295.0f);
}

TEST(SpeedEditor, LedReportsLayout) {
    FakeTransport t;
    ASSERT_TRUE(SpeedEditor::setLeds(t, (1u << 14) | (1u << 17)).isOk());  // CAM1, AUDIO ONLY
    ASSERT_TRUE(SpeedEditor::setJogLeds(t, 0x01).isOk());
    ASSERT_EQ(t.writes.size(), 2u);
    EXPECT_EQ(t.writes[0], (std::vector<std::uint8_t>{0x02, 0x00, 0x40, 0x02, 0x00}));
    EXPECT_EQ(t.writes[1], (std::vector<std::uint8_t>{0x04, 0x01}));
}

TEST(SpeedEditor, MalformedReportsCountedAndIgnored) {
    SpeedEditor driver;
    std::vector<SurfaceEvent> ev;
    driver.decode(std::vector<std::uint8_t>{}, 0, ev);
    driver.decode(std::vector<std::uint8_t>{0x04, 0x33}, 0, ev);                 // cut short
    driver.decode(std::vector<std::uint8_t>{0x03, 0x00, 0x01}, 0, ev);           // cut short
    driver.decode(std::vector<std::uint8_t>{0x09, 0, 0, 0, 0, 0, 0}, 0, ev);     // unknown id
    driver.decode(std::vector<std::uint8_t>{0x03, 0x07, 1, 0, 0, 0, 0}, 0, ev);  // bad mode
    EXPECT_TRUE(ev.empty());
    EXPECT_EQ(driver.stats().malformed, 5u);
    EXPECT_EQ(driver.stats().reports, 0u);
}

}  // namespace
}  // namespace emu::panels
