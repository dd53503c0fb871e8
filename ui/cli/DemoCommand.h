#pragma once

#include <CLI/CLI.hpp>

namespace emu::cli {

struct CliContext;

// `emulsion demo [--out DIR]`: makes a test chart, grades it with the typical 12-node grade on
// the GPU, and writes the chart, the grade and the graded chart.
void addDemoCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
