#pragma once

#include <vector>

#include "emulsion/graph/Grade.h"
#include "emulsion/graph/Planner.h"

namespace emu::graph {

// The parameter block of one node: each parameter's floats at its NodeDesc offset; curves
// and point lists as a count followed by kMaxCurvePoints (x, y) pairs (unused pairs zero).
void writeNodeBlock(const Grade& grade, const GradeNode& node, const NodeDesc& desc, float* block);

// The whole grade's block, laid out as plan.paramOffsets says: what the GPU reads, and what
// the CPU references read, so both see the same numbers.
std::vector<float> buildParamBlock(const Grade& grade, const NodeRegistry& registry,
                                   const Plan& plan);

}  // namespace emu::graph
