#include "StationCommand.h"

#include "CliContext.h"
#include "ConformCommand.h"
#include "RenderCommand.h"
#include "emulsion/render/Preset.h"
#include "station/Station.h"

namespace emu::cli {

void addStationCommand(CLI::App& app, CliContext& context, int& exitCode) {
    auto options = std::make_shared<station::StationOptions>();
    auto project = std::make_shared<std::string>("emulsion-demo/demo.emulsion");
    auto script = std::make_shared<std::string>();
    auto screenshot = std::make_shared<std::string>();
    auto viewer = std::make_shared<std::string>();
    auto log = std::make_shared<std::string>();
    auto thumbnails = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand(
        "station", "Open the grading station (GLFW + Vulkan + ImGui) on a project");
    cmd->add_option("project", *project, "Project file (.emulsion)")->capture_default_str();
    cmd->add_option("--script", *script,
                    "Run these actions (one per line: select-shot 2, add-node serial lgg, "
                    "set-param gain 1.1 1 1 1, grab-still, wipe still 1, ...), then exit");
    cmd->add_option("--screenshot", *screenshot, "Save the window as PNG when the script ends");
    cmd->add_option("--viewer-image", *viewer,
                    "Save the viewer's picture (the engine's render) when the script ends");
    cmd->add_option("--thumbnail-images", *thumbnails,
                    "Save each shot's timeline thumbnail in this folder (shot-N.png) when the "
                    "script ends");
    cmd->add_option("--log", *log, "Write every message and each frame's time to this file");
    cmd->add_option("--size", options->widthPx, "Window width")->capture_default_str();
    cmd->callback([&context, &exitCode, options, project, script, screenshot, viewer, log,
                   thumbnails] {
        context.applyVerbosity();
        options->project = *project;
        if (!script->empty()) options->script = *script;
        if (!screenshot->empty()) options->screenshot = *screenshot;
        if (!viewer->empty()) options->viewerImage = *viewer;
        if (!log->empty()) options->logFile = *log;
        if (!thumbnails->empty()) options->thumbnailImages = *thumbnails;
        options->heightPx = options->widthPx * 9 / 16;
        // The deliver page renders as `emulsion render` does, with the presets it can render
        // without a mix (the station has none to give).
        for (const render::Preset& p : render::listPresets(render::presetSearchPath())) {
            if (!p.audio && render::checkPreset(p, renderCapabilities()).isOk()) {
                options->presets.push_back(p.name);
            }
        }
        const std::string projectFile = *project;
        options->render = [&context, projectFile](const std::string& preset,
                                                  const std::filesystem::path& out,
                                                  const std::function<void(int, int)>& progress) {
            RenderArgs args;
            args.project = projectFile;
            args.preset = preset;
            args.out = out.string();
            args.onProgress = progress;
            return renderProject(context, args, false).status();
        };
        // The media page conforms as `emulsion conform --project` does, with its own code.
        options->conform =
            [](const std::filesystem::path& cut, const std::string& rate,
               const std::filesystem::path& media,
               const std::filesystem::path& projectPath) -> Result<station::ConformOutcome> {
            EMU_ASSIGN_OR_RETURN(ProjectConform done,
                                 conformIntoProject(cut, rate, {media.string()}, projectPath));
            return station::ConformOutcome{std::move(done.timeline), std::move(done.lines)};
        };
        exitCode = station::runStation(*options);
    });
}

}  // namespace emu::cli
