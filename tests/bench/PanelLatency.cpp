// Report-to-parameter latency of the control-surface path while the engine renders: a
// generated trackball session (three balls at 1 kHz, rings at 250 Hz) replayed in real time
// on a device thread, the grade rendered on the GPU once per display refresh with the
// parameters of that refresh. Not part of the test suite (docs/PERFORMANCE.md has figures).
//   panel_latency [SECONDS] [WIDTH] [HEIGHT] [REFRESH_HZ]   (defaults: 10 1920 1080 60)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "../panels/TrackballSession.h"
#include "BenchDevice.h"
#include "emulsion/graph/Commands.h"
#include "emulsion/media/TestPattern.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/panels/PanelReplay.h"
#include "emulsion/render/FrameGrader.h"

namespace {

using namespace emu;

double percentileMs(std::vector<std::int64_t> v, double p) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
    return static_cast<double>(v[std::min(i, v.size() - 1)]) / 1e6;
}

void printRow(const char* what, const std::vector<std::int64_t>& v) {
    std::printf("%-44s n=%-6zu p50 %.3f ms  p99 %.3f ms  max %.3f ms\n", what, v.size(),
                percentileMs(v, 50), percentileMs(v, 99), percentileMs(v, 100));
}

}  // namespace

int main(int argc, char** argv) {
    const double seconds = argc > 1 ? std::atof(argv[1]) : 10.0;
    const int width = argc > 2 ? std::atoi(argv[2]) : 1920;
    const int height = argc > 3 ? std::atoi(argv[3]) : 1080;
    const double refreshHz = argc > 4 ? std::atof(argv[4]) : 60.0;

    gpu::Device* device = bench::benchDevice();
    if (!device) {
        std::fprintf(stderr, "panel_latency: no Vulkan device\n");
        return 1;
    }
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    graph::GradeEditor editor(registry);
    graph::NodeId lgg = 0;
    if (!editor.apply(graph::AddNode{"lgg", "primaries"}, &lgg).isOk() ||
        !editor.apply(graph::Connect{{1, "image", lgg, "image"}}).isOk() ||
        !editor.apply(graph::Connect{{lgg, "image", 2, "image"}}).isOk()) {
        return 1;
    }
    auto grader = render::FrameGrader::create(*device);
    if (!grader.isOk()) {
        std::fprintf(stderr, "panel_latency: %s\n", grader.status().message().c_str());
        return 1;
    }
    const media::Image frame =
        media::makeNoise(width, height, media::PixelType::Half, 3, 0.0f, 1.0f);
    std::vector<std::int64_t> renderNs;
    auto render = [&](const graph::Grade& grade) -> Status {
        const std::int64_t t0 = panels::steadyNowNs();
        EMU_RETURN_IF_ERROR((*grader)->setGrade(grade, registry));
        EMU_RETURN_IF_ERROR((*grader)->grade(frame).status());
        renderNs.push_back(panels::steadyNowNs() - t0);
        return Status::ok();
    };

    const panels::test::TrackballSession session = panels::test::makeTrackballSession(seconds, 42);
    auto mapping = panels::parseMapping(panels::test::trackballMapping(), "trackball");
    panels::ReplayOptions options;
    options.realTime = true;
    options.refreshHz = refreshHz;
    const std::int64_t start = panels::steadyNowNs();
    auto r = panels::replayRecording(session.recording, *mapping, registry, editor.grade(), options,
                                     render);
    const double wallS = static_cast<double>(panels::steadyNowNs() - start) / 1e9;
    if (!r.isOk()) {
        std::fprintf(stderr, "panel_latency: %s\n", r.status().message().c_str());
        return 1;
    }
    std::printf("device: %s; frame %dx%d half RGBA; %.1f s session, %zu reports; refresh %.0f Hz\n",
                device->info().name.c_str(), width, height, seconds,
                session.recording.reports.size(), refreshHz);
    std::printf("wall %.2f s; %llu frames over %llu refreshes; %zu pending, %zu queued after\n",
                wallS, static_cast<unsigned long long>(r->frames),
                static_cast<unsigned long long>(r->refreshTicks), r->pendingAfter, r->queuedAfter);
    std::size_t shared = 0;  // frames shown at a refresh that already showed one
    for (std::size_t i = 1; i < r->frameTicks.size(); ++i) {
        shared += r->frameTicks[i] <= r->frameTicks[i - 1];
    }
    std::printf("frames sharing a refresh with another: %zu\n", shared);
    std::printf("input thread scheduler: %s\n",
                r->inputRealTime ? "SCHED_FIFO (real time)" : "normal (no real-time permission)");
    printRow("report due -> in parameter accumulator", r->routeLatenciesNs);
    printRow("oldest report of a frame -> applied to grade", r->applyLatenciesNs);
    printRow("render (setGrade + grade on the GPU)", renderNs);
    return 0;
}
