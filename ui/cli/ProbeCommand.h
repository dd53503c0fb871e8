#pragma once

#include <CLI/CLI.hpp>

namespace emu::cli {

struct CliContext;

// `emulsion probe PATH [--json]`: what a clip is (format, size, rate, frames and gaps, time
// code, reel, clip name, camera, colour hint) without decoding its pictures. PATH is a file of
// a clip, a sequence pattern, or a folder (every clip in it).
void addProbeCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
