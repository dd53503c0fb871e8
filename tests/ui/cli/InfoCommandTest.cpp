#include <gtest/gtest.h>

#include "CliRunner.h"

#include <fstream>
#include "TempDir.h"
#include "emulsion/gpu/Device.h"
#include "emulsion/graph/CpuEvaluator.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/timeline/Project.h"

#include <cmath>

namespace emu::test {
namespace {

TEST(InfoCommand, NamesTheChosenDeviceAndTheLibraries) {
    auto devices = gpu::Device::enumerate();
    if (!devices.isOk() || devices->empty()) GTEST_SKIP() << "no Vulkan device";
    CommandResult r = runEmulsion("info");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("Chosen device: "), std::string::npos) << r.output;
    for (const char* lib : {"OpenColorIO", "OpenImageIO", "OpenEXR", "LibRaw", "FFmpeg"}) {
        EXPECT_NE(r.output.find(lib), std::string::npos) << lib;
    }
    bool hasCpuDevice = false;
    for (const auto& d : *devices) hasCpuDevice |= d.kind == gpu::DeviceKind::Cpu;
    if (hasCpuDevice) {
        EXPECT_NE(r.output.find("llvmpipe"), std::string::npos) << r.output;
    }
}

TEST(InfoCommand, BadDeviceIndexIsAnError) {
    CommandResult r = runEmulsion("--device 99 info");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("no Vulkan device 99"), std::string::npos) << r.output;
}

TEST(DemoCommand, WritesTheChartItsGradeAndTheGradedChart) {
    TempDir dir;
    CommandResult r =
        runEmulsion("demo --no-deliverables --out " + shellQuote((dir / "demo").string()));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("chart_graded.exr"), std::string::npos);
    auto chart = media::readExr(dir / "demo" / "chart.exr");
    auto graded = media::readExr(dir / "demo" / "chart_graded.exr");
    auto grade = graph::loadGrade(dir / "demo" / "grade.json");
    ASSERT_TRUE(chart.isOk() && graded.isOk() && grade.isOk());
    EXPECT_GE(grade->nodes().size(), 6u);

    // The graded chart is the grade's CPU reference, to half precision.
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    media::Image in = chart->image.converted(media::PixelType::Float);
    graph::CpuImage src{in.width(), in.height(), {}};
    const float* p = reinterpret_cast<const float*>(in.data());
    src.rgba.assign(p, p + in.pixelCount() * 4);
    auto expected = graph::evaluateOnCpu(*grade, registry, src);
    ASSERT_TRUE(expected.isOk()) << expected.status().message();
    double worst = 0;
    for (int y = 0; y < in.height(); y += 7) {
        for (int x = 0; x < in.width(); x += 5) {
            for (int c = 0; c < 4; ++c) {
                const float e = expected->rgba[(std::size_t(y) * in.width() + x) * 4 + c];
                const float g = graded->image.sample(x, y, c);
                worst =
                    std::max(worst, std::fabs(double(g) - e) / std::max(1.0, std::fabs(double(e))));
            }
        }
    }
    EXPECT_LE(worst, 1.0 / 1024) << "half rounding is the only expected difference";
}

// The demo's second half: generated originals, a cut of them as EDL and OTIO, the EDL conformed
// (every event matched) and stored in a project whose shots each have a grade. Running the demo
// again into the same folder finds the same shots.
TEST(DemoCommand, ConformsItsCutAndStoresAGradedProject) {
    TempDir dir;
    const std::string command = "demo --out " + shellQuote((dir / "demo").string());
    CommandResult r = runEmulsion(command);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("conform     4 matched, 0 missing, 0 ambiguous, 0 short"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("4 shots (4 new)"), std::string::npos) << r.output;
    EXPECT_TRUE(std::filesystem::exists(dir / "demo" / "cut.edl"));
    EXPECT_TRUE(std::filesystem::exists(dir / "demo" / "cut.otio"));
    // It ends with the timeline's masters, rendered from the originals, their paths printed.
    const auto masters = dir / "demo" / "masters";
    const auto prores = masters / "EMULSION_DEMO_CUT_prores-4444-master.mov";
    const auto aces = masters / "EMULSION_DEMO_CUT_aces-archival-master";
    EXPECT_NE(r.output.find(prores.string()), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(aces.string()), std::string::npos) << r.output;
    EXPECT_TRUE(std::filesystem::is_regular_file(prores));
    const auto review = masters / "EMULSION_DEMO_CUT_review-h264.mp4";
    EXPECT_NE(r.output.find(review.string()), std::string::npos) << r.output;
    EXPECT_TRUE(std::filesystem::is_regular_file(review));
    EXPECT_TRUE(std::filesystem::is_regular_file(dir / "demo" / "mix.wav"));
    EXPECT_TRUE(std::filesystem::is_regular_file(
        aces / "EMULSION_DEMO_CUT_aces-archival-master.0086447.exr"));
    // The conformed cut written as FCPXML conforms again to the same originals, all matched.
    CommandResult fcpxml =
        runEmulsion("conform " + shellQuote((dir / "demo" / "cut.fcpxml").string()) + " --media " +
                    shellQuote((dir / "demo" / "originals").string()));
    EXPECT_EQ(fcpxml.exitCode, 0) << fcpxml.output;
    EXPECT_NE(fcpxml.output.find("4 matched"), std::string::npos) << fcpxml.output;
    {
        auto project = timeline::Project::open(dir / "demo" / "demo.emulsion");
        ASSERT_TRUE(project.isOk()) << project.status().message();
        auto shots = project->shots();
        ASSERT_TRUE(shots.isOk());
        ASSERT_EQ(shots->size(), 4u);
        for (const timeline::Shot& shot : *shots) {
            auto grade = project->grade(shot.id, 1);
            ASSERT_TRUE(grade.isOk()) << grade.status().message();
            auto parsed = graph::gradeFromJson(grade->gradeJson, "stored grade");
            EXPECT_TRUE(parsed.isOk()) << parsed.status().message();
        }
    }
    CommandResult again = runEmulsion(command);
    ASSERT_EQ(again.exitCode, 0) << again.output;
    EXPECT_NE(again.output.find("4 shots (0 new)"), std::string::npos) << again.output;
}

TEST(GraphCommand, PrintsNodesAndPasses) {
    TempDir dir;
    ASSERT_EQ(
        runEmulsion("demo -q --no-deliverables --out " + shellQuote(dir.path().string())).exitCode,
        0);
    CommandResult r = runEmulsion("graph " + shellQuote((dir / "grade.json").string()));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("plan: 3 passes"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("cdl"), std::string::npos);
}

TEST(GraphCommand, InvalidGradesFailNamingNodeAndParameter) {
    TempDir dir;
    std::ofstream(dir / "bad.json") << R"({"format": "emulsion.grade", "formatVersion": 1,
      "nodes": [{"id": 1, "type": "source", "version": 1},
                {"id": 2, "type": "cdl", "version": 1, "params": {"slope": [1, 1, -4]}},
                {"id": 3, "type": "output", "version": 1}],
      "connections": [{"from": [1, "image"], "to": [2, "image"]},
                      {"from": [2, "image"], "to": [3, "image"]}]})";
    CommandResult r = runEmulsion("graph " + shellQuote((dir / "bad.json").string()));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("node 2 (cdl): parameter 'slope'"), std::string::npos) << r.output;
    std::ofstream(dir / "broken.json") << "{\n\"format\": ";
    r = runEmulsion("graph " + shellQuote((dir / "broken.json").string()));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("broken.json:"), std::string::npos) << r.output;
}

TEST(GradeCommand, GradeFileRunsThroughTheNodeGraph) {
    TempDir dir;
    ASSERT_EQ(
        runEmulsion("demo -q --no-deliverables --out " + shellQuote(dir.path().string())).exitCode,
        0);
    CommandResult r = runEmulsion("grade -q " + shellQuote((dir / "chart.exr").string()) + " " +
                                  shellQuote((dir / "again.exr").string()) + " --grade " +
                                  shellQuote((dir / "grade.json").string()));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    auto a = media::readExr(dir / "again.exr");
    auto b = media::readExr(dir / "chart_graded.exr");
    ASSERT_TRUE(a.isOk() && b.isOk());
    EXPECT_TRUE(a->image == b->image) << "the command and the demo render the same grade";
}

}  // namespace
}  // namespace emu::test
