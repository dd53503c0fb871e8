#pragma once

#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/graph/Grade.h"
#include "emulsion/graph/OcioNode.h"

namespace emu::graph {

// A frame as the CPU reference holds it: RGBA fp32, rows top to bottom.
struct CpuImage {
    int width = 0;
    int height = 0;
    std::vector<float> rgba;  // 4 per pixel
};

// Renders a grade on the CPU with every node's reference implementation, one node at a
// time over whole images, in fp32: the ground truth the GPU executor is tested against.
// OpenColorIO nodes (lut, cst) run OCIO's CPU processor, from `ocio`'s config (the built-in
// one by default); their errors name the node and the file or colour space.
// Slow by design: clarity over speed. Thread: pure; may run on any thread.
Result<CpuImage> evaluateOnCpu(const Grade& grade, const NodeRegistry& registry,
                               const CpuImage& source, const OcioContext& ocio = {});

}  // namespace emu::graph
