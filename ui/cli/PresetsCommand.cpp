#include "PresetsCommand.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "CliContext.h"
#include "RenderCommand.h"
#include "emulsion/render/FrameOverlay.h"
#include "emulsion/render/Preset.h"

namespace emu::cli {

namespace {

std::string colourOf(const render::Preset& p) {
    if (!p.colourSpace.empty()) return p.colourSpace;
    if (!p.display.empty()) return p.display + " / " + p.view;
    return "working space";
}

int runPresets(bool json) {
    const std::vector<std::filesystem::path> path = render::presetSearchPath();
    std::vector<std::string> problems;
    const std::vector<render::Preset> presets = render::listPresets(path, &problems);
    if (json) {
        nlohmann::json list = nlohmann::json::array();
        for (const render::Preset& p : presets) {
            const Status usable = render::checkPreset(p, renderCapabilities());
            list.push_back({{"name", p.name},
                            {"file", p.file.string()},
                            {"description", p.description},
                            {"container", p.container},
                            {"codec", p.codec},
                            {"colour", colourOf(p)},
                            {"audio", p.audio},
                            {"burnins", p.burnins.size()},
                            {"available", usable.isOk()},
                            {"unavailable_because", usable.isOk() ? "" : usable.message()}});
        }
        std::printf("%s\n", list.dump(2).c_str());
    } else {
        for (const render::Preset& p : presets) {
            const Status usable = render::checkPreset(p, renderCapabilities());
            std::printf("%-22s %-5s %-14s %-40s %s\n", p.name.c_str(), p.container.c_str(),
                        p.codec.c_str(), colourOf(p).c_str(), p.description.c_str());
            if (!usable.isOk()) std::printf("%-22s (%s)\n", "", usable.message().c_str());
        }
        std::printf("\nSearch path (first match wins; copy a preset file there to edit it):\n");
        for (const auto& dir : path) std::printf("  %s\n", dir.c_str());
    }
    for (const std::string& p : problems)
        std::fprintf(stderr, "emulsion: warning: %s\n", p.c_str());
    return 0;
}

}  // namespace

void addPresetsCommand(CLI::App& app, CliContext& context, int& exitCode) {
    auto json = std::make_shared<bool>(false);
    CLI::App* cmd = app.add_subcommand("presets", "List the deliverable presets `render` takes");
    cmd->add_flag("--json", *json, "As JSON");
    cmd->callback([&context, &exitCode, json] {
        context.applyVerbosity();
        exitCode = runPresets(*json);
    });
}

}  // namespace emu::cli
