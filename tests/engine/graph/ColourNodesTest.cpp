#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "NodeHarness.h"

namespace emu::graph {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// One pixel through a node's CPU reference: the block is the defaults with `params` set.
Rgba runCpu(const std::string& type, const Rgba& in,
            const std::map<std::string, std::vector<float>>& params = {}) {
    const NodeType* t = registry().find(type);
    EXPECT_NE(t, nullptr) << type;
    std::vector<float> block(t->desc.blockSize());
    const std::vector<int> offsets = t->desc.blockOffsets();
    for (std::size_t i = 0; i < t->desc.params.size(); ++i) {
        const ParamDesc& p = t->desc.params[i];
        auto it = params.find(p.id);
        const std::vector<float>& v = it == params.end() ? p.defaultValue : it->second;
        EXPECT_TRUE(p.validSize(v.size())) << type << " " << p.id;
        std::copy(v.begin(), v.end(), block.begin() + offsets[i]);
    }
    return t->corrector(block.data(), in, PixelPos{});
}

float luma(const Rgba& c) {
    return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
}

void expectRgb(const Rgba& c, float r, float g, float b, float tol) {
    EXPECT_NEAR(c.r, r, tol);
    EXPECT_NEAR(c.g, g, tol);
    EXPECT_NEAR(c.b, b, tol);
}

TEST(ColourNodes, EveryNodeIsACorrectorWithValidDefaults) {
    for (const char* id :
         {"hue", "whitebalance", "printerlights", "rgbmixer", "logwheels", "clamp"}) {
        const NodeType* t = registry().find(id);
        ASSERT_NE(t, nullptr) << id;
        EXPECT_EQ(t->shape, NodeShape::Corrector);
        EXPECT_EQ(t->glslFunction, std::string("emu_") + id);
        for (const ParamDesc& p : t->desc.params) {
            EXPECT_TRUE(p.validSize(p.defaultValue.size())) << id << " " << p.id;
            for (float v : p.defaultValue) {
                EXPECT_TRUE(v >= p.min && v <= p.max) << id << " " << p.id;
            }
        }
    }
}

TEST(ColourNodes, DefaultsAreExactNoOpsEvenForInf) {
    const Rgba in{kInf, 0.25f, -kInf, 0.5f};
    for (const char* id : {"hue", "whitebalance", "printerlights", "rgbmixer", "logwheels"}) {
        const Rgba out = runCpu(id, in);
        EXPECT_EQ(out.r, in.r) << id;
        EXPECT_EQ(out.g, in.g) << id;
        EXPECT_EQ(out.b, in.b) << id;
        EXPECT_EQ(out.a, in.a) << id;
    }
}

TEST(Hue, KeepsGreysAndTheChannelSum) {
    expectRgb(runCpu("hue", {0.4f, 0.4f, 0.4f, 1}, {{"hue", {73}}}), 0.4f, 0.4f, 0.4f, 1e-6f);
    const Rgba c = runCpu("hue", {0.9f, 0.2f, 0.05f, 1}, {{"hue", {-41}}});
    EXPECT_NEAR(c.r + c.g + c.b, 1.15f, 1e-6f);
}

TEST(Hue, ThirdTurnsCycleThePrimaries) {
    expectRgb(runCpu("hue", {1, 0, 0, 1}, {{"hue", {120}}}), 0, 1, 0, 1e-6f);
    expectRgb(runCpu("hue", {0, 1, 0, 1}, {{"hue", {120}}}), 0, 0, 1, 1e-6f);
    expectRgb(runCpu("hue", {1, 0, 0, 1}, {{"hue", {-120}}}), 0, 0, 1, 1e-6f);
    // 180 degrees takes red to its complement's grey-mirror: (-1/3, 2/3, 2/3).
    expectRgb(runCpu("hue", {1, 0, 0, 1}, {{"hue", {180}}}), -1 / 3.f, 2 / 3.f, 2 / 3.f, 1e-6f);
}

TEST(WhiteBalance, NearTheDefaultIsNearIdentity) {
    const Rgba c = runCpu("whitebalance", {0.5f, 0.3f, 0.2f, 1}, {{"temperature", {6510}}});
    expectRgb(c, 0.5f, 0.3f, 0.2f, 1e-3f);
}

TEST(WhiteBalance, HigherTemperatureWarmsAGrey) {
    for (float primaries : {0.0f, 1.0f}) {
        const Rgba warm = runCpu("whitebalance", {0.18f, 0.18f, 0.18f, 1},
                                 {{"temperature", {9000}}, {"primaries", {primaries}}});
        EXPECT_GT(warm.r, warm.b * 1.1f);
        const Rgba cool = runCpu("whitebalance", {0.18f, 0.18f, 0.18f, 1},
                                 {{"temperature", {3200}}, {"primaries", {primaries}}});
        EXPECT_GT(cool.b, cool.r * 1.5f);
    }
}

TEST(WhiteBalance, PositiveTintIsMagenta) {
    const Rgba c = runCpu("whitebalance", {0.18f, 0.18f, 0.18f, 1}, {{"tint", {10}}});
    EXPECT_LT(c.g, c.r);
    EXPECT_LT(c.g, c.b);
}

// 5003 K on the daylight-offset locus is D50 to within 3e-4 in xy, so the node must match
// the textbook Bradford D50 -> D65 adaptation, expressed in linear Rec. 709 (computed in
// double precision from CIE D50 (0.3457, 0.3585) and D65 (0.3127, 0.3290)).
TEST(WhiteBalance, MatchesBradfordFromD50) {
    const Rgba c = runCpu("whitebalance", {0.5f, 0.3f, 0.2f, 1}, {{"temperature", {5003}}});
    expectRgb(c, 0.4377008f, 0.3082589f, 0.2793863f, 2e-3f);
}

TEST(PrinterLights, FortyPointsIsOneDecade) {
    const Rgba c = runCpu("printerlights", {0.1f, 0.1f, 0.1f, 1}, {{"points", {40, 0, -40, 0}}});
    expectRgb(c, 1.0f, 0.1f, 0.01f, 1e-6f);
    // The master adds to every channel.
    const Rgba m = runCpu("printerlights", {0.1f, 0.1f, 0.1f, 1}, {{"points", {0, 40, 0, -40}}});
    expectRgb(m, 0.01f, 0.1f, 0.01f, 1e-6f);
}

TEST(PrinterLights, AcesCctOffsetMatchesTheLinearGain) {
    // ACEScct above its toe: cct = (log2(x) + 9.72) / 17.52.
    auto cct = [](float x) { return (std::log2(x) + 9.72f) / 17.52f; };
    const Rgba c = runCpu("printerlights", {cct(0.18f), cct(0.18f), cct(0.18f), 1},
                          {{"points", {7, 0, -5, 2}}, {"space", {1}}});
    EXPECT_NEAR(c.r, cct(0.18f * std::pow(10.0f, 0.025f * 9)), 1e-6f);
    EXPECT_NEAR(c.g, cct(0.18f * std::pow(10.0f, 0.025f * 2)), 1e-6f);
    EXPECT_NEAR(c.b, cct(0.18f * std::pow(10.0f, 0.025f * -3)), 1e-6f);
}

TEST(RgbMixer, RowsAreOutputChannels) {
    const Rgba c = runCpu("rgbmixer", {0.2f, 0.5f, 0.8f, 0.3f},
                          {{"red", {0, 0, 1}}, {"green", {0.5f, 0.5f, 0}}, {"blue", {1, 1, 1}}});
    expectRgb(c, 0.8f, 0.35f, 1.5f, 1e-6f);
    EXPECT_EQ(c.a, 0.3f);
}

TEST(RgbMixer, PreserveLumaKeepsEveryPixelsLuma) {
    const std::map<std::string, std::vector<float>> p{{"red", {1.2f, 0.3f, -0.1f}},
                                                      {"green", {0.1f, 0.8f, 0.2f}},
                                                      {"blue", {-0.2f, 0.4f, 1.3f}},
                                                      {"preserveluma", {1}}};
    for (const Rgba& in : {Rgba{0.2f, 0.5f, 0.8f, 1}, Rgba{2, -0.1f, 0.3f, 1}, Rgba{0, 0, 1, 1},
                           Rgba{0.18f, 0.18f, 0.18f, 1}}) {
        EXPECT_NEAR(luma(runCpu("rgbmixer", in, p)), luma(in), 2e-6f);
    }
}

TEST(RgbMixer, ZeroCoefficientsIgnoreNonFiniteChannels) {
    const Rgba c = runCpu("rgbmixer", {kNaN, 0.5f, kInf, 1}, {{"green", {0, 2, 0}}});
    EXPECT_TRUE(std::isnan(c.r));
    EXPECT_EQ(c.g, 1.0f);
    EXPECT_EQ(c.b, kInf);
}

TEST(LogWheels, EachRangeGetsItsOwnOffset) {
    const std::map<std::string, std::vector<float>> p{
        {"shadow", {0.1f, 0, 0}}, {"midtone", {0, 0.1f, 0}}, {"highlight", {0, 0, 0.1f}}};
    expectRgb(runCpu("logwheels", {0.1f, 0.1f, 0.1f, 1}, p), 0.2f, 0.1f, 0.1f, 1e-6f);
    // Between lowrange + 0.1 and highrange - 0.1 only the midtones move.
    expectRgb(runCpu("logwheels", {0.44f, 0.44f, 0.44f, 1}, p), 0.44f, 0.54f, 0.44f, 1e-6f);
    expectRgb(runCpu("logwheels", {0.8f, 0.8f, 0.8f, 1}, p), 0.8f, 0.8f, 0.9f, 1e-6f);
    // At lowrange the crossover is half and half.
    expectRgb(runCpu("logwheels", {0.333f, 0.333f, 0.333f, 1}, p), 0.383f, 0.383f, 0.333f, 1e-5f);
}

TEST(LogWheels, WeightsSumToOne) {
    const std::map<std::string, std::vector<float>> p{{"shadow", {0.05f, 0.05f, 0.05f}},
                                                      {"midtone", {0.05f, 0.05f, 0.05f}},
                                                      {"highlight", {0.05f, 0.05f, 0.05f}},
                                                      {"lowrange", {0.5f}},
                                                      {"highrange", {0.4f}}};
    for (float x = -0.2f; x < 1.2f; x += 0.01f) {
        expectRgb(runCpu("logwheels", {x, x, x, 1}, p), x + 0.05f, x + 0.05f, x + 0.05f, 1e-6f);
    }
}

TEST(Clamp, HardClampsAndNaNGivesTheMinimum) {
    const std::map<std::string, std::vector<float>> p{{"min", {-0.1f, 0, 0.2f}},
                                                      {"max", {1, 2, 0.8f}}};
    expectRgb(runCpu("clamp", {-1, 0.5f, 3, 1}, p), -0.1f, 0.5f, 0.8f, 0);
    expectRgb(runCpu("clamp", {kNaN, kInf, -kInf, 1}, p), -0.1f, 2, 0.2f, 0);
}

TEST(Clamp, SoftnessRollsOffTowardsTheMaximum) {
    const std::map<std::string, std::vector<float>> p{{"softness", {0.25f}}};
    EXPECT_EQ(runCpu("clamp", {0.7f, 0.75f, kInf, 1}, p).r, 0.7f);  // below the knee
    EXPECT_EQ(runCpu("clamp", {0.7f, 0.75f, kInf, 1}, p).b, 1.0f);
    float prev = 0.75f;
    for (float x = 0.76f; x < 20; x *= 1.1f) {
        const float y = runCpu("clamp", {x, 0, 0, 1}, p).r;
        EXPECT_GT(y, prev);
        EXPECT_LT(y, 1.0f);
        EXPECT_LE(y, x);
        prev = y;
    }
    // Slope 1 at the knee: no kink.
    EXPECT_NEAR(runCpu("clamp", {0.7501f, 0, 0, 1}, p).r, 0.7501f, 1e-7f);
    EXPECT_EQ(runCpu("clamp", {kNaN, 0, 0, 1}, p).r, 0.0f);
}

INSTANTIATE_TEST_SUITE_P(
    ColourNodes, NodeGpuVsCpu,
    ::testing::Values(
        NodeCase{"hue", {{"hue", {30}}}, 1e-5f}, NodeCase{"hue", {{"hue", {-137.5f}}}, 1e-5f},
        NodeCase{"whitebalance", {{"temperature", {3200}}, {"tint", {5}}}, 1e-5f},
        NodeCase{
            "whitebalance", {{"temperature", {9000}}, {"tint", {-8}}, {"primaries", {1}}}, 1e-5f},
        NodeCase{"whitebalance", {{"temperature", {2000}}, {"tint", {-30}}}, 1e-5f},
        NodeCase{
            "whitebalance", {{"temperature", {15000}}, {"tint", {40}}, {"primaries", {1}}}, 1e-5f},
        NodeCase{"printerlights", {{"points", {3, -2, 5, 1}}}, 1e-5f},
        NodeCase{"printerlights", {{"points", {-12, 7, 0, 4}}, {"space", {1}}}, 1e-5f},
        NodeCase{
            "rgbmixer",
            {{"red", {1.2f, -0.1f, -0.1f}}, {"green", {0, 0.9f, 0.1f}}, {"blue", {0.3f, 0, 0.7f}}},
            1e-5f},
        NodeCase{"rgbmixer",
                 {{"red", {1.2f, 0.3f, -0.1f}},
                  {"green", {0.1f, 0.8f, 0.2f}},
                  {"blue", {-0.2f, 0.4f, 1.3f}},
                  {"preserveluma", {1}}},
                 1e-5f},
        NodeCase{"logwheels",
                 {{"shadow", {0.02f, -0.01f, 0.03f}},
                  {"midtone", {-0.02f, 0.01f, 0.0f}},
                  {"highlight", {0.05f, 0.0f, -0.04f}}},
                 1e-5f},
        NodeCase{"logwheels",
                 {{"shadow", {0.1f, 0.1f, -0.1f}},
                  {"highlight", {-0.2f, 0.1f, 0}},
                  {"lowrange", {0.6f}},
                  {"highrange", {0.2f}}},
                 1e-5f},
        NodeCase{"clamp", {{"min", {-0.1f, 0, 0.2f}}, {"max", {1, 2, 0.8f}}}, 0.0f},
        // Defaults are exact no-ops on both sides, Inf included.
        NodeCase{"whitebalance", {}, 0.0f}, NodeCase{"rgbmixer", {}, 0.0f},
        NodeCase{"clamp", {{"max", {1, 1.5f, 0.9f}}, {"softness", {0.3f}}}, 1e-6f}),
    nodeCaseName);

}  // namespace
}  // namespace emu::graph
