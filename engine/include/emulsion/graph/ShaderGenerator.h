#pragma once

#include <map>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/graph/Planner.h"

namespace emu::graph {

// The GLSL layout qualifier of each image a fused pass binds, in binding order after the
// parameter buffer (binding 0): its inputs, then its outputs.
struct PassFormats {
    std::vector<std::string> inputs;  // "rgba32f", "r16f", ...
    std::vector<std::string> outputs;
};

// GLSL made for single nodes rather than taken from shaders/nodes (OpenColorIO transforms):
// each text defines  vec4 nodeFunctionName(id)(vec4 c, EmuPixel pix, uint base)  with the
// Corrector's signature, and declares its own textures at set-0 bindings after the pass's
// images (1 + inputs + outputs on).
using NodeFunctions = std::map<NodeId, std::string>;
std::string nodeFunctionName(NodeId id);  // "emu_node7"

// Writes the compute shader of one fused pass: the parameter buffer, one storage image per
// input and output value, and main() calling each node's function in order, with every
// value between nodes held in registers. Depends on the plan's structure (and the text of
// `generated`) only; parameter values are read from the buffer, so its hash keys the pipeline.
// Fails with Internal when a node's GLSL function is missing from the build.
Result<std::string> generateFusedPass(const Grade& grade, const NodeRegistry& registry,
                                      const Plan& plan, std::size_t passIndex,
                                      const PassFormats& formats,
                                      const NodeFunctions& generated = {});

// The compute shader of one stage of a spatial pass: binding 1 the node's input (format
// `srcFormat`), 2 the previous stage's output (`prevFormat`; the input again for stage 0),
// 3 the target (`dstFormat`).
Result<std::string> generateSpatialStage(const Grade& grade, const NodeRegistry& registry,
                                         const Plan& plan, std::size_t passIndex, int stage,
                                         const std::string& srcFormat,
                                         const std::string& prevFormat,
                                         const std::string& dstFormat);

// A shader that copies its input image to its output (the identity grade).
std::string generateCopyPass(const std::string& inputFormat, const std::string& outputFormat);

}  // namespace emu::graph
