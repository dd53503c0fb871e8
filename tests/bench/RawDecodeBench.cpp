// CinemaDNG at 4096x2160 (written by media::writeCinemaDng): frames per second through the
// steps `emulsion grade` takes for camera raw, timed apart:
//   dngDecode      RawReader::read (LibRaw open_file + unpack, the CinemaDNG tags), one thread,
//                  as grade reads raw clips (one reader behind a lock);
//   dngDemosaic    raw::DemosaicPass as DemosaicPass::run does it: upload the mosaic, demosaic
//                  (bilinear or directional) into RGBA32F, download; with the GPU kernel time
//                  from Vulkan timestamps;
//   libRawAhd      the reference a user would otherwise reach for: LibRaw's dcraw_process with
//                  AHD (user_qual 3), linear 16-bit camera RGB, on the same file; LibRaw runs
//                  AHD on OpenMP's threads (OMP_NUM_THREADS).
// Run: tests/bench/media_decode.sh, or emulsion_bench --benchmark_filter='dng|libRaw'
#include <benchmark/benchmark.h>
#include <libraw/libraw.h>

#include <chrono>
#include <memory>
#include <string>

#include "BenchDevice.h"
#include "BenchMedia.h"
#include "emulsion/gpu/ComputeBatch.h"
#include "emulsion/gpu/Device.h"
#include "emulsion/gpu/KernelCache.h"
#include "emulsion/media/FramePattern.h"
#include "emulsion/media/RawReader.h"
#include "emulsion/raw/Demosaic.h"

namespace {

using namespace emu;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void dngDecode(benchmark::State& state) {
    const std::string pattern = bench::dngSequence();
    if (pattern.empty()) {
        state.SkipWithError("could not write the DNG sequence");
        return;
    }
    auto reader = media::RawReader::open(pattern);
    if (!reader.isOk() || (*reader)->info().frameCount != bench::kDngFrames) {
        state.SkipWithError("could not write or open the DNG sequence");
        return;
    }
    const int first = (*reader)->info().firstFrame;
    double ms = 0.0;
    for (auto _ : state) {
        const auto t0 = Clock::now();
        for (int f = first; f < first + bench::kDngFrames; ++f) {
            auto frame = (*reader)->read(f);
            if (!frame.isOk() || !frame->mosaic) {
                state.SkipWithError("a DNG read failed");
                return;
            }
        }
        const double elapsed = msSince(t0);
        state.SetIterationTime(elapsed / 1000.0);
        ms += elapsed;
    }
    state.counters["fps"] = 1000.0 * bench::kDngFrames * double(state.iterations()) / ms;
}

void dngDemosaic(benchmark::State& state) {
    gpu::Device* device = bench::benchDevice();
    const std::string pattern = bench::dngSequence();
    if (!device || pattern.empty()) {
        state.SkipWithError(device ? "could not write the DNG sequence" : "no Vulkan device");
        return;
    }
    auto first = media::FramePattern::parse(pattern);
    auto frame = media::readRawFile(first->path(1), nullptr);
    gpu::KernelCache cache(*device);
    auto pass = raw::DemosaicPass::create(*device, cache);
    if (!frame.isOk() || !frame->mosaic || !pass.isOk()) {
        state.SkipWithError("DNG read or GPU set-up failed");
        return;
    }
    const media::RawMosaic& mosaic = *frame->mosaic;
    raw::DemosaicParams params;
    params.method =
        state.range(0) ? raw::DemosaicMethod::Directional : raw::DemosaicMethod::Bilinear;
    // Once untimed: the first dispatch of each kernel may still compile on some drivers.
    if (!pass->run(mosaic, params).isOk()) {
        state.SkipWithError("demosaic failed");
        return;
    }
    double uploadMs = 0, demosaicMs = 0, kernelMs = 0, downloadMs = 0;
    for (auto _ : state) {
        auto t0 = Clock::now();
        auto src = pass->upload(mosaic);
        auto dst = gpu::StorageImage::create(*device, mosaic.width, mosaic.height,
                                             gpu::ImageFormat::Rgba32f);
        uploadMs += msSince(t0);
        t0 = Clock::now();
        auto batch = gpu::ComputeBatch::create(*device, 8);
        if (!src.isOk() || !dst.isOk() || !batch.isOk() ||
            !pass->record(*batch, *src, mosaic, params, *dst).isOk() ||
            !batch->submitAndWait().isOk()) {
            state.SkipWithError("demosaic failed");
            return;
        }
        demosaicMs += msSince(t0);
        for (const auto& t : batch->timings()) kernelMs += t.milliseconds;
        t0 = Clock::now();
        media::Image out(mosaic.width, mosaic.height, media::PixelType::Float);
        if (!dst->download(*device, out.data(), out.sizeBytes()).isOk()) {
            state.SkipWithError("download failed");
            return;
        }
        downloadMs += msSince(t0);
        benchmark::DoNotOptimize(out.data());
    }
    const double n = double(state.iterations());
    state.counters["upload_ms"] = uploadMs / n;
    state.counters["demosaic_ms"] = demosaicMs / n;
    state.counters["kernel_ms"] = kernelMs / n;
    state.counters["download_ms"] = downloadMs / n;
    state.counters["fps"] = 1000.0 * n / (uploadMs + demosaicMs + downloadMs);
    state.SetLabel(
        std::string(params.method == raw::DemosaicMethod::Bilinear ? "bilinear" : "directional") +
        " on " + device->info().name);
}

void libRawAhd(benchmark::State& state) {
    const std::string pattern = bench::dngSequence();
    if (pattern.empty()) {
        state.SkipWithError("could not write the DNG sequence");
        return;
    }
    auto parsed = media::FramePattern::parse(pattern);
    auto probe = media::readRawFile(parsed->path(1), nullptr);
    if (!probe.isOk() || !probe->mosaic) {
        state.SkipWithError("could not write or read the DNG sequence");
        return;
    }
    const auto neutral = probe->mosaic->asShotNeutral;
    double decodeMs = 0, processMs = 0;
    int f = 0;
    for (auto _ : state) {
        const std::string path = parsed->path(1 + f++ % bench::kDngFrames).string();
        auto t0 = Clock::now();
        auto lr = std::make_unique<LibRaw>();
        if (lr->open_file(path.c_str()) != LIBRAW_SUCCESS || lr->unpack() != LIBRAW_SUCCESS) {
            state.SkipWithError("LibRaw could not open the DNG");
            return;
        }
        decodeMs += msSince(t0);
        // The settings of the AHD comparison in tests/engine/raw: linear camera RGB, as-shot
        // balance, no brightening or highlight recovery.
        libraw_output_params_t& o = lr->imgdata.params;
        o.user_qual = 3;
        o.output_color = 0;
        o.gamm[0] = o.gamm[1] = 1.0;
        o.no_auto_bright = 1;
        o.highlight = 0;
        o.output_bps = 16;
        o.user_flip = 0;
        o.adjust_maximum_thr = 0.0f;
        for (int c = 0; c < 4; ++c) o.user_mul[c] = 1.0f / neutral[c == 3 ? 1 : c];
        t0 = Clock::now();
        if (lr->dcraw_process() != LIBRAW_SUCCESS) {
            state.SkipWithError("dcraw_process failed");
            return;
        }
        processMs += msSince(t0);
    }
    const double n = double(state.iterations());
    state.counters["decode_ms"] = decodeMs / n;
    state.counters["process_ms"] = processMs / n;
    state.counters["fps"] = 1000.0 * n / (decodeMs + processMs);
    state.SetLabel("LibRaw " + std::string(LibRaw::version()) + " AHD");
}

BENCHMARK(dngDecode)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(3);
BENCHMARK(dngDemosaic)
    ->ArgName("directional")
    ->DenseRange(0, 1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(4);
BENCHMARK(libRawAhd)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(4);

}  // namespace
