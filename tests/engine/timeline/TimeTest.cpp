#include "emulsion/timeline/Time.h"

#include <gtest/gtest.h>

namespace emu::timeline {
namespace {

const Rate k2997{30000, 1001};
const Rate k5994{60000, 1001};

std::string tc(Frames f, const Rate& r, bool drop) {
    auto t = framesToTimecode(f, r, drop);
    EXPECT_TRUE(t.isOk()) << t.status().message();
    return t.isOk() ? *t : "";
}

// Reference values of SMPTE 12M drop-frame counting.
TEST(Timecode, DropFrameReferenceValues) {
    EXPECT_EQ(tc(17982, k2997, true), "00:10:00;00");
    EXPECT_EQ(tc(1234567, k2997, true), "11:26:33;13");
    EXPECT_EQ(tc(1234567, k5994, true), "05:43:16;43");
    EXPECT_EQ(tc(1799, k2997, true), "00:00:59;29");
    EXPECT_EQ(tc(1800, k2997, true), "00:01:00;02");  // ;00 and ;01 are dropped
    EXPECT_EQ(tc(3600, k5994, true), "00:01:00;04");  // four dropped at 59.94
    EXPECT_EQ(*timecodeToFrames("00:10:00;00", k2997), 17982);
    EXPECT_EQ(*timecodeToFrames("11:26:33;13", k2997), 1234567);
    EXPECT_EQ(*timecodeToFrames("05:43:16;43", k5994), 1234567);
    EXPECT_EQ(*timecodeToFrames("00:01:00.02", k2997), 1800);
}

TEST(Timecode, NonDropCountsWholeSeconds) {
    EXPECT_EQ(tc(86400, Rate{24, 1}, false), "01:00:00:00");
    EXPECT_EQ(tc(86400, Rate{24000, 1001}, false), "01:00:00:00");  // 23.976 counts as 24
    EXPECT_EQ(tc(107892, k2997, false), "00:59:56:12");
    EXPECT_EQ(*timecodeToFrames("10:00:00:00", Rate{25, 1}), 900000);
}

TEST(Timecode, DropFrameOnlyAt2997And5994) {
    for (Rate r : {Rate{24000, 1001}, Rate{30, 1}, Rate{60, 1}, Rate{24, 1}, Rate{25, 1}}) {
        EXPECT_FALSE(framesToTimecode(100, r, true).isOk()) << toString(r);
        auto parsed = timecodeToFrames("01:00:00;00", r);
        EXPECT_FALSE(parsed.isOk()) << toString(r);
        EXPECT_NE(parsed.status().message().find("drop frame exists only"), std::string::npos);
    }
}

TEST(Timecode, MalformedAndOutOfRangeAreRefused) {
    for (const char* bad : {"", "1:2:3", "01:00:00:24", "01:60:00:00", "01:00:60:00", "aa:00:00:00",
                            "01:00:00:00:00", "01-00-00-00", "01:00:00;01x"}) {
        EXPECT_FALSE(timecodeToFrames(bad, Rate{24, 1}).isOk()) << bad;
    }
    EXPECT_FALSE(timecodeToFrames("00:01:00;00", k2997).isOk());  // a dropped number
    EXPECT_FALSE(timecodeToFrames("00:01:00;03", k5994).isOk());
    EXPECT_TRUE(timecodeToFrames("00:10:00;00", k2997).isOk());  // every tenth minute keeps it
    EXPECT_FALSE(framesToTimecode(-1, Rate{24, 1}, false).isOk());
}

// Every frame of 48 hours, for every rate (both countings where drop frame exists), goes to
// time code and back to itself, and consecutive frames give distinct, increasing time codes.
TEST(Timecode, EveryFrameOf48HoursRoundTrips) {
    const Rate rates[] = {{24000, 1001}, {24, 1}, {25, 1},       {30000, 1001}, {30, 1},
                          {48, 1},       {50, 1}, {60000, 1001}, {60, 1}};
    for (const Rate& r : rates) {
        for (bool drop : {false, true}) {
            if (drop && !r.allowsDropFrame()) continue;
            const Frames total = Frames(48) * 3600 * r.numerator / r.denominator;
            for (Frames f = 0; f < total; ++f) {
                auto text = framesToTimecode(f, r, drop);
                auto back = timecodeToFrames(*text, r);
                if (!back.isOk() || *back != f) {
                    FAIL() << toString(r) << (drop ? " DF" : " NDF") << " frame " << f << " -> "
                           << *text << " -> "
                           << (back.isOk() ? std::to_string(*back) : back.status().message());
                }
            }
        }
    }
}

TEST(Rate, ParsesTheWaysEditorsWriteIt) {
    EXPECT_EQ(*parseRate("23.976"), (Rate{24000, 1001}));
    EXPECT_EQ(*parseRate("29.97"), (Rate{30000, 1001}));
    EXPECT_EQ(*parseRate("24000/1001"), (Rate{24000, 1001}));
    EXPECT_EQ(*parseRate("25"), (Rate{25, 1}));
    EXPECT_FALSE(parseRate("0").isOk());
    EXPECT_FALSE(parseRate("24/0").isOk());
    EXPECT_FALSE(parseRate("fast").isOk());
    EXPECT_EQ(Rate({24000, 1001}).timecodeBase(), 24);
    EXPECT_EQ(Rate({60000, 1001}).timecodeBase(), 60);
}

}  // namespace
}  // namespace emu::timeline
