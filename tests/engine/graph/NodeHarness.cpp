#include "NodeHarness.h"

#include <cmath>
#include <cstdio>

#include "emulsion/graph/Commands.h"
#include "emulsion/graph/GradeRenderer.h"
#include "emulsion/media/TestPattern.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/nodes/GpuFrame.h"

namespace emu::graph {

const NodeRegistry& registry() {
    static const NodeRegistry r = nodes::builtinRegistry();  // immutable, shared by the tests
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
    const bool matteFilter =
        t->shape == NodeShape::Spatial && t->desc.inputs[0].type == PortType::Matte;
    if (matteFilter) {
        // An ellipse window's matte, filtered by the node, keys an exposure of +2 stops.
        NodeId win, expo;
        EXPECT_TRUE(e.apply(AddNode{"window"}, &win).isOk());
        EXPECT_TRUE(e.apply(SetParam{win, "softness", {0.05f}}).isOk());
        EXPECT_TRUE(e.apply(AddNode{"exposure"}, &expo).isOk());
        EXPECT_TRUE(e.apply(SetParam{expo, "stops", {2.0f}}).isOk());
        EXPECT_TRUE(e.apply(Connect{{src, "image", win, "image"}}).isOk());
        EXPECT_TRUE(e.apply(Connect{{win, "matte", node, "matte"}}).isOk());
        EXPECT_TRUE(e.apply(Connect{{src, "image", expo, "image"}}).isOk());
        EXPECT_TRUE(e.apply(Connect{{node, "matte", expo, "key"}}).isOk());
        EXPECT_TRUE(e.apply(Connect{{expo, "image", out, "image"}}).isOk());
    } else if (t->shape == NodeShape::KeyMixer || t->shape == NodeShape::MatteGenerator) {
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

TEST_P(NodeGpuVsCpu, MatchesTheCpuReference) {
    const NodeCase& c = GetParam();
    Grade grade = singleNode(c.type, c.params);
    media::Image input = testInput();
    auto expected = evaluateOnCpu(grade, registry(), toCpu(input));
    ASSERT_TRUE(expected.isOk()) << expected.status().message();

    auto out = renderOnGpu(device(), grade, input);
    ASSERT_TRUE(out.isOk()) << out.status().message();

    const float* gpu = reinterpret_cast<const float*>(out->data());
    double worst = 0;
    for (std::size_t i = 0; i < expected->rgba.size(); ++i) {
        const float e = expected->rgba[i], g = gpu[i];
        const int x = int(i / 4) % input.width(), y = int(i / 4) / input.width();
        if (std::isnan(e)) {
            ASSERT_TRUE(std::isnan(g))
                << "pixel " << x << "," << y << " ch " << i % 4 << ": GPU " << g << ", input "
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
        ASSERT_LE(err, c.tolerance)
            << "pixel " << x << "," << y << " ch " << i % 4 << ": GPU " << g << ", CPU " << e;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", worst);
    RecordProperty("max_rel_error", text);
}

Result<media::Image> renderOnGpu(gpu::Device& device, const Grade& grade, const media::Image& input,
                                 PlanOptions options) {
    gpu::KernelCache cache(device);
    cache.disableDisk();
    GradeRenderer renderer(device, cache, registry(), GradeRenderer::Precision::Mastering, options);
    EMU_RETURN_IF_ERROR(renderer.setGrade(grade));
    EMU_ASSIGN_OR_RETURN(gpu::StorageImage src, nodes::uploadImage(device, input));
    EMU_ASSIGN_OR_RETURN(gpu::StorageImage dst,
                         gpu::StorageImage::create(device, input.width(), input.height(),
                                                   gpu::ImageFormat::Rgba32f));
    EMU_ASSIGN_OR_RETURN(gpu::ComputeBatch batch, gpu::ComputeBatch::create(device));
    EMU_RETURN_IF_ERROR(renderer.record(batch, src, dst));
    EMU_RETURN_IF_ERROR(batch.submitAndWait());
    return nodes::downloadImage(device, dst);
}

std::string nodeCaseName(const ::testing::TestParamInfo<NodeCase>& info) {
    return info.param.type + std::to_string(info.index);
}

}  // namespace emu::graph
