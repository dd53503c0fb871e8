// NodeType::readsPosition must say which nodes depend on where a pixel is: a LUT bake refuses
// exactly those (with the spatial ones), so a node that reads the position without saying so
// would be baked wrongly, silently.
#include <gtest/gtest.h>

#include <cmath>

#include "emulsion/graph/ParamBlock.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::test {
namespace {

using graph::NodeShape;

// Whether the node's CPU reference, at its default parameters, gives different results for
// the same colours at different places in the frame.
bool dependsOnPosition(const graph::NodeType& type) {
    graph::GradeNode node;
    node.type = type.desc.id;
    std::vector<float> block(std::max(1, type.desc.blockSize()));
    graph::writeNodeBlock(graph::Grade::identity(), node, type.desc, block.data());
    const graph::Rgba colours[] = {
        {0.18f, 0.18f, 0.18f, 1}, {0.7f, 0.3f, 0.1f, 1}, {0.05f, 0.4f, 0.9f, 1}};
    const graph::PixelPos places[] = {
        {0.5f, 0.5f, 1.78f}, {0.05f, 0.1f, 1.78f}, {0.95f, 0.9f, 1.78f}, {0.3f, 0.85f, 1.0f}};
    for (const graph::Rgba& c : colours) {
        for (const graph::PixelPos& p : places) {
            if (type.shape == NodeShape::Corrector) {
                const graph::Rgba a = type.corrector(block.data(), c, places[0]);
                const graph::Rgba b = type.corrector(block.data(), c, p);
                if (a.r != b.r || a.g != b.g || a.b != b.b || a.a != b.a) return true;
            } else if (type.shape == NodeShape::MatteGenerator) {
                if (type.matte(block.data(), c, places[0]) != type.matte(block.data(), c, p)) {
                    return true;
                }
            }
        }
    }
    return false;
}

TEST(NodePosition, ReadsPositionIsTrueExactlyForNodesThatDo) {
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    int windows = 0;
    for (const graph::NodeType& type : registry.types()) {
        // OCIO nodes (lut, cst) are colour transforms with no CPU function of their own here.
        if ((type.shape != NodeShape::Corrector && type.shape != NodeShape::MatteGenerator) ||
            type.ocioRequest) {
            EXPECT_FALSE(type.readsPosition) << type.desc.id;
            continue;
        }
        EXPECT_EQ(type.readsPosition, dependsOnPosition(type)) << type.desc.id;
        windows += type.readsPosition ? 1 : 0;
    }
    EXPECT_EQ(windows, 4);  // window, rectwindow, gradient, polygon
}

}  // namespace
}  // namespace emu::test
