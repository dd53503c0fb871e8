#include "LutCommand.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "CliContext.h"
#include "ColourOptions.h"
#include "emulsion/render/FrameGrader.h"
#include "emulsion/color/LutFile.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::cli {

namespace {

struct BakeArgs {
    std::string grade;
    std::string output;
    int size = 33;
    bool bypassSpatial = false;
    ColourArgs colour;
};

// Nodes a LUT cannot hold: spatial ones (they read neighbours) and windows (they read the
// pixel's position). Bypassed nodes do not count.
std::vector<graph::NodeId> unbakeableNodes(const graph::Grade& grade,
                                           const graph::NodeRegistry& registry) {
    std::vector<graph::NodeId> ids;
    for (const graph::GradeNode& n : grade.nodes()) {
        const graph::NodeType* type = registry.find(n.type);
        if (!n.bypass && type && (!type->pointwise() || type->readsPosition)) ids.push_back(n.id);
    }
    return ids;
}

// The lattice as an image: x = r + size * g, y = b, alpha 1.
media::Image latticeImage(int size) {
    const std::vector<float> rgb = color::identityLattice(size);
    media::Image image(size * size, size, media::PixelType::Float);
    auto* px = reinterpret_cast<float*>(image.data());
    for (std::size_t i = 0; i < rgb.size() / 3; ++i) {
        px[4 * i] = rgb[3 * i];
        px[4 * i + 1] = rgb[3 * i + 1];
        px[4 * i + 2] = rgb[3 * i + 2];
        px[4 * i + 3] = 1.0f;
    }
    return image;
}

// What went into the LUT, for its comments: how to make it again.
std::vector<std::string> bakeComments(const BakeArgs& args) {
    std::string how = "emulsion lut bake " + std::filesystem::path(args.grade).filename().string();
    const ColourArgs& c = args.colour;
    if (!c.from.empty()) how += " --from '" + c.from + "'";
    if (!c.to.empty()) how += " --to '" + c.to + "'";
    if (!c.cdl.empty()) how += " --cdl " + std::filesystem::path(c.cdl).filename().string();
    for (const std::string& lut : c.luts) {
        how += " --lut " + std::filesystem::path(lut).filename().string();
    }
    if (!c.display.empty()) how += " --display '" + c.display + "' --view '" + c.view + "'";
    if (!c.look.empty()) how += " --look '" + c.look + "'";
    if (args.bypassSpatial) how += " --bypass-spatial";
    return {how + " --size " + std::to_string(args.size),
            "input domain [0, 1] in " +
                (c.from.empty() ? std::string("the grade's input space") : "'" + c.from + "'")};
}

Status bake(CliContext& context, const BakeArgs& args) {
    EMU_RETURN_IF_ERROR(checkColourArgs(args.colour));
    if (std::find(std::begin(color::kLutBakeSizes), std::end(color::kLutBakeSizes), args.size) ==
        std::end(color::kLutBakeSizes)) {
        return makeError(ErrorCode::InvalidArgument, "--size must be 17, 33 or 65");
    }
    const std::string ext = std::filesystem::path(args.output).extension().string();
    if (ext != ".cube" && ext != ".clf") {
        return makeError(ErrorCode::InvalidArgument,
                         args.output + ": the output must end in .cube or .clf");
    }
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    EMU_ASSIGN_OR_RETURN(graph::Grade grade, loadGradeWithCdl(args.grade, args.colour, registry));
    const std::vector<graph::NodeId> unbakeable = unbakeableNodes(grade, registry);
    if (!unbakeable.empty()) {
        std::string names;
        for (graph::NodeId id : unbakeable) {
            names += (names.empty() ? "" : ", ") + graph::describeNode(*grade.node(id));
        }
        if (!args.bypassSpatial) {
            return makeError(ErrorCode::InvalidArgument,
                             args.grade +
                                 ": a LUT holds colour only; these nodes depend on the "
                                 "pixel's place or neighbours: " +
                                 names + " (bypass them, or pass --bypass-spatial)");
        }
        for (graph::NodeId id : unbakeable) grade.node(id)->bypass = true;
        context.log.warning("baked without " + names);
    }

    EMU_ASSIGN_OR_RETURN(gpu::Device * device, context.device());
    EMU_ASSIGN_OR_RETURN(std::unique_ptr<FrameGrader> grader, FrameGrader::create(*device));
    if (hasTransform(args.colour))
        EMU_RETURN_IF_ERROR(setTransforms(context, args.colour, *grader));
    EMU_ASSIGN_OR_RETURN(graph::OcioContext ocio,
                         context.ocioContextFor(grade, registry, args.grade));
    EMU_RETURN_IF_ERROR(grader->setGrade(grade, registry, ocio));
    EMU_ASSIGN_OR_RETURN(media::Image graded, grader->grade(latticeImage(args.size)));

    color::Lut3d lut;
    lut.size = args.size;
    lut.title = std::filesystem::path(args.grade).stem().string();
    lut.comments = bakeComments(args);
    lut.rgb.resize(std::size_t(args.size) * args.size * args.size * 3);
    const auto* px = reinterpret_cast<const float*>(graded.data());
    for (std::size_t i = 0; i < lut.rgb.size() / 3; ++i) {
        for (int c = 0; c < 3; ++c) lut.rgb[3 * i + c] = px[4 * i + c];
    }
    return ext == ".cube" ? color::writeCubeLut(args.output, lut)
                          : color::writeClfLut(args.output, lut);
}

}  // namespace

void addLutCommand(CLI::App& app, CliContext& context, int& exitCode) {
    CLI::App* cmd = app.add_subcommand("lut", "3D LUTs for dailies and on-set monitors");
    cmd->require_subcommand(1);
    auto args = std::make_shared<BakeArgs>();
    CLI::App* bakeCmd = cmd->add_subcommand(
        "bake",
        "Sample a grade (with --from/--to before it and --lut/--display after it, as `grade` "
        "applies them) on the GPU into a 3D LUT over [0, 1] of the input");
    bakeCmd->add_option("grade", args->grade, "Grade file (JSON)")->required();
    bakeCmd->add_option("output", args->output, "Output .cube or .clf")->required();
    bakeCmd->add_option("--size", args->size, "Lattice points per axis: 17, 33 or 65")
        ->capture_default_str();
    bakeCmd->add_flag("--bypass-spatial", args->bypassSpatial,
                      "Bake without the nodes a LUT cannot hold (windows, blur, sharpen, "
                      "denoise, matte finesse) instead of refusing");
    addColourOptions(bakeCmd, args->colour);
    bakeCmd->callback([&context, &exitCode, args] {
        context.applyVerbosity();
        if (Status s = bake(context, *args); !s.isOk()) {
            exitCode = reportError(s);
            return;
        }
        if (!context.quiet) {
            std::printf("baked %d^3 LUT -> %s\n", args->size, args->output.c_str());
        }
    });
}

}  // namespace emu::cli
