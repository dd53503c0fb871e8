// The viewer's split screen: after a still is grabbed and the gain changed, `split on` shows the
// current grade (A) and the still's grade (B) side by side, each the whole frame. Each half must
// be the engine's own render of its grade (`emulsion grade` of the saved grade on the same
// frame), at the split's proxy size, and the window must show the picture unchanged.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "StationImages.h"
#include "StationRunner.h"
#include "TempDir.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/timeline/Project.h"

namespace emu::test {
namespace {

// The station's black columns between the two sides (kSplitGapPx in RenderWorker.cpp).
constexpr int kGapPx = 8;

// The largest difference between `half` (at column `x0` of `split`, each of its pixels the
// `factor`-th of the full frame) and the full-size `reference`.
int worstDifference(const Rgb8& split, int x0, int width, const Rgb8& reference, int factor) {
    int worst = 0;
    for (int y = 0; y < split.height; ++y) {
        for (int x = 0; x < width; ++x) {
            for (int c = 0; c < 3; ++c) {
                worst = std::max(worst, std::abs(split.at(x0 + x, y)[c] -
                                                 reference.at(x * factor, y * factor)[c]));
            }
        }
    }
    return worst;
}

TEST(StationSplit, ShowsTheCurrentGradeAndTheStillsSideBySide) {
    if (std::string why = stationSkipReason(); !why.empty()) GTEST_SKIP() << why;
    TempDir dir;
    const std::filesystem::path project = makeDemoProject(dir.path());
    ASSERT_FALSE(project.empty());
    writeText(dir / "split.txt",
              "select-shot 2\n"
              "input-space ARRI LogC EI800 AWG\n"
              "add-node serial lgg\n"
              "grab-still\n"
              "set-param gain 1.4 1.2 1.0 1.2\n"
              "split on\n");
    CommandResult run =
        runStation(quotePath(project) + " --script " + quotePath(dir / "split.txt") +
                   " --screenshot " + quotePath(dir / "shot.png") + " --viewer-image " +
                   quotePath(dir / "split.png") + " --log " + quotePath(dir / "station.log"));
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("validation errors: 0 "), std::string::npos) << run.output;

    // The two grades as saved: the shot's active version (A) and the still's (B).
    auto opened = timeline::Project::open(project);
    ASSERT_TRUE(opened.isOk()) << opened.status().message();
    auto shots = opened->shots();
    ASSERT_TRUE(shots.isOk());
    auto shot = std::find_if(shots->begin(), shots->end(),
                             [](const timeline::Shot& s) { return s.name == "B001C002"; });
    ASSERT_NE(shot, shots->end());
    auto version = opened->grade(shot->id, shot->activeVersion.value_or(1));
    ASSERT_TRUE(version.isOk());
    auto stills = opened->stills();
    ASSERT_TRUE(stills.isOk());
    ASSERT_EQ(stills->size(), 1u);
    ASSERT_NE(stills->front().gradeJson, version->gradeJson) << "the gain changed after the grab";
    for (const auto& [name, json] : {std::pair{"a.json", version->gradeJson},
                                     std::pair{"b.json", stills->front().gradeJson}}) {
        auto grade = graph::gradeFromJson(json, name);
        ASSERT_TRUE(grade.isOk()) << grade.status().message();
        ASSERT_TRUE(graph::saveGrade(dir / name, *grade).isOk());
    }
    const std::filesystem::path frame =
        dir / "demo" / "originals" / "B001C002" / "B001C002.0172806.dpx";
    const Rgb8 a = gradeWithEmulsion(frame, dir / "a.json", "ARRI LogC EI800 AWG", dir / "a.exr");
    const Rgb8 b = gradeWithEmulsion(frame, dir / "b.json", "ARRI LogC EI800 AWG", dir / "b.exr");
    ASSERT_FALSE(a.empty());
    ASSERT_FALSE(b.empty());

    // The split picture: two whole frames, both shrunk by the same factor to fit the viewer.
    const Rgb8 split = readPng(dir / "split.png");
    ASSERT_FALSE(split.empty());
    int factor = 0;
    for (int f = 1; f <= 8 && !factor; ++f) {
        if (split.width == 2 * ((a.width + f - 1) / f) + kGapPx) factor = f;
    }
    ASSERT_GT(factor, 0) << "not two " << a.width << " px frames side by side: " << split.width;
    const int half = (a.width + factor - 1) / factor;
    EXPECT_EQ(split.height, (a.height + factor - 1) / factor);
    const int worstA = worstDifference(split, 0, half, a, factor);
    const int worstB = worstDifference(split, half + kGapPx, half, b, factor);
    const int swapped = worstDifference(split, 0, half, b, factor);
    std::printf(
        "split: %dx%d (each side 1/%d of %dx%d), A within %d, B within %d codes; A vs "
        "B's render %d\n",
        split.width, split.height, factor, a.width, a.height, worstA, worstB, swapped);
    EXPECT_LE(worstA, 1) << "the left side is the current grade";
    EXPECT_LE(worstB, 1) << "the right side is the still's grade";
    EXPECT_GT(swapped, 10) << "the two grades must differ for the test to mean anything";
    for (int y = 0; y < split.height; ++y) {
        for (int x = half; x < half + kGapPx; ++x) {
            ASSERT_EQ(split.at(x, y)[0] + split.at(x, y)[1] + split.at(x, y)[2], 0)
                << x << "," << y;
        }
    }

    // The window shows the split picture pixel for pixel, in the viewer's place.
    const Rgb8 screenshot = readPng(dir / "shot.png");
    ASSERT_EQ(screenshot.width, 1600);
    const auto at = find(screenshot, split, 0);
    ASSERT_TRUE(at.has_value()) << "the split picture is not in the screenshot";
    EXPECT_LT(at->first + split.width, 1024);
    EXPECT_LT(at->second + split.height, 580);
}

}  // namespace
}  // namespace emu::test
