#include "ColourOptions.h"

#include <filesystem>
#include <optional>
#include <system_error>

#include "CdlCommand.h"
#include "CliContext.h"
#include "emulsion/render/FrameGrader.h"
#include "emulsion/color/ColorConfig.h"
#include "emulsion/color/OcioShader.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/graph/OcioPass.h"

namespace emu::cli {

CLI::Option* addColourOptions(CLI::App* cmd, ColourArgs& args) {
    cmd->add_option("--from", args.from,
                    "Colour space of the input (OCIO name, alias or role), or 'auto': what the "
                    "input's header says (ACES EXR, camera raw)");
    cmd->add_option("--to", args.to,
                    "Working space: the input is converted to it before the grade (with --display "
                    "and no --to: the config's color_timing role, ACEScct by default)");
    cmd->add_option("--display", args.display,
                    "Display for the output transform after the grade (with --view)");
    cmd->add_option("--view", args.view, "View of --display for the output transform");
    cmd->add_option("--look", args.look,
                    "Look(s), comma-separated, applied in the output transform (else the input)");
    cmd->add_option("--lut", args.luts,
                    "LUT file (.cube, .3dl, .csp, .spi1d, .spi3d, .clf, .ctf, ...) applied after "
                    "the grade and before --display; repeat to chain, in order")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->allow_extra_args(false);
    return cmd->add_option(
        "--cdl", args.cdl,
        "ASC CDL file (.cc, .ccc, .cdl; FILE#id picks one) applied as OpenColorIO applies it "
        "(no clamp), just before the output of --grade if given");
}

bool hasTransform(const ColourArgs& args) {
    return !args.from.empty() || !args.luts.empty();
}

Status checkColourArgs(const ColourArgs& args) {
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

Status setTransforms(CliContext& context, const ColourArgs& given, FrameGrader& grader,
                     const std::string& inputHint, const std::string& inputName) {
    std::optional<std::filesystem::path> option;
    if (context.ocioConfig) option = *context.ocioConfig;
    EMU_ASSIGN_OR_RETURN(color::ColorConfig config, color::ColorConfig::load(option));
    auto build = [&](color::OcioShaderRequest request) -> Result<color::OcioShader> {
        request.firstBinding = graph::OcioPass::kFirstTextureBinding;
        auto shader = color::OcioShader::build(config, request);
        if (!shader.isOk()) return shader.status().withContext("OCIO config " + config.source());
        return shader;
    };
    ColourArgs args = given;
    if (args.from == "auto") {
        if (inputHint.empty() || !config.hasColorSpace(inputHint)) {
            return makeError(ErrorCode::InvalidArgument,
                             (inputName.empty() ? std::string("the input") : inputName) +
                                 ": its header does not name a colour space of the config" +
                                 (inputHint.empty() ? std::string() : " ('" + inputHint + "')") +
                                 "; give --from SPACE");
        }
        args.from = inputHint;
    }
    const bool display = !args.display.empty();
    // The project working space: --to, else the config's colour-timing role.
    if (!args.from.empty() && args.to.empty() && display && config.hasColorSpace("color_timing")) {
        args.to = "color_timing";
    }
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

Result<graph::Grade> loadGradeWithCdl(const std::string& gradeFile, const ColourArgs& args,
                                      const graph::NodeRegistry& registry) {
    Result<graph::Grade> grade = graph::Grade::identity();
    if (!gradeFile.empty()) grade = graph::loadGrade(gradeFile);
    if (!grade.isOk()) return grade.status();
    if (!args.cdl.empty()) grade = withCdlBeforeOutput(*grade, args.cdl, registry);
    if (!grade.isOk()) return grade.status();
    if (Status s = grade->validate(registry); !s.isOk()) {
        return gradeFile.empty() ? s : s.withContext(gradeFile);
    }
    return grade;
}

}  // namespace emu::cli
