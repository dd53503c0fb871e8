#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "CliRunner.h"
#include "TempDir.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/media/ExrWriter.h"

namespace emu::test {
namespace {

void writeFrame(const std::filesystem::path& path, const std::string& timecode) {
    media::ExrFrame f;
    f.image = media::Image(16, 8, media::PixelType::Half);
    for (int y = 0; y < 8; ++y) {
        for (int x = 0; x < 16; ++x) {
            for (int c = 0; c < 3; ++c) f.image.setSample(x, y, c, 0.1f * (c + 1));
            f.image.setSample(x, y, 3, 1.0f);
        }
    }
    f.dataWindow = f.displayWindow = {0, 0, 15, 7};
    f.attributes.timeCode = media::ExrTimecode::parse(timecode);
    f.attributes.framesPerSecond = std::make_pair(25, 1);
    f.attributes.strings["reelName"] = "B007";
    ASSERT_TRUE(media::writeExr(path, f).isOk());
}

class ProbeCommand : public ::testing::Test {
protected:
    void SetUp() override {
        std::filesystem::create_directory(dir / "plates");
        writeFrame(dir / "plates" / "B007C002_0086400.exr", "10:00:00:00");
        writeFrame(dir / "plates" / "B007C002_0086401.exr", "10:00:00:01");
        writeFrame(dir / "plates" / "B007C002_0086403.exr", "10:00:00:03");
        std::ofstream(dir / "plates" / "readme.txt") << "notes";
    }
    TempDir dir;
};

TEST_F(ProbeCommand, TextNamesRangeGapTimecodeAndReel) {
    CommandResult r = runEmulsion("probe " + quotePath(dir / "plates" / "B007C002_0086401.exr"));
    EXPECT_EQ(r.exitCode, 0) << r.output;
    for (const char* expected :
         {"B007C002_%07d.exr", "16x8", "25/1 (25.000 fps)", "86400-86403 (4 frames)",
          "missing    1: 86402", "10:00:00:00", "B007"}) {
        EXPECT_NE(r.output.find(expected), std::string::npos) << expected << "\n" << r.output;
    }
}

TEST_F(ProbeCommand, JsonOfAFolderListsItsClips) {
    CommandResult r = runEmulsion("probe --json " + quotePath(dir / "plates"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const nlohmann::json j = nlohmann::json::parse(r.output);
    ASSERT_TRUE(j.is_array());
    ASSERT_EQ(j.size(), 1u);  // the text file is not a clip
    EXPECT_EQ(j[0]["format"], "exr");
    EXPECT_EQ(j[0]["firstFrame"], 86400);
    EXPECT_EQ(j[0]["frameCount"], 4);
    EXPECT_EQ(j[0]["missingFrames"], nlohmann::json::array({86402}));
    EXPECT_EQ(j[0]["startTimecode"], "10:00:00:00");
    EXPECT_EQ(j[0]["rate"], "25/1");
    EXPECT_EQ(j[0]["reel"], "B007");
    EXPECT_EQ(j[0]["clipName"], "B007C002");
}

TEST_F(ProbeCommand, MissingAndUnknownFilesAreErrors) {
    CommandResult missing = runEmulsion("probe " + quotePath(dir / "nowhere.exr"));
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.output.find("nowhere.exr: no such file"), std::string::npos)
        << missing.output;
    CommandResult unknown = runEmulsion("probe " + quotePath(dir / "plates" / "readme.txt"));
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_NE(unknown.output.find("readme.txt: not a kind of file"), std::string::npos)
        << unknown.output;
}

// A DPX sequence as a scanning house delivers it, written by oiiotool: 10-bit, time code and
// reel in the industry headers, frames 1001-1005 with 1004 missing.
TEST_F(ProbeCommand, DpxSequenceFromOiiotool) {
    std::filesystem::create_directory(dir / "scans");
    for (int f : {1001, 1002, 1003, 1005}) {
        const std::string tc = "01:00:00:0" + std::to_string(f - 1001);
        CommandResult made = runCommand(
            std::string(OIIOTOOL_BINARY) +
            " --pattern constant:color=0.1,0.2,0.3 48x27 3 -d uint10 --attrib dpx:TimeCode " + tc +
            " --attrib dpx:InputDevice R042 -o " +
            quotePath(dir / "scans" / ("sc042." + std::to_string(f) + ".dpx")));
        ASSERT_EQ(made.exitCode, 0) << made.output;
    }
    CommandResult r = runEmulsion("probe " + quotePath(dir / "scans" / "sc042.1003.dpx"));
    EXPECT_EQ(r.exitCode, 0) << r.output;
    for (const char* expected :
         {"sc042.%04d.dpx", "dpx, 10-bit", "48x27", "1001-1005 (5 frames)", "missing    1: 1004",
          "timecode   01:00:00:00", "reel       R042"}) {
        EXPECT_NE(r.output.find(expected), std::string::npos) << expected << "\n" << r.output;
    }
}

// A ProRes as an editor exports it: ffmpeg's own -timecode and rate, read back by probe, and a
// frame range of it graded to an EXR sequence that keeps each frame's time code.
TEST_F(ProbeCommand, ProResFromFfmpegKeepsTimecodeAndRate) {
    CommandResult made =
        runCommand(std::string(FFMPEG_BINARY) +
                   " -v error -y -f lavfi -i testsrc2=size=96x54:rate=24000/1001 -frames:v 10 -c:v "
                   "prores_ks -profile:v 3 -timecode 01:00:00:00 " +
                   quotePath(dir / "A003C012.mov"));
    ASSERT_EQ(made.exitCode, 0) << made.output;
    CommandResult r = runEmulsion("probe " + quotePath(dir / "A003C012.mov"));
    EXPECT_EQ(r.exitCode, 0) << r.output;
    for (const char* expected : {"movie (prores), 10-bit", "96x54", "24000/1001 (23.976 fps)",
                                 "0-9 (10 frames)", "timecode   01:00:00:00", "A003C012"}) {
        EXPECT_NE(r.output.find(expected), std::string::npos) << expected << "\n" << r.output;
    }
    std::filesystem::create_directory(dir / "graded");
    CommandResult graded = runEmulsion("grade " + quotePath(dir / "A003C012.mov") + " " +
                                       quotePath(dir / "graded" / "A003C012.%04d.exr") +
                                       " --exposure 0 --frames 4-5 -q");
    if (graded.output.find("no Vulkan device") != std::string::npos) GTEST_SKIP();
    ASSERT_EQ(graded.exitCode, 0) << graded.output;
    auto frame = media::readExr(dir / "graded" / "A003C012.0005.exr");
    ASSERT_TRUE(frame.isOk()) << frame.status().message();
    ASSERT_TRUE(frame->attributes.timeCode.has_value());
    EXPECT_EQ(frame->attributes.timeCode->toString(), "01:00:00:05");
    EXPECT_EQ(frame->attributes.framesPerSecond, std::make_pair(24000, 1001));
}

// `grade` reads what probe reads: a 16-bit TIFF from oiiotool, one stop up.
TEST_F(ProbeCommand, GradeReadsATiff) {
    ASSERT_EQ(runCommand(std::string(OIIOTOOL_BINARY) + " " +
                         quotePath(dir / "plates" / "B007C002_0086400.exr") + " -d uint16 -o " +
                         quotePath(dir / "frame.tif"))
                  .exitCode,
              0);
    CommandResult r = runEmulsion("grade " + quotePath(dir / "frame.tif") + " " +
                                  quotePath(dir / "graded.exr") + " --exposure 1 -q");
    if (r.output.find("no Vulkan device") != std::string::npos) GTEST_SKIP();
    ASSERT_EQ(r.exitCode, 0) << r.output;
    auto graded = media::readExr(dir / "graded.exr");
    ASSERT_TRUE(graded.isOk()) << graded.status().message();
    for (int c = 0; c < 3; ++c) {
        // The half 0.1 * (c + 1) as a 16-bit code, doubled.
        const float source = [&] {
            media::Image h(1, 1, media::PixelType::Half);
            h.setSample(0, 0, 0, 0.1f * (c + 1));
            return std::round(h.sample(0, 0, 0) * 65535.0f) / 65535.0f;
        }();
        EXPECT_NEAR(graded->image.sample(3, 2, c), 2.0f * source, 1e-6f) << c;
    }
}

}  // namespace
}  // namespace emu::test
