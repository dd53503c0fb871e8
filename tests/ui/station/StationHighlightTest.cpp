// Highlight in the viewer (Shift+H, `highlight on|off`): with the demo grade's window node
// selected, the viewer shows the graded picture where the window's matte is 1 and one flat grey
// where it is 0. The matte is computed here with the window node's CPU reference from the
// node's saved parameters, independently of the station.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "StationImages.h"
#include "StationRunner.h"
#include "TempDir.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/graph/NodeType.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/timeline/Project.h"

namespace emu::test {
namespace {

TEST(StationHighlight, ShowsTheGradeWhereTheWindowSelectsAndGreyElsewhere) {
    if (std::string why = stationSkipReason(); !why.empty()) GTEST_SKIP() << why;
    TempDir dir;
    const std::filesystem::path project = makeDemoProject(dir.path());
    ASSERT_FALSE(project.empty());
    const std::string select = "select-shot 1\nselect-node 12\n";  // the demo's window node
    writeText(dir / "plain.txt", select);
    writeText(dir / "highlight.txt", select + "highlight on\n");
    for (const char* name : {"plain", "highlight"}) {
        const std::string base = name;
        CommandResult run =
            runStation(quotePath(project) + " --script " + quotePath(dir / (base + ".txt")) +
                       " --viewer-image " + quotePath(dir / (base + ".png")));
        ASSERT_EQ(run.exitCode, 0) << run.output;
        EXPECT_NE(run.output.find("validation errors: 0 "), std::string::npos) << run.output;
    }
    const Rgb8 plain = readPng(dir / "plain.png"), lit = readPng(dir / "highlight.png");
    ASSERT_FALSE(plain.empty());
    ASSERT_EQ(lit.width, plain.width);
    ASSERT_EQ(lit.height, plain.height);

    // The window node as the project holds it.
    auto opened = timeline::Project::open(project);
    ASSERT_TRUE(opened.isOk());
    auto shots = opened->shots();
    ASSERT_TRUE(shots.isOk() && !shots->empty());
    auto version = opened->grade(shots->front().id, shots->front().activeVersion.value_or(1));
    ASSERT_TRUE(version.isOk());
    auto grade = graph::gradeFromJson(version->gradeJson, "shot 1");
    ASSERT_TRUE(grade.isOk());
    const graph::GradeNode* window = grade->node(12);
    ASSERT_NE(window, nullptr);
    ASSERT_EQ(window->type, "window");
    ASSERT_EQ(grade->inputOf(12, "key"), nullptr) << "a key would scale the window's matte";
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    const graph::NodeType* type = registry.find("window");
    std::vector<float> params;
    for (const graph::ParamDesc& p : type->desc.params) {
        for (float v : grade->paramValue(*window, p)) params.push_back(v);
    }

    const float aspect = float(plain.width) / float(plain.height);
    int inside = 0, outside = 0, insideDiffering = 0, outsideNotGrey = 0;
    const std::uint8_t* grey = nullptr;
    for (int y = 0; y < plain.height; ++y) {
        for (int x = 0; x < plain.width; ++x) {
            const graph::PixelPos pos{(x + 0.5f) / plain.width, (y + 0.5f) / plain.height, aspect};
            const float m = type->matte(params.data(), graph::Rgba{}, pos);
            const std::uint8_t* a = plain.at(x, y);
            const std::uint8_t* b = lit.at(x, y);
            if (m >= 1.0f) {
                ++inside;
                insideDiffering += std::abs(a[0] - b[0]) > 1 || std::abs(a[1] - b[1]) > 1 ||
                                   std::abs(a[2] - b[2]) > 1;
            } else if (m <= 0.0f) {
                ++outside;
                if (!grey) grey = b;
                outsideNotGrey += std::abs(b[0] - grey[0]) > 1 || std::abs(b[1] - grey[1]) > 1 ||
                                  std::abs(b[2] - grey[2]) > 1;
            }
        }
    }
    ASSERT_NE(grey, nullptr);
    std::printf(
        "highlight: %d pixels inside the window (%d differ from the grade), %d outside "
        "(%d not the grey %d %d %d)\n",
        inside, insideDiffering, outside, outsideNotGrey, grey[0], grey[1], grey[2]);
    EXPECT_GT(inside, 1000);
    EXPECT_GT(outside, 1000);
    EXPECT_EQ(insideDiffering, 0);
    EXPECT_EQ(outsideNotGrey, 0);
    EXPECT_LE(std::abs(grey[0] - grey[1]), 1) << "a neutral grey";
    EXPECT_LE(std::abs(grey[1] - grey[2]), 1);
}

}  // namespace
}  // namespace emu::test
