// Loupedeck WebSocket framing and messages, bytes written from docs/PANELS.md.
#include <gtest/gtest.h>

#include <string>

#include "FakeTransport.h"
#include "emulsion/panels/Loupedeck.h"

namespace emu::panels {
namespace {

using Bytes = std::vector<std::uint8_t>;

TEST(Loupedeck, KnobAndButtonFrames) {
    Loupedeck deck(false);
    std::vector<SurfaceEvent> ev;
    // Frame: 0x82 (final, binary), unmasked length 5, message [5][0x01 rotate][tx][knob][delta]
    const Bytes rotate = {0x82, 0x05, 0x05, 0x01, 0x07, 0x03, 0xfe};
    // Button press then release: [5][0x00][tx][button][0 down / 1 up]
    const Bytes press = {0x82, 0x05, 0x05, 0x00, 0x08, 0x0a, 0x00};
    const Bytes release = {0x82, 0x05, 0x05, 0x00, 0x09, 0x0a, 0x01};
    Bytes all = rotate;
    all.insert(all.end(), press.begin(), press.end());
    all.insert(all.end(), release.begin(), release.end());
    deck.decode(all, 1, ev);
    ASSERT_EQ(ev.size(), 3u);
    EXPECT_EQ(ev[0].control, (ControlId{ControlKind::Knob, 3}));
    EXPECT_EQ(ev[0].dx, -2.0f);
    EXPECT_EQ(ev[1].control, (ControlId{ControlKind::Button, 10}));
    EXPECT_TRUE(ev[1].pressed);
    EXPECT_FALSE(ev[2].pressed);
    EXPECT_EQ(deck.stats().malformed, 0u);
}

TEST(Loupedeck, FramesSplitAcrossReadsAreJoined) {
    Loupedeck deck(true);
    std::vector<SurfaceEvent> ev;
    const Bytes frame = {0x82, 0x05, 0x05, 0x01, 0x01, 0x02, 0x04};
    for (std::uint8_t b : frame) deck.decode(Bytes{b}, 1, ev);
    ASSERT_EQ(ev.size(), 1u);
    EXPECT_EQ(ev[0].control, (ControlId{ControlKind::Knob, 2}));
    EXPECT_EQ(ev[0].dx, 4.0f);
}

TEST(Loupedeck, MaskedFrameAndTouchIgnored) {
    Loupedeck deck(false);
    std::vector<SurfaceEvent> ev;
    // A masked frame (mask 01 02 03 04) holding the rotate message 05 01 07 03 01.
    const Bytes masked = {0x82,        0x85,        0x01,        0x02,        0x03,       0x04,
                          0x05 ^ 0x01, 0x01 ^ 0x02, 0x07 ^ 0x03, 0x03 ^ 0x04, 0x01 ^ 0x01};
    // A touch message (0x4d): read, no event.
    const Bytes touch = {0x82, 0x09, 0x09, 0x4d, 0x00, 0x00, 0x01, 0x00, 0x20, 0x00, 0x05};
    Bytes all = masked;
    all.insert(all.end(), touch.begin(), touch.end());
    deck.decode(all, 1, ev);
    ASSERT_EQ(ev.size(), 1u);
    EXPECT_EQ(ev[0].dx, 1.0f);
    EXPECT_EQ(deck.stats().reports, 2u);
}

TEST(Loupedeck, ClientFramesAreMasked) {
    const Bytes payload = {0x07, 0x02, 0x01, 0x07, 0xff, 0x00, 0x00};
    const Bytes f = Loupedeck::clientFrame(payload, 0x11223344);
    ASSERT_EQ(f.size(), 2u + 4u + payload.size());
    EXPECT_EQ(f[0], 0x82);
    EXPECT_EQ(f[1], 0x80 | 7);
    EXPECT_EQ(f[2], 0x11);
    EXPECT_EQ(f[5], 0x44);
    for (std::size_t i = 0; i < payload.size(); ++i) {
        EXPECT_EQ(f[6 + i] ^ f[2 + (i % 4)], payload[i]);
    }
}

TEST(Loupedeck, UpgradeHandshake) {
    test::FakeTransport t;
    const std::string answer =
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
    Bytes a(answer.begin(), answer.end());
    a.insert(a.end(), {0x82, 0x05, 0x05, 0x01, 0x07, 0x01, 0x01});  // a frame right behind
    t.push(a);
    Loupedeck deck(false);
    ASSERT_TRUE(deck.start(t, 0).isOk());
    ASSERT_EQ(t.writes.size(), 1u);
    const std::string request(t.writes[0].begin(), t.writes[0].end());
    EXPECT_EQ(request.rfind("GET ", 0), 0u);
    EXPECT_NE(request.find("Upgrade: websocket"), std::string::npos);
    EXPECT_EQ(deck.stats().reports, 1u);

    test::FakeTransport refused;
    const std::string no = "HTTP/1.1 400 Bad Request\r\n\r\n";
    refused.push(Bytes(no.begin(), no.end()));
    Loupedeck other(false);
    EXPECT_FALSE(other.start(refused, 0).isOk());
}

TEST(Loupedeck, GarbageIsCountedAndTheStreamRecovers) {
    Loupedeck deck(false);
    std::vector<SurfaceEvent> ev;
    const Bytes junk = {0x00, 0x13, 0x37, 0x82, 0x03, 0x09, 0x00, 0x00};  // bad length inside
    const Bytes good = {0x82, 0x05, 0x05, 0x01, 0x07, 0x02, 0x01};
    Bytes all = junk;
    all.insert(all.end(), good.begin(), good.end());
    deck.decode(all, 1, ev);
    ASSERT_EQ(ev.size(), 1u);
    EXPECT_EQ(ev[0].control.index, 2);
    EXPECT_GE(deck.stats().malformed, 2u);
}

}  // namespace
}  // namespace emu::panels
