// `emulsion lut bake`: a baked .cube or CLF, applied by oiiotool --ociofiletransform (OpenColorIO's
// CPU processor), must match the engine's own render of the same grade.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "CliRunner.h"
#include "OcioTestConfig.h"
#include "TempDir.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/media/ExrWriter.h"

namespace emu::test {
namespace {

constexpr int kWidth = 96;
constexpr int kHeight = 64;

// Log code values as a camera records them, inside the LUT's [0, 1] domain: a grey ramp from
// deep shadow to highlight (0.1..0.8) along the top rows, then colours around a log grey
// between 0.12 and 0.75, each channel up to `spread` away from it (0.06 is about a stop in
// ACEScct), scattered so that points fall between lattice points in every direction.
void writeInput(const std::filesystem::path& path) {
    constexpr float spread = 0.06f;
    media::Image image(kWidth, kHeight, media::PixelType::Float);
    std::uint32_t state = 12345;
    auto next = [&state] {
        state = state * 1664525u + 1013904223u;
        return float(state >> 8) / float(1u << 24);
    };
    for (int y = 0; y < kHeight; ++y) {
        for (int x = 0; x < kWidth; ++x) {
            const float ramp = 0.1f + 0.7f * float(x) / float(kWidth - 1);
            const float grey = 0.12f + 0.63f * next();
            for (int c = 0; c < 3; ++c) {
                const float v = y < 4 ? ramp : grey + 2.0f * spread * (next() - 0.5f);
                image.setSample(x, y, c, v);
            }
            image.setSample(x, y, 3, 1.0f);
        }
    }
    media::ExrFrame frame;
    frame.image = image;
    frame.dataWindow = frame.displayWindow = {0, 0, kWidth - 1, kHeight - 1};
    frame.compression = media::ExrCompression::None;
    ASSERT_TRUE(media::writeExr(path, frame).isOk());
}

// A primary and secondary grade of pointwise nodes, as a colourist would build in ACEScct.
const char* kGrade = R"({
  "format": "emulsion.grade", "formatVersion": 1,
  "nodes": [
    {"id": 1, "type": "source", "version": 1},
    {"id": 2, "type": "cdl", "version": 1, "params": {
      "slope": [1.06, 1.0, 0.93], "offset": [0.01, 0, -0.015], "power": [1.0, 1.05, 1.1]}},
    {"id": 3, "type": "lgg", "version": 1, "params": {
      "lift": [0.01, 0, -0.01, 0], "gamma": [1, 1.03, 1, 1], "gain": [1, 1, 1, 1.08]}},
    {"id": 4, "type": "contrast", "version": 1, "params": {"contrast": [1.15], "pivot": [0.41]}},
    {"id": 5, "type": "curves", "version": 1, "params": {
      "master": [0, 0, 0.25, 0.22, 0.75, 0.8, 1, 1]}},
    {"id": 6, "type": "saturation", "version": 1, "params": {"saturation": [0.85]}},
    {"id": 7, "type": "huesat", "version": 1, "params": {
      "gain": [0, 1, 0.1667, 1, 0.3333, 1, 0.5, 1.2, 0.6667, 1.25, 0.8333, 1]}},
    {"id": 8, "type": "output", "version": 1}
  ],
  "connections": [
    {"from": [1, "image"], "to": [2, "image"]}, {"from": [2, "image"], "to": [3, "image"]},
    {"from": [3, "image"], "to": [4, "image"]}, {"from": [4, "image"], "to": [5, "image"]},
    {"from": [5, "image"], "to": [6, "image"]}, {"from": [6, "image"], "to": [7, "image"]},
    {"from": [7, "image"], "to": [8, "image"]}
  ]
})";

// Largest RGB difference between two EXRs of the input's size.
double maxRgbDifference(const std::filesystem::path& a, const std::filesystem::path& b) {
    auto x = media::readExr(a);
    auto y = media::readExr(b);
    EXPECT_TRUE(x.isOk()) << x.status().message();
    EXPECT_TRUE(y.isOk()) << y.status().message();
    if (!x.isOk() || !y.isOk()) return 1e9;
    double worst = 0;
    for (int j = 0; j < kHeight; ++j) {
        for (int i = 0; i < kWidth; ++i) {
            for (int c = 0; c < 3; ++c) {
                const double d =
                    std::abs(double(x->image.sample(i, j, c)) - y->image.sample(i, j, c));
                worst = std::max(worst, std::isnan(d) ? 1e9 : d);
            }
        }
    }
    return worst;
}

class LutBake : public ::testing::Test {
protected:
    void SetUp() override {
        writeMinimalOcioConfig(dir / "min.ocio");
        writeInput(dir / "in.exr");
        std::ofstream(dir / "grade.json") << kGrade;
    }

    // Grades in.exr with the engine, bakes the same into `lutName` and applies it with
    // oiiotool: the largest difference, or a negative value when there is no Vulkan device.
    double bakeAndCompare(const std::string& colour, const std::string& lutName, int size) {
        const std::string grade = quotePath(dir / "grade.json");
        CommandResult ours =
            runEmulsion("grade " + quotePath(dir / "in.exr") + " " + quotePath(dir / "ours.exr") +
                        " --grade " + grade + " " + colour + " -q");
        if (ours.output.find("no Vulkan device") != std::string::npos) return -1;
        EXPECT_EQ(ours.exitCode, 0) << ours.output;
        CommandResult baked = runEmulsion("lut bake " + grade + " " + quotePath(dir / lutName) +
                                          " --size " + std::to_string(size) + " " + colour);
        EXPECT_EQ(baked.exitCode, 0) << baked.output;
        CommandResult oiio = runCommand(
            std::string(OIIOTOOL_BINARY) + " --colorconfig " + quotePath(dir / "min.ocio") + " " +
            quotePath(dir / "in.exr") + " --ociofiletransform " + quotePath(dir / lutName) +
            " -o " + quotePath(dir / "ref.exr"));
        EXPECT_EQ(oiio.exitCode, 0) << oiio.output;
        return maxRgbDifference(dir / "ours.exr", dir / "ref.exr");
    }

    TempDir dir;
};

// The grade's own input is the working space (ACEScct): the LUT holds the grade alone.
TEST_F(LutBake, CubeMatchesTheEngine) {
    const double worst = bakeAndCompare("", "look.cube", 33);
    if (worst < 0) GTEST_SKIP() << "no Vulkan device";
    std::printf("33^3 .cube vs engine: max difference %.3g\n", worst);
    EXPECT_LE(worst, 2e-3);
}

TEST_F(LutBake, ClfMatchesTheEngine) {
    const double worst = bakeAndCompare("", "look.clf", 33);
    if (worst < 0) GTEST_SKIP() << "no Vulkan device";
    std::printf("33^3 CLF vs engine: max difference %.3g\n", worst);
    EXPECT_LE(worst, 2e-3);
}

// Camera log in, converted to ACEScct before the grade: the gamut change between two log
// encodings bends more than the grade does (see docs/TOLERANCES.md), so it bakes at 65.
TEST_F(LutBake, CameraLogInputBakesAt65) {
    const double worst =
        bakeAndCompare("--from 'Sony S-Log3 S-Gamut3' --to ACEScct", "slog3.cube", 65);
    if (worst < 0) GTEST_SKIP() << "no Vulkan device";
    std::printf("65^3 .cube from S-Log3 vs engine: max difference %.3g\n", worst);
    EXPECT_LE(worst, 5e-3);
}

TEST_F(LutBake, WindowsAreRefusedUnlessBypassed) {
    std::string grade = kGrade;
    const std::string window = R"({"id": 9, "type": "window", "version": 1},)";
    grade.insert(grade.find(R"({"id": 8, "type": "output")"), window + "\n    ");
    grade.insert(
        grade.rfind(']'),
        R"(, {"from": [5, "image"], "to": [9, "image"]}, {"from": [9, "matte"], "to": [6, "key"]})");
    std::ofstream(dir / "windowed.json") << grade;
    const std::string base =
        "lut bake " + quotePath(dir / "windowed.json") + " " + quotePath(dir / "w.cube");
    CommandResult refused = runEmulsion(base);
    if (refused.output.find("no Vulkan device") != std::string::npos) GTEST_SKIP();
    EXPECT_EQ(refused.exitCode, 1) << refused.output;
    EXPECT_NE(refused.output.find("node 9 (window)"), std::string::npos) << refused.output;
    EXPECT_FALSE(std::filesystem::exists(dir / "w.cube"));
    CommandResult bypassed = runEmulsion(base + " --bypass-spatial");
    EXPECT_EQ(bypassed.exitCode, 0) << bypassed.output;
    EXPECT_NE(bypassed.output.find("baked without node 9 (window)"), std::string::npos)
        << bypassed.output;
    EXPECT_TRUE(std::filesystem::exists(dir / "w.cube"));
}

TEST_F(LutBake, BadSizeAndExtensionAreRefused) {
    const std::string base = "lut bake " + quotePath(dir / "grade.json") + " ";
    CommandResult size = runEmulsion(base + quotePath(dir / "a.cube") + " --size 20");
    EXPECT_EQ(size.exitCode, 1);
    EXPECT_NE(size.output.find("--size must be 17, 33 or 65"), std::string::npos) << size.output;
    CommandResult ext = runEmulsion(base + quotePath(dir / "a.png"));
    EXPECT_EQ(ext.exitCode, 1);
    EXPECT_NE(ext.output.find("a.png: the output must end in .cube or .clf"), std::string::npos)
        << ext.output;
    CommandResult missing =
        runEmulsion("lut bake " + quotePath(dir / "absent.json") + " " + quotePath(dir / "a.cube"));
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.output.find("absent.json"), std::string::npos) << missing.output;
}

}  // namespace
}  // namespace emu::test
