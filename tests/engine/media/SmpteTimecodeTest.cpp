#include <OpenEXR/ImfTimeCode.h>
#include <gtest/gtest.h>

#include "emulsion/media/SmpteTimecode.h"

namespace emu::media {
namespace {

// OpenEXR's TimeCode packs the same SMPTE 12M word (its TV60 packing): an independent
// implementation to check ours against.
Imf::TimeCode reference(const SmpteTimecode& tc) {
    Imf::TimeCode out(tc.hours, tc.minutes, tc.seconds, tc.frame, tc.dropFrame, tc.colorFrame,
                      tc.fieldPhase, tc.binaryGroupFlags & 1, tc.binaryGroupFlags & 2,
                      tc.binaryGroupFlags & 4);
    out.setUserData(tc.userData);
    return out;
}

TEST(SmpteTimecode, PackedWordMatchesOpenExr) {
    int checked = 0;
    for (int h : {0, 1, 9, 10, 19, 23}) {
        for (int m : {0, 7, 59}) {
            for (int f : {0, 9, 10, 29}) {
                for (unsigned flags = 0; flags < 64; flags += 5) {
                    SmpteTimecode tc;
                    tc.hours = h;
                    tc.minutes = m;
                    tc.seconds = (h + m) % 60;
                    tc.frame = f;
                    tc.dropFrame = flags & 1;
                    tc.colorFrame = flags & 2;
                    tc.fieldPhase = flags & 4;
                    tc.binaryGroupFlags = std::uint8_t(flags >> 3);
                    tc.userData = 0x9e3779b9u * flags;
                    const std::uint32_t word = tc.packedTime();
                    ASSERT_EQ(word, reference(tc).timeAndFlags(Imf::TimeCode::TV60_PACKING))
                        << tc.toString() << " flags " << flags;
                    EXPECT_EQ(SmpteTimecode::fromPacked(word, tc.userData), tc);
                    ++checked;
                }
            }
        }
    }
    EXPECT_GT(checked, 500);
}

TEST(SmpteTimecode, KnownWord) {
    const auto tc = SmpteTimecode::parse("01:02:03;04");
    ASSERT_TRUE(tc.has_value());
    EXPECT_EQ(tc->packedTime(), 0x01020344u);  // BCD digits, drop-frame bit 6
}

TEST(SmpteTimecode, DamagedWordsAreRefused) {
    EXPECT_FALSE(SmpteTimecode::fromPacked(0xFFFFFFFFu, 0).has_value());  // DPX "undefined"
    EXPECT_FALSE(SmpteTimecode::fromPacked(0x0000000Au, 0).has_value());  // frame units 10
    EXPECT_FALSE(SmpteTimecode::fromPacked(0x24000000u, 0).has_value());  // hour 24
    EXPECT_FALSE(SmpteTimecode::fromPacked(0x00006000u, 0).has_value());  // second 60
    EXPECT_TRUE(SmpteTimecode::fromPacked(0x23595929u, 0).has_value());
}

TEST(SmpteTimecode, TextRoundTrips) {
    auto tc = SmpteTimecode::parse("10:00:00;02");
    ASSERT_TRUE(tc.has_value());
    EXPECT_TRUE(tc->dropFrame);
    EXPECT_EQ(tc->toString(), "10:00:00;02");
    EXPECT_FALSE(SmpteTimecode::parse("24:00:00:00").has_value());
    EXPECT_FALSE(SmpteTimecode::parse("00:00:00:30").has_value());
}

}  // namespace
}  // namespace emu::media
