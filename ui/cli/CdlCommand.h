#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "emulsion/core/Result.h"
#include "emulsion/graph/Grade.h"
#include "emulsion/graph/NodeRegistry.h"

namespace emu::cli {

struct CliContext;

// `emulsion cdl export GRADE.json OUT.cc|OUT.ccc`: the grade's cdl nodes as an ASC CDL file.
void addCdlCommand(CLI::App& app, CliContext& context, int& exitCode);

// `grade` with `--cdl FILE[#id]`: `grade` with a cdl node (style 1, no clamp, as OpenColorIO
// applies a .cc) holding the file's correction, inserted just before the output. Errors name
// the file (NotFound for an unknown id).
Result<graph::Grade> withCdlBeforeOutput(graph::Grade grade, const std::string& cdlArgument,
                                         const graph::NodeRegistry& registry);

}  // namespace emu::cli
