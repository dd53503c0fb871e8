// Burn-in and review-encode timings at 1920 x 1080:
//   text_bench [FRAMES] [RAW_DUMP] [X264_PRESET]
// Prints the median time to lay out the review burn-ins (HarfBuzz + FreeType), composite them
// on the CPU and on the GPU (upload, kernel, download; and the kernel alone from Vulkan
// timestamps), and the H.264 encode rate of MovieWriter (CRF 18, the given x264 preset, the
// RGBA float -> Y'CbCr conversion included). With RAW_DUMP, the frames before burn-in are also
// written there as rgb48le for the same run of ffmpeg (tests/bench/text_vs_ffmpeg.sh).

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "BenchDevice.h"
#include "emulsion/gpu/ComputeBatch.h"
#include "emulsion/gpu/KernelCache.h"
#include "emulsion/gpu/StorageImage.h"
#include "emulsion/media/MovieWriter.h"
#include "emulsion/media/SyntheticScene.h"
#include "emulsion/text/BurnIn.h"
#include "emulsion/text/GpuCompositor.h"

using namespace emu;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

media::Image displayFrame(int i, int count) {
    media::Image image = media::makeSceneFrame(1920, 1080, i, count);
    float* p = reinterpret_cast<float*>(image.data());
    for (std::size_t k = 0; k < image.pixelCount(); ++k)
        for (int c = 0; c < 3; ++c) {
            const float v = std::max(0.0f, p[4 * k + c]);
            p[4 * k + c] = std::pow(v / (1.0f + v), 1.0f / 2.2f);
        }
    return image;
}

std::string timecode(int frame) {
    char text[16];
    std::snprintf(text, sizeof text, "01:00:%02d:%02d", frame / 24 % 60, frame % 24);
    return text;
}

void dumpRgb48(const media::Image& image, std::ofstream& out) {
    std::vector<std::uint16_t> row(std::size_t(image.width()) * 3);
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            for (int c = 0; c < 3; ++c)
                row[std::size_t(x) * 3 + c] = std::uint16_t(
                    std::lround(std::clamp(image.sample(x, y, c), 0.0f, 1.0f) * 65535.0f));
        out.write(reinterpret_cast<const char*>(row.data()), std::streamsize(row.size() * 2));
    }
}

}  // namespace

int main(int argc, char** argv) {
    const int frames = argc > 1 ? std::max(1, std::atoi(argv[1])) : 24;
    const std::string dump = argc > 2 ? argv[2] : "";
    const std::string preset = argc > 3 ? argv[3] : "medium";

    std::vector<media::Image> source;
    std::ofstream raw;
    if (!dump.empty() && dump != "-") raw.open(dump, std::ios::binary);
    for (int i = 0; i < frames; ++i) {
        source.push_back(displayFrame(i, frames));
        if (raw) dumpRgb48(source.back(), raw);
    }
    raw.close();

    auto burnIn = text::BurnInRenderer::create(text::BurnInLayout::review());
    if (!burnIn.isOk()) {
        std::fprintf(stderr, "%s\n", burnIn.status().message().c_str());
        return 1;
    }
    std::vector<double> layout, cpu, gpu, kernel;
    std::vector<media::Image> burned;
    text::TextOverlay overlay;
    for (int i = 0; i < frames; ++i) {
        const text::BurnInFields fields{timecode(i), timecode(i + 3000), "SC12 TK3",
                                        "CONFIDENTIAL"};
        media::Image frame = source[std::size_t(i)];
        const auto t0 = Clock::now();
        (void)burnIn->layOut(1920, 1080, fields, overlay);
        const auto t1 = Clock::now();
        (void)text::compositeCpu(frame, overlay);
        const auto t2 = Clock::now();
        layout.push_back(ms(t0, t1));
        cpu.push_back(ms(t1, t2));
        burned.push_back(std::move(frame));
    }
    std::printf("frames: %d at 1920x1080, review burn-in layout (4 fields)\n", frames);
    std::printf("layout (shape + rasterise), median: %.3f ms\n", median(layout));
    std::printf("CPU composite, median: %.3f ms (burn-in total %.3f ms)\n", median(cpu),
                median(layout) + median(cpu));

    if (gpu::Device* device = bench::benchDevice()) {
        gpu::KernelCache cache(*device);
        auto compositor = text::GpuCompositor::create(*device, cache);
        auto image = gpu::StorageImage::create(*device, 1920, 1080, gpu::ImageFormat::Rgba32f);
        auto batch = gpu::ComputeBatch::create(*device, 8, true);
        if (compositor.isOk() && image.isOk() && batch.isOk()) {
            for (int i = 0; i < frames; ++i) {
                const text::BurnInFields fields{timecode(i), timecode(i + 3000), "SC12 TK3",
                                                "CONFIDENTIAL"};
                (void)burnIn->layOut(1920, 1080, fields, overlay);
                media::Image frame = source[std::size_t(i)];
                const auto t0 = Clock::now();
                (void)compositor->composite(frame, overlay);
                gpu.push_back(ms(t0, Clock::now()));
                // The kernel alone, as the renderer runs it on a frame already on the GPU.
                (void)image->upload(*device, frame.data(), frame.sizeBytes());
                (void)compositor->record(*batch, *image, overlay);
                (void)batch->submitAndWait();
                double sum = 0.0;
                for (const gpu::DispatchTiming& t : batch->timings()) sum += t.milliseconds;
                kernel.push_back(sum);
            }
            std::printf("GPU composite with upload + download, median: %.3f ms\n", median(gpu));
            std::printf("GPU kernel alone (mask upload excluded), median: %.3f ms\n",
                        median(kernel));
        }
    } else {
        std::printf("GPU: no Vulkan device\n");
    }

    const auto movie = std::filesystem::temp_directory_path() / "text_bench_review.mp4";
    media::MovieWriteOptions o;
    o.codec = media::MovieCodec::H264;
    o.width = 1920;
    o.height = 1080;
    o.rate = {24, 1};
    o.startTimecode = "01:00:00:00";
    o.encoderPreset = preset;
    const auto e0 = Clock::now();
    const std::clock_t c0 = std::clock();  // process CPU time, every thread: robust to load
    auto writer = media::MovieWriter::create(movie, o);
    if (!writer.isOk()) {
        std::fprintf(stderr, "%s\n", writer.status().message().c_str());
        return 1;
    }
    for (const media::Image& f : burned) (void)(*writer)->write(f);
    const Status closed = (*writer)->close();
    const double seconds = ms(e0, Clock::now()) / 1000.0;
    const double encodeCpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
    std::printf(
        "H.264 encode (CRF 18, preset %s): %d frames in %.2f s = %.2f fps, %.1f ms CPU "
        "a frame%s\n",
        preset.c_str(), frames, seconds, frames / seconds, 1000.0 * encodeCpu / frames,
        closed.isOk() ? "" : (" FAILED: " + closed.message()).c_str());
    std::filesystem::remove(movie);
    return 0;
}
