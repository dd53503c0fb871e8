#pragma once

#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/graph/Planner.h"

namespace emu::graph {

// The GLSL layout qualifier of each image a fused pass binds, in binding order after the
// parameter buffer (binding 0): its inputs, then its outputs.
struct PassFormats {
    std::vector<std::string> inputs;   // "rgba32f", "r16f", ...
    std::vector<std::string> outputs;
};

// Writes the compute shader of one fused pass: the parameter buffer, one storage image per
// input and output value, and main() calling each node's function in order, with every
// value between nodes held in registers. Depends on the plan's structure only (parameter
// values are read from the buffer), so its hash keys the pipeline.
// Fails with Internal when a node's GLSL function is missing from the build.
Result<std::string> generateFusedPass(const Grade& grade, const NodeRegistry& registry,
                                      const Plan& plan, std::size_t passIndex,
                                      const PassFormats& formats);

// A shader that copies its input image to its output (the identity grade).
std::string generateCopyPass(const std::string& inputFormat, const std::string& outputFormat);

}  // namespace emu::graph
