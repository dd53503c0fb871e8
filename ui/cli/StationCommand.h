#pragma once

#include <CLI/CLI.hpp>

namespace emu::cli {

struct CliContext;

// `emulsion station [PROJECT] [--script FILE] [--screenshot PNG] [--viewer-image FILE]
// [--log FILE]`: the grading station's window on a project.
void addStationCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
