#pragma once

#include <CLI/CLI.hpp>

namespace emu::cli {

struct CliContext;

// `emulsion play PATH [--grade G.json] [--seconds N] [--cache-mb M] [--threads T] [--rate R]
// [--speed S]`: headless playback of a clip, looped, through the frame cache, the prefetch
// threads and the GPU grade, reporting the frames delivered and dropped against the clock.
void addPlayCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
