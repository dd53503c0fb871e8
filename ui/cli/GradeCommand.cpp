#include "GradeCommand.h"

#include <chrono>
#include <deque>
#include <future>
#include <system_error>

#include "CdlCommand.h"
#include "CliContext.h"
#include "FrameGrader.h"
#include "Progress.h"
#include "emulsion/color/ColorConfig.h"
#include "emulsion/color/OcioShader.h"
#include "emulsion/core/ThreadPool.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/graph/OcioPass.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/media/FramePattern.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::cli {

namespace {

struct GradeArgs {
    std::string input;
    std::string output;
    std::optional<float> exposureStops;
    std::string gradeFile;
    std::string cdl;  // FILE[#id]: a CDL in front of the output
    std::string frames;
    std::string part;
    std::string layer;
    std::string from;     // colour space of the input
    std::string to;       // working space to convert it to before the grade
    std::string display;  // with view: the output transform after the grade
    std::string view;
    std::string look;
    std::vector<std::string> luts;  // LUT files after the grade, before --display
};

bool hasTransform(const GradeArgs& args) {
    return !args.from.empty() || !args.luts.empty();
}

Status checkTransformArgs(const GradeArgs& args) {
    if (args.from.empty() && (!args.to.empty() || !args.display.empty() || !args.look.empty())) {
        return makeError(ErrorCode::InvalidArgument,
                         "--to, --display and --look need --from SPACE (the input's space)");
    }
    if (args.display.empty() != args.view.empty()) {
        return makeError(ErrorCode::InvalidArgument, "--display and --view go together");
    }
    if (!args.from.empty() && args.to.empty() && args.display.empty()) {
        return makeError(ErrorCode::InvalidArgument,
                         "--from needs --to SPACE or --display DISPLAY --view VIEW");
    }
    return Status::ok();
}

// Builds the colour transforms into `grader`: --from -> --to before the grade, then the working
// space (--to, else --from) shown on --display through --view. --look goes with the output
// transform when there is one, else with the input transform. The --lut files run between the
// grade and the output transform. Errors name the config, or the LUT file first.
Status setTransforms(CliContext& context, const GradeArgs& args, FrameGrader& grader) {
    std::optional<std::filesystem::path> option;
    if (context.ocioConfig) option = *context.ocioConfig;
    EMU_ASSIGN_OR_RETURN(color::ColorConfig config, color::ColorConfig::load(option));
    auto build = [&](color::OcioShaderRequest request) -> Result<color::OcioShader> {
        request.firstBinding = graph::OcioPass::kFirstTextureBinding;
        auto shader = color::OcioShader::build(config, request);
        if (!shader.isOk()) return shader.status().withContext("OCIO config " + config.source());
        return shader;
    };
    const bool display = !args.display.empty();
    std::string working = args.from;
    if (!args.to.empty()) {
        color::OcioShaderRequest request;
        request.from = args.from;
        request.to = args.to;
        if (!display) request.looks = args.look;
        EMU_ASSIGN_OR_RETURN(color::OcioShader shader, build(request));
        EMU_RETURN_IF_ERROR(grader.setInputTransform(shader));
        working = args.to;
    }
    for (const std::string& lut : args.luts) {
        color::OcioShaderRequest request;
        // OCIO resolves relative paths against the config's search path: pin it to ours.
        std::error_code ec;
        const std::filesystem::path absolute = std::filesystem::absolute(lut, ec);
        request.lutFile = ec ? lut : absolute.string();
        request.firstBinding = graph::OcioPass::kFirstTextureBinding;
        EMU_ASSIGN_OR_RETURN(color::OcioShader shader, color::OcioShader::build(config, request));
        EMU_RETURN_IF_ERROR(grader.addLutTransform(shader));
    }
    if (display) {
        color::OcioShaderRequest request;
        request.from = working;
        request.display = args.display;
        request.view = args.view;
        request.looks = args.look;
        EMU_ASSIGN_OR_RETURN(color::OcioShader shader, build(request));
        EMU_RETURN_IF_ERROR(grader.setOutputTransform(shader));
    }
    return Status::ok();
}

// The frames to grade: --frames, else every frame of the input pattern found on disk.
Result<std::vector<int>> framesToGrade(const GradeArgs& args, const media::FramePattern& in,
                                       const media::FramePattern& out) {
    if (in.isSequence() != out.isSequence()) {
        return makeError(ErrorCode::InvalidArgument,
                         "input and output must both be single files or both be sequences "
                         "(name.%06d.exr or name.####.exr)");
    }
    if (!in.isSequence()) {
        if (!args.frames.empty()) {
            return makeError(ErrorCode::InvalidArgument,
                             "--frames needs a sequence pattern such as name.%06d.exr");
        }
        return std::vector<int>{0};
    }
    if (!args.frames.empty()) {
        EMU_ASSIGN_OR_RETURN(media::FrameRange range, media::parseFrameRange(args.frames));
        std::vector<int> frames;
        for (int f = range.first; f <= range.last; ++f) frames.push_back(f);
        return frames;
    }
    std::vector<int> frames = in.framesOnDisk();
    if (frames.empty()) {
        return makeError(ErrorCode::NotFound, "no frames of " + in.text() + " found");
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
    if (Status s = checkTransformArgs(args); !s.isOk()) return reportError(s);
    const bool useGrade = !args.gradeFile.empty() || !args.cdl.empty();
    if (!args.exposureStops && !useGrade && !hasTransform(args)) {
        return reportError(
            makeError(ErrorCode::InvalidArgument,
                      "grade needs --exposure STOPS, --grade GRADE.json, --cdl FILE, --lut FILE or "
                      "--from SPACE"));
    }
    auto in = media::FramePattern::parse(args.input);
    if (!in.isOk()) return reportError(in.status());
    auto out = media::FramePattern::parse(args.output);
    if (!out.isOk()) return reportError(out.status());
    auto frames = framesToGrade(args, *in, *out);
    if (!frames.isOk()) return reportError(frames.status());
    for (int f : *frames) {
        Status s = refuseOverwritingInput(in->path(f), out->path(f));
        if (!s.isOk()) return reportError(s);
    }
    auto device = context.device();
    if (!device.isOk()) return reportError(device.status());
    auto grader = FrameGrader::create(**device);
    if (!grader.isOk()) return reportError(grader.status());
    if (hasTransform(args)) {
        if (Status s = setTransforms(context, args, **grader); !s.isOk()) return reportError(s);
    }
    // A grade file runs through the grade graph; --exposure alone runs its own kernel.
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    if (useGrade) {
        Result<graph::Grade> grade = graph::Grade::identity();
        if (!args.gradeFile.empty()) grade = graph::loadGrade(args.gradeFile);
        if (!grade.isOk()) return reportError(grade.status());
        if (!args.cdl.empty()) grade = withCdlBeforeOutput(*grade, args.cdl, registry);
        if (!grade.isOk()) return reportError(grade.status());
        auto ocio = context.ocioContextFor(*grade, registry, args.gradeFile);
        if (!ocio.isOk()) return reportError(ocio.status());
        if (Status s = (*grader)->setGrade(*grade, registry, *ocio); !s.isOk()) {
            return reportError(args.gradeFile.empty() ? s : s.withContext(args.gradeFile));
        }
    }

    media::ExrReadOptions readOptions;
    readOptions.part = args.part;
    readOptions.layer = args.layer;

    // Reading and writing overlap the GPU: a few frames are decoded ahead on the pool and
    // written behind, while this thread drives the GPU one frame at a time.
    core::ThreadPool pool(std::max(2u, std::thread::hardware_concurrency()));
    constexpr std::size_t kReadAhead = 3;
    std::deque<std::future<Result<media::ExrFrame>>> reads;
    std::deque<std::future<Status>> writes;
    std::size_t nextRead = 0;
    auto queueReads = [&] {
        while (nextRead < frames->size() && reads.size() < kReadAhead) {
            std::filesystem::path path = in->path((*frames)[nextRead++]);
            reads.push_back(
                pool.submit([path, readOptions] { return media::readExr(path, readOptions); }));
        }
    };
    Progress progress("grading", static_cast<int>(frames->size()), context.showProgress());
    Status failure;
    for (std::size_t i = 0; i < frames->size() && failure.isOk(); ++i) {
        queueReads();
        auto t0 = std::chrono::steady_clock::now();
        Result<media::ExrFrame> frame = reads.front().get();
        reads.pop_front();
        if (!frame.isOk()) {
            failure = frame.status();
            break;
        }
        const double readMs = msSince(t0);
        t0 = std::chrono::steady_clock::now();
        Result<media::Image> graded = useGrade ? (*grader)->grade(frame->image)
                                      : args.exposureStops
                                          ? (*grader)->exposure(frame->image, *args.exposureStops)
                                          : (*grader)->transform(frame->image);
        if (!graded.isOk()) {
            failure = graded.status().withContext(in->path((*frames)[i]).string());
            break;
        }
        const double gpuMs = msSince(t0);
        frame->image = std::move(graded).value();
        std::filesystem::path target = out->path((*frames)[i]);
        writes.push_back(pool.submit(
            [target, f = std::move(frame).value()] { return media::writeExr(target, f); }));
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
        "grade", "Grade an EXR frame or sequence on the GPU and write the result");
    cmd->add_option("input", args->input, "Input EXR, or a sequence: name.%06d.exr, name.####.exr")
        ->required();
    cmd->add_option("output", args->output, "Output EXR (or sequence, like the input)")->required();
    CLI::Option* exposure = cmd->add_option("--exposure", args->exposureStops,
                                            "Exposure change in stops (linear light)");
    CLI::Option* grade = cmd->add_option("--grade", args->gradeFile,
                                         "Grade file (JSON) to apply through the node graph");
    CLI::Option* cdl = cmd->add_option(
        "--cdl", args->cdl,
        "ASC CDL file (.cc, .ccc, .cdl; FILE#id picks one) applied as OpenColorIO applies it "
        "(no clamp), just before the output of --grade if given");
    exposure->excludes(grade);
    grade->excludes(exposure);
    cdl->excludes(exposure);
    exposure->excludes(cdl);
    cmd->add_option("--from", args->from, "Colour space of the input (OCIO name, alias or role)");
    cmd->add_option("--to", args->to,
                    "Working space: the input is converted to it before the grade");
    cmd->add_option("--display", args->display,
                    "Display for the output transform after the grade (with --view)");
    cmd->add_option("--view", args->view, "View of --display for the output transform");
    cmd->add_option("--look", args->look,
                    "Look(s), comma-separated, applied in the output transform (else the input)");
    cmd->add_option("--lut", args->luts,
                    "LUT file (.cube, .3dl, .csp, .spi1d, .spi3d, .clf, .ctf, ...) applied after "
                    "the grade and before --display; repeat to chain, in order")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->allow_extra_args(false);
    cmd->add_option("--frames", args->frames,
                    "Frame range A-B of a sequence (default: every frame found on disk)");
    cmd->add_option("--part", args->part, "Part of a multi-part EXR, by name or index");
    cmd->add_option("--layer", args->layer, "Layer (channel prefix) to grade, e.g. diffuse");
    cmd->callback([&context, &exitCode, args] {
        context.applyVerbosity();
        exitCode = runGrade(context, *args);
    });
}

}  // namespace emu::cli
