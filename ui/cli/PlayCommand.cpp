#include "PlayCommand.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <thread>

#include "CliContext.h"
#include "ColourOptions.h"
#include "emulsion/render/FrameGrader.h"
#include "emulsion/media/ClipRegistry.h"
#include "emulsion/media/FrameCache.h"
#include "emulsion/media/PlaybackClock.h"
#include "emulsion/media/Prefetcher.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/raw/Demosaic.h"

namespace emu::cli {

namespace {

struct PlayArgs {
    std::string input;
    std::string gradeFile;
    double seconds = 5.0;
    int cacheMb = 1024;
    int threads = 0;  // 0: one per hardware thread, at least two
    std::string rate;
    int speed = 1;
    std::string demosaic = "directional";
};

constexpr double kMiB = 1024.0 * 1024.0;

double msSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// Develops (camera raw) and grades one frame on the GPU; the result stays unused, as a viewer
// would only display it.
class FrameRenderer {
public:
    FrameRenderer(gpu::Device& device, FrameGrader& grader, raw::DemosaicParams rawParams)
        : m_device(device), m_grader(grader), m_rawKernels(device), m_rawParams(rawParams) {}

    Status render(const media::Frame& frame) {
        const media::Image* image = &frame.image;
        media::Image developed;
        if (frame.mosaic) {
            if (!m_demosaic) {
                EMU_ASSIGN_OR_RETURN(raw::DemosaicPass pass,
                                     raw::DemosaicPass::create(m_device, m_rawKernels));
                m_demosaic = std::move(pass);
            }
            EMU_ASSIGN_OR_RETURN(developed, m_demosaic->run(*frame.mosaic, m_rawParams));
            image = &developed;
        }
        EMU_ASSIGN_OR_RETURN(media::Image graded, m_grader.grade(*image));
        (void)graded;
        return Status::ok();
    }

private:
    gpu::Device& m_device;
    FrameGrader& m_grader;
    gpu::KernelCache m_rawKernels;
    raw::DemosaicParams m_rawParams;
    std::optional<raw::DemosaicPass> m_demosaic;
};

Result<media::FrameRate> playRate(const PlayArgs& args, const media::ClipInfo& info,
                                  core::Log& log) {
    if (!args.rate.empty()) return media::parseFrameRate(args.rate);
    if (info.rate.valid()) return info.rate;
    log.warning(info.path.string() + " does not say its frame rate: playing at 24 fps");
    return media::FrameRate{24, 1};
}

Status checkArgs(const PlayArgs& args) {
    if (!(args.seconds > 0.0) || args.seconds > 24 * 3600.0) {
        return makeError(ErrorCode::InvalidArgument, "--seconds must be above 0, at most a day");
    }
    if (args.speed == 0 || std::abs(args.speed) > 16) {
        return makeError(ErrorCode::InvalidArgument,
                         "--speed must be a whole number from -16 to 16, not 0");
    }
    if (args.cacheMb < 1 || args.threads < 0 || args.threads > 64) {
        return makeError(ErrorCode::InvalidArgument,
                         "--cache-mb must be at least 1 and --threads from 1 to 64");
    }
    return Status::ok();
}

struct PlayReport {
    std::int64_t due = 0;
    std::int64_t delivered = 0;
    std::int64_t dropped = 0;
    double wallSeconds = 0.0;
    double gpuMilliseconds = 0.0;  // sum over delivered frames
};

// Plays from the clip's first frame until `end` frames were due, looping.
Result<PlayReport> playLoop(const PlayArgs& args, media::Prefetcher& prefetcher,
                            FrameRenderer& renderer, media::PlaybackClock& clock,
                            std::int64_t end) {
    const int first = args.speed > 0 ? prefetcher.frames().front() : prefetcher.frames().back();
    PlayReport report;
    report.due = end;
    clock.start(end);
    while (std::optional<std::int64_t> tick = clock.nextFrame()) {
        const int frame = *prefetcher.step(first, *tick * args.speed);
        prefetcher.setPlayhead(frame, args.speed);
        EMU_ASSIGN_OR_RETURN(std::shared_ptr<const media::Frame> decoded, prefetcher.get(frame));
        const auto t0 = std::chrono::steady_clock::now();
        Status s = renderer.render(*decoded);
        if (!s.isOk())
            return s.withContext(prefetcher.clipKey() + " frame " + std::to_string(frame));
        report.gpuMilliseconds += msSince(t0);
    }
    // The run lasts until its last frame's time is over, however many were dropped.
    const std::chrono::nanoseconds left = clock.dueTime(end) - clock.elapsed();
    if (left.count() > 0) std::this_thread::sleep_for(left);
    report.delivered = clock.delivered();
    report.dropped = clock.dropped();
    report.wallSeconds = std::chrono::duration<double>(clock.elapsed()).count();
    return report;
}

void printReport(const PlayArgs& args, media::FrameRate rate, const PlayReport& report,
                 const media::FrameCache::Stats& cache, std::size_t budget,
                 const media::Prefetcher::Stats& prefetch, int threads) {
    std::printf("played %s for %.3f s at %d/%d fps (%.3f), speed %d\n", args.input.c_str(),
                report.wallSeconds, rate.numerator, rate.denominator, rate.fps(), args.speed);
    std::printf("frames: %lld due, %lld delivered, %lld dropped; achieved %.2f fps\n",
                static_cast<long long>(report.due), static_cast<long long>(report.delivered),
                static_cast<long long>(report.dropped),
                report.wallSeconds > 0 ? double(report.delivered) / report.wallSeconds : 0.0);
    std::printf(
        "cache: %llu hits, %llu misses, %llu evictions; peak %zu bytes (%.1f MiB) of a %zu byte "
        "(%.1f MiB) budget\n",
        static_cast<unsigned long long>(cache.hits), static_cast<unsigned long long>(cache.misses),
        static_cast<unsigned long long>(cache.evictions), cache.peakBytes,
        double(cache.peakBytes) / kMiB, budget, double(budget) / kMiB);
    std::printf("prefetch: %d threads, %llu reads, %llu cancelled, %llu stale discarded\n", threads,
                static_cast<unsigned long long>(prefetch.reads),
                static_cast<unsigned long long>(prefetch.cancelled),
                static_cast<unsigned long long>(prefetch.discardedStale));
    std::printf("time per frame: decode %.2f ms, GPU %.2f ms\n",
                prefetch.reads ? prefetch.decodeMilliseconds / double(prefetch.reads) : 0.0,
                report.delivered ? report.gpuMilliseconds / double(report.delivered) : 0.0);
}

int runPlay(CliContext& context, const PlayArgs& args) {
    if (Status s = checkArgs(args); !s.isOk()) return reportError(s);
    const media::ClipRegistry clips = media::builtinClipReaders();
    media::FrameCache cache(static_cast<std::size_t>(args.cacheMb) * 1024 * 1024);
    media::PrefetchOptions options;
    options.threads = args.threads > 0
                          ? args.threads
                          : std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
    auto prefetcher = media::Prefetcher::create(cache, clips, args.input, options);
    if (!prefetcher.isOk()) return reportError(prefetcher.status());
    auto rate = playRate(args, (*prefetcher)->info(), context.log);
    if (!rate.isOk()) return reportError(rate.status());

    const graph::NodeRegistry registry = nodes::builtinRegistry();
    auto grade = loadGradeWithCdl(args.gradeFile, ColourArgs{}, registry);
    if (!grade.isOk()) return reportError(grade.status());
    auto ocio = context.ocioContextFor(*grade, registry, args.gradeFile);
    if (!ocio.isOk()) return reportError(ocio.status());
    auto device = context.device();
    if (!device.isOk()) return reportError(device.status());
    auto grader = FrameGrader::create(**device);
    if (!grader.isOk()) return reportError(grader.status());
    if (Status s = (*grader)->setGrade(*grade, registry, *ocio); !s.isOk()) {
        return reportError(args.gradeFile.empty() ? s : s.withContext(args.gradeFile));
    }
    raw::DemosaicParams rawParams;
    rawParams.method = args.demosaic == "bilinear" ? raw::DemosaicMethod::Bilinear
                                                   : raw::DemosaicMethod::Directional;
    FrameRenderer renderer(**device, **grader, rawParams);

    // Preroll: the first frame read and rendered once, so that compiling the kernels is not
    // counted against the clock.
    const int first =
        args.speed > 0 ? (*prefetcher)->frames().front() : (*prefetcher)->frames().back();
    (*prefetcher)->setPlayhead(first, args.speed);
    auto firstFrame = (*prefetcher)->get(first);
    if (!firstFrame.isOk()) return reportError(firstFrame.status());
    if (Status s = renderer.render(**firstFrame); !s.isOk()) return reportError(s);

    media::SteadyTimeSource time;
    media::PlaybackClock clock(*rate, time);
    const auto seconds = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::duration<double>(args.seconds));
    const std::int64_t end = clock.latestDue(seconds - std::chrono::nanoseconds(1)) + 1;
    auto report = playLoop(args, **prefetcher, renderer, clock, end);
    if (!report.isOk()) return reportError(report.status());
    if (!context.quiet) {
        printReport(args, *rate, *report, cache.stats(), cache.budgetBytes(),
                    (*prefetcher)->stats(), options.threads);
    }
    return 0;
}

}  // namespace

void addPlayCommand(CLI::App& app, CliContext& context, int& exitCode) {
    auto args = std::make_shared<PlayArgs>();
    CLI::App* cmd = app.add_subcommand(
        "play",
        "Play a clip headless in real time, looping: decode ahead, grade on the GPU, "
        "report delivered and dropped frames");
    cmd->add_option("path", args->input,
                    "A clip: a file of a sequence, a pattern (name.%06d.exr) or a movie")
        ->required();
    cmd->add_option("--grade", args->gradeFile, "Grade file (JSON) to render each frame with");
    cmd->add_option("--seconds", args->seconds, "How long to play")->capture_default_str();
    cmd->add_option("--cache-mb", args->cacheMb, "Frame cache budget [MiB]")->capture_default_str();
    cmd->add_option("--threads", args->threads,
                    "Reader threads, each with its own reader (default: one per core, at least 2)");
    cmd->add_option("--rate", args->rate,
                    "Frame rate: 24, 25, 24000/1001 ... (default: the clip's, else 24)");
    cmd->add_option("--speed", args->speed,
                    "Frames per tick: 1 plays, 2 plays every other frame, -1 plays backwards")
        ->capture_default_str();
    cmd->add_option("--demosaic", args->demosaic,
                    "Camera raw: 'directional' (edge-aware) or 'bilinear' (fast)")
        ->check(CLI::IsMember({"bilinear", "directional"}))
        ->capture_default_str();
    cmd->callback([&context, &exitCode, args] {
        context.applyVerbosity();
        exitCode = runPlay(context, *args);
    });
}

}  // namespace emu::cli
