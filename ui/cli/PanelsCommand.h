#pragma once

#include <CLI/CLI.hpp>

namespace emu::cli {

struct CliContext;

// `emulsion panels list`: the control surfaces found, with permission problems explained.
// `emulsion panels record DEVICE -o FILE`: captures a surface's reports with their timing.
// `emulsion panels watch --grade G`: drives a grade live from the connected surfaces.
// `emulsion panels replay FILE --grade G [--map M]`: a recorded panel session applied to a
// grade headless; prints the parameters it changed.
void addPanelsCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
