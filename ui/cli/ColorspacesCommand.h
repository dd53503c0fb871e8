#pragma once

#include <CLI/CLI.hpp>

namespace emu::cli {

struct CliContext;

// `emulsion colorspaces [--ocio FILE]`: lists the colour spaces, displays and views, looks and
// roles of the active OCIO config (global --ocio, else $OCIO, else the built-in ACES config).
void addColorspacesCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
