// `emulsion presets` and `emulsion render` as a user runs them.
#include <gtest/gtest.h>

#include <fstream>

#include "RenderTestMedia.h"
#include "Shell.h"
#include "TempDir.h"
#include "emulsion/timeline/Project.h"

namespace emu::render {
namespace {

test::CommandResult emulsion(const std::string& args) {
    return test::runCommand(std::string(EMULSION_BINARY) + " " + args);
}

TEST(PresetsCommand, ListsThePresetsAndWhereTheyLive) {
    const test::CommandResult r = emulsion("presets");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("aces-archival-master"), std::string::npos);
    EXPECT_NE(r.output.find("prores-4444xq-master"), std::string::npos);
    EXPECT_NE(r.output.find(EMULSION_SOURCE_PRESETS), std::string::npos);
    EXPECT_NE(r.output.find("review-h264"), std::string::npos);
    // This build has burn-ins, the review codecs and audio muxing: every shipped preset renders.
    EXPECT_EQ(r.output.find("needs what this build lacks"), std::string::npos) << r.output;
    const test::CommandResult json = emulsion("presets --json");
    ASSERT_EQ(json.exitCode, 0);
    EXPECT_EQ(json.output.find("\"available\": false"), std::string::npos) << json.output;
}

class RenderCommandTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto a = test::writeExrOriginal(dir / "originals", "A001", 32, 18, 8, 0.0f);
        auto project = timeline::Project::open(projectFile);
        ASSERT_TRUE(project.isOk());
        timeline::Track v1{
            timeline::Track::Kind::Video, "V1", {test::makeClip("A001", a, 86400, 0, 8)}};
        ASSERT_TRUE(project->saveTimeline("CUT", test::makeTimeline({v1})).isOk());
    }
    test::TempDir dir;
    std::filesystem::path projectFile = dir / "p.emulsion";
};

TEST_F(RenderCommandTest, RendersARangeAndRecordsTheJob) {
    const test::CommandResult r =
        emulsion("render " + test::quotePath(projectFile) + " --preset tiff-16bit --out " +
                 test::quotePath(dir / "out") + " --range 01:00:00:02-01:00:00:05");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("4 frames: 4 rendered"), std::string::npos) << r.output;
    for (int f = 86402; f <= 86405; ++f) {
        const auto file =
            dir / "out" / "CUT_tiff-16bit" / ("CUT_tiff-16bit.00" + std::to_string(f) + ".tif");
        const test::CommandResult info =
            test::runCommand(std::string(IINFO_BINARY) + " " + test::quotePath(file));
        EXPECT_NE(info.output.find("3 channel, uint16 tiff"), std::string::npos) << info.output;
    }
    EXPECT_FALSE(
        std::filesystem::exists(dir / "out" / "CUT_tiff-16bit" / "CUT_tiff-16bit.0086401.tif"));
    // A second range patched into the same folder passes QC; a foreign file there does not.
    const std::string again = "render " + test::quotePath(projectFile) +
                              " --preset tiff-16bit --out " + test::quotePath(dir / "out") +
                              " --range 86406-86407";
    const test::CommandResult patch = emulsion(again);
    EXPECT_EQ(patch.exitCode, 0) << patch.output;
    EXPECT_NE(patch.output.find("QC passed: 2 of 2 frames"), std::string::npos) << patch.output;
    std::ofstream(dir / "out" / "CUT_tiff-16bit" / "notes.txt") << "not a frame";
    const test::CommandResult stray = emulsion(again);
    EXPECT_EQ(stray.exitCode, 3) << stray.output;
    EXPECT_NE(stray.output.find("QC FAILED: 2 of 2 frames, 0 missing, 1 stray files"),
              std::string::npos)
        << stray.output;
    auto project = timeline::Project::open(projectFile);
    ASSERT_TRUE(project.isOk());
    auto jobs = project->renderJobs();
    ASSERT_TRUE(jobs.isOk());
    ASSERT_EQ(jobs->size(), 3u);
    EXPECT_EQ((*jobs)[0].preset, "tiff-16bit");
    EXPECT_EQ((*jobs)[0].status, timeline::RenderJob::Status::Done);
    EXPECT_EQ((*jobs)[0].range, (timeline::FrameRange{86402, 4}));
}

// A cue from 83 ms to 166 ms holds frames 2 and 3 at 24 fps (83.3 and 125 ms), not 4 (166.7).
TEST_F(RenderCommandTest, SubtitlesBurnInOnlyTheFramesOfTheirCues) {
    std::ofstream(dir / "subs.srt") << "1\n00:00:00,083 --> 00:00:00,166\nHello there\n";
    const std::string base = "render " + test::quotePath(projectFile) +
                             " --preset tiff-16bit --resolution 320x180 --out ";
    ASSERT_EQ(emulsion(base + test::quotePath(dir / "plain")).exitCode, 0);
    const test::CommandResult r = emulsion(base + test::quotePath(dir / "subs") + " --subtitles " +
                                           test::quotePath(dir / "subs.srt"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    for (int f = 86400; f < 86408; ++f) {
        const std::string name = "CUT_tiff-16bit/CUT_tiff-16bit.00" + std::to_string(f) + ".tif";
        // idiff (OpenImageIO) exits 0 when the pixels match.
        const test::CommandResult diff = test::runCommand(
            std::string(IDIFF_BINARY) + " " + test::quotePath(dir / "plain" / name) + " " +
            test::quotePath(dir / "subs" / name));
        const bool cue = f == 86402 || f == 86403;
        EXPECT_EQ(diff.exitCode != 0, cue) << "frame " << f << "\n" << diff.output;
    }
    const test::CommandResult bad = emulsion(base + test::quotePath(dir / "bad") + " --subtitles " +
                                             test::quotePath(dir / "nonesuch.srt"));
    EXPECT_NE(bad.exitCode, 0);
    EXPECT_NE(bad.output.find("nonesuch.srt"), std::string::npos) << bad.output;
}

TEST_F(RenderCommandTest, RefusesWhatThisBuildCannotDeliverAndBadInput) {
    const std::string out = " --out " + test::quotePath(dir / "out");
    const test::CommandResult review =
        emulsion("render " + test::quotePath(projectFile) + " --preset review-h264" + out);
    EXPECT_NE(review.exitCode, 0);
    EXPECT_NE(review.output.find("give --mix FILE.wav"), std::string::npos) << review.output;
    EXPECT_FALSE(std::filesystem::exists(dir / "out"));
    const test::CommandResult noPreset =
        emulsion("render " + test::quotePath(projectFile) + " --preset nonesuch" + out);
    EXPECT_NE(noPreset.exitCode, 0);
    EXPECT_NE(noPreset.output.find("no preset \"nonesuch\""), std::string::npos);
    const test::CommandResult badRange =
        emulsion("render " + test::quotePath(projectFile) +
                 " --preset tiff-16bit --range 02:00:00:00-02:00:00:01" + out);
    EXPECT_NE(badRange.exitCode, 0);
    EXPECT_NE(badRange.output.find("not inside the timeline"), std::string::npos)
        << badRange.output;
    const test::CommandResult notProject =
        emulsion("render " + test::quotePath(dir / "originals") + " --preset tiff-16bit" + out);
    EXPECT_NE(notProject.exitCode, 0);
}

}  // namespace
}  // namespace emu::render
