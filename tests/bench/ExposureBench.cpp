// GPU time of the exposure kernel per frame size and format, from Vulkan timestamps, beside
// the CPU reference. Run: build/release/tests/bench/emulsion_bench
#include <benchmark/benchmark.h>

#include <memory>

#include "BenchDevice.h"
#include "emulsion/gpu/ComputeBatch.h"
#include "emulsion/gpu/Device.h"
#include "emulsion/gpu/KernelCache.h"
#include "emulsion/media/TestPattern.h"
#include "emulsion/nodes/Exposure.h"
#include "emulsion/nodes/GpuFrame.h"

namespace {

using namespace emu;

void exposureGpu(benchmark::State& state) {
    gpu::Device* device = bench::benchDevice();
    if (!device) {
        state.SkipWithError("no Vulkan device");
        return;
    }
    const int w = static_cast<int>(state.range(0)), h = static_cast<int>(state.range(1));
    const auto type = state.range(2) ? media::PixelType::Float : media::PixelType::Half;
    gpu::KernelCache cache(*device);
    auto pass = nodes::ExposurePass::create(cache, nodes::gpuFormatFor(type));
    auto src = nodes::uploadImage(*device, media::makeNoise(w, h, type, 1, 0.0f, 1.0f));
    auto dst = gpu::StorageImage::create(*device, w, h, gpu::ImageFormat::Rgba32f);
    auto batch = gpu::ComputeBatch::create(*device, 1);
    if (!pass.isOk() || !src.isOk() || !dst.isOk() || !batch.isOk()) {
        state.SkipWithError("GPU set-up failed");
        return;
    }
    double kernelMs = 0;
    for (auto _ : state) {
        (void)pass->record(*batch, *src, *dst, 1.0f);
        (void)batch->submitAndWait();
        kernelMs += batch->timings().at(0).milliseconds;
    }
    state.counters["kernel_ms"] = kernelMs / state.iterations();
    state.counters["device"] = device->info().kind == gpu::DeviceKind::Cpu ? 0 : 1;
    state.SetBytesProcessed(state.iterations() * std::int64_t(w) * h *
                            (media::bytesPerSample(type) * 4 + 16));
    state.SetLabel(device->info().name);
}

void exposureCpu(benchmark::State& state) {
    const int w = static_cast<int>(state.range(0)), h = static_cast<int>(state.range(1));
    const auto type = state.range(2) ? media::PixelType::Float : media::PixelType::Half;
    media::Image image = media::makeNoise(w, h, type, 1, 0.0f, 1.0f);
    for (auto _ : state) {
        nodes::applyExposure(image, 1.0f);
        benchmark::DoNotOptimize(image.data());
    }
    state.SetBytesProcessed(state.iterations() * std::int64_t(w) * h * media::bytesPerSample(type) *
                            8);
}

void sizes(benchmark::internal::Benchmark* b) {
    for (int isFloat : {0, 1}) {
        b->Args({1920, 1080, isFloat});
        b->Args({4096, 2160, isFloat});
    }
    b->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(exposureGpu)->Apply(sizes);
BENCHMARK(exposureCpu)->Apply(sizes);

}  // namespace
