#include "emulsion/text/SrtFile.h"

#include <gtest/gtest.h>

#include <fstream>

#include "OcrSupport.h"
#include "TempDir.h"
#include "emulsion/text/SubtitleRenderer.h"

namespace emu::text {
namespace {

TEST(Srt, ParsesCrlfBomMarkupAndDotMilliseconds) {
    const std::string text =
        "\xEF\xBB\xBF"
        "1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Where were you</i>\r\nlast night?\r\n\r\n"
        "2\r\n00:00:02.500 --> 00:00:04,000 X1:10 X2:100\r\n<font color=\"#ffff00\">Out.</font>"
        "\r\n\r\n\r\n"
        "3\n01:02:03,004 --> 01:02:05,000\n\xC3\x89t\xC3\xA9\n";
    auto cues = parseSrt(text, "film.srt");
    ASSERT_TRUE(cues.isOk()) << cues.status().message();
    ASSERT_EQ(cues->size(), 3u);
    EXPECT_EQ((*cues)[0].number, 1);
    EXPECT_EQ((*cues)[0].startMs, 1000);
    EXPECT_EQ((*cues)[0].endMs, 2500);
    EXPECT_EQ((*cues)[0].lines, (std::vector<std::string>{"Where were you", "last night?"}));
    EXPECT_EQ((*cues)[0].sourceLine, 1);
    EXPECT_EQ((*cues)[1].startMs, 2500);
    EXPECT_EQ((*cues)[1].lines, (std::vector<std::string>{"Out."}));
    EXPECT_EQ((*cues)[2].startMs, ((1 * 60 + 2) * 60 + 3) * 1000 + 4);
    EXPECT_EQ((*cues)[2].lines, (std::vector<std::string>{"\xC3\x89t\xC3\xA9"}));
    EXPECT_EQ((*cues)[2].sourceLine, 11);
}

void expectError(const std::string& text, const std::string& where, const std::string& what) {
    auto cues = parseSrt(text, "bad.srt");
    ASSERT_FALSE(cues.isOk()) << text;
    EXPECT_EQ(cues.status().code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(cues.status().message().rfind(where, 0), 0u)
        << cues.status().message() << " for " << text;
    EXPECT_NE(cues.status().message().find(what), std::string::npos) << cues.status().message();
}

TEST(Srt, MalformedEntriesAreReportedWithFileAndLine) {
    expectError("1\n00:00:01,000 --> 00:00:02,000\nA\n\nTwo\n00:00:03,000 --> 00:00:04,000\nB\n",
                "bad.srt:5:", "expected a cue number");
    expectError("1\n00:00:01,000 -> 00:00:02,000\nA\n", "bad.srt:2:", "HH:MM:SS,mmm");
    expectError("1\r\n00:00:01,000 --> 00:61:02,000\r\nA\r\n", "bad.srt:2:", "found");
    expectError("1\n00:00:03,000 --> 00:00:02,000\nA\n", "bad.srt:2:", "ends (00:00:02,000)");
    expectError("1\n", "bad.srt:1:", "no timing line");
    expectError("1\n00:00:01,000 --> 00:00:03,000\nA\n\n2\n00:00:02,000 --> 00:00:04,000\nB\n",
                "bad.srt:6:", "before cue 1 (line 1) ends at 00:00:03,000");
}

TEST(Srt, MissingFileIsNamed) {
    auto cues = readSrt("/no/such/film.srt");
    EXPECT_EQ(cues.status().code(), ErrorCode::NotFound);
    EXPECT_NE(cues.status().message().find("/no/such/film.srt"), std::string::npos);
}

// At 24 fps a cue from 1.000 s to 2.500 s covers frames 24 to 59: frame 60 starts at 2.5 s.
// At 23.976 frame n starts at n x 1001 / 24000 s: frame 23 at 0.959 s, frame 24 at 1.001 s.
TEST(Srt, CuesCoverTheFramesWhoseStartTimeTheyHold) {
    auto cues = parseSrt("1\n00:00:01,000 --> 00:00:02,500\nA\n", "a.srt");
    ASSERT_TRUE(cues.isOk());
    auto at24 = SubtitleRenderer::create(*cues, {24, 1});
    ASSERT_TRUE(at24.isOk());
    EXPECT_EQ(at24->cueAt(23), nullptr);
    EXPECT_NE(at24->cueAt(24), nullptr);
    EXPECT_NE(at24->cueAt(59), nullptr);
    EXPECT_EQ(at24->cueAt(60), nullptr);
    auto ntsc = SubtitleRenderer::create(*cues, {24000, 1001});
    ASSERT_TRUE(ntsc.isOk());
    EXPECT_EQ(ntsc->cueAt(23), nullptr);
    EXPECT_NE(ntsc->cueAt(24), nullptr);  // 1.001 s
    EXPECT_NE(ntsc->cueAt(59), nullptr);  // 2.46 s
    EXPECT_EQ(ntsc->cueAt(60), nullptr);  // 2.5025 s
}

TEST(Srt, BurnedCueReadsBackAndOtherFramesAreUntouched) {
    test::TempDir dir;
    const auto srt = dir / "film.srt";
    std::ofstream(srt) << "1\r\n00:00:00,500 --> 00:00:01,000\r\nWHERE WERE YOU\r\n";
    auto cues = readSrt(srt);
    ASSERT_TRUE(cues.isOk()) << cues.status().message();
    auto burner = SubtitleRenderer::create(*cues, {24, 1});
    ASSERT_TRUE(burner.isOk());
    media::Image frame(960, 540, media::PixelType::Float);
    for (int y = 0; y < 540; ++y)
        for (int x = 0; x < 960; ++x)
            for (int c = 0; c < 4; ++c) frame.setSample(x, y, c, c == 3 ? 1.0f : 0.6f);
    media::Image outside = frame;
    ASSERT_TRUE(burner->apply(outside, 11).isOk());
    EXPECT_EQ(outside, frame);
    ASSERT_TRUE(burner->apply(frame, 12).isOk());
    const auto pgm = dir / "sub.pgm";
    test::writeGreyPgm(frame, 0, 540 * 3 / 4, 960, 540, 1, pgm);
    EXPECT_EQ(test::ocrLine(pgm, "ABCDEFGHIJKLMNOPQRSTUVWXYZ "), "WHERE WERE YOU");
}

}  // namespace
}  // namespace emu::text
