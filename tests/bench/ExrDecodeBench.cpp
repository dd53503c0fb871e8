// Decode throughput of 4096x2160 half RGB EXR sequences (ZIP, PIZ, DWAA) through media::readExr,
// in frames per second, at 1, 2, 4, ... hardware threads. Three ways of spending the threads:
//   pipeline  what `emulsion grade` does (GradeCommand.cpp): a ThreadPool of T workers with up
//             to 3 frames read ahead, each frame decoded with OpenEXR's pool at T threads;
//   frames    T frames at once, each decoded on its own worker (OpenEXR's pool off);
//   chunks    one frame at a time, its chunks decoded by OpenEXR's pool of T threads.
// Besides frames/s (wall clock), cpu_ms_per_frame is the process's CPU time per frame.
// Files come from the page cache after the first pass: this is decode, not disk, throughput.
// Run: tests/bench/media_decode.sh, or emulsion_bench --benchmark_filter=exrDecode
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "BenchMedia.h"
#include "emulsion/core/ThreadPool.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/media/FramePattern.h"

namespace {

using namespace emu;

enum class Spend { Pipeline, Frames, Chunks };
constexpr const char* kSpendNames[] = {"pipeline", "frames", "chunks"};
constexpr media::ExrCompression kCompressions[] = {
    media::ExrCompression::Zip, media::ExrCompression::Piz, media::ExrCompression::Dwaa};
// CPU time of the whole process (every thread) so far, in seconds.
double processCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return double(t.tv_sec) + 1e-6 * t.tv_usec; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// GradeCommand's read-ahead: how many frames it keeps queued on its pool.
constexpr std::size_t kGradeReadAhead = 3;

// Reads every frame with up to `inFlight` reads queued on `pool`, in order, as grade consumes
// them. False if any read fails.
bool readQueued(const std::vector<std::string>& files, core::ThreadPool& pool,
                std::size_t inFlight) {
    std::deque<std::future<bool>> reads;
    std::size_t next = 0;
    bool ok = true;
    while (next < files.size() || !reads.empty()) {
        while (next < files.size() && reads.size() < inFlight) {
            const std::string& file = files[next++];
            reads.push_back(pool.submit([&file] {
                auto frame = media::readExr(file);
                return frame.isOk() && !frame->image.empty();
            }));
        }
        ok = reads.front().get() && ok;
        reads.pop_front();
    }
    return ok;
}

void exrDecode(benchmark::State& state) {
    const auto compression = kCompressions[state.range(0)];
    const auto spend = static_cast<Spend>(state.range(1));
    const int threads = static_cast<int>(state.range(2));
    const std::string pattern = bench::exrSequence(compression);
    auto parsed = media::FramePattern::parse(pattern);
    if (pattern.empty() || !parsed.isOk()) {
        state.SkipWithError("could not write the EXR sequence");
        return;
    }
    std::vector<std::string> files;
    for (int f = 1; f <= bench::kExrFrames; ++f) files.push_back(parsed->path(f).string());

    // OpenEXR's pool is process-wide; no read is in flight between benchmarks.
    media::setExrThreadCount(spend == Spend::Frames ? 0 : threads);
    core::ThreadPool pool(static_cast<std::size_t>(threads));
    const std::size_t inFlight = spend == Spend::Pipeline ? kGradeReadAhead
                                 : spend == Spend::Frames ? std::size_t(threads)
                                                          : 1;
    double seconds = 0.0;
    const double cpu0 = processCpuSeconds();
    for (auto _ : state) {
        const auto t0 = std::chrono::steady_clock::now();
        const bool ok =
            spend == Spend::Chunks
                ? std::all_of(files.begin(), files.end(),
                              [](const std::string& file) { return media::readExr(file).isOk(); })
                : readQueued(files, pool, inFlight);
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - t0;
        state.SetIterationTime(elapsed.count());
        seconds += elapsed.count();
        if (!ok) {
            state.SkipWithError("an EXR read failed");
            break;
        }
    }
    const double cpuSeconds = processCpuSeconds() - cpu0;
    media::setExrThreadCount(static_cast<int>(std::thread::hardware_concurrency()));
    const double framesRead = double(files.size()) * double(state.iterations());
    // CPU time per frame is what a loaded machine distorts least: it counts the work, not the
    // share of the cores the benchmark was given.
    state.counters["cpu_ms_per_frame"] = 1000.0 * cpuSeconds / framesRead;
    state.counters["fps"] = framesRead / seconds;
    state.counters["threads"] = threads;
    state.SetLabel(std::string(media::toString(compression)) + " " + kSpendNames[state.range(1)]);
}

// 1, 2, 4, ... up to the hardware threads, which are always included.
std::vector<std::int64_t> threadCounts() {
    const int n = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::int64_t> counts;
    for (int t = 1; t < n; t *= 2) counts.push_back(t);
    counts.push_back(n);
    return counts;
}

void exrArgs(benchmark::internal::Benchmark* b) {
    b->ArgNames({"compression", "spend", "threads"});
    b->ArgsProduct({{0, 1, 2}, {0, 1, 2}, threadCounts()});
    b->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(2);
}

BENCHMARK(exrDecode)->Apply(exrArgs);

}  // namespace
