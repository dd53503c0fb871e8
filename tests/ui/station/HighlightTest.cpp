// The viewer's highlight of a matte, checked with the engine's CPU reference: where the matte
// node selects, the highlighted grade renders exactly the grade's picture; where it does not,
// flat mid grey. The project's grade is untouched; other nodes are refused.
#include <gtest/gtest.h>

#include <cmath>

#include "emulsion/graph/Commands.h"
#include "emulsion/graph/CpuEvaluator.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "station/Highlight.h"

namespace emu::test {
namespace {

using graph::NodeId;

// Source -> lgg (gain 1.5, keyed by `matteType`) -> output; the matte node reads the source.
struct KeyedGrade {
    graph::Grade grade;
    NodeId matte = 0, lgg = 0;
};

KeyedGrade keyedGrade(const graph::NodeRegistry& registry, const std::string& matteType,
                      const std::vector<graph::SetParam>& matteParams) {
    graph::GradeEditor e(registry);
    KeyedGrade k;
    EXPECT_TRUE(e.apply(graph::AddNode{matteType}, &k.matte).isOk());
    for (graph::SetParam p : matteParams) {
        p.node = k.matte;
        EXPECT_TRUE(e.apply(p).isOk()) << p.param;
    }
    EXPECT_TRUE(e.apply(graph::AddNode{"lgg"}, &k.lgg).isOk());
    EXPECT_TRUE(e.apply(graph::SetParam{k.lgg, "gain", {1.5f, 1.5f, 1.5f, 1.5f}}).isOk());
    EXPECT_TRUE(e.apply(graph::Disconnect{2, "image"}).isOk());
    EXPECT_TRUE(e.apply(graph::Connect{{1, "image", k.matte, "image"}}).isOk());
    EXPECT_TRUE(e.apply(graph::Connect{{1, "image", k.lgg, "image"}}).isOk());
    EXPECT_TRUE(e.apply(graph::Connect{{k.matte, "matte", k.lgg, "key"}}).isOk());
    EXPECT_TRUE(e.apply(graph::Connect{{k.lgg, "image", 2, "image"}}).isOk());
    k.grade = e.grade();
    return k;
}

graph::CpuImage ramp(int w, int h) {
    graph::CpuImage img{w, h, std::vector<float>(std::size_t(w) * h * 4)};
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            float* p = img.rgba.data() + (std::size_t(y) * w + x) * 4;
            p[0] = 0.1f + 0.5f * x / w;
            p[1] = 0.2f + 0.3f * y / h;
            p[2] = 0.3f;
            p[3] = 1.0f;
        }
    }
    return img;
}

const float* at(const graph::CpuImage& img, int x, int y) {
    return img.rgba.data() + (std::size_t(y) * img.width + x) * 4;
}

TEST(Highlight, WindowKeepsThePictureInsideAndGreysOutside) {
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    const KeyedGrade k =
        keyedGrade(registry, "window", {{0, "size", {0.25f}}, {0, "softness", {0.0f}}});
    const graph::Grade before = k.grade;
    auto highlighted = station::highlightGrade(k.grade, k.matte, registry);
    ASSERT_TRUE(highlighted.isOk()) << highlighted.status().message();
    EXPECT_EQ(k.grade, before) << "the grade itself is not changed";
    const graph::CpuImage source = ramp(64, 36);
    auto graded = graph::evaluateOnCpu(k.grade, registry, source);
    auto shown = graph::evaluateOnCpu(*highlighted, registry, source);
    ASSERT_TRUE(graded.isOk() && shown.isOk());
    // Centre: inside the window (radius 0.25 of the height around the middle).
    for (const auto& [x, y] : {std::pair{32, 18}, {28, 16}, {36, 20}}) {
        for (int c = 0; c < 4; ++c) {
            EXPECT_FLOAT_EQ(at(*shown, x, y)[c], at(*graded, x, y)[c]) << x << "," << y;
        }
        EXPECT_NE(at(*shown, x, y)[0], station::kHighlightGrey);
    }
    // Corners: outside.
    for (const auto& [x, y] : {std::pair{0, 0}, {63, 0}, {0, 35}, {63, 35}, {5, 30}}) {
        for (int c = 0; c < 3; ++c) {
            EXPECT_NEAR(at(*shown, x, y)[c], station::kHighlightGrey, 1e-6) << x << "," << y;
        }
        EXPECT_FLOAT_EQ(at(*shown, x, y)[3], at(*graded, x, y)[3]);
    }
}

TEST(Highlight, QualifierKeepsTheHueItSelects) {
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    // A hue qualifier around red, saturation from 0.2: red pixels selected, blue ones not.
    const KeyedGrade k =
        keyedGrade(registry, "qualifier",
                   {{0, "hue", {0.0f}}, {0, "huewidth", {0.1f}}, {0, "huesoft", {0.02f}}});
    auto highlighted = station::highlightGrade(k.grade, k.matte, registry);
    ASSERT_TRUE(highlighted.isOk()) << highlighted.status().message();
    graph::CpuImage source{2, 1, {0.8f, 0.1f, 0.1f, 1.0f, 0.1f, 0.1f, 0.8f, 1.0f}};
    auto graded = graph::evaluateOnCpu(k.grade, registry, source);
    auto shown = graph::evaluateOnCpu(*highlighted, registry, source);
    ASSERT_TRUE(graded.isOk() && shown.isOk());
    for (int c = 0; c < 3; ++c) {
        EXPECT_FLOAT_EQ(at(*shown, 0, 0)[c], at(*graded, 0, 0)[c]) << "red, channel " << c;
        EXPECT_NEAR(at(*shown, 1, 0)[c], station::kHighlightGrey, 1e-6) << "blue, channel " << c;
    }
}

TEST(Highlight, AKeyedQualifierShowsOnlyWhatItsKeyLetsThrough) {
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    // A red qualifier keyed by a small window in the middle, over an all-red frame: selected
    // only inside the window.
    KeyedGrade k = keyedGrade(registry, "qualifier", {{0, "hue", {0.0f}}, {0, "huewidth", {0.1f}}});
    graph::GradeEditor e(registry, k.grade);
    NodeId window = 0;
    ASSERT_TRUE(e.apply(graph::AddNode{"window"}, &window).isOk());
    ASSERT_TRUE(e.apply(graph::SetParam{window, "size", {0.2f}}).isOk());
    ASSERT_TRUE(e.apply(graph::SetParam{window, "softness", {0.0f}}).isOk());
    ASSERT_TRUE(e.apply(graph::Connect{{1, "image", window, "image"}}).isOk());
    ASSERT_TRUE(e.apply(graph::Connect{{window, "matte", k.matte, "key"}}).isOk());
    k.grade = e.grade();
    auto highlighted = station::highlightGrade(k.grade, k.matte, registry);
    ASSERT_TRUE(highlighted.isOk()) << highlighted.status().message();
    graph::CpuImage red{64, 36, {}};
    for (int i = 0; i < 64 * 36; ++i) red.rgba.insert(red.rgba.end(), {0.8f, 0.1f, 0.1f, 1.0f});
    auto graded = graph::evaluateOnCpu(k.grade, registry, red);
    auto shown = graph::evaluateOnCpu(*highlighted, registry, red);
    ASSERT_TRUE(graded.isOk() && shown.isOk());
    for (int c = 0; c < 3; ++c) {
        EXPECT_FLOAT_EQ(at(*shown, 32, 18)[c], at(*graded, 32, 18)[c]) << "inside the key";
        EXPECT_NEAR(at(*shown, 2, 2)[c], station::kHighlightGrey, 1e-6) << "outside the key";
    }
}

TEST(Highlight, OnlyMatteNodesCanBeHighlighted) {
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    const KeyedGrade k = keyedGrade(registry, "window", {});
    auto refused = station::highlightGrade(k.grade, k.lgg, registry);
    ASSERT_FALSE(refused.isOk());
    EXPECT_EQ(refused.status().code(), ErrorCode::InvalidArgument);
    EXPECT_FALSE(station::highlightGrade(k.grade, 999, registry).isOk());
}

}  // namespace
}  // namespace emu::test
