#pragma once

// Shared by the node tests: a registry, test inputs with special values, one-node grades, and
// the parameterised GPU-vs-CPU comparison. A node family's test file only lists its cases:
//   INSTANTIATE_TEST_SUITE_P(MyNodes, NodeGpuVsCpu, ::testing::Values(NodeCase{...}, ...),
//                            nodeCaseName);

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "GpuTest.h"
#include "emulsion/graph/CpuEvaluator.h"
#include "emulsion/graph/Grade.h"
#include "emulsion/graph/Planner.h"
#include "emulsion/media/Image.h"

namespace emu::graph {

const NodeRegistry& registry();

// 64x48 float noise over [-0.5, 2.5] with a band of special values (NaN, +-Inf, negatives,
// large values, denormals) in rows 20-27.
media::Image testInput();
CpuImage toCpu(const media::Image& img);

// source -> node (params set) -> output. Matte nodes key an exposure of +2 stops so their
// matte shows in the image; key mixers mix an ellipse window; image mixers get a second branch.
Grade singleNode(const std::string& type, std::map<std::string, std::vector<float>> params);

// Renders `grade` over `input` on the GPU into an RGBA32F image (mastering precision, memory-
// only kernel cache).
Result<media::Image> renderOnGpu(gpu::Device& device, const Grade& grade, const media::Image& input,
                                 PlanOptions options = {});

struct NodeCase {
    std::string type;
    std::map<std::string, std::vector<float>> params;
    float tolerance;  // relative to max(1, |reference|); see docs/TOLERANCES.md
};

class NodeGpuVsCpu : public test::GpuTest, public ::testing::WithParamInterface<NodeCase> {};

std::string nodeCaseName(const ::testing::TestParamInfo<NodeCase>& info);

}  // namespace emu::graph
