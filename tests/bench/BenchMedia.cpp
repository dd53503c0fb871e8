#include "BenchMedia.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "emulsion/core/ThreadPool.h"
#include "emulsion/media/DngWriter.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/media/FramePattern.h"
#include "emulsion/media/Image.h"

namespace emu::bench {

namespace {

namespace fs = std::filesystem;

// The folder and whether this process made it (and so removes it at exit).
struct MediaDir {
    fs::path path;
    bool owned = false;
    ~MediaDir() {
        std::error_code ignored;
        if (owned) fs::remove_all(path, ignored);
    }
};

MediaDir makeMediaDir() {
    MediaDir dir;
    if (const char* env = std::getenv("EMULSION_BENCH_MEDIA"); env && *env) {
        dir.path = env;
        std::error_code ec;
        fs::create_directories(dir.path, ec);
        return dir;
    }
    std::string templ = (fs::temp_directory_path() / "emulsion-bench-XXXXXX").string();
    if (::mkdtemp(templ.data())) {
        dir.path = templ;
        dir.owned = true;
    }
    return dir;
}

// murmur3's 32-bit finaliser: every input bit reaches every output bit.
std::uint32_t mix(std::uint32_t x) {
    x ^= x >> 16;
    x *= 0x85ebca6bu;
    x ^= x >> 13;
    x *= 0xc2b2ae35u;
    x ^= x >> 16;
    return x;
}

// Noise of standard deviation about 1, from the sum of four uniform bytes.
float noise(std::uint32_t key) {
    const std::uint32_t h = mix(key);
    const float sum =
        float(h & 0xff) + float((h >> 8) & 0xff) + float((h >> 16) & 0xff) + float(h >> 24);
    return (sum / 255.0f - 2.0f) * 1.732f;
}

// Frame `frame` of the scene: a diagonal colour gradient drifting a little per frame, plus noise
// whose amplitude grows with the signal, as a sensor's does. Linear, mostly in 0..1.
media::Image plate(int frame, media::PixelType type) {
    media::Image image(kPlateWidth, kPlateHeight, type);
    const float drift = 0.01f * float(frame);
    for (int y = 0; y < kPlateHeight; ++y) {
        const float v = float(y) / float(kPlateHeight - 1);
        for (int x = 0; x < kPlateWidth; ++x) {
            const float u = float(x) / float(kPlateWidth - 1) + drift;
            const float base[3] = {0.02f + 0.8f * u * u, 0.05f + 0.45f * v + 0.1f * u,
                                   0.03f + 0.35f * (1.0f - v) * u};
            const std::uint32_t key =
                (std::uint32_t(frame) * kPlateHeight + std::uint32_t(y)) * kPlateWidth + x;
            float rgba[4] = {0, 0, 0, 1};
            for (int c = 0; c < 3; ++c) {
                const float sigma = 0.002f + 0.02f * std::sqrt(base[c]);
                rgba[c] = base[c] + sigma * noise(key * 3u + std::uint32_t(c));
            }
            const std::size_t at = (std::size_t(y) * kPlateWidth + x) * 4;
            for (int c = 0; c < 4; ++c) {
                if (type == media::PixelType::Half) {
                    reinterpret_cast<std::uint16_t*>(image.data())[at + c] =
                        media::floatToHalf(rgba[c]);
                } else {
                    reinterpret_cast<float*>(image.data())[at + c] = rgba[c];
                }
            }
        }
    }
    return image;
}

// Writes frames 1..count of `pattern` that are missing, in parallel; false on any failure.
template <typename WriteFrame>
bool writeMissing(const std::string& pattern, int count, WriteFrame write) {
    auto parsed = media::FramePattern::parse(pattern);
    if (!parsed.isOk()) return false;
    core::ThreadPool pool(std::max(2u, std::thread::hardware_concurrency()));
    std::vector<std::future<Status>> writes;
    for (int f = 1; f <= count; ++f) {
        const fs::path path = parsed->path(f);
        if (fs::exists(path)) continue;
        writes.push_back(pool.submit([path, f, &write] { return write(path, f); }));
    }
    bool ok = true;
    for (auto& w : writes) {
        Status s = w.get();
        if (!s.isOk()) {
            std::fprintf(stderr, "bench media: %s\n", s.message().c_str());
            ok = false;
        }
    }
    return ok;
}

}  // namespace

const fs::path& benchMediaDir() {
    static const MediaDir dir = makeMediaDir();
    return dir.path;
}

std::string exrSequence(media::ExrCompression compression) {
    const std::string pattern =
        (benchMediaDir() / ("plate_" + std::string(media::toString(compression)) + ".%04d.exr"))
            .string();
    const bool ok = writeMissing(pattern, kExrFrames, [compression](const fs::path& path, int f) {
        media::ExrFrame frame;
        frame.image = plate(f, media::PixelType::Half);
        frame.dataWindow = frame.displayWindow = {0, 0, kPlateWidth - 1, kPlateHeight - 1};
        frame.layout = media::ChannelLayout::Rgb;
        frame.compression = compression;
        return media::writeExr(path, frame);
    });
    return ok ? pattern : std::string();
}

std::string dngSequence() {
    const std::string pattern = (benchMediaDir() / "plate.%04d.dng").string();
    const bool ok = writeMissing(pattern, kDngFrames, [](const fs::path& path, int f) {
        return media::writeCinemaDng(path, plate(f, media::PixelType::Float), media::DngCamera{});
    });
    return ok ? pattern : std::string();
}

}  // namespace emu::bench
