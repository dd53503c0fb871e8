// The review copy as its viewers get it: an H.264 file whose burnt-in record time code
// tesseract reads back, and whose mix lasts as long as its picture (ffprobe).
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "RenderTestMedia.h"
#include "Shell.h"
#include "TempDir.h"
#include "emulsion/media/WavWriter.h"
#include "emulsion/timeline/Project.h"

namespace emu::render {
namespace {

std::string trimmed(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(i);
}

// The value of `key=` in ffprobe's default output.
double probeValue(const std::string& output, const std::string& key) {
    const auto at = output.find(key + "=");
    if (at == std::string::npos) return -1;
    return std::atof(output.c_str() + at + key.size() + 1);
}

TEST(ReviewBurnIn, TesseractReadsTheRecordTimecodeOfSampledFrames) {
    test::TempDir dir;
    const auto a = test::writeExrOriginal(dir / "originals", "A001", 32, 18, 12, 0.0f);
    const auto project = dir / "p.emulsion";
    {
        auto p = timeline::Project::open(project);
        ASSERT_TRUE(p.isOk());
        timeline::Track v1{
            timeline::Track::Kind::Video, "V1", {test::makeClip("A001", a, 86400, 0, 12)}};
        ASSERT_TRUE(p->saveTimeline("CUT", test::makeTimeline({v1})).isOk());
    }
    // Two seconds of mix for half a second of picture: the movie keeps the first 0.5 s.
    std::vector<float> mix(2 * 96000);
    for (std::size_t i = 0; i < mix.size(); ++i) mix[i] = float(int(i % 200) - 100) / 400.0f;
    ASSERT_TRUE(media::writeWav24(dir / "mix.wav", 48000, 2, mix).isOk());

    const test::CommandResult r = test::runCommand(
        std::string(EMULSION_BINARY) + " --quiet render " + test::quotePath(project) +
        " --preset review-h264 --out " + test::quotePath(dir / "out") + " --mix " +
        test::quotePath(dir / "mix.wav"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const auto movie = dir / "out" / "CUT_review-h264.mp4";
    ASSERT_TRUE(std::filesystem::exists(movie)) << r.output;

    const test::CommandResult v =
        test::runCommand(std::string(FFPROBE_BINARY) +
                         " -v error -count_frames -select_streams v:0 -show_entries "
                         "stream=codec_name,width,height,nb_read_frames,color_primaries,duration "
                         "-of default=nw=1 " +
                         test::quotePath(movie));
    ASSERT_EQ(v.exitCode, 0) << v.output;
    EXPECT_NE(v.output.find("codec_name=h264"), std::string::npos) << v.output;
    EXPECT_NE(v.output.find("width=1920"), std::string::npos) << v.output;
    EXPECT_NE(v.output.find("nb_read_frames=12"), std::string::npos) << v.output;
    EXPECT_NE(v.output.find("color_primaries=bt709"), std::string::npos) << v.output;
    const test::CommandResult au = test::runCommand(
        std::string(FFPROBE_BINARY) +
        " -v error -select_streams a:0 -show_entries stream=codec_name,duration -of "
        "default=nw=1 " +
        test::quotePath(movie));
    ASSERT_EQ(au.exitCode, 0) << au.output;
    EXPECT_NE(au.output.find("codec_name=aac"), std::string::npos) << au.output;
    // 12 frames at 24 fps; AAC counts in blocks of 1024 samples (21.3 ms at 48 kHz).
    EXPECT_NEAR(probeValue(au.output, "duration"), probeValue(v.output, "duration"), 0.0214)
        << au.output << v.output;

    // Record time code top left (the preset): its box sits 32 px in from the corner of a 1080p
    // frame (a margin of 3 % of the height), 4 % of the height tall. The crop holds the box
    // alone; negated, it is dark text on light, as tesseract reads best.
    for (int frame : {0, 5, 11}) {
        const auto crop = dir / ("tc" + std::to_string(frame) + ".pgm");
        const test::CommandResult cut = test::runCommand(
            std::string(FFMPEG_BINARY) + " -v error -y -i " + test::quotePath(movie) +
            " -vf \"select=eq(n\\," + std::to_string(frame) +
            "),crop=360:100:20:20,format=gray,negate\" -frames:v 1 " + test::quotePath(crop));
        ASSERT_EQ(cut.exitCode, 0) << cut.output;
        const test::CommandResult ocr =
            test::runCommand(std::string(TESSERACT_BINARY) + " " + test::quotePath(crop) +
                             " stdout --psm 7 -c tessedit_char_whitelist=0123456789: 2>/dev/null");
        ASSERT_EQ(ocr.exitCode, 0) << ocr.output;
        char want[16];
        std::snprintf(want, sizeof want, "01:00:00:%02d", frame);
        EXPECT_EQ(trimmed(ocr.output), want) << "frame " << frame;
    }
}

}  // namespace
}  // namespace emu::render
