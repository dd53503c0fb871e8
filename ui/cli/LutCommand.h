#pragma once

#include <CLI/CLI.hpp>

namespace emu::cli {

struct CliContext;

// `emulsion lut bake GRADE.json OUT.cube|OUT.clf --size N [colour options]`: the pointwise part
// of a grade, with the transforms around it, sampled on the GPU into a 3D LUT.
void addLutCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
