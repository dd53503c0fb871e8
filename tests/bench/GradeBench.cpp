// The typical 12-node grade (nodes::typicalGrade) at 1920x1080 and 4096x2160: fused into its
// planned passes vs one pass per node, GPU milliseconds per frame from Vulkan timestamps,
// against a plain copy of the same frame (the memory-bandwidth roofline for a pass that reads
// and writes one image). Run: build/release/tests/bench/emulsion_bench --benchmark_filter=Grade
#include <benchmark/benchmark.h>

#include <memory>

#include "BenchDevice.h"
#include "emulsion/gpu/ComputeBatch.h"
#include "emulsion/gpu/Device.h"
#include "emulsion/gpu/KernelCache.h"
#include "emulsion/graph/GradeRenderer.h"
#include "emulsion/media/TestPattern.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/nodes/ExampleGrades.h"
#include "emulsion/nodes/GpuFrame.h"

namespace {

using namespace emu;

// mode 0: copy (identity grade), 1: typical grade fused, 2: typical grade, one pass per node.
void gradeGpu(benchmark::State& state) {
    gpu::Device* device = bench::benchDevice();
    if (!device) {
        state.SkipWithError("no Vulkan device");
        return;
    }
    const int w = static_cast<int>(state.range(0)), h = static_cast<int>(state.range(1));
    const int mode = static_cast<int>(state.range(2));
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    auto grade =
        mode == 0 ? Result<graph::Grade>(graph::Grade::identity()) : nodes::typicalGrade(registry);
    gpu::KernelCache cache(*device);
    graph::GradeRenderer renderer(*device, cache, registry,
                                  graph::GradeRenderer::Precision::Interactive,
                                  graph::PlanOptions{mode != 2});
    auto src =
        nodes::uploadImage(*device, media::makeNoise(w, h, media::PixelType::Half, 3, 0.0f, 1.0f));
    auto dst = gpu::StorageImage::create(*device, w, h, gpu::ImageFormat::Rgba16f);
    auto batch = gpu::ComputeBatch::create(*device, 64);
    if (!grade.isOk() || !renderer.setGrade(*grade).isOk() || !src.isOk() || !dst.isOk() ||
        !batch.isOk()) {
        state.SkipWithError("set-up failed");
        return;
    }
    double gpuMs = 0;
    for (auto _ : state) {
        (void)renderer.record(*batch, *src, *dst);
        (void)batch->submitAndWait();
        for (const auto& t : batch->timings()) gpuMs += t.milliseconds;
    }
    state.counters["gpu_ms"] = gpuMs / state.iterations();
    state.counters["passes"] = std::max<std::size_t>(renderer.plan().passes.size(), 1);
    state.SetLabel(std::string(mode == 0   ? "copy"
                               : mode == 1 ? "fused"
                                           : "unfused") +
                   " on " + device->info().name);
}

void gradeSizes(benchmark::internal::Benchmark* b) {
    for (int mode : {0, 1, 2}) {
        b->Args({1920, 1080, mode});
        b->Args({4096, 2160, mode});
    }
    b->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
}

BENCHMARK(gradeGpu)->Apply(gradeSizes);

}  // namespace
