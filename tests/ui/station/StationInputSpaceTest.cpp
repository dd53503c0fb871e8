// A shot's input colour space chosen in the station is saved in the project, on the shot's
// clip (metadata "colour_space"), where renders look first: a reopened station shows the shot
// through it, and `emulsion render` grades from it.
#include <gtest/gtest.h>

#include <OpenImageIO/imageio.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "StationRunner.h"
#include "TempDir.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/timeline/Project.h"

namespace emu::test {
namespace {

constexpr const char* kSpace = "Sony S-Log3 S-Gamut3";  // not what the demo's camera shot

std::vector<std::uint8_t> readPixels(const std::filesystem::path& path) {
    auto in = OIIO::ImageInput::open(path.string());
    if (!in) return {};
    const OIIO::ImageSpec& spec = in->spec();
    std::vector<std::uint8_t> px(std::size_t(spec.width) * spec.height * spec.nchannels);
    if (!in->read_image(0, 0, 0, spec.nchannels, OIIO::TypeDesc::UINT8, px.data())) return {};
    return px;
}

// The colour space of B001C002's clip in the project's timeline ("" if none).
std::string clipSpace(const std::filesystem::path& project) {
    auto opened = timeline::Project::open(project);
    if (!opened.isOk()) return "?";
    auto names = opened->timelineNames();
    if (!names.isOk() || names->empty()) return "?";
    auto cut = opened->loadTimeline(names->front());
    if (!cut.isOk()) return "?";
    for (const timeline::Track& track : cut->tracks) {
        for (const timeline::Item& item : track.items) {
            const auto* clip = std::get_if<timeline::Clip>(&item);
            if (!clip || clip->name != "B001C002") continue;
            auto space = clip->metadata.find("colour_space");
            return space == clip->metadata.end() ? std::string() : space->second;
        }
    }
    return "?";
}

// Shot 2's first record frame (01:00:00:12) rendered as ACES2065-1 half EXR.
Result<media::ExrFrame> renderShot2(const std::filesystem::path& project,
                                    const std::filesystem::path& out) {
    CommandResult r =
        runEmulsion("render -q " + quotePath(project) +
                    " --preset exr-half-piz --range 86412-86412 --out " + quotePath(out));
    if (r.exitCode != 0) return makeError(ErrorCode::Internal, r.output);
    return media::readExr(out / "EMULSION_DEMO_CUT_exr-half-piz" /
                          "EMULSION_DEMO_CUT_exr-half-piz.0086412.exr");
}

float largestDifference(const media::Image& a, const media::Image& b, bool relative) {
    float worst = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            for (int c = 0; c < 3; ++c) {
                const float d = std::abs(a.sample(x, y, c) - b.sample(x, y, c));
                worst =
                    std::max(worst, relative ? d / std::max(1.0f, std::abs(b.sample(x, y, c))) : d);
            }
        }
    }
    return worst;
}

TEST(StationInputSpace, IsSavedOnTheShotsClipForTheNextSessionAndForRenders) {
    if (std::string why = stationSkipReason(); !why.empty()) GTEST_SKIP() << why;
    TempDir dir;
    const std::filesystem::path project = makeDemoProject(dir.path());
    ASSERT_FALSE(project.empty());
    EXPECT_EQ(clipSpace(project), "ARRI LogC EI800 AWG") << "the demo names the camera's log";
    auto before = renderShot2(project, dir / "before");
    ASSERT_TRUE(before.isOk()) << before.status().message();

    writeText(dir / "choose.txt", std::string("select-shot 2\ninput-space ") + kSpace + "\n");
    CommandResult choose =
        runStation(quotePath(project) + " --script " + quotePath(dir / "choose.txt") +
                   " --viewer-image " + quotePath(dir / "chosen.png"));
    ASSERT_EQ(choose.exitCode, 0) << choose.output;
    EXPECT_EQ(clipSpace(project), kSpace);

    // Reopened, the station shows the shot through the saved space: the same picture.
    writeText(dir / "reopen.txt", "select-shot 2\n");
    CommandResult reopen =
        runStation(quotePath(project) + " --script " + quotePath(dir / "reopen.txt") +
                   " --viewer-image " + quotePath(dir / "reopened.png"));
    ASSERT_EQ(reopen.exitCode, 0) << reopen.output;
    const std::vector<std::uint8_t> chosen = readPixels(dir / "chosen.png");
    ASSERT_FALSE(chosen.empty());
    EXPECT_EQ(readPixels(dir / "reopened.png"), chosen);

    // The render grades from it: not the frame rendered before, but `emulsion grade --from`
    // the saved space of the same source frame with the shot's grade, to ACES2065-1.
    auto after = renderShot2(project, dir / "after");
    ASSERT_TRUE(after.isOk()) << after.status().message();
    const float changed = largestDifference(after->image, before->image, false);
    EXPECT_GT(changed, 0.01f) << "the saved space changes the render";
    auto opened = timeline::Project::open(project);
    ASSERT_TRUE(opened.isOk());
    auto shots = opened->shots();
    ASSERT_TRUE(shots.isOk());
    auto shot = std::find_if(shots->begin(), shots->end(),
                             [](const timeline::Shot& s) { return s.name == "B001C002"; });
    ASSERT_NE(shot, shots->end());
    auto version = opened->grade(shot->id, shot->activeVersion.value_or(1));
    ASSERT_TRUE(version.isOk());
    writeText(dir / "shot2.json", version->gradeJson);
    const std::filesystem::path frame =
        dir / "demo" / "originals" / "B001C002" / "B001C002.0172806.dpx";
    CommandResult graded = runEmulsion(
        "grade -q " + quotePath(frame) + " " + quotePath(dir / "graded.exr") + " --grade " +
        quotePath(dir / "shot2.json") + " --from " + shellQuote(kSpace) + " --to ACEScct");
    ASSERT_EQ(graded.exitCode, 0) << graded.output;
    CommandResult aces =
        runEmulsion("grade -q " + quotePath(dir / "graded.exr") + " " +
                    quotePath(dir / "reference.exr") + " --from ACEScct --to ACES2065-1");
    ASSERT_EQ(aces.exitCode, 0) << aces.output;
    auto reference = media::readExr(dir / "reference.exr");
    ASSERT_TRUE(reference.isOk()) << reference.status().message();
    ASSERT_EQ(reference->image.width(), after->image.width());
    ASSERT_EQ(reference->image.height(), after->image.height());
    const float error = largestDifference(after->image, reference->image, true);
    std::printf(
        "render after choosing %s: largest change %.4f from before; largest relative "
        "difference %.6f from emulsion grade --from\n",
        kSpace, changed, error);
    EXPECT_LT(error, 2e-3f) << "half precision, twice its step";
}

}  // namespace
}  // namespace emu::test
