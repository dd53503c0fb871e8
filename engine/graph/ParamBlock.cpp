#include "emulsion/graph/ParamBlock.h"

#include <algorithm>

namespace emu::graph {

void writeNodeBlock(const Grade& grade, const GradeNode& node, const NodeDesc& desc, float* block) {
    std::vector<int> offsets = desc.blockOffsets();
    for (std::size_t i = 0; i < desc.params.size(); ++i) {
        const ParamDesc& p = desc.params[i];
        std::vector<float> v = grade.paramValue(node, p);
        float* at = block + offsets[i];
        if (p.type == ParamType::Curve || p.type == ParamType::Points) {
            const std::size_t pairs = std::min<std::size_t>(v.size() / 2, kMaxCurvePoints);
            at[0] = static_cast<float>(pairs);
            std::fill(at + 1, at + p.blockSize(), 0.0f);
            std::copy(v.begin(), v.begin() + pairs * 2, at + 1);
        } else {
            std::copy(v.begin(), v.end(), at);
        }
    }
}

std::vector<float> buildParamBlock(const Grade& grade, const NodeRegistry& registry,
                                   const Plan& plan) {
    // Never empty: a zero-sized storage buffer is not allowed.
    std::vector<float> block(std::max(plan.paramBlockSize, 1), 0.0f);
    for (const auto& [id, offset] : plan.paramOffsets) {
        const GradeNode* node = grade.node(id);
        const NodeType* type = registry.find(node->type);
        writeNodeBlock(grade, *node, type->desc, block.data() + offset);
    }
    return block;
}

}  // namespace emu::graph
