#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ConformFunction.h"
#include "DeliverJob.h"

namespace emu::station {

struct StationOptions {
    std::filesystem::path project;
    std::optional<std::filesystem::path> script;       // run these actions, then exit
    std::optional<std::filesystem::path> screenshot;   // the window when the script ends (PNG)
    std::optional<std::filesystem::path> viewerImage;  // the engine's picture at that moment
    std::optional<std::filesystem::path> logFile;      // every message and frame time
    // Each shot's thumbnail as the timeline shows it when the script ends (shot-N.png).
    std::optional<std::filesystem::path> thumbnailImages;
    // The deliver page: `emulsion render`'s work and the presets it offers, from the command.
    RenderFunction render;
    std::vector<std::string> presets;
    // The media page's conform: `emulsion conform --project`'s work, from the command.
    ConformFunction conform;
    int widthPx = 1600;
    int heightPx = 900;
};

// Runs the station until the window closes or the script ends. Returns the exit code: 0, or 1
// after printing the error (a project that does not open, no display, a script line that
// fails), or 2 when a script run saw Vulkan validation errors.
int runStation(const StationOptions& options);

}  // namespace emu::station
