#include "DemoCommand.h"

#include <chrono>
#include <system_error>

#include "CliContext.h"
#include "FrameGrader.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/media/TestPattern.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/nodes/ExampleGrades.h"

namespace emu::cli {

namespace {

constexpr int kWidthPx = 1920;
constexpr int kHeightPx = 1080;

// The chart as a camera original would carry it: linear Rec.709 primaries, 24 fps, a start
// timecode and a reel name, so the graded copy shows which attributes travel with a frame.
media::ExrFrame makeChartFrame() {
    media::ExrFrame frame;
    frame.image = media::makeTestChart(kWidthPx, kHeightPx, media::PixelType::Half);
    frame.dataWindow = {0, 0, kWidthPx - 1, kHeightPx - 1};
    frame.displayWindow = frame.dataWindow;
    frame.layout = media::ChannelLayout::Rgba;
    frame.compression = media::ExrCompression::Zip;
    frame.attributes.timeCode = media::ExrTimecode{1, 0, 0, 0};
    frame.attributes.framesPerSecond = std::make_pair(24, 1);
    frame.attributes.chromaticities =
        std::array<float, 8>{0.64f, 0.33f, 0.30f, 0.60f, 0.15f, 0.06f, 0.3127f, 0.3290f};
    frame.attributes.strings["reelName"] = "EMU_DEMO";
    frame.attributes.strings["owner"] = "Emulsion demo";
    return frame;
}

int runDemo(CliContext& context, const std::string& outDir) {
    std::error_code ec;
    std::filesystem::create_directories(outDir, ec);
    if (ec) {
        return reportError(
            makeError(ErrorCode::IoError, "cannot create " + outDir + ": " + ec.message()));
    }
    const std::filesystem::path chartPath = std::filesystem::path(outDir) / "chart.exr";
    const std::filesystem::path gradedPath = std::filesystem::path(outDir) / "chart_graded.exr";
    const std::filesystem::path gradePath = std::filesystem::path(outDir) / "grade.json";
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    auto grade = nodes::typicalGrade(registry);
    if (!grade.isOk()) return reportError(grade.status());
    if (Status s = graph::saveGrade(gradePath, *grade); !s.isOk()) return reportError(s);

    media::ExrFrame frame = makeChartFrame();
    if (Status s = media::writeExr(chartPath, frame); !s.isOk()) return reportError(s);

    auto device = context.device();
    if (!device.isOk()) return reportError(device.status());
    auto grader = FrameGrader::create(**device);
    if (!grader.isOk()) return reportError(grader.status());
    if (Status s = (*grader)->setGrade(*grade, registry); !s.isOk()) return reportError(s);
    auto start = std::chrono::steady_clock::now();
    auto graded = (*grader)->grade(frame.image);
    if (!graded.isOk()) return reportError(graded.status());
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    frame.image = std::move(graded).value();
    if (Status s = media::writeExr(gradedPath, frame); !s.isOk()) return reportError(s);

    if (context.quiet) return 0;
    double kernelMs = 0;
    for (const auto& t : (*grader)->lastTimings()) kernelMs += t.milliseconds;
    std::printf("Emulsion demo on %s\n", (*device)->info().name.c_str());
    std::printf("  test chart  %dx%d half RGBA      %s\n", kWidthPx, kHeightPx, chartPath.c_str());
    std::printf("  grade       %zu nodes              %s\n", grade->nodes().size() - 2,
                gradePath.c_str());
    std::printf("  graded chart                       %s\n", gradedPath.c_str());
    std::printf("  GPU: %zu dispatches, %.2f ms in kernels, %.2f ms with upload and download\n",
                (*grader)->lastTimings().size(), kernelMs, ms);
    return 0;
}

}  // namespace

void addDemoCommand(CLI::App& app, CliContext& context, int& exitCode) {
    auto outDir = std::make_shared<std::string>("emulsion-demo");
    CLI::App* cmd = app.add_subcommand(
        "demo",
        "Generate a test chart, grade it through a node graph on the GPU, write the results");
    cmd->add_option("--out", *outDir, "Output directory")->capture_default_str();
    cmd->callback([&context, &exitCode, outDir] {
        context.applyVerbosity();
        exitCode = runDemo(context, *outDir);
    });
}

}  // namespace emu::cli
