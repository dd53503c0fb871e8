// The OpenColorIO nodes (lut, cst): fused with the other pointwise nodes on the GPU, checked
// against OCIO's CPU processor through the CPU evaluator; structure and errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "NodeHarness.h"
#include "TempDir.h"
#include "emulsion/graph/Commands.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/graph/GradeRenderer.h"
#include "emulsion/media/TestPattern.h"
#include "emulsion/nodes/GpuFrame.h"

namespace emu::graph {
namespace {

// A 17³ .cube that is not separable per channel: a hue-twisting matrix, a soft shoulder and a
// cross term, so tetrahedral and trilinear interpolation differ.
void write3dCube(const std::filesystem::path& path) {
    constexpr int n = 17;
    std::ofstream out(path);
    out << "TITLE \"twist\"\nLUT_3D_SIZE " << n << "\n";
    char line[96];
    auto shoulder = [](double v) { return 1.1 * v / (v + 0.1) * (1 - 0.05 * v); };
    for (int b = 0; b < n; ++b) {  // red changes fastest in a .cube
        for (int g = 0; g < n; ++g) {
            for (int r = 0; r < n; ++r) {
                const double R = r / double(n - 1), G = g / double(n - 1), B = b / double(n - 1);
                const double oR = 0.75 * R + 0.2 * G + 0.05 * B;
                const double oG = 0.05 * R + 0.7 * G + 0.25 * B;
                const double oB = 0.3 * R + 0.1 * G + 0.6 * B;
                std::snprintf(line, sizeof line, "%.7f %.7f %.7f\n", shoulder(oR) * 0.9,
                              shoulder(oG) * 0.85, shoulder(oB) * 0.8 + 0.1 * R * B);
                out << line;
            }
        }
    }
}

// A 1D .cube with a different increasing curve per channel.
void write1dCube(const std::filesystem::path& path) {
    std::ofstream out(path);
    out << "LUT_1D_SIZE 1024\n";
    char line[96];
    for (int i = 0; i < 1024; ++i) {
        const double t = i / 1023.0;
        std::snprintf(line, sizeof line, "%.7f %.7f %.7f\n", std::pow(t, 0.7), t * t * 0.9 + 0.05,
                      t * t * (3 - 2 * t));
        out << line;
    }
}

// Finite noise over [-0.1, 1.1]: OCIO's GPU and CPU paths only promise to agree on finite
// values (docs/TOLERANCES.md), and a LUT clamps its input to its domain anyway.
media::Image finiteInput() {
    return media::makeNoise(64, 48, media::PixelType::Float, 11, -0.1f, 1.1f);
}

struct Chain {
    Grade grade;
    NodeId cdl = 0, lut = 0, cst = 0, sat = 0;
};

// source -> cdl -> lut (3D) -> cst ACEScct -> ACEScg -> saturation -> output
Chain cdlLutCstSaturation(const std::filesystem::path& cube) {
    GradeEditor e(registry(), Grade());
    Chain c;
    NodeId src, out;
    EXPECT_TRUE(e.apply(AddNode{"source"}, &src).isOk());
    EXPECT_TRUE(e.apply(AddNode{"cdl"}, &c.cdl).isOk());
    EXPECT_TRUE(e.apply(AddNode{"lut", "Show LUT"}, &c.lut).isOk());
    EXPECT_TRUE(e.apply(AddNode{"cst"}, &c.cst).isOk());
    EXPECT_TRUE(e.apply(AddNode{"saturation"}, &c.sat).isOk());
    EXPECT_TRUE(e.apply(AddNode{"output"}, &out).isOk());
    for (auto [a, b] :
         {std::pair{src, c.cdl}, {c.cdl, c.lut}, {c.lut, c.cst}, {c.cst, c.sat}, {c.sat, out}}) {
        EXPECT_TRUE(e.apply(Connect{{a, "image", b, "image"}}).isOk());
    }
    EXPECT_TRUE(e.apply(SetParam{c.cdl, "slope", {1.1f, 0.95f, 0.9f}}).isOk());
    EXPECT_TRUE(e.apply(SetParam{c.cdl, "offset", {0.02f, 0.0f, -0.01f}}).isOk());
    EXPECT_TRUE(e.apply(SetText{c.lut, "file", cube.string()}).isOk());
    EXPECT_TRUE(e.apply(SetText{c.cst, "from", "ACEScct"}).isOk());
    EXPECT_TRUE(e.apply(SetText{c.cst, "to", "ACEScg"}).isOk());
    EXPECT_TRUE(e.apply(SetParam{c.sat, "saturation", {1.2f}}).isOk());
    c.grade = e.grade();
    return c;
}

// Largest |GPU - CPU| / max(1, |CPU|) over all samples; fails on a non-finite mismatch.
double maxRelativeError(const std::vector<float>& cpu, const media::Image& gpuImage) {
    const float* gpu = reinterpret_cast<const float*>(gpuImage.data());
    double worst = 0;
    for (std::size_t i = 0; i < cpu.size(); ++i) {
        if (!std::isfinite(cpu[i]) || !std::isfinite(gpu[i])) {
            ADD_FAILURE() << "sample " << i << ": CPU " << cpu[i] << ", GPU " << gpu[i];
            return 1e9;
        }
        worst = std::max(
            worst, std::fabs(double(gpu[i]) - cpu[i]) / std::max(1.0, std::fabs(double(cpu[i]))));
    }
    return worst;
}

class OcioNodes : public test::GpuTest {
protected:
    void SetUp() override {
        test::GpuTest::SetUp();
        write3dCube(dir / "twist.cube");
        write1dCube(dir / "curves.cube");
    }

    // Renders on both paths; returns the largest relative error and the GPU plan's passes.
    double gpuVsCpu(const Grade& grade, std::size_t* passes = nullptr) {
        media::Image input = finiteInput();
        auto expected = evaluateOnCpu(grade, registry(), toCpu(input));
        EXPECT_TRUE(expected.isOk()) << expected.status().message();
        auto plan = planGrade(grade, registry());
        EXPECT_TRUE(plan.isOk());
        if (passes && plan.isOk()) *passes = plan->passes.size();
        auto out = renderOnGpu(device(), grade, input);
        EXPECT_TRUE(out.isOk()) << out.status().message();
        if (!expected.isOk() || !out.isOk()) return 1e9;
        // The grade must change the picture, or agreeing would prove nothing.
        const std::vector<float> in = toCpu(input).rgba;
        double change = 0;
        for (std::size_t i = 0; i < in.size(); ++i) {
            change = std::max(change, double(std::fabs(expected->rgba[i] - in[i])));
        }
        EXPECT_GT(change, 0.05);
        return maxRelativeError(expected->rgba, *out);
    }

    test::TempDir dir;
};

TEST_F(OcioNodes, CdlLutCstSaturationFuseIntoOnePassAndMatchTheCpu) {
    Chain c = cdlLutCstSaturation(dir / "twist.cube");
    std::size_t passes = 0;
    const double worst = gpuVsCpu(c.grade, &passes);
    EXPECT_EQ(passes, 1u);
    std::printf("cdl -> lut 3D -> cst -> saturation: max rel error %.3g\n", worst);
    RecordProperty("max_rel_error", std::to_string(worst));
    EXPECT_LE(worst, 2e-3);
}

TEST_F(OcioNodes, OneDimensionalLutMatchesTheCpu) {
    Grade g = singleNode("lut", {});
    GradeEditor e(registry(), g);
    ASSERT_TRUE(e.apply(SetText{2, "file", (dir / "curves.cube").string()}).isOk());
    const double worst = gpuVsCpu(e.grade());
    std::printf("lut 1D: max rel error %.3g\n", worst);
    RecordProperty("max_rel_error", std::to_string(worst));
    EXPECT_LE(worst, 1e-4);
}

TEST_F(OcioNodes, TwoLutsShareAPassAndAWindowKeysOne) {
    // source -> lut 1D -> lut 3D keyed by an ellipse window -> output: two OCIO shaders in one
    // program, each with its own names and textures, and the key mix.
    GradeEditor e(registry(), Grade());
    NodeId src, lut1, lut3, win, out;
    ASSERT_TRUE(e.apply(AddNode{"source"}, &src).isOk());
    ASSERT_TRUE(e.apply(AddNode{"lut"}, &lut1).isOk());
    ASSERT_TRUE(e.apply(AddNode{"lut"}, &lut3).isOk());
    ASSERT_TRUE(e.apply(AddNode{"window"}, &win).isOk());
    ASSERT_TRUE(e.apply(AddNode{"output"}, &out).isOk());
    ASSERT_TRUE(e.apply(Connect{{src, "image", lut1, "image"}}).isOk());
    ASSERT_TRUE(e.apply(Connect{{lut1, "image", lut3, "image"}}).isOk());
    ASSERT_TRUE(e.apply(Connect{{src, "image", win, "image"}}).isOk());
    ASSERT_TRUE(e.apply(Connect{{win, "matte", lut3, "key"}}).isOk());
    ASSERT_TRUE(e.apply(Connect{{lut3, "image", out, "image"}}).isOk());
    ASSERT_TRUE(e.apply(SetText{lut1, "file", (dir / "curves.cube").string()}).isOk());
    ASSERT_TRUE(e.apply(SetText{lut3, "file", (dir / "twist.cube").string()}).isOk());
    ASSERT_TRUE(e.apply(SetParam{win, "softness", {0.3f}}).isOk());
    std::size_t passes = 0;
    const double worst = gpuVsCpu(e.grade(), &passes);
    EXPECT_EQ(passes, 1u);
    std::printf("lut 1D -> keyed lut 3D: max rel error %.3g\n", worst);
    EXPECT_LE(worst, 2e-3);
}

TEST_F(OcioNodes, SaturationEditKeepsThePlanInterpolationAndFileEditsReplan) {
    Chain c = cdlLutCstSaturation(dir / "twist.cube");
    GradeEditor e(registry(), c.grade);
    gpu::KernelCache cache(device());
    cache.disableDisk();
    GradeRenderer renderer(device(), cache, registry());
    media::Image input = finiteInput();
    auto src = nodes::uploadImage(device(), input);
    auto dst = gpu::StorageImage::create(device(), input.width(), input.height(),
                                         gpu::ImageFormat::Rgba32f);
    auto batch = gpu::ComputeBatch::create(device());
    ASSERT_TRUE(src.isOk() && dst.isOk() && batch.isOk());
    auto render = [&]() -> double {
        Status s = renderer.setGrade(e.grade());
        EXPECT_TRUE(s.isOk()) << s.message();
        EXPECT_TRUE(renderer.record(*batch, *src, *dst).isOk());
        EXPECT_TRUE(batch->submitAndWait().isOk());
        auto expected = evaluateOnCpu(e.grade(), registry(), toCpu(input));
        auto out = nodes::downloadImage(device(), *dst);
        EXPECT_TRUE(expected.isOk() && out.isOk());
        return expected.isOk() && out.isOk() ? maxRelativeError(expected->rgba, *out) : 1e9;
    };
    EXPECT_LE(render(), 2e-3);
    EXPECT_EQ(renderer.replans(), 1);
    const int pipelines = cache.stats().pipelinesCreated;

    ASSERT_TRUE(e.apply(SetParam{c.sat, "saturation", {0.7f}}).isOk());
    EXPECT_LE(render(), 2e-3);
    ASSERT_TRUE(e.apply(NudgeParam{c.cdl, "slope", 0, 0.05f}).isOk());
    EXPECT_LE(render(), 2e-3);
    EXPECT_EQ(renderer.replans(), 1) << "numeric edits of other nodes keep the plan";
    EXPECT_EQ(cache.stats().pipelinesCreated, pipelines);

    ASSERT_TRUE(e.apply(SetParam{c.lut, "interpolation", {1.0f}}).isOk());  // linear
    const double linear = render();
    EXPECT_EQ(renderer.replans(), 2) << "a new interpolation is a new transform";
    EXPECT_EQ(cache.stats().pipelinesCreated, pipelines + 1);
    std::printf("after the edit to trilinear: max rel error %.3g\n", linear);
    EXPECT_LE(linear, 2e-3);

    write1dCube(dir / "other.cube");
    ASSERT_TRUE(e.apply(SetText{c.lut, "file", (dir / "other.cube").string()}).isOk());
    EXPECT_LE(render(), 2e-3);
    EXPECT_EQ(renderer.replans(), 3);

    ASSERT_TRUE(e.undo());
    EXPECT_LE(render(), 2e-3);
    EXPECT_EQ(renderer.replans(), 4);
}

TEST_F(OcioNodes, MissingLutFileNamesTheNodeAndTheFile) {
    Chain c = cdlLutCstSaturation(dir / "absent.cube");
    gpu::KernelCache cache(device());
    cache.disableDisk();
    GradeRenderer renderer(device(), cache, registry());
    Status s = renderer.setGrade(c.grade);
    ASSERT_FALSE(s.isOk());
    EXPECT_NE(s.message().find("node 3 (lut 'Show LUT')"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("absent.cube"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("not found"), std::string::npos) << s.message();

    auto cpu = evaluateOnCpu(c.grade, registry(), toCpu(finiteInput()));
    ASSERT_FALSE(cpu.isOk());
    EXPECT_NE(cpu.status().message().find("node 3 (lut 'Show LUT')"), std::string::npos);

    // Bypassed, the node runs nothing and its file is not needed.
    Grade bypassed = c.grade;
    bypassed.node(c.lut)->bypass = true;
    EXPECT_TRUE(renderer.setGrade(bypassed).isOk());
}

TEST_F(OcioNodes, MalformedLutNamesTheNodeAndTheFile) {
    std::ofstream(dir / "bad.cube") << "LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 zero\n";
    Chain c = cdlLutCstSaturation(dir / "bad.cube");
    gpu::KernelCache cache(device());
    cache.disableDisk();
    GradeRenderer renderer(device(), cache, registry());
    Status s = renderer.setGrade(c.grade);
    ASSERT_FALSE(s.isOk());
    EXPECT_NE(s.message().find("node 3 (lut 'Show LUT')"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("bad.cube"), std::string::npos) << s.message();
}

TEST_F(OcioNodes, UnknownColourSpaceNamesTheNodeAndTheSpace) {
    Chain c = cdlLutCstSaturation(dir / "twist.cube");
    GradeEditor e(registry(), c.grade);
    ASSERT_TRUE(e.apply(SetText{c.cst, "to", "ACES Teal"}).isOk());
    gpu::KernelCache cache(device());
    cache.disableDisk();
    GradeRenderer renderer(device(), cache, registry());
    ASSERT_TRUE(renderer.setGrade(c.grade).isOk());
    Status s = renderer.setGrade(e.grade());
    ASSERT_FALSE(s.isOk());
    EXPECT_NE(s.message().find("node 4 (cst)"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("'ACES Teal'"), std::string::npos) << s.message();
    EXPECT_EQ(renderer.replans(), 1) << "the previous grade stays";

    auto cpu = evaluateOnCpu(e.grade(), registry(), toCpu(finiteInput()));
    ASSERT_FALSE(cpu.isOk());
    EXPECT_NE(cpu.status().message().find("node 4 (cst)"), std::string::npos);
    EXPECT_NE(cpu.status().message().find("'ACES Teal'"), std::string::npos);

    ASSERT_TRUE(e.apply(SetText{c.cst, "to", ""}).isOk());
    Status half = renderer.setGrade(e.grade());
    ASSERT_FALSE(half.isOk());
    EXPECT_NE(half.message().find("node 4 (cst): parameter 'to' is empty"), std::string::npos)
        << half.message();
}

// ---- without a GPU

TEST(OcioNodeModel, EmptyNodesPassTheImageThrough) {
    media::Image input = finiteInput();
    for (const char* type : {"lut", "cst"}) {
        auto out = evaluateOnCpu(singleNode(type, {}), registry(), toCpu(input));
        ASSERT_TRUE(out.isOk()) << out.status().message();
        EXPECT_EQ(out->rgba, toCpu(input).rgba) << type;
    }
}

TEST(OcioNodeModel, AlphaPassesAndInverseUndoesA1dLut) {
    test::TempDir dir;
    write1dCube(dir / "curves.cube");
    GradeEditor e(registry(), singleNode("lut", {}));
    ASSERT_TRUE(e.apply(SetText{2, "file", (dir / "curves.cube").string()}).isOk());
    NodeId inverse;
    ASSERT_TRUE(e.apply(AddNode{"lut"}, &inverse).isOk());
    ASSERT_TRUE(e.apply(SetText{inverse, "file", (dir / "curves.cube").string()}).isOk());
    ASSERT_TRUE(e.apply(SetParam{inverse, "inverse", {1.0f}}).isOk());
    ASSERT_TRUE(e.apply(Connect{{2, "image", inverse, "image"}}).isOk());
    ASSERT_TRUE(e.apply(Connect{{inverse, "image", 3, "image"}}).isOk());
    // Inside (0, 1) where every curve is strictly increasing.
    media::Image input = media::makeNoise(32, 8, media::PixelType::Float, 3, 0.05f, 0.95f);
    CpuImage in = toCpu(input);
    auto roundTrip = evaluateOnCpu(e.grade(), registry(), in);
    ASSERT_TRUE(roundTrip.isOk()) << roundTrip.status().message();
    double worst = 0;
    for (std::size_t i = 0; i < in.rgba.size(); ++i) {
        if (i % 4 == 3) {
            ASSERT_EQ(roundTrip->rgba[i], in.rgba[i]) << "alpha passes through";
            continue;
        }
        worst = std::max(worst, double(std::fabs(roundTrip->rgba[i] - in.rgba[i])));
    }
    EXPECT_LE(worst, 1e-4);
}

TEST(OcioNodeModel, RelativeFileResolvesAgainstTheBaseFolder) {
    test::TempDir dir;
    std::filesystem::create_directories(dir / "luts");
    write1dCube(dir / "luts" / "curves.cube");
    GradeEditor e(registry(), singleNode("lut", {}));
    ASSERT_TRUE(e.apply(SetText{2, "file", "luts/curves.cube"}).isOk());
    CpuImage in = toCpu(finiteInput());
    OcioContext context;
    context.baseFolder = dir.path();
    auto out = evaluateOnCpu(e.grade(), registry(), in, context);
    ASSERT_TRUE(out.isOk()) << out.status().message();
    EXPECT_NE(out->rgba, in.rgba);
    // Against the working directory the file is not there: the error says which path it tried.
    auto missing = evaluateOnCpu(e.grade(), registry(), in);
    ASSERT_FALSE(missing.isOk());
    EXPECT_NE(missing.status().message().find("luts/curves.cube"), std::string::npos)
        << missing.status().message();
}

TEST(OcioNodeModel, TextParametersRoundTripThroughJson) {
    Chain c = cdlLutCstSaturation("luts/show \"A\".cube");
    GradeEditor e(registry(), c.grade);
    ASSERT_TRUE(e.apply(SetText{c.cst, "looks", "ACES 1.3 Reference Gamut Compression"}).isOk());
    ASSERT_TRUE(e.apply(SetParam{c.lut, "interpolation", {2.0f}}).isOk());
    const std::string text = gradeToJson(e.grade());
    EXPECT_NE(text.find(R"("file": "luts/show \"A\".cube")"), std::string::npos) << text;
    EXPECT_NE(text.find(R"("from": "ACEScct")"), std::string::npos) << text;
    EXPECT_NE(text.find(R"("formatVersion": 2)"), std::string::npos) << text;
    auto back = gradeFromJson(text, "g.json");
    ASSERT_TRUE(back.isOk()) << back.status().message();
    EXPECT_EQ(*back, e.grade());
    EXPECT_EQ(gradeToJson(*back), text);
    EXPECT_TRUE(back->validate(registry()).isOk());
}

TEST(OcioNodeModel, TextEditsUndoAndRedo) {
    Chain c = cdlLutCstSaturation("a.cube");
    GradeEditor e(registry(), c.grade);
    ASSERT_TRUE(e.apply(SetText{c.lut, "file", "b.cube"}).isOk());
    EXPECT_FALSE(e.lastChangeWasParamsOnly());
    EXPECT_EQ(e.grade().node(c.lut)->texts.at("file"), "b.cube");
    ASSERT_TRUE(e.undo());
    EXPECT_EQ(e.grade(), c.grade);
    ASSERT_TRUE(e.redo());
    EXPECT_EQ(e.grade().node(c.lut)->texts.at("file"), "b.cube");
    ASSERT_TRUE(e.apply(ResetNode{c.lut}).isOk());
    EXPECT_TRUE(e.grade().node(c.lut)->texts.empty());
    ASSERT_TRUE(e.undo());
    EXPECT_EQ(e.grade().node(c.lut)->texts.at("file"), "b.cube");
}

TEST(OcioNodeModel, BadTextEditsAreRefusedNamingNodeAndParameter) {
    Chain c = cdlLutCstSaturation("a.cube");
    GradeEditor e(registry(), c.grade);
    Status numbers = e.apply(SetParam{c.lut, "file", {1.0f}});
    ASSERT_FALSE(numbers.isOk());
    EXPECT_NE(numbers.message().find("node 3 (lut 'Show LUT'): parameter 'file' takes text"),
              std::string::npos)
        << numbers.message();
    Status control = e.apply(SetText{c.cst, "from", "ACEScct\nACEScg"});
    ASSERT_FALSE(control.isOk());
    EXPECT_NE(control.message().find("node 4 (cst): parameter 'from' holds a control"),
              std::string::npos)
        << control.message();
    EXPECT_FALSE(e.apply(NudgeParam{c.lut, "file", 0, 1.0f}).isOk());
    EXPECT_FALSE(e.apply(SetText{c.lut, "colour", "x"}).isOk());
    EXPECT_EQ(e.grade(), c.grade);
}

}  // namespace
}  // namespace emu::graph
