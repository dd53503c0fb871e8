// Curve nodes: custom curves, hue vs hue / saturation / luminance, luma vs saturation and
// saturation vs saturation. CPU references on known values, and each node against the GPU.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "NodeHarness.h"
#include "emulsion/graph/Commands.h"
#include "emulsion/graph/GradeRenderer.h"
#include "emulsion/graph/ParamBlock.h"
#include "emulsion/nodes/GpuFrame.h"

namespace emu::graph {
namespace {

using Params = std::map<std::string, std::vector<float>>;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();
const char* const kCurveTypes[] = {"curves", "huehue", "huesat", "huelum", "lumsat", "satsat"};

// A hue curve with the given y at the primaries and secondaries (red, yellow, green, cyan,
// blue, magenta), as the defaults place their points.
std::vector<float> hueCurve(std::vector<float> ys) {
    std::vector<float> v;
    for (std::size_t i = 0; i < ys.size(); ++i) {
        v.push_back(static_cast<float>(i) / 6.0f);
        v.push_back(ys[i]);
    }
    return v;
}

// One node's CPU reference with its parameter block.
class Node {
public:
    Node(const std::string& type, const Params& params) : m_type(registry().find(type)) {
        Grade grade;
        const NodeId id = grade.addNode(GradeNode{0, type, 1, "", false, params});
        m_block.assign(m_type->desc.blockSize(), 0.0f);
        writeNodeBlock(grade, *grade.node(id), m_type->desc, m_block.data());
    }
    Rgba operator()(const Rgba& c) const { return m_type->corrector(m_block.data(), c, {}); }
    // The red channel through the node: a curves node's red curve with the others identity.
    float red(float x) const { return (*this)(Rgba{x, 0, 0, 1}).r; }

private:
    const NodeType* m_type;
    std::vector<float> m_block;
};

// A hue vs luminance node's curve at `hue`: a fully saturated colour of that hue with max 1
// comes out with max equal to the gain.
float hueCurveAt(const Node& huelum, float hue) {
    const float h6 = 6.0f * hue;
    auto ramp = [](float v) { return std::clamp(v, 0.0f, 1.0f); };
    const Rgba c{ramp(std::fabs(h6 - 3.0f) - 1.0f), ramp(2.0f - std::fabs(h6 - 2.0f)),
                 ramp(2.0f - std::fabs(h6 - 4.0f)), 1};
    const Rgba o = huelum(c);
    return std::max(o.r, std::max(o.g, o.b));
}

bool sameValue(float a, float b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

TEST(CurveNodes, DefaultCurvesLeaveTheImageUnchanged) {
    const CpuImage input = toCpu(testInput());
    for (const char* type : kCurveTypes) {
        auto out = evaluateOnCpu(singleNode(type, {}), registry(), input);
        ASSERT_TRUE(out.isOk()) << type;
        for (std::size_t i = 0; i < input.rgba.size(); ++i) {
            ASSERT_TRUE(sameValue(out->rgba[i], input.rgba[i]))
                << type << " sample " << i << ": " << out->rgba[i] << " vs " << input.rgba[i];
        }
    }
}

TEST(CurveNodes, SCurveIsMonotoneAndPassesThroughItsPoints) {
    const std::vector<float> s = {0, 0, 0.25f, 0.15f, 0.75f, 0.85f, 1, 1};
    Node curves("curves", {{"red", s}});
    for (std::size_t i = 0; i < s.size(); i += 2) EXPECT_FLOAT_EQ(curves.red(s[i]), s[i + 1]);
    float last = -kInf;
    for (int i = -500; i <= 1500; ++i) {
        const float y = curves.red(i * 0.001f);
        ASSERT_GE(y, last) << "x = " << i * 0.001f;
        last = y;
    }
    // Steeper than the identity through the middle, flatter at the ends.
    EXPECT_GT(curves.red(0.6f), 0.6f);
    EXPECT_LT(curves.red(0.4f), 0.4f);
}

TEST(CurveNodes, FlatRunBetweenEqualPointsDoesNotOvershoot) {
    Node curves("curves", {{"red", {0, 0, 0.3f, 0.5f, 0.6f, 0.5f, 1, 1}}});
    for (int i = 0; i <= 1000; ++i) {
        const float x = i * 0.001f, y = curves.red(x);
        if (x >= 0.3f && x <= 0.6f) {
            ASSERT_EQ(y, 0.5f) << "x = " << x;
        }
        ASSERT_GE(y, 0.0f);
        ASSERT_LE(y, 1.0f);
    }
}

TEST(CurveNodes, ExtendsStraightOnWithTheEndSlopes) {
    Node rising("curves", {{"red", {0, 0.1f, 0.5f, 0.4f, 1, 0.6f}}});
    EXPECT_NEAR(rising.red(-1.0f), 0.1f - 0.6f, 1e-6f);  // first secant: 0.6
    EXPECT_NEAR(rising.red(2.0f), 0.6f + 0.4f, 1e-6f);   // last secant: 0.4
    EXPECT_EQ(rising.red(kInf), kInf);
    EXPECT_EQ(rising.red(-kInf), -kInf);
    EXPECT_TRUE(std::isnan(rising.red(kNaN)));

    Node falling("curves", {{"red", {0, 1, 1, 0}}});
    EXPECT_EQ(falling.red(kInf), -kInf);
    EXPECT_EQ(falling.red(-kInf), kInf);
    Node flat("curves", {{"red", {0, 0.5f, 1, 0.5f}}});
    EXPECT_EQ(flat.red(kInf), 0.5f);
    EXPECT_EQ(flat.red(-3.0f), 0.5f);
}

TEST(CurveNodes, UnsortedPointsActAsSorted) {
    Node sorted("curves", {{"red", {0, 0, 0.2f, 0.3f, 0.5f, 0.45f, 0.8f, 0.9f, 1, 1}}});
    Node shuffled("curves", {{"red", {0.5f, 0.45f, 1, 1, 0, 0, 0.8f, 0.9f, 0.2f, 0.3f}}});
    for (int i = -200; i <= 1200; ++i) {
        ASSERT_EQ(sorted.red(i * 0.001f), shuffled.red(i * 0.001f)) << "x = " << i * 0.001f;
    }
}

TEST(CurveNodes, OnePointOffsetsAndNoPointsIsTheIdentity) {
    Node one("curves", {{"red", {0.5f, 0.6f}}});
    EXPECT_FLOAT_EQ(one.red(0.2f), 0.3f);
    EXPECT_FLOAT_EQ(one.red(2.0f), 2.1f);
    Node none("curves", {{"red", {}}});
    EXPECT_EQ(none.red(0.37f), 0.37f);
    EXPECT_EQ(none.red(-kInf), -kInf);
}

TEST(CurveNodes, ChannelCurvesApplyAfterTheMaster) {
    Node curves("curves", {{"master", {0, 0, 1, 0.5f}}, {"red", {0, 0, 1, 2}}});
    const Rgba o = curves(Rgba{0.8f, 0.8f, 0.4f, 0.25f});
    EXPECT_FLOAT_EQ(o.r, 0.8f);
    EXPECT_FLOAT_EQ(o.g, 0.4f);
    EXPECT_FLOAT_EQ(o.b, 0.2f);
    EXPECT_EQ(o.a, 0.25f);
}

TEST(HueCurves, InterpolateAcrossTheWrap) {
    Node huelum("huelum", {{"gain", {0.1f, 1.5f, 0.5f, 0.5f, 0.9f, 1.3f}}});
    // Between 0.9 and 1.1 the curve runs from 1.3 to 1.5, not flat from either end.
    const float atZero = hueCurveAt(huelum, 0.0f);
    EXPECT_GT(atZero, 1.3f);
    EXPECT_LT(atZero, 1.5f);
    EXPECT_NEAR(hueCurveAt(huelum, 0.99999f), atZero, 1e-4f);
    float last = hueCurveAt(huelum, 0.0f);
    for (int i = 1; i <= 2000; ++i) {
        const float y = hueCurveAt(huelum, i * 0.0005f);
        ASSERT_NEAR(y, last, 0.005f) << "hue " << i * 0.0005f;
        last = y;
    }
    // Two points either side of red: zero tangents, so red sits halfway.
    Node pair("huelum", {{"gain", {0.98f, 0.5f, 0.02f, 1.5f}}});
    EXPECT_NEAR(hueCurveAt(pair, 0.0f), 1.0f, 1e-6f);
}

TEST(HueCurves, SatGainOfZeroAtRedDesaturatesRedButNotGreen) {
    Node huesat("huesat", {{"gain", hueCurve({0, 1, 1, 1, 1, 1})}});
    const Rgba red = huesat(Rgba{1.0f, 0.1f, 0.1f, 0.5f});
    EXPECT_FLOAT_EQ(red.r, red.g);
    EXPECT_FLOAT_EQ(red.g, red.b);
    EXPECT_EQ(red.a, 0.5f);
    const Rgba green{0.1f, 1.0f, 0.1f, 1};
    const Rgba g = huesat(green);
    EXPECT_EQ(g.r, green.r);
    EXPECT_EQ(g.g, green.g);
    EXPECT_EQ(g.b, green.b);
    // Orange, halfway to yellow, loses some saturation.
    const Rgba orange = huesat(Rgba{1.0f, 0.55f, 0.1f, 1});
    EXPECT_LT(orange.r - orange.b, 0.9f);
    EXPECT_GT(orange.r - orange.b, 0.0f);
}

TEST(HueCurves, HueShiftTurnsRedToYellowAndKeepsGreys) {
    Node huehue("huehue", {{"shift", hueCurve({1.0f / 6.0f, 0, 0, 0, 0, 0})}});
    const Rgba red = huehue(Rgba{1, 0, 0, 0.75f});
    EXPECT_NEAR(red.r, 1.0f, 1e-6f);
    EXPECT_NEAR(red.g, 1.0f, 1e-6f);
    EXPECT_NEAR(red.b, 0.0f, 1e-6f);
    EXPECT_EQ(red.a, 0.75f);
    const Rgba blue{0.2f, 0.3f, 0.9f, 1};
    const Rgba b = huehue(blue);
    EXPECT_EQ(b.r, blue.r);
    EXPECT_EQ(b.b, blue.b);
    const Rgba grey = huehue(Rgba{0.4f, 0.4f, 0.4f, 1});
    EXPECT_EQ(grey.r, 0.4f);
    EXPECT_EQ(grey.b, 0.4f);
}

TEST(HueCurves, LumGainScalesItsHueInProportionToSaturation) {
    Node huelum("huelum", {{"gain", hueCurve({1, 1, 1, 1, 0.5f, 1})}});
    const Rgba blue = huelum(Rgba{0.1f, 0.1f, 1.0f, 1});  // saturation 0.9: times 0.55
    EXPECT_FLOAT_EQ(blue.r, 0.055f);
    EXPECT_FLOAT_EQ(blue.b, 0.55f);
    const Rgba grey = huelum(Rgba{0.7f, 0.7f, 0.7f, 1});
    EXPECT_EQ(grey.g, 0.7f);
    const Rgba yellow{0.9f, 0.9f, 0.2f, 1};
    EXPECT_EQ(huelum(yellow).r, yellow.r);
}

TEST(SaturationCurves, LumSatDesaturatesShadowsOnly) {
    Node lumsat("lumsat", {{"gain", {0, 0, 0.5f, 1, 1, 1}}});
    const Rgba dark = lumsat(Rgba{0.1f, 0.05f, 0.02f, 1});
    EXPECT_LT(dark.r - dark.b, 0.2f * (0.1f - 0.02f));  // gain about 0.13
    EXPECT_GT(dark.r - dark.b, 0.0f);
    const Rgba bright{1.0f, 0.8f, 0.6f, 1};
    const Rgba b = lumsat(bright);
    EXPECT_EQ(b.r, bright.r);
    EXPECT_EQ(b.b, bright.b);
}

TEST(SaturationCurves, SatSatCompressesHighSaturation) {
    Node satsat("satsat", {{"gain", {0, 1, 0.5f, 1, 1, 0.5f}}});
    const Rgba red = satsat(Rgba{1, 0, 0, 1});  // saturation 1: gain 0.5 around luma
    const float luma = 0.2126f;
    EXPECT_NEAR(red.r, luma + 0.5f * (1 - luma), 1e-6f);
    EXPECT_NEAR(red.g, luma * 0.5f, 1e-6f);
    const Rgba pale{1.0f, 0.8f, 0.8f, 1};  // saturation 0.2: gain 1
    EXPECT_EQ(satsat(pale).g, pale.g);
}

TEST(HueCurves, NonFiniteAndGreyPixelsPassUnchanged) {
    const Rgba inputs[] = {{kNaN, 0.5f, 0.2f, 1},
                           {kInf, 0, 0, 1},
                           {0.3f, -kInf, 0.1f, 1},
                           {0.25f, 0.25f, 0.25f, kNaN},
                           {-0.5f, -0.5f, -0.5f, 1}};
    const Params strong[] = {{{"shift", hueCurve({0.2f, -0.1f, 0.3f, 0, 0.1f, 0.25f})}},
                             {{"gain", hueCurve({0, 2, 0.5f, 1.5f, 0, 2})}},
                             {{"gain", hueCurve({0, 2, 0.5f, 1.5f, 0, 2})}},
                             {{"gain", {0, 0, 1, 2}}},
                             {{"gain", {0, 2, 1, 0}}}};
    const char* types[] = {"huehue", "huesat", "huelum", "lumsat", "satsat"};
    for (int t = 0; t < 5; ++t) {
        Node node(types[t], strong[t]);
        for (const Rgba& c : inputs) {
            const Rgba o = node(c);
            EXPECT_TRUE(sameValue(o.r, c.r) && sameValue(o.g, c.g) && sameValue(o.b, c.b) &&
                        sameValue(o.a, c.a))
                << types[t] << ": " << c.r << "," << c.g << "," << c.b;
        }
    }
}

using CurveNodesGpu = test::GpuTest;

// All six nodes at their defaults, chained in one fused pass: the GPU gives back the input.
TEST_F(CurveNodesGpu, DefaultCurvesLeaveTheImageUnchanged) {
    GradeEditor e(registry(), Grade());
    NodeId prev = 0, id = 0, out = 0;
    ASSERT_TRUE(e.apply(AddNode{"source"}, &prev).isOk());
    for (const char* type : kCurveTypes) {
        ASSERT_TRUE(e.apply(AddNode{type}, &id).isOk());
        ASSERT_TRUE(e.apply(Connect{{prev, "image", id, "image"}}).isOk());
        prev = id;
    }
    ASSERT_TRUE(e.apply(AddNode{"output"}, &out).isOk());
    ASSERT_TRUE(e.apply(Connect{{prev, "image", out, "image"}}).isOk());

    media::Image input = testInput();
    auto result = renderOnGpu(device(), e.grade(), input);
    ASSERT_TRUE(result.isOk()) << result.status().message();
    const float* gpu = reinterpret_cast<const float*>(result->data());
    const float* in = reinterpret_cast<const float*>(input.data());
    for (std::size_t i = 0; i < input.pixelCount() * 4; ++i) {
        ASSERT_TRUE(sameValue(gpu[i], in[i]))
            << "sample " << i << ": " << gpu[i] << " vs " << in[i];
    }
}

// Tolerances: relative to max(1, |reference|). The curves are a handful of divisions and a
// cubic; the GPU may fuse multiply-adds and round its divisions differently (lavapipe: a
// reciprocal then a multiply), a few ulps of the values involved.
INSTANTIATE_TEST_SUITE_P(
    Curves, NodeGpuVsCpu,
    ::testing::Values(
        NodeCase{"curves", {}, 1e-6f},
        NodeCase{"curves",
                 {{"master", {0, 0, 0.25f, 0.15f, 0.75f, 0.85f, 1, 1}},
                  {"red", {0, 0.05f, 0.5f, 0.6f, 1, 0.95f}},
                  {"green", {0.6f, 0.7f, 0, -0.1f, 1.5f, 1.2f, 0.3f, 0.25f}},
                  {"blue", {0, 1, 1, 0}}},
                 1e-5f},
        NodeCase{
            "curves", {{"master", {0.4f, 0.5f}}, {"red", {0, 0.2f, 0.5f, 0.2f, 1, 0.9f}}}, 1e-5f},
        NodeCase{"huehue", {}, 1e-6f},
        NodeCase{
            "huehue", {{"shift", {0.02f, 0.1f, 0.3f, -0.05f, 0.55f, 0.2f, 0.97f, -0.08f}}}, 1e-5f},
        NodeCase{"huesat", {{"gain", {0, 0, 0.33f, 1.4f, 0.66f, 0.7f, 0.9f, 1.2f}}}, 1e-5f},
        NodeCase{"huelum", {{"gain", {0.1f, 1.5f, 0.4f, 0.8f, 0.67f, 0.6f, 0.95f, 1.3f}}}, 1e-5f},
        NodeCase{"lumsat", {{"gain", {0, 0, 0.3f, 1.2f, 0.8f, 0.9f}}}, 1e-5f},
        NodeCase{"satsat", {{"gain", {0, 1.5f, 0.4f, 1.1f, 1, 0.3f}}}, 1e-5f}),
    nodeCaseName);

}  // namespace
}  // namespace emu::graph
