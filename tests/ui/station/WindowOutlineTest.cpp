// The window outline the viewer draws lies where the window node's own CPU matte (the engine's
// reference, nodes/MatteNodes.cpp) is one half, and its dotted soft-edge limits where the
// matte reaches 1 and 0: drawn and rendered window are the same shape.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "emulsion/graph/NodeType.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "station/widgets/WindowOutline.h"

namespace emu::test {
namespace {

struct Case {
    station::WindowOutline w;
    float softness;
};

TEST(WindowOutline, EdgeIsWhereTheNodesMatteIsOneHalf) {
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    const graph::NodeType* window = registry.find("window");
    ASSERT_NE(window, nullptr);
    ASSERT_NE(window->matte, nullptr);
    constexpr float kFrameAspect = 16.0f / 9.0f;
    const std::vector<Case> cases = {
        {{0.5f, 0.5f, 0.3f, 1.0f, 0.0f}, 0.1f},
        {{0.3f, 0.6f, 0.2f, 2.0f, 30.0f}, 0.05f},
        {{0.7f, 0.4f, 0.45f, 0.5f, -75.0f}, 0.3f},
        {{0.1f, 0.9f, 0.15f, 1.3f, 200.0f}, 0.0f},
    };
    double worst = 0;
    for (const Case& c : cases) {
        const float params[] = {c.w.x,           c.w.y,      c.w.size, c.w.aspect,
                                c.w.rotationDeg, c.softness, 0.0f};
        auto matteAt = [&](station::PicturePoint p) {
            return window->matte(params, graph::Rgba{}, graph::PixelPos{p.x, p.y, kFrameAspect});
        };
        for (int i = 0; i < 48; ++i) {
            const float t = 6.2831853f * float(i) / 48.0f;
            if (c.softness == 0.0f) {  // a hard edge: inside just within it, outside beyond
                EXPECT_NEAR(matteAt(station::windowPoint(c.w, kFrameAspect, 0.999f, t)), 1.0, 1e-6);
                EXPECT_NEAR(matteAt(station::windowPoint(c.w, kFrameAspect, 1.001f, t)), 0.0, 1e-6);
                continue;
            }
            const double edge = matteAt(station::windowPoint(c.w, kFrameAspect, 1.0f, t));
            worst = std::max(worst, std::abs(edge - 0.5));
            EXPECT_NEAR(edge, 0.5, 1e-3) << "angle " << t;
            EXPECT_NEAR(matteAt(station::windowPoint(c.w, kFrameAspect, 1 - c.softness, t)), 1.0,
                        1e-3);
            EXPECT_NEAR(matteAt(station::windowPoint(c.w, kFrameAspect, 1 + c.softness, t)), 0.0,
                        1e-3);
        }
        // The size handle: a pointer on the edge along the window's axis asks for its size.
        for (const float t : {0.0f, 3.14159265f}) {
            const station::PicturePoint rim = station::windowPoint(c.w, kFrameAspect, 1.0f, t);
            EXPECT_NEAR(station::windowSizeAt(c.w, kFrameAspect, rim), c.w.size, 1e-5);
        }
    }
    std::printf("outline vs the node's matte at the edge: largest |matte - 0.5| %.2e\n", worst);
}

}  // namespace
}  // namespace emu::test
