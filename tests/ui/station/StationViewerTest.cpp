// The station driven as a colourist would: open the demo project, select shot 2, add a serial
// node, set its gain, grab a still and wipe against it. The screenshot's viewer must show the
// engine's own render of that grade (`emulsion grade` of the saved grade on the same frame,
// through the same display and view), to 8-bit display precision, with no validation errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "StationImages.h"
#include "StationRunner.h"
#include "TempDir.h"
#include "emulsion/color/ColorConfig.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/timeline/Project.h"

namespace emu::test {
namespace {

TEST(StationViewer, ShowsTheEnginesRenderOfTheGradeAfterAScriptedSession) {
    if (std::string why = stationSkipReason(); !why.empty()) GTEST_SKIP() << why;
    TempDir dir;
    const std::filesystem::path project = makeDemoProject(dir.path());
    ASSERT_FALSE(project.empty());
    writeText(dir / "session.txt",
              "select-shot 2\n"
              "input-space ARRI LogC EI800 AWG   # the camera's log, as the originals say\n"
              "add-node serial lgg\n"
              "set-param gain 1.2 1.1 1.0 1.05\n"
              "grab-still\n"
              "wipe still 1\n"
              "open-pane primaries\n");
    CommandResult run =
        runStation(quotePath(project) + " --script " + quotePath(dir / "session.txt") +
                   " --screenshot " + quotePath(dir / "shot.png") + " --viewer-image " +
                   quotePath(dir / "viewer.png") + " --log " + quotePath(dir / "station.log"));
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("validation errors: 0 "), std::string::npos) << run.output;

    // The grade the session saved: the demo's grade with a Lift/Gamma/Gain node before the
    // output, its gain as set.
    auto opened = timeline::Project::open(project);
    ASSERT_TRUE(opened.isOk()) << opened.status().message();
    auto shots = opened->shots();
    ASSERT_TRUE(shots.isOk());
    auto shot = std::find_if(shots->begin(), shots->end(),
                             [](const timeline::Shot& s) { return s.name == "B001C002"; });
    ASSERT_NE(shot, shots->end());
    ASSERT_TRUE(shot->activeVersion.has_value());
    auto version = opened->grade(shot->id, *shot->activeVersion);
    ASSERT_TRUE(version.isOk());
    auto grade = graph::gradeFromJson(version->gradeJson, "shot 2");
    ASSERT_TRUE(grade.isOk()) << grade.status().message();
    const graph::GradeNode* output = nullptr;
    for (const graph::GradeNode& n : grade->nodes()) {
        if (n.type == "output") output = &n;
    }
    ASSERT_NE(output, nullptr);
    const graph::Connection* last = grade->inputOf(output->id, "image");
    ASSERT_NE(last, nullptr);
    const graph::GradeNode* lgg = grade->node(last->fromNode);
    ASSERT_NE(lgg, nullptr);
    EXPECT_EQ(lgg->type, "lgg");
    EXPECT_EQ(lgg->params.at("gain"), (std::vector<float>{1.2f, 1.1f, 1.0f, 1.05f}));
    auto stills = opened->stills();
    ASSERT_TRUE(stills.isOk());
    ASSERT_EQ(stills->size(), 1u);
    EXPECT_EQ(stills->front().gradeJson, version->gradeJson) << "the still keeps its grade";
    ASSERT_TRUE(graph::saveGrade(dir / "shot2.json", *grade).isOk());

    // The engine's render of that grade on the shot's first frame (6 frames into the clip),
    // through the config's default display and view.
    auto config = color::ColorConfig::builtin();
    ASSERT_TRUE(config.isOk());
    const std::string display = config->defaultDisplay();
    const std::string view = config->defaultView(display);
    const std::filesystem::path frame =
        dir / "demo" / "originals" / "B001C002" / "B001C002.0172806.dpx";
    CommandResult graded = runEmulsion(
        "grade -q " + quotePath(frame) + " " + quotePath(dir / "reference.exr") + " --grade " +
        quotePath(dir / "shot2.json") + " --from 'ARRI LogC EI800 AWG' --display " +
        shellQuote(display) + " --view " + shellQuote(view));
    ASSERT_EQ(graded.exitCode, 0) << graded.output;
    auto reference = media::readExr(dir / "reference.exr");
    ASSERT_TRUE(reference.isOk()) << reference.status().message();
    Rgb8 expected;
    expected.width = reference->image.width();
    expected.height = reference->image.height();
    expected.px.resize(std::size_t(expected.width) * expected.height * 3);
    for (int y = 0; y < expected.height; ++y) {
        for (int x = 0; x < expected.width; ++x) {
            for (int c = 0; c < 3; ++c) {
                expected.px[(std::size_t(y) * expected.width + x) * 3 + c] =
                    code(reference->image.sample(x, y, c));
            }
        }
    }

    const Rgb8 viewer = readPng(dir / "viewer.png");
    ASSERT_EQ(viewer.width, expected.width) << "the viewer shows the frame at full resolution";
    ASSERT_EQ(viewer.height, expected.height);
    const Rgb8 screenshot = readPng(dir / "shot.png");
    ASSERT_EQ(screenshot.width, 1600);
    ASSERT_EQ(screenshot.height, 900);
    // Somewhere in the window the viewer shows the reference, every pixel within one code.
    const auto at = find(screenshot, expected, 1);
    ASSERT_TRUE(at.has_value()) << "the engine's render is not in the screenshot";
    // It is the viewer's place: the left part of the window, above the timeline strip.
    EXPECT_LT(at->first + expected.width, 1024);
    EXPECT_LT(at->second + expected.height, 580);
    int worst = 0;
    for (int y = 0; y < expected.height; ++y) {
        for (int x = 0; x < expected.width; ++x) {
            for (int c = 0; c < 3; ++c) {
                worst = std::max(worst, std::abs(screenshot.at(at->first + x, at->second + y)[c] -
                                                 expected.at(x, y)[c]));
            }
        }
    }
    EXPECT_LE(worst, 1);

    // The primaries pane shows the node and the values set, read back by OCR (tesseract) from
    // the screenshot's right-hand side, enlarged 3x (ImGui's default font is 13 px).
    if (std::string(TESSERACT_BINARY).find("NOTFOUND") != std::string::npos ||
        std::string(TESSERACT_BINARY).empty()) {
        GTEST_SKIP() << "tesseract or oiiotool not found: the pane's text is not checked";
    }
    CommandResult crop =
        runCommand(shellQuote(OIIOTOOL_BINARY) + " " + quotePath(dir / "shot.png") +
                   " --cut 576x380+1024+0 --resize 1728x1140 -o " + quotePath(dir / "pane.png"));
    ASSERT_EQ(crop.exitCode, 0) << crop.output;
    CommandResult ocr = runCommand(shellQuote(TESSERACT_BINARY) + " " +
                                   quotePath(dir / "pane.png") + " - 2>/dev/null");
    ASSERT_EQ(ocr.exitCode, 0) << ocr.output;
    EXPECT_NE(ocr.output.find("Lift / Gamma / Gain"), std::string::npos) << ocr.output;
    for (const char* value : {"1.200 1.100 1.000", "Slope: 1.0400"}) {
        EXPECT_NE(ocr.output.find(value), std::string::npos) << value << " in:\n" << ocr.output;
    }
}

}  // namespace
}  // namespace emu::test
