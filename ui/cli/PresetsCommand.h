#pragma once

#include <CLI/CLI.hpp>

namespace emu::cli {

struct CliContext;

// `emulsion presets [--json]`: the deliverable presets, where they live and what this build can
// render of them.
void addPresetsCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
