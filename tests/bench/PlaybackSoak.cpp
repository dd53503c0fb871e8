// Soak test of the playback cache: plays a generated EXR sequence at 24 fps for a given time
// while seeking at random every half second, and samples the process's resident memory and the
// cache's bytes once a second. Not part of the test suite (docs/PERFORMANCE.md has its figures).
//   playback_soak [SECONDS] [BUDGET_MIB] [THREADS] [FRAMES] [WIDTH] [HEIGHT]
//   (defaults: 60 64 2 200 512 288)
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "emulsion/media/ClipRegistry.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/media/FrameCache.h"
#include "emulsion/media/PlaybackClock.h"
#include "emulsion/media/Prefetcher.h"
#include "emulsion/media/TestPattern.h"

namespace {

using namespace emu;

constexpr double kMiB = 1024.0 * 1024.0;

// Resident set size from /proc/self/statm (second field, in pages).
std::size_t residentBytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t total = 0, resident = 0;
    statm >> total >> resident;
    return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

int argOr(int argc, char** argv, int index, int fallback) {
    return argc > index ? std::atoi(argv[index]) : fallback;
}

int fail(const Status& s) {
    std::fprintf(stderr, "playback_soak: %s\n", s.message().c_str());
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    const int seconds = argOr(argc, argv, 1, 60);
    const int budgetMib = argOr(argc, argv, 2, 64);
    const int threads = argOr(argc, argv, 3, 2);
    const int count = argOr(argc, argv, 4, 200);
    const int width = argOr(argc, argv, 5, 512);
    const int height = argOr(argc, argv, 6, 288);
    if (seconds < 1 || budgetMib < 1 || threads < 1 || count < 2 || width < 1 || height < 1) {
        std::fprintf(stderr,
                     "usage: playback_soak [SECONDS] [BUDGET_MIB] [THREADS] [FRAMES] "
                     "[WIDTH] [HEIGHT]\n");
        return 2;
    }
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("emulsion-soak-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    for (int f = 0; f < count; ++f) {
        media::ExrFrame exr;
        exr.image = media::makeNoise(width, height, media::PixelType::Half, std::uint32_t(f + 1),
                                     0.0f, 1.0f);
        exr.dataWindow = exr.displayWindow = {0, 0, width - 1, height - 1};
        char name[32];
        std::snprintf(name, sizeof name, "soak.%05d.exr", f);
        if (Status s = media::writeExr(dir / name, exr); !s.isOk()) return fail(s);
    }

    const std::size_t budget = std::size_t(budgetMib) * 1024 * 1024;
    const std::size_t frameBytes = std::size_t(width) * std::size_t(height) * 8;
    media::FrameCache cache(budget);
    const media::ClipRegistry registry = media::builtinClipReaders();
    media::PrefetchOptions options;
    options.threads = threads;
    auto prefetcher = media::Prefetcher::create(cache, registry, dir / "soak.00000.exr", options);
    if (!prefetcher.isOk()) return fail(prefetcher.status());
    std::unique_ptr<media::Prefetcher> owner = std::move(prefetcher).value();
    media::Prefetcher& p = *owner;

    std::printf(
        "soak: %d s at 24 fps, %d frames %dx%d half (%zu bytes each), budget %d MiB, "
        "%d reader threads, a random seek every 0.5 s\n",
        seconds, count, width, height, frameBytes, budgetMib, threads);
    std::printf("%6s %10s %10s\n", "second", "rss_MiB", "cache_MiB");
    media::SteadyTimeSource time;
    media::PlaybackClock clock(media::FrameRate{24, 1}, time);
    clock.start(std::int64_t(seconds) * 24);
    std::mt19937 random(2024);
    const int speeds[] = {-2, -1, 1, 2};
    int head = p.frames().front();
    int speed = 1;
    std::int64_t lastTick = -1;
    std::size_t rssStart = 0, rssMax = 0, rssMaxAfterWarmUp = 0, rssAtWarmUp = 0;
    std::size_t cacheMax = 0;
    int seeks = 0;
    const int warmUpSecond = std::max(1, seconds / 6);
    int sampled = 0;
    while (std::optional<std::int64_t> tick = clock.nextFrame()) {
        if (*tick / 12 != lastTick / 12) {  // every half second: jump somewhere else
            head = p.frames()[random() % p.frames().size()];
            speed = speeds[random() % 4];
            ++seeks;
        } else {
            head = *p.step(head, (*tick - lastTick) * speed);
        }
        lastTick = *tick;
        p.setPlayhead(head, speed);
        auto frame = p.get(head);
        if (!frame.isOk()) return fail(frame.status());
        cacheMax = std::max(cacheMax, cache.stats().bytes);
        while (sampled < *tick / 24) {  // one sample per second of play
            ++sampled;
            const std::size_t rss = residentBytes();
            const std::size_t held = cache.stats().bytes;
            if (sampled == 1) rssStart = rss;
            if (sampled == warmUpSecond) rssAtWarmUp = rss;
            rssMax = std::max(rssMax, rss);
            if (sampled >= warmUpSecond) rssMaxAfterWarmUp = std::max(rssMaxAfterWarmUp, rss);
            std::printf("%6d %10.1f %10.1f\n", sampled, double(rss) / kMiB, double(held) / kMiB);
            std::fflush(stdout);
        }
    }
    const media::FrameCache::Stats c = cache.stats();
    const media::Prefetcher::Stats s = p.stats();
    std::printf("frames: %lld delivered, %lld dropped; %d seeks\n",
                static_cast<long long>(clock.delivered()), static_cast<long long>(clock.dropped()),
                seeks);
    std::printf(
        "cache: max %zu bytes (%.1f MiB) sampled per frame, peak %zu bytes, budget %zu "
        "bytes: %s; %llu hits, %llu misses, %llu evictions\n",
        cacheMax, double(cacheMax) / kMiB, c.peakBytes, budget,
        c.peakBytes <= budget + frameBytes ? "within budget + one frame" : "OVER BUDGET",
        static_cast<unsigned long long>(c.hits), static_cast<unsigned long long>(c.misses),
        static_cast<unsigned long long>(c.evictions));
    std::printf("prefetch: %llu reads (%.2f ms each), %llu cancelled, %llu stale discarded\n",
                static_cast<unsigned long long>(s.reads),
                s.reads ? s.decodeMilliseconds / double(s.reads) : 0.0,
                static_cast<unsigned long long>(s.cancelled),
                static_cast<unsigned long long>(s.discardedStale));
    std::printf(
        "RSS: %.1f MiB at second 1, max %.1f MiB: growth %.1f MiB; from second %d "
        "(%.1f MiB) on, growth %.1f MiB\n",
        double(rssStart) / kMiB, double(rssMax) / kMiB, double(rssMax - rssStart) / kMiB,
        warmUpSecond, double(rssAtWarmUp) / kMiB, double(rssMaxAfterWarmUp - rssAtWarmUp) / kMiB);
    owner.reset();  // stops the reader threads before their files go
    std::filesystem::remove_all(dir);
    return c.peakBytes <= budget + frameBytes ? 0 : 1;
}
