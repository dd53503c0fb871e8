#pragma once

#include <CLI/CLI.hpp>

namespace emu::cli {

struct CliContext;

// `emulsion scope IN.exr --type waveform|parade|vectorscope|histogram -o OUT.png`: computes a
// scope of a frame on the GPU and writes it as a picture.
void addScopeCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
