// Secondary-correction nodes: the HSL qualifier, rectangle / gradient / polygon windows and
// the layer mixer. CPU references on known values, and each node against the GPU.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "NodeHarness.h"
#include "emulsion/graph/ParamBlock.h"

namespace emu::graph {
namespace {

using Params = std::map<std::string, std::vector<float>>;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

// The parameter block the CPU reference and the GPU read for one node of `type`.
std::vector<float> blockOf(const NodeType& type, const Params& params) {
    Grade grade;
    const NodeId id = grade.addNode(GradeNode{0, type.desc.id, 1, "", false, params});
    std::vector<float> block(type.desc.blockSize(), 0.0f);
    writeNodeBlock(grade, *grade.node(id), type.desc, block.data());
    return block;
}

// The matte of a MatteGenerator at one place and colour; frames are 16:9.
float matteAt(const std::string& type, const Params& params, float x, float y,
              Rgba colour = {0.5f, 0.5f, 0.5f, 1.0f}) {
    const NodeType* t = registry().find(type);
    EXPECT_NE(t, nullptr) << type;
    const std::vector<float> block = blockOf(*t, params);
    return t->matte(block.data(), colour, PixelPos{x, y, 16.0f / 9.0f});
}

float qualify(const Params& params, Rgba colour) {
    return matteAt("qualifier", params, 0.5f, 0.5f, colour);
}

// Layer a over the base, or layers a, b, c with the given parameters.
Rgba layer(const Params& params, Rgba base, Rgba a, Rgba b = {}, Rgba c = {}) {
    const NodeType* t = registry().find("layer");
    EXPECT_NE(t, nullptr);
    const std::vector<float> block = blockOf(*t, params);
    return t->imageMix(block.data(), base, a, b, c);
}

float blendOne(int mode, float under, float over, float opacity = 1.0f) {
    return layer({{"modea", {float(mode)}}, {"opacitya", {opacity}}}, {under, under, under, 1},
                 {over, over, over, 1})
        .r;
}

const Params kRed = {
    {"hue", {0.0f}}, {"huewidth", {0.1f}}, {"huesoft", {0.05f}}, {"satlow", {0.2f}}};

TEST(Qualifier, PicksARedPatchNotAGreenOne) {
    EXPECT_EQ(qualify(kRed, {0.8f, 0.1f, 0.1f, 1}), 1.0f);
    EXPECT_EQ(qualify(kRed, {0.1f, 0.8f, 0.1f, 1}), 0.0f);
    EXPECT_EQ(qualify(kRed, {0.1f, 0.1f, 0.8f, 1}), 0.0f);
    // Grey has hue 0 but no saturation.
    EXPECT_EQ(qualify(kRed, {0.5f, 0.5f, 0.5f, 1}), 0.0f);
}

TEST(Qualifier, HueWrapsAroundTheCircle) {
    Params p = kRed;
    p["hue"] = {0.98f};
    EXPECT_EQ(qualify(p, {0.8f, 0.1f, 0.1f, 1}), 1.0f);
    // Magenta-red (hue 0.95) is inside 0.98 +- 0.05, orange (hue 0.0833) beyond the softness.
    EXPECT_EQ(qualify(p, {0.8f, 0.1f, 0.31f, 1}), 1.0f);
    EXPECT_EQ(qualify(p, {0.8f, 0.45f, 0.1f, 1}), 0.0f);
}

TEST(Qualifier, SoftEdgeIsHalfWayAcrossTheSoftness) {
    // Hue 1/12 (orange) is 0.0833 from red; width 0.1 and softness 0.0667 put it mid-band.
    Params p = kRed;
    p["huesoft"] = {2.0f * (1.0f / 12.0f - 0.05f)};
    EXPECT_NEAR(qualify(p, {0.8f, 0.45f, 0.1f, 1}), 0.5f, 1e-5f);
}

TEST(Qualifier, SaturationIsScaleInvariantAndLuminanceIsRec709) {
    const Params lum = {{"usehue", {0}},    {"usesat", {0}},     {"uselum", {1}},
                        {"lumlow", {0.4f}}, {"lumhigh", {0.6f}}, {"lumsoft", {0}}};
    EXPECT_EQ(qualify(lum, {0.5f, 0.5f, 0.5f, 1}), 1.0f);
    EXPECT_EQ(qualify(lum, {0.7f, 0.7f, 0.7f, 1}), 0.0f);
    // Pure green has luma 0.7152: selected by [0.7, 0.72], pure red (0.2126) not.
    Params g = lum;
    g["lumlow"] = {0.7f};
    g["lumhigh"] = {0.72f};
    EXPECT_EQ(qualify(g, {0, 1, 0, 1}), 1.0f);
    EXPECT_EQ(qualify(g, {1, 0, 0, 1}), 0.0f);
    const Params sat = {
        {"usehue", {0}}, {"satlow", {0.45f}}, {"sathigh", {0.55f}}, {"satsoft", {0}}};
    EXPECT_EQ(qualify(sat, {1.0f, 0.5f, 0.5f, 1}), 1.0f);
    EXPECT_EQ(qualify(sat, {8.0f, 4.0f, 4.0f, 1}), 1.0f);
    EXPECT_EQ(qualify(sat, {1.0f, 0.2f, 0.2f, 1}), 0.0f);
}

TEST(Qualifier, NoRangesSelectsEverythingAndInvertFlips) {
    const Params none = {{"usehue", {0}}, {"usesat", {0}}};
    EXPECT_EQ(qualify(none, {0.3f, -0.2f, 7.0f, 1}), 1.0f);
    Params inv = kRed;
    inv["invert"] = {1};
    EXPECT_EQ(qualify(inv, {0.8f, 0.1f, 0.1f, 1}), 0.0f);
    EXPECT_EQ(qualify(inv, {0.1f, 0.8f, 0.1f, 1}), 1.0f);
}

TEST(Qualifier, NonFinitePixelsAreNeverSelected) {
    const Params none = {{"usehue", {0}}, {"usesat", {0}}};
    Params inv = none;
    inv["invert"] = {1};
    for (const Params& p : {none, inv}) {
        EXPECT_EQ(qualify(p, {kNaN, 0.1f, 0.1f, 1}), 0.0f);
        EXPECT_EQ(qualify(p, {0.1f, kInf, 0.1f, 1}), 0.0f);
        EXPECT_EQ(qualify(p, {0.1f, 0.1f, -kInf, 1}), 0.0f);
        EXPECT_EQ(qualify(p, {0.1f, 0.1f, 3e38f, 1}), 0.0f);
    }
    // Alpha plays no part.
    EXPECT_EQ(qualify(none, {0.1f, 0.1f, 0.1f, kNaN}), 1.0f);
}

TEST(RectWindow, CentreIsInFarOutsideIsOutInvertFlips) {
    const Params p = {{"x", {0.3f}}, {"y", {0.6f}}};
    EXPECT_EQ(matteAt("rectwindow", p, 0.3f, 0.6f), 1.0f);
    EXPECT_EQ(matteAt("rectwindow", p, 0.95f, 0.05f), 0.0f);
    Params inv = p;
    inv["invert"] = {1};
    EXPECT_EQ(matteAt("rectwindow", inv, 0.3f, 0.6f), 0.0f);
    EXPECT_EQ(matteAt("rectwindow", inv, 0.95f, 0.05f), 1.0f);
}

TEST(RectWindow, EdgeIsHalfAndRotationTurnsIt) {
    // Width 0.6 frame heights on a 16:9 frame: the right edge is at x = 0.5 + 0.3 * 9 / 16.
    const float edgeX = 0.5f + 0.3f * 9.0f / 16.0f;
    EXPECT_NEAR(matteAt("rectwindow", {}, edgeX, 0.5f), 0.5f, 1e-4f);
    // Height 0.4: the bottom edge is at y = 0.7; beyond the softness it is out.
    EXPECT_NEAR(matteAt("rectwindow", {}, 0.5f, 0.7f), 0.5f, 1e-4f);
    EXPECT_EQ(matteAt("rectwindow", {}, 0.5f, 0.75f), 0.0f);
    // Turned by 90 degrees the rectangle is 0.6 high: y = 0.75 is inside.
    EXPECT_EQ(matteAt("rectwindow", {{"rotation", {90}}}, 0.5f, 0.75f), 1.0f);
}

TEST(GradientWindow, RisesTowardsTheAngle) {
    // Default: midpoint at the centre, rising upwards (-90 degrees) across 2 * 0.25.
    EXPECT_EQ(matteAt("gradient", {}, 0.5f, 0.1f), 1.0f);
    EXPECT_EQ(matteAt("gradient", {}, 0.5f, 0.9f), 0.0f);
    EXPECT_NEAR(matteAt("gradient", {}, 0.2f, 0.5f), 0.5f, 1e-6f);
    const Params right = {{"angle", {0}}, {"softness", {0}}, {"x", {0.25f}}};
    EXPECT_EQ(matteAt("gradient", right, 0.3f, 0.5f), 1.0f);
    EXPECT_EQ(matteAt("gradient", right, 0.2f, 0.5f), 0.0f);
    Params inv = right;
    inv["invert"] = {1};
    EXPECT_EQ(matteAt("gradient", inv, 0.3f, 0.5f), 0.0f);
    EXPECT_EQ(matteAt("gradient", inv, 0.2f, 0.5f), 1.0f);
}

TEST(PolygonWindow, DefaultQuadCentreIsInFarOutsideIsOutInvertFlips) {
    EXPECT_EQ(matteAt("polygon", {}, 0.5f, 0.5f), 1.0f);
    EXPECT_EQ(matteAt("polygon", {}, 0.05f, 0.95f), 0.0f);
    EXPECT_NEAR(matteAt("polygon", {}, 0.5f, 0.7f), 0.5f, 1e-5f);
    EXPECT_EQ(matteAt("polygon", {{"invert", {1}}}, 0.5f, 0.5f), 0.0f);
    EXPECT_EQ(matteAt("polygon", {{"invert", {1}}}, 0.05f, 0.95f), 1.0f);
}

TEST(PolygonWindow, ConcaveOutlineLeavesItsNotchOut) {
    // A "U": the notch between the arms at (0.5, 0.3) is outside, the arms and base inside.
    const Params u = {{"points",
                       {0.2f, 0.1f, 0.4f, 0.1f, 0.4f, 0.6f, 0.6f, 0.6f, 0.6f, 0.1f, 0.8f, 0.1f,
                        0.8f, 0.9f, 0.2f, 0.9f}},
                      {"softness", {0.01f}}};
    EXPECT_EQ(matteAt("polygon", u, 0.5f, 0.3f), 0.0f);
    EXPECT_EQ(matteAt("polygon", u, 0.3f, 0.3f), 1.0f);
    EXPECT_EQ(matteAt("polygon", u, 0.7f, 0.3f), 1.0f);
    EXPECT_EQ(matteAt("polygon", u, 0.5f, 0.8f), 1.0f);
}

TEST(PolygonWindow, FewerThanThreePointsEncloseNothing) {
    const Params line = {{"points", {0.2f, 0.2f, 0.8f, 0.8f}}};
    EXPECT_EQ(matteAt("polygon", line, 0.5f, 0.5f), 0.0f);
    Params inv = line;
    inv["invert"] = {1};
    EXPECT_EQ(matteAt("polygon", inv, 0.5f, 0.5f), 1.0f);
}

TEST(LayerMixer, EachBlendModeOnKnownValues) {
    EXPECT_FLOAT_EQ(blendOne(0, 0.25f, 0.8f), 0.8f);         // normal
    EXPECT_FLOAT_EQ(blendOne(1, 0.25f, 0.8f), 1.05f);        // add
    EXPECT_FLOAT_EQ(blendOne(2, 0.25f, 0.8f), 0.2f);         // multiply
    EXPECT_FLOAT_EQ(blendOne(3, 0.25f, 0.8f), 0.85f);        // screen: 1 - 0.75 * 0.2
    EXPECT_FLOAT_EQ(blendOne(4, 0.25f, 0.8f), 0.4f);         // overlay, dark: 2 * s * l
    EXPECT_FLOAT_EQ(blendOne(4, 0.75f, 0.8f), 0.9f);         // overlay, light
    EXPECT_FLOAT_EQ(blendOne(5, 0.25f, 0.25f), 0.15625f);    // soft light, l <= 0.5
    EXPECT_FLOAT_EQ(blendOne(5, 0.64f, 0.75f), 0.72f);       // s + (2l - 1)(sqrt(s) - s)
    EXPECT_FLOAT_EQ(blendOne(5, 0.125f, 0.75f), 0.234375f);  // s <= 0.25: polynomial
    EXPECT_FLOAT_EQ(blendOne(5, 0.4f, 0.5f), 0.4f);          // mid-grey leaves it
}

TEST(LayerMixer, OpacityBlendsAndItsEndsAreExact) {
    EXPECT_FLOAT_EQ(blendOne(0, 0.2f, 1.0f, 0.25f), 0.4f);
    EXPECT_EQ(blendOne(1, kInf, 0.5f, 0.0f), kInf);
    EXPECT_EQ(blendOne(0, 0.3f, kInf, 1.0f), kInf);
    EXPECT_EQ(blendOne(0, 0.3f, kInf, 0.0f), 0.3f);
}

TEST(LayerMixer, LayersStackBottomToTopAndBaseAlphaPasses) {
    const Params p = {
        {"enableb", {1}}, {"modeb", {2}}, {"enablec", {1}}, {"modec", {1}}, {"opacityc", {0.5f}}};
    // a replaces 0.2 with 0.5, b multiplies by 0.5, c adds half of 0.1.
    const Rgba r = layer(p, {0.2f, 0.2f, 0.2f, 0.7f}, {0.5f, 0.5f, 0.5f, 0.1f},
                         {0.5f, 0.5f, 0.5f, 0.2f}, {0.1f, 0.1f, 0.1f, 0.3f});
    EXPECT_FLOAT_EQ(r.r, 0.3f);
    EXPECT_EQ(r.a, 0.7f);
}

TEST(LayerMixer, UnconnectedLayersAreNoOpsByDefault) {
    // The planner hands unconnected b and c the base; they start disabled, so the result is
    // layer a exactly, NaN and Inf included.
    const Rgba base{kNaN, kInf, 0.3f, 1}, a{0.1f, 0.2f, kInf, 1};
    const Rgba r = layer({{"modea", {1}}}, base, a, base, base);
    EXPECT_TRUE(std::isnan(r.r));
    EXPECT_EQ(r.g, kInf);
    EXPECT_EQ(r.b, kInf);
    EXPECT_EQ(layer({}, {0.4f, 0.5f, 0.6f, 1}, {0.1f, 0.2f, 0.3f, 1}, {0.4f, 0.5f, 0.6f, 1},
                    {0.4f, 0.5f, 0.6f, 1})
                  .g,
              0.2f);
}

// Soft edges multiply GPU-vs-CPU differences by up to 1.5 / softness (the cubic's steepest
// slope) and the harness's +2 stop exposure by 3 more. The qualifier's and polygon's maths is
// written `precise` on the GPU and in the same order on the CPU, so lavapipe matches exactly
// (measured 0 and 2e-7); 1e-5 leaves room for GPUs whose division is not correctly rounded.
// Windows that rotate also carry cos/sin differences (measured up to 9e-7). The layer mixer
// has no transcendental but sqrt, so it is held to 1e-6 (measured 0).
INSTANTIATE_TEST_SUITE_P(
    SecondaryNodes, NodeGpuVsCpu,
    ::testing::Values(
        NodeCase{"qualifier", {}, 1e-5f},
        NodeCase{"qualifier",
                 {{"hue", {0.6f}},
                  {"huewidth", {0.3f}},
                  {"huesoft", {0.1f}},
                  {"satlow", {0.1f}},
                  {"sathigh", {0.9f}},
                  {"satsoft", {0.2f}},
                  {"uselum", {1}},
                  {"lumlow", {0.2f}},
                  {"lumhigh", {1.5f}},
                  {"lumsoft", {0.3f}},
                  {"invert", {1}}},
                 1e-5f},
        NodeCase{"qualifier",
                 {{"hue", {0.3f}},
                  {"huewidth", {0.2f}},
                  {"huesoft", {0.01f}},
                  {"satsoft", {0.01f}},
                  {"uselum", {1}},
                  {"lumlow", {0.5f}},
                  {"lumhigh", {2.0f}},
                  {"lumsoft", {0.01f}}},
                 1e-5f},
        NodeCase{"rectwindow",
                 {{"x", {0.45f}}, {"width", {0.7f}}, {"rotation", {25}}, {"softness", {0.1f}}},
                 1e-5f},
        NodeCase{"rectwindow", {{"invert", {1}}, {"softness", {0}}}, 1e-5f},
        NodeCase{"rectwindow", {{"rotation", {-37}}, {"softness", {0.01f}}, {"y", {0.45f}}}, 1e-5f},
        NodeCase{"gradient", {{"angle", {-60}}, {"y", {0.4f}}, {"softness", {0.2f}}}, 1e-5f},
        NodeCase{"gradient", {{"invert", {1}}}, 1e-5f},
        NodeCase{"gradient", {{"angle", {133}}, {"softness", {0.01f}}}, 1e-5f},
        NodeCase{"polygon", {}, 1e-5f}, NodeCase{"polygon", {{"softness", {0.005f}}}, 1e-5f},
        NodeCase{"polygon",
                 {{"points", {0.1f, 0.2f, 0.9f, 0.1f, 0.5f, 0.5f, 0.85f, 0.9f, 0.15f, 0.8f}},
                  {"softness", {0.08f}},
                  {"invert", {1}}},
                 1e-5f},
        NodeCase{"layer", {}, 1e-6f},
        NodeCase{"layer",
                 {{"modea", {3}},
                  {"opacitya", {0.6f}},
                  {"enableb", {1}},
                  {"modeb", {4}},
                  {"opacityb", {0.7f}},
                  {"enablec", {1}},
                  {"modec", {5}}},
                 1e-6f},
        NodeCase{"layer",
                 {{"modea", {2}},
                  {"enableb", {1}},
                  {"modeb", {1}},
                  {"opacityb", {0.3f}},
                  {"enablec", {1}},
                  {"modec", {0}},
                  {"opacityc", {0.5f}}},
                 1e-6f}),
    nodeCaseName);

}  // namespace
}  // namespace emu::graph
