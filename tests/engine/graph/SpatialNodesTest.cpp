#include <gtest/gtest.h>

#include <cmath>

#include "NodeHarness.h"
#include "emulsion/graph/Planner.h"

namespace emu::graph {
namespace {

INSTANTIATE_TEST_SUITE_P(
    Spatial, NodeGpuVsCpu,
    ::testing::Values(NodeCase{"blur", {{"radius", {6.0f}}}, 2e-5f},
                      NodeCase{"blur", {{"radius", {0.0f}}}, 2e-5f},
                      NodeCase{"sharpen", {{"amount", {1.5f}}, {"radius", {3.0f}}}, 2e-5f},
                      NodeCase{"denoise", {{"radius", {16.0f}}, {"strength", {0.2f}}}, 2e-5f},
                      NodeCase{"mattefinesse",
                               {{"shrinkgrow", {50.0f}},
                                {"blur", {60.0f}},
                                {"cleanblack", {0.1f}},
                                {"cleanwhite", {0.9f}}},
                               2e-5f},
                      NodeCase{"mattefinesse", {{"shrinkgrow", {-50.0f}}}, 2e-5f}),
    nodeCaseName);

TEST(SpatialNodes, NanDoesNotSpreadToNeighbours) {
    // A frame of 0.5 with one NaN and one +Inf pixel: after a blur every other pixel is 0.5.
    CpuImage img{32, 16, std::vector<float>(32 * 16 * 4, 0.5f)};
    for (int c = 0; c < 4; ++c) {
        img.rgba[(5 * 32 + 7) * 4 + c] = std::nanf("");
        img.rgba[(9 * 32 + 20) * 4 + c] = INFINITY;
    }
    Grade g = singleNode("blur", {{"radius", {20.0f}}});
    auto out = evaluateOnCpu(g, registry(), img);
    ASSERT_TRUE(out.isOk());
    for (int i = 0; i < 32 * 16; ++i) {
        if (i == 5 * 32 + 7) {
            EXPECT_TRUE(std::isnan(out->rgba[i * 4]));
        } else if (i == 9 * 32 + 20) {
            EXPECT_TRUE(std::isinf(out->rgba[i * 4]));
        } else {
            ASSERT_NEAR(out->rgba[i * 4], 0.5f, 1e-6f) << "pixel " << i;
        }
    }
}

TEST(SpatialNodes, BlurOfAnEdgeIsMonotone) {
    // 108 lines high, so a radius of 100 (pixels at 1080 lines) is 10 px here.
    CpuImage img{64, 108, std::vector<float>(64 * 108 * 4, 0.0f)};
    for (int y = 0; y < 108; ++y)
        for (int x = 32; x < 64; ++x) img.rgba[(y * 64 + x) * 4 + 1] = 1.0f;
    auto out = evaluateOnCpu(singleNode("blur", {{"radius", {100.0f}}}), registry(), img);
    ASSERT_TRUE(out.isOk());
    for (int x = 1; x < 64; ++x)
        EXPECT_GE(out->rgba[(64 + x) * 4 + 1], out->rgba[(64 + x - 1) * 4 + 1]);
    EXPECT_GT(out->rgba[(64 + 31) * 4 + 1], 0.0f);
    EXPECT_LT(out->rgba[(64 + 32) * 4 + 1], 1.0f);
}

TEST(SpatialNodes, ASpatialNodeSplitsThePlanIntoThreePasses) {
    // cdl -> blur -> saturation: fused, spatial, fused.
    Grade g = singleNode("blur", {});
    NodeId cdl = g.addNode({0, "cdl", 1, "", false, {}});
    NodeId sat = g.addNode({0, "saturation", 1, "", false, {}});
    g.connect({1, "image", cdl, "image"});
    g.connect({cdl, "image", 2, "image"});
    g.connect({2, "image", sat, "image"});
    g.connect({sat, "image", 3, "image"});
    auto plan = planGrade(g, registry());
    ASSERT_TRUE(plan.isOk()) << plan.status().message();
    ASSERT_EQ(plan->passes.size(), 3u) << plan->describe(g);
    EXPECT_EQ(plan->passes[1].kind, Pass::Kind::Spatial);
    EXPECT_EQ(plan->imageSlots, 2);  // cdl's output and the blur's output
}

}  // namespace
}  // namespace emu::graph

namespace emu::graph {
namespace {

TEST(Planner, IntermediatesAreReusedAfterTheirLastReader) {
    // cdl -> blur -> saturation -> blur -> contrast: five values cross pass boundaries but at
    // most two are alive at once, so two images serve them all.
    Grade g;
    g.addNode({1, "source", 1, "", false, {}});
    const char* chain[] = {"cdl", "blur", "saturation", "blur", "contrast"};
    NodeId prev = 1;
    for (const char* type : chain) {
        NodeId id = g.addNode({0, type, 1, "", false, {}});
        g.connect({prev, "image", id, "image"});
        prev = id;
    }
    NodeId out = g.addNode({0, "output", 1, "", false, {}});
    g.connect({prev, "image", out, "image"});
    auto plan = planGrade(g, registry());
    ASSERT_TRUE(plan.isOk()) << plan.status().message();
    EXPECT_EQ(plan->passes.size(), 5u) << plan->describe(g);
    EXPECT_EQ(plan->imageSlots, 2) << plan->describe(g);
}

}  // namespace
}  // namespace emu::graph
