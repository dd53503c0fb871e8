#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <string>

#include "emulsion/core/Result.h"
#include "emulsion/render/DeliverableRender.h"

namespace emu::cli {

struct CliContext;

struct RenderArgs {
    std::string project;
    std::string preset;
    std::string out;
    std::string timeline;  // "" = the project's only timeline (or its first, with a note)
    std::string range;     // "IN-OUT": record time codes or frame numbers, inclusive
    bool resume = false;
    std::string inputSpace;     // for media whose header names no colour space of the config
    std::string timelineGrade;  // grade file over the whole composite, after the shot grades
    std::string mix;            // the final mix (WAV), from the timeline's start, for movies
    std::string resolution;     // "" = the preset's; "source" or WxH overrides it
    std::string subtitles;      // an SRT file burned in, timed from the timeline's start
    std::function<void(int done, int total)> onProgress;  // after each frame, when set
};

// What this build can deliver beyond the mastering formats (burn-ins, review codecs, audio).
render::RenderCapabilities renderCapabilities();

// Renders a project's timeline to one deliverable, recording the job in the project, with a
// progress bar when `progress`. Errors name the project, preset, clip or file.
Result<render::DeliverableOutcome> renderProject(CliContext& context, const RenderArgs& args,
                                                 bool progress);

// `emulsion render PROJECT --preset NAME --out DIR [--timeline T] [--range IN-OUT] [--resume]
//  [--mix WAV]`.
void addRenderCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
