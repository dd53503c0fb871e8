#include "ScopeCommand.h"

#include <OpenImageIO/imageio.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "CliContext.h"
#include "emulsion/core/AtomicFile.h"
#include "emulsion/gpu/KernelCache.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/graph/GradeRenderer.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/media/FramePattern.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/nodes/GpuFrame.h"
#include "emulsion/scopes/GpuScope.h"
#include "emulsion/scopes/ScopeRender.h"

namespace emu::cli {

namespace {

struct ScopeArgs {
    std::string input;
    std::string output;
    std::string type = "waveform";
    std::string size;  // WxH; empty: the default of the scope type
    std::optional<int> frame;
    std::string gradeFile;    // --grade: scope the graded image
    std::optional<int> node;  // --node: ... as it leaves this node of the grade
};

struct PictureSize {
    int widthPx = 0;
    int heightPx = 0;
};

Result<PictureSize> parseSize(const std::string& text, scopes::ScopeType type) {
    if (text.empty()) {
        return type == scopes::ScopeType::Vectorscope ? PictureSize{512, 512}
                                                      : PictureSize{1024, 512};
    }
    PictureSize s;
    char x = 0;
    char rest = 0;
    if (std::sscanf(text.c_str(), "%d%c%d%c", &s.widthPx, &x, &s.heightPx, &rest) != 3 ||
        (x != 'x' && x != 'X')) {
        return makeError(ErrorCode::InvalidArgument,
                         "--size must be WIDTHxHEIGHT in pixels, not '" + text + "'");
    }
    if (std::min(s.widthPx, s.heightPx) < 32 || std::max(s.widthPx, s.heightPx) > 8192) {
        return makeError(ErrorCode::InvalidArgument, "--size must be within 32..8192 px a side");
    }
    return s;
}

// Bins about as fine as the picture's pixels: finer would be summed away when drawn. Columns
// beyond the image width are reduced to it by the scope.
scopes::ScopeSettings settingsFor(scopes::ScopeType type, PictureSize size) {
    scopes::ScopeSettings s;
    s.type = type;
    const int panelWidth = type == scopes::ScopeType::Parade ? size.widthPx / 3 : size.widthPx;
    s.columns = std::clamp(panelWidth, 1, 4096);
    s.levels =
        std::clamp(type == scopes::ScopeType::Histogram ? size.widthPx : size.heightPx, 16, 1024);
    s.chromaBins = std::clamp(std::min(size.widthPx, size.heightPx), 16, 1024);
    return s;
}

Result<std::filesystem::path> inputPath(const ScopeArgs& args) {
    EMU_ASSIGN_OR_RETURN(media::FramePattern pattern, media::FramePattern::parse(args.input));
    if (!pattern.isSequence()) {
        if (args.frame) {
            return makeError(ErrorCode::InvalidArgument,
                             "--frame needs a sequence pattern such as name.%06d.exr");
        }
        return pattern.path(0);
    }
    if (args.frame) return pattern.path(*args.frame);
    const std::vector<int> frames = pattern.framesOnDisk();
    if (frames.empty()) {
        return makeError(ErrorCode::NotFound, "no frames of " + pattern.text() + " found");
    }
    return pattern.path(frames.front());
}

// Writes an 8-bit RGB picture (PNG, or whatever the extension names) under a temporary name,
// then renames it into place.
Status writePicture(const std::filesystem::path& path, const media::Image& picture) {
    core::AtomicFile file(path);
    auto out = OIIO::ImageOutput::create(file.temporaryPath().string());
    if (!out) {
        return makeError(ErrorCode::Unsupported,
                         "cannot write " + path.string() + ": " + OIIO::geterror());
    }
    OIIO::ImageSpec spec(picture.width(), picture.height(), 3, OIIO::TypeDesc::UINT8);
    const bool ok =
        out->open(file.temporaryPath().string(), spec) &&
        out->write_image(OIIO::TypeDesc::FLOAT, picture.data(), picture.bytesPerPixel()) &&
        out->close();
    if (!ok) {
        return makeError(ErrorCode::IoError,
                         "cannot write " + path.string() + ": " + out->geterror());
    }
    return file.commit();
}

std::string describe(const scopes::ScopeData& d) {
    scopes::PlaneStats sum;
    for (const scopes::PlaneStats& s : d.stats) {
        sum.nan += s.nan;
        sum.below += s.below;
        sum.above += s.above;
    }
    char text[160];
    if (d.type == scopes::ScopeType::Vectorscope) {
        std::snprintf(text, sizeof text, "%dx%d bins; %u NaN, %u outside the Cb/Cr range", d.width,
                      d.height, sum.nan, sum.above);
    } else {
        std::snprintf(text, sizeof text, "%dx%d bins%s; %u NaN, %u below 0, %u above 1", d.width,
                      d.height, d.planes == 3 ? " x3" : "", sum.nan, sum.below, sum.above);
    }
    return text;
}

// The frame through the grade (or through it up to --node), on the GPU, in RGBA32F.
Result<gpu::StorageImage> gradeForScope(const CliContext& context, gpu::Device& device,
                                        gpu::KernelCache& cache, const ScopeArgs& args,
                                        const gpu::StorageImage& src) {
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    EMU_ASSIGN_OR_RETURN(graph::Grade grade, graph::loadGrade(args.gradeFile));
    if (args.node) {
        auto view = grade.viewAt(*args.node, registry);
        if (!view.isOk()) return view.status().withContext(args.gradeFile);
        grade = std::move(view).value();
    }
    graph::GradeRenderer renderer(device, cache, registry);
    EMU_ASSIGN_OR_RETURN(graph::OcioContext ocio,
                         context.ocioContextFor(grade, registry, args.gradeFile));
    renderer.setOcioContext(std::move(ocio));
    if (Status s = renderer.setGrade(grade); !s.isOk()) return s.withContext(args.gradeFile);
    EMU_ASSIGN_OR_RETURN(
        gpu::StorageImage out,
        gpu::StorageImage::create(device, src.width(), src.height(), gpu::ImageFormat::Rgba32f));
    EMU_ASSIGN_OR_RETURN(gpu::ComputeBatch batch, gpu::ComputeBatch::create(device));
    EMU_RETURN_IF_ERROR(renderer.record(batch, src, out));
    EMU_RETURN_IF_ERROR(batch.submitAndWait());
    return out;
}

int runScope(CliContext& context, const ScopeArgs& args) {
    const std::optional<scopes::ScopeType> type = scopes::parseScopeType(args.type);
    if (!type) {
        return reportError(makeError(ErrorCode::InvalidArgument,
                                     "--type must be waveform, parade, vectorscope or "
                                     "histogram, not '" +
                                         args.type + "'"));
    }
    auto size = parseSize(args.size, *type);
    if (!size.isOk()) return reportError(size.status());
    auto path = inputPath(args);
    if (!path.isOk()) return reportError(path.status());
    auto frame = media::readExr(*path);
    if (!frame.isOk()) return reportError(frame.status());

    auto device = context.device();
    if (!device.isOk()) return reportError(device.status());
    gpu::KernelCache cache(**device);
    auto image = nodes::uploadImage(**device, frame->image);
    if (!image.isOk()) return reportError(image.status());
    if (!args.gradeFile.empty()) {
        auto graded = gradeForScope(context, **device, cache, args, *image);
        if (!graded.isOk()) return reportError(graded.status());
        image = std::move(graded);
    }
    const scopes::ScopeSettings settings = settingsFor(*type, *size);
    std::vector<gpu::DispatchTiming> timings;
    auto scope = scopes::computeScope(**device, cache, *image, settings, &timings);
    if (!scope.isOk()) return reportError(scope.status().withContext(path->string()));
    auto picture = scopes::renderScope(*scope, size->widthPx, size->heightPx);
    if (!picture.isOk()) return reportError(picture.status());
    if (Status s = writePicture(args.output, *picture); !s.isOk()) return reportError(s);

    if (!context.quiet) {
        const double ms = timings.empty() ? 0.0 : timings.front().milliseconds;
        std::printf("%s: %s of %s (%dx%d %s), %s; %.2f ms on the GPU\n", args.output.c_str(),
                    scopes::toString(*type), path->c_str(), frame->image.width(),
                    frame->image.height(), media::toString(frame->image.type()),
                    describe(*scope).c_str(), ms);
    }
    return 0;
}

}  // namespace

void addScopeCommand(CLI::App& app, CliContext& context, int& exitCode) {
    auto args = std::make_shared<ScopeArgs>();
    CLI::App* cmd = app.add_subcommand(
        "scope", "Draw a waveform, RGB parade, vectorscope or histogram of a frame");
    cmd->add_option("input", args->input, "EXR file, or sequence pattern (name.%06d.exr)")
        ->required();
    cmd->add_option("-o,--output", args->output, "Picture to write (PNG)")->required();
    cmd->add_option("--type", args->type, "waveform, parade, vectorscope or histogram")
        ->capture_default_str();
    cmd->add_option("--size", args->size,
                    "Picture size WIDTHxHEIGHT (default 1024x512; vectorscope 512x512)");
    cmd->add_option("--frame", args->frame, "Frame of a sequence (default: the first on disk)");
    cmd->add_option("--grade", args->gradeFile, "Scope the frame through this grade (JSON)");
    cmd->add_option("--node", args->node,
                    "With --grade: scope the image leaving this node (see `emulsion graph`)");
    cmd->callback([&context, &exitCode, args] {
        context.applyVerbosity();
        exitCode = runScope(context, *args);
    });
}

}  // namespace emu::cli
