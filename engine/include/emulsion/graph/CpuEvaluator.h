#pragma once

#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/graph/Grade.h"

namespace emu::graph {

// A frame as the CPU reference holds it: RGBA fp32, rows top to bottom.
struct CpuImage {
    int width = 0;
    int height = 0;
    std::vector<float> rgba;  // 4 per pixel
};

// Renders a grade on the CPU with every node's reference implementation, one node at a
// time over whole images, in fp32: the ground truth the GPU executor is tested against.
// Slow by design: clarity over speed. Thread: pure; may run on any thread.
Result<CpuImage> evaluateOnCpu(const Grade& grade, const NodeRegistry& registry,
                               const CpuImage& source);

}  // namespace emu::graph
