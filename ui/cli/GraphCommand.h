#pragma once

#include <CLI/CLI.hpp>

namespace emu::cli {

struct CliContext;

// `emulsion graph GRADE.json`: validates a grade, prints its nodes and its planned passes.
void addGraphCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
