#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "GpuTest.h"
#include "NodeHarness.h"
#include "emulsion/graph/Commands.h"
#include "emulsion/graph/CpuEvaluator.h"
#include "emulsion/graph/GradeRenderer.h"
#include "emulsion/media/TestPattern.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/nodes/ExampleGrades.h"
#include "emulsion/nodes/GpuFrame.h"

namespace emu::graph {
namespace {

INSTANTIATE_TEST_SUITE_P(
    Nodes, NodeGpuVsCpu,
    ::testing::Values(NodeCase{"exposure", {{"stops", {1.37f}}}, 1e-6f},
                      NodeCase{"cdl",
                               {{"slope", {1.2f, 0.9f, 1.05f}},
                                {"offset", {0.02f, -0.01f, 0}},
                                {"power", {1.1f, 0.95f, 1.0f}},
                                {"saturation", {1.2f}}},
                               2e-6f},
                      NodeCase{"cdl",
                               {{"slope", {1.2f, 0.9f, 1.05f}},
                                {"power", {1.1f, 0.95f, 1.3f}},
                                {"saturation", {0.8f}},
                                {"style", {1}}},
                               2e-6f},
                      NodeCase{"lgg",
                               {{"lift", {0.02f, 0, -0.01f, 0.01f}},
                                {"gamma", {1.1f, 1, 0.9f, 1.05f}},
                                {"gain", {1.2f, 1, 0.95f, 1.1f}},
                                {"offset", {0, 0.01f, 0, -0.02f}}},
                               2e-6f},
                      NodeCase{"contrast", {{"contrast", {1.4f}}, {"pivot", {0.4f}}}, 1e-6f},
                      NodeCase{"saturation", {{"saturation", {1.7f}}}, 1e-6f},
                      NodeCase{"window",
                               {{"x", {0.4f}},
                                {"size", {0.35f}},
                                {"aspect", {1.5f}},
                                {"rotation", {30}},
                                {"softness", {0.3f}}},
                               2e-6f},
                      NodeCase{"window", {{"invert", {1}}, {"softness", {0}}}, 2e-6f},
                      NodeCase{"keymix", {{"mode", {1}}}, 2e-6f}, NodeCase{"parallel", {}, 1e-6f}),
    nodeCaseName);

using GradeRendererTest = test::GpuTest;

TEST_F(GradeRendererTest, HundredParameterEditsCreateNoPipeline) {
    GradeEditor e(registry(), singleNode("cdl", {}));
    gpu::KernelCache cache(device());
    cache.disableDisk();
    GradeRenderer renderer(device(), cache, registry());
    media::Image input = testInput();
    auto src = nodes::uploadImage(device(), input);
    auto dst = gpu::StorageImage::create(device(), input.width(), input.height(),
                                         gpu::ImageFormat::Rgba32f);
    auto batch = gpu::ComputeBatch::create(device());
    ASSERT_TRUE(src.isOk() && dst.isOk() && batch.isOk());
    ASSERT_TRUE(renderer.setGrade(e.grade()).isOk());
    ASSERT_TRUE(renderer.record(*batch, *src, *dst).isOk());
    ASSERT_TRUE(batch->submitAndWait().isOk());
    const int pipelinesAfterFirst = cache.stats().pipelinesCreated;
    const int compilesAfterFirst = cache.stats().glslCompiles;
    EXPECT_EQ(pipelinesAfterFirst, 1);

    for (int i = 0; i < 100; ++i) {
        ASSERT_TRUE(e.apply(NudgeParam{2, "slope", i % 3, 0.001f}).isOk());
        ASSERT_TRUE(renderer.setGrade(e.grade()).isOk());
        ASSERT_TRUE(renderer.record(*batch, *src, *dst).isOk());
        ASSERT_TRUE(batch->submitAndWait().isOk());
    }
    EXPECT_EQ(cache.stats().pipelinesCreated, pipelinesAfterFirst);
    EXPECT_EQ(cache.stats().glslCompiles, compilesAfterFirst);
    EXPECT_EQ(renderer.replans(), 1);

    // And the last render used the last values.
    auto expected = evaluateOnCpu(e.grade(), registry(), toCpu(input));
    auto out = nodes::downloadImage(device(), *dst);
    ASSERT_TRUE(expected.isOk() && out.isOk());
    const float* gpu = reinterpret_cast<const float*>(out->data());
    EXPECT_NEAR(gpu[0], expected->rgba[0], 1e-5f);
}

TEST_F(GradeRendererTest, UnfusedRenderingGivesTheSameImage) {
    // cdl -> blur -> { saturation | window-keyed exposure } -> parallel: fused into 3 passes,
    // or one pass per node with every value through an image.
    GradeEditor e(registry(), singleNode("blur", {{"radius", {30.0f}}}));
    NodeId cdl, sat, win, expo, par;
    ASSERT_TRUE(e.apply(AddNode{"cdl"}, &cdl).isOk());
    ASSERT_TRUE(e.apply(AddNode{"saturation"}, &sat).isOk());
    ASSERT_TRUE(e.apply(AddNode{"window"}, &win).isOk());
    ASSERT_TRUE(e.apply(AddNode{"exposure"}, &expo).isOk());
    ASSERT_TRUE(e.apply(AddNode{"parallel"}, &par).isOk());
    for (Command c : std::vector<Command>{
             Connect{{1, "image", cdl, "image"}}, Connect{{cdl, "image", 2, "image"}},
             Connect{{2, "image", sat, "image"}}, Connect{{2, "image", win, "image"}},
             Connect{{2, "image", expo, "image"}}, Connect{{win, "matte", expo, "key"}},
             Connect{{2, "image", par, "image"}}, Connect{{sat, "image", par, "a"}},
             Connect{{expo, "image", par, "b"}}, Connect{{par, "image", 3, "image"}},
             SetParam{sat, "saturation", {1.6f}}, SetParam{expo, "stops", {1.0f}},
             SetParam{cdl, "slope", {1.1f, 0.9f, 1.0f}}}) {
        ASSERT_TRUE(e.apply(c).isOk());
    }
    media::Image input = testInput();
    auto render = [&](PlanOptions options) -> media::Image {
        auto plan = planGrade(e.grade(), registry(), options);
        EXPECT_TRUE(plan.isOk());
        EXPECT_EQ(plan->passes.size(), options.fuse ? 3u : 6u);
        auto out = renderOnGpu(device(), e.grade(), input, options);
        EXPECT_TRUE(out.isOk()) << out.status().message();
        return std::move(out).value();
    };
    media::Image fused = render({true});
    media::Image unfused = render({false});
    for (int y = 0; y < input.height(); ++y)
        for (int x = 0; x < input.width(); ++x)
            for (int c = 0; c < 4; ++c) {
                const float a = fused.sample(x, y, c), b = unfused.sample(x, y, c);
                if (std::isnan(a) || std::isnan(b)) {
                    ASSERT_EQ(std::isnan(a), std::isnan(b)) << x << "," << y;
                } else {
                    ASSERT_NEAR(a, b, 1e-5f * std::max(1.0f, std::fabs(a))) << x << "," << y;
                }
            }
}

TEST_F(GradeRendererTest, TypicalGradeMatchesTheCpuReference) {
    auto grade = nodes::typicalGrade(registry());
    ASSERT_TRUE(grade.isOk()) << grade.status().message();
    media::Image input = testInput();
    auto expected = evaluateOnCpu(*grade, registry(), toCpu(input));
    ASSERT_TRUE(expected.isOk()) << expected.status().message();
    auto plan = planGrade(*grade, registry());
    ASSERT_TRUE(plan.isOk());
    EXPECT_EQ(plan->passes.size(), 3u);
    auto out = renderOnGpu(device(), *grade, input);
    ASSERT_TRUE(out.isOk()) << out.status().message();
    const float* gpu = reinterpret_cast<const float*>(out->data());
    for (std::size_t i = 0; i < expected->rgba.size(); ++i) {
        const float e = expected->rgba[i], g = gpu[i];
        if (std::isnan(e) || std::isinf(e)) {
            ASSERT_TRUE(std::isnan(e) ? std::isnan(g) : g == e) << i;
        } else {
            // A chain of 12 nodes: a few times the largest single-node tolerance (2e-5).
            ASSERT_NEAR(g, e, 5e-5 * std::max(1.0f, std::fabs(e))) << i;
        }
    }
}

TEST_F(GradeRendererTest, IdentityGradeCopiesTheSource) {
    media::Image input = testInput();
    auto out = renderOnGpu(device(), Grade::identity(), input);
    ASSERT_TRUE(out.isOk()) << out.status().message();
    EXPECT_EQ(std::memcmp(out->data(), input.data(), input.sizeBytes()), 0);
}

TEST_F(GradeRendererTest, InvalidGradeKeepsThePreviousOne) {
    gpu::KernelCache cache(device());
    cache.disableDisk();
    GradeRenderer renderer(device(), cache, registry());
    ASSERT_TRUE(renderer.setGrade(singleNode("saturation", {})).isOk());
    Grade bad = singleNode("saturation", {});
    bad.node(2)->params["saturation"] = {-3.0f};
    Status s = renderer.setGrade(bad);
    ASSERT_FALSE(s.isOk());
    EXPECT_NE(s.message().find("parameter 'saturation'"), std::string::npos);
}

}  // namespace
}  // namespace emu::graph
