#pragma once

#include <CLI/CLI.hpp>

namespace emu::cli {

struct CliContext;

// `emulsion grade IN OUT --exposure STOPS [--frames A-B]`.
void addGradeCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
