#pragma once

#include <CLI/CLI.hpp>

namespace emu::cli {

struct CliContext;

// `emulsion demo [--out DIR]`: makes a test chart, grades it on the GPU, writes both.
void addDemoCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
