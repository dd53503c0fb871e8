#include "GradeCommand.h"

#include <chrono>
#include <deque>
#include <future>
#include <system_error>

#include "CliContext.h"
#include "ColourOptions.h"
#include "emulsion/render/FrameGrader.h"
#include "InputClip.h"
#include "Progress.h"
#include "emulsion/core/ThreadPool.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/media/FramePattern.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/raw/Demosaic.h"

namespace emu::cli {

namespace {

struct GradeArgs {
    std::string input;
    std::string output;
    std::optional<float> exposureStops;
    std::string gradeFile;
    std::string frames;
    std::string part;
    std::string layer;
    ColourArgs colour;
    std::string demosaic = "directional";  // camera raw: "bilinear" or "directional"
    float rawExposure = 0.0f;              // camera raw: stops, before the grade
};

// The frames to grade: --frames, else every frame of the input found on disk. A single output
// file takes a single input file, or the one named file of a sequence.
Result<std::vector<int>> framesToGrade(const GradeArgs& args, const InputClip& in,
                                       const media::FramePattern& out) {
    const Status mismatch = makeError(ErrorCode::InvalidArgument,
                                      "input and output must both be single files or both be "
                                      "sequences (name.%06d.exr or name.####.exr)");
    if (!out.isSequence()) {
        if (!args.frames.empty()) {
            return makeError(ErrorCode::InvalidArgument,
                             "--frames needs a sequence pattern such as name.%06d.exr");
        }
        const std::vector<int> frames = in.frames();
        if (!in.isSequence() && !frames.empty()) return std::vector<int>{frames.front()};
        for (int f : frames) {
            if (in.pathOf(f) == std::filesystem::path(args.input)) return std::vector<int>{f};
        }
        return mismatch;
    }
    if (!in.isSequence()) return mismatch;
    if (!args.frames.empty()) {
        EMU_ASSIGN_OR_RETURN(media::FrameRange range, media::parseFrameRange(args.frames));
        std::vector<int> frames;
        for (int f = range.first; f <= range.last; ++f) frames.push_back(f);
        return frames;
    }
    std::vector<int> frames = in.frames();
    if (frames.empty()) {
        return makeError(ErrorCode::NotFound, "no frames of " + args.input + " found");
    }
    return frames;
}

Status refuseOverwritingInput(const std::filesystem::path& in, const std::filesystem::path& out) {
    std::error_code ec;
    if (std::filesystem::equivalent(in, out, ec)) {
        return makeError(ErrorCode::InvalidArgument,
                         out.string() + " is the input: choose another output name");
    }
    return Status::ok();
}

double msSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

int runGrade(CliContext& context, const GradeArgs& args) {
    if (Status s = checkColourArgs(args.colour); !s.isOk()) return reportError(s);
    const bool useGrade = !args.gradeFile.empty() || !args.colour.cdl.empty();
    if (!args.exposureStops && !useGrade && !hasTransform(args.colour)) {
        return reportError(
            makeError(ErrorCode::InvalidArgument,
                      "grade needs --exposure STOPS, --grade GRADE.json, --cdl FILE, --lut FILE or "
                      "--from SPACE"));
    }
    media::ExrReadOptions readOptions;
    readOptions.part = args.part;
    readOptions.layer = args.layer;
    auto opened = InputClip::open(args.input, readOptions);
    if (!opened.isOk()) return reportError(opened.status());
    InputClip& in = **opened;
    auto out = media::FramePattern::parse(args.output);
    if (!out.isOk()) return reportError(out.status());
    auto frames = framesToGrade(args, in, *out);
    if (!frames.isOk()) return reportError(frames.status());
    for (int f : *frames) {
        Status s = refuseOverwritingInput(in.pathOf(f), out->path(f));
        if (!s.isOk()) return reportError(s);
    }
    auto device = context.device();
    if (!device.isOk()) return reportError(device.status());
    auto grader = FrameGrader::create(**device);
    if (!grader.isOk()) return reportError(grader.status());
    if (hasTransform(args.colour)) {
        if (Status s =
                setTransforms(context, args.colour, **grader, in.colourSpaceHint(), args.input);
            !s.isOk()) {
            return reportError(s);
        }
    }
    // A grade file runs through the grade graph; --exposure alone runs its own kernel.
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    if (useGrade) {
        auto grade = loadGradeWithCdl(args.gradeFile, args.colour, registry);
        if (!grade.isOk()) return reportError(grade.status());
        auto ocio = context.ocioContextFor(*grade, registry, args.gradeFile);
        if (!ocio.isOk()) return reportError(ocio.status());
        if (Status s = (*grader)->setGrade(*grade, registry, *ocio); !s.isOk()) {
            return reportError(args.gradeFile.empty() ? s : s.withContext(args.gradeFile));
        }
    }

    // Reading and writing overlap the GPU: a few frames are decoded ahead on the pool and
    // written behind, while this thread drives the GPU one frame at a time.
    core::ThreadPool pool(std::max(2u, std::thread::hardware_concurrency()));
    constexpr std::size_t kReadAhead = 3;
    std::deque<std::future<Result<InputFrame>>> reads;
    // Camera raw frames are demosaiced on the GPU into scene-linear ACES2065-1 first.
    gpu::KernelCache rawKernels(**device);
    std::optional<raw::DemosaicPass> demosaic;
    raw::DemosaicParams rawParams;
    rawParams.method = args.demosaic == "bilinear" ? raw::DemosaicMethod::Bilinear
                                                   : raw::DemosaicMethod::Directional;
    rawParams.exposureStops = args.rawExposure;
    std::deque<std::future<Status>> writes;
    std::size_t nextRead = 0;
    auto queueReads = [&] {
        while (nextRead < frames->size() && reads.size() < kReadAhead) {
            const int frame = (*frames)[nextRead++];
            reads.push_back(pool.submit([&in, frame] { return in.read(frame); }));
        }
    };
    Progress progress("grading", static_cast<int>(frames->size()), context.showProgress());
    Status failure;
    for (std::size_t i = 0; i < frames->size() && failure.isOk(); ++i) {
        queueReads();
        auto t0 = std::chrono::steady_clock::now();
        Result<InputFrame> input = reads.front().get();
        reads.pop_front();
        if (!input.isOk()) {
            failure = input.status();
            break;
        }
        media::ExrFrame* frame = &input->exr;
        const double readMs = msSince(t0);
        t0 = std::chrono::steady_clock::now();
        if (input->mosaic) {
            if (!demosaic) {
                auto pass = raw::DemosaicPass::create(**device, rawKernels);
                if (!pass.isOk()) {
                    failure = pass.status();
                    break;
                }
                demosaic = std::move(pass).value();
            }
            auto developed = demosaic->run(*input->mosaic, rawParams);
            if (!developed.isOk()) {
                failure = developed.status().withContext(in.pathOf((*frames)[i]).string());
                break;
            }
            frame->image = std::move(developed).value();
        }
        Result<media::Image> graded = useGrade ? (*grader)->grade(frame->image)
                                      : args.exposureStops
                                          ? (*grader)->exposure(frame->image, *args.exposureStops)
                                          : (*grader)->transform(frame->image);
        if (!graded.isOk()) {
            failure = graded.status().withContext(in.pathOf((*frames)[i]).string());
            break;
        }
        const double gpuMs = msSince(t0);
        frame->image = std::move(graded).value();
        std::filesystem::path target = out->path((*frames)[i]);
        writes.push_back(
            pool.submit([target, f = std::move(*frame)] { return media::writeExr(target, f); }));
        if (context.verbose) {
            std::string kernels;
            for (const auto& t : (*grader)->lastTimings()) {
                kernels += " " + t.label + " " + std::to_string(t.milliseconds) + " ms";
            }
            context.log.info("frame " + std::to_string((*frames)[i]) + ": read " +
                             std::to_string(readMs) + " ms, GPU round trip " +
                             std::to_string(gpuMs) + " ms (kernels:" + kernels + ")");
        }
        while (writes.size() > kReadAhead) {
            Status s = writes.front().get();
            writes.pop_front();
            if (!s.isOk() && failure.isOk()) failure = s;
        }
        progress.advance(static_cast<int>(i + 1));
    }
    for (auto& r : reads) r.wait();  // frames read ahead of a failure are dropped
    for (auto& w : writes) {
        Status s = w.get();
        if (!s.isOk() && failure.isOk()) failure = s;
    }
    progress.finish();
    if (!failure.isOk()) return reportError(failure);
    if (!context.quiet) {
        std::printf("graded %zu frame%s -> %s\n", frames->size(), frames->size() == 1 ? "" : "s",
                    args.output.c_str());
    }
    return 0;
}

}  // namespace

void addGradeCommand(CLI::App& app, CliContext& context, int& exitCode) {
    auto args = std::make_shared<GradeArgs>();
    CLI::App* cmd = app.add_subcommand(
        "grade", "Grade a frame, sequence or movie on the GPU and write the result as EXR");
    cmd->add_option("input", args->input,
                    "Input: an image or a sequence (name.%06d.exr, name.####.dpx) of any format "
                    "`probe` reads, or a movie")
        ->required();
    cmd->add_option("output", args->output, "Output EXR (or sequence, like the input)")->required();
    CLI::Option* exposure = cmd->add_option("--exposure", args->exposureStops,
                                            "Exposure change in stops (linear light)");
    CLI::Option* grade = cmd->add_option("--grade", args->gradeFile,
                                         "Grade file (JSON) to apply through the node graph");
    CLI::Option* cdl = addColourOptions(cmd, args->colour);
    exposure->excludes(grade);
    grade->excludes(exposure);
    cdl->excludes(exposure);
    exposure->excludes(cdl);
    cmd->add_option("--frames", args->frames,
                    "Frame range A-B of a sequence (default: every frame found on disk)");
    cmd->add_option("--demosaic", args->demosaic,
                    "Camera raw: 'directional' (edge-aware, for renders) or 'bilinear' (fast)")
        ->check(CLI::IsMember({"bilinear", "directional"}))
        ->capture_default_str();
    cmd->add_option("--raw-exposure", args->rawExposure,
                    "Camera raw: exposure in stops applied when developing, before the grade");
    cmd->add_option("--part", args->part, "Part of a multi-part EXR, by name or index");
    cmd->add_option("--layer", args->layer, "Layer (channel prefix) to grade, e.g. diffuse");
    cmd->callback([&context, &exitCode, args] {
        context.applyVerbosity();
        exitCode = runGrade(context, *args);
    });
}

}  // namespace emu::cli
