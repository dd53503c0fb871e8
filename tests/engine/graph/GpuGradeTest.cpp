#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "GpuTest.h"
#include "emulsion/graph/Commands.h"
#include "emulsion/graph/CpuEvaluator.h"
#include "emulsion/graph/GradeRenderer.h"
#include "emulsion/media/TestPattern.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/nodes/GpuFrame.h"

namespace emu::graph {
namespace {

const NodeRegistry& registry() {
    static const NodeRegistry r = nodes::builtinRegistry();
    return r;
}

// Inputs every node must survive: noise over [-0.5, 2.5] and a band of special values (NaN,
// +-Inf, negatives, large, denormals) in the middle rows.
media::Image testInput() {
    const int w = 64, h = 48;
    media::Image img = media::makeNoise(w, h, media::PixelType::Float, 7, -0.5f, 2.5f);
    media::Image special = media::makeSpecialValues(w, 8, media::PixelType::Float);
    for (int y = 0; y < 8; ++y) {
        for (int x = 0; x < w; ++x) {
            for (int c = 0; c < 4; ++c) img.setSample(x, 20 + y, c, special.sample(x, y, c));
        }
    }
    return img;
}

CpuImage toCpu(const media::Image& img) {
    CpuImage c{img.width(), img.height(), {}};
    c.rgba.assign(reinterpret_cast<const float*>(img.data()),
                  reinterpret_cast<const float*>(img.data()) + img.pixelCount() * 4);
    return c;
}

// source -> node (with params) -> output
Grade singleNode(const std::string& type, std::map<std::string, std::vector<float>> params) {
    GradeEditor e(registry(), Grade());
    NodeId src, node, matte = 0, out;
    EXPECT_TRUE(e.apply(AddNode{"source"}, &src).isOk());
    EXPECT_TRUE(e.apply(AddNode{type}, &node).isOk());
    EXPECT_TRUE(e.apply(AddNode{"output"}, &out).isOk());
    const NodeType* t = registry().find(type);
    if (t->shape == NodeShape::KeyMixer || t->shape == NodeShape::MatteGenerator) {
        // A matte is shown as the image it keys: exposure +2 through the matte.
        NodeId win = 0;
        if (t->shape == NodeShape::KeyMixer) {
            EXPECT_TRUE(e.apply(AddNode{"window"}, &win).isOk());
            EXPECT_TRUE(e.apply(Connect{{src, "image", win, "image"}}).isOk());
            EXPECT_TRUE(e.apply(Connect{{win, "matte", node, "a"}}).isOk());
        } else {
            EXPECT_TRUE(e.apply(Connect{{src, "image", node, "image"}}).isOk());
        }
        EXPECT_TRUE(e.apply(AddNode{"exposure"}, &matte).isOk());
        EXPECT_TRUE(e.apply(SetParam{matte, "stops", {2.0f}}).isOk());
        EXPECT_TRUE(e.apply(Connect{{src, "image", matte, "image"}}).isOk());
        EXPECT_TRUE(e.apply(Connect{{node, "matte", matte, "key"}}).isOk());
        EXPECT_TRUE(e.apply(Connect{{matte, "image", out, "image"}}).isOk());
    } else {
        EXPECT_TRUE(e.apply(Connect{{src, "image", node, "image"}}).isOk());
        if (t->shape == NodeShape::ImageMixer) {
            NodeId a;
            EXPECT_TRUE(e.apply(AddNode{"exposure"}, &a).isOk());
            EXPECT_TRUE(e.apply(SetParam{a, "stops", {1.0f}}).isOk());
            EXPECT_TRUE(e.apply(Connect{{src, "image", a, "image"}}).isOk());
            EXPECT_TRUE(e.apply(Connect{{a, "image", node, "a"}}).isOk());
        }
        EXPECT_TRUE(e.apply(Connect{{node, "image", out, "image"}}).isOk());
    }
    for (auto& [id, value] : params) {
        EXPECT_TRUE(e.apply(SetParam{node, id, value}).isOk()) << type << " " << id;
    }
    return e.grade();
}

struct NodeCase {
    std::string type;
    std::map<std::string, std::vector<float>> params;
    float tolerance;  // relative to max(1, |reference|); see docs/TOLERANCES.md
};

class NodeGpuVsCpu : public test::GpuTest, public ::testing::WithParamInterface<NodeCase> {};

TEST_P(NodeGpuVsCpu, MatchesTheCpuReference) {
    const NodeCase& c = GetParam();
    Grade grade = singleNode(c.type, c.params);
    media::Image input = testInput();
    auto expected = evaluateOnCpu(grade, registry(), toCpu(input));
    ASSERT_TRUE(expected.isOk()) << expected.status().message();

    gpu::KernelCache cache(device());
    cache.disableDisk();
    GradeRenderer renderer(device(), cache, registry());
    ASSERT_TRUE(renderer.setGrade(grade).isOk());
    auto src = nodes::uploadImage(device(), input);
    auto dst = gpu::StorageImage::create(device(), input.width(), input.height(),
                                         gpu::ImageFormat::Rgba32f);
    auto batch = gpu::ComputeBatch::create(device());
    ASSERT_TRUE(src.isOk() && dst.isOk() && batch.isOk());
    ASSERT_TRUE(renderer.record(*batch, *src, *dst).isOk());
    ASSERT_TRUE(batch->submitAndWait().isOk());
    auto out = nodes::downloadImage(device(), *dst);
    ASSERT_TRUE(out.isOk());

    const float* gpu = reinterpret_cast<const float*>(out->data());
    double worst = 0;
    for (std::size_t i = 0; i < expected->rgba.size(); ++i) {
        const float e = expected->rgba[i], g = gpu[i];
        const int x = int(i / 4) % input.width(), y = int(i / 4) / input.width();
        if (std::isnan(e)) {
            ASSERT_TRUE(std::isnan(g)) << "pixel " << x << "," << y << " ch " << i % 4 << ": GPU "
                                       << g << ", input "
                                       << input.sample(x, y, static_cast<int>(i % 4));
            continue;
        }
        if (std::isinf(e)) {
            ASSERT_EQ(g, e) << "pixel " << x << "," << y << " ch " << i % 4;
            continue;
        }
        ASSERT_TRUE(std::isfinite(g)) << "pixel " << x << "," << y << ": " << g << " vs " << e;
        const double err = std::fabs(double(g) - e) / std::max(1.0, std::fabs(double(e)));
        worst = std::max(worst, err);
        ASSERT_LE(err, c.tolerance) << "pixel " << x << "," << y << " ch " << i % 4 << ": GPU "
                                    << g << ", CPU " << e;
    }
    RecordProperty("max_rel_error", std::to_string(worst));
}

INSTANTIATE_TEST_SUITE_P(
    Nodes, NodeGpuVsCpu,
    ::testing::Values(
        NodeCase{"exposure", {{"stops", {1.37f}}}, 1e-6f},
        NodeCase{"cdl", {{"slope", {1.2f, 0.9f, 1.05f}}, {"offset", {0.02f, -0.01f, 0}},
                         {"power", {1.1f, 0.95f, 1.0f}}, {"saturation", {1.2f}}}, 2e-6f},
        NodeCase{"cdl", {{"slope", {1.2f, 0.9f, 1.05f}}, {"power", {1.1f, 0.95f, 1.3f}},
                         {"saturation", {0.8f}}, {"style", {1}}}, 2e-6f},
        NodeCase{"lgg", {{"lift", {0.02f, 0, -0.01f, 0.01f}}, {"gamma", {1.1f, 1, 0.9f, 1.05f}},
                         {"gain", {1.2f, 1, 0.95f, 1.1f}}, {"offset", {0, 0.01f, 0, -0.02f}}},
                 2e-6f},
        NodeCase{"contrast", {{"contrast", {1.4f}}, {"pivot", {0.4f}}}, 1e-6f},
        NodeCase{"saturation", {{"saturation", {1.7f}}}, 1e-6f},
        NodeCase{"window", {{"x", {0.4f}}, {"size", {0.35f}}, {"aspect", {1.5f}},
                            {"rotation", {30}}, {"softness", {0.3f}}}, 2e-6f},
        NodeCase{"window", {{"invert", {1}}, {"softness", {0}}}, 2e-6f},
        NodeCase{"keymix", {{"mode", {1}}}, 2e-6f},
        NodeCase{"parallel", {}, 1e-6f}),
    [](const auto& info) { return info.param.type + std::to_string(info.index); });

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

TEST_F(GradeRendererTest, IdentityGradeCopiesTheSource) {
    gpu::KernelCache cache(device());
    cache.disableDisk();
    GradeRenderer renderer(device(), cache, registry());
    ASSERT_TRUE(renderer.setGrade(Grade::identity()).isOk());
    media::Image input = testInput();
    auto src = nodes::uploadImage(device(), input);
    auto dst = gpu::StorageImage::create(device(), input.width(), input.height(),
                                         gpu::ImageFormat::Rgba32f);
    auto batch = gpu::ComputeBatch::create(device());
    ASSERT_TRUE(renderer.record(*batch, *src, *dst).isOk());
    ASSERT_TRUE(batch->submitAndWait().isOk());
    auto out = nodes::downloadImage(device(), *dst);
    ASSERT_TRUE(out.isOk());
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
