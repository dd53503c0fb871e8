#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "CliRunner.h"
#include "OcioTestConfig.h"
#include "TempDir.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/media/ExrWriter.h"

namespace emu::test {
namespace {

constexpr int kWidth = 72;
constexpr int kHeight = 40;

// Float RGBA in [0, 1], except the last row, which runs from -0.3 to 1.6.
void writeInput(const std::filesystem::path& path) {
    media::Image image(kWidth, kHeight, media::PixelType::Float);
    for (int y = 0; y < kHeight; ++y) {
        for (int x = 0; x < kWidth; ++x) {
            float r = float(x) / float(kWidth - 1);
            float g = float(y) / float(kHeight - 2);
            float b = float((x * 7 + y * 13) % 97) / 96.0f;
            if (y == kHeight - 1) {
                r = -0.3f + 1.9f * r;
                g = 1.6f - 1.9f * r;
                b = -0.3f + 1.9f * b;
            }
            image.setSample(x, y, 0, r);
            image.setSample(x, y, 1, std::min(g, 1.6f));
            image.setSample(x, y, 2, b);
            image.setSample(x, y, 3, 0.5f + 0.5f * r);
        }
    }
    media::ExrFrame frame;
    frame.image = image;
    frame.dataWindow = frame.displayWindow = {0, 0, kWidth - 1, kHeight - 1};
    frame.compression = media::ExrCompression::None;
    ASSERT_TRUE(media::writeExr(path, frame).isOk());
}

// A different curve per channel.
void write1dCube(const std::filesystem::path& path) {
    std::ofstream out(path);
    out << "TITLE \"curves\"\nLUT_1D_SIZE 256\n";
    char line[96];
    for (int i = 0; i < 256; ++i) {
        const double t = i / 255.0;
        std::snprintf(line, sizeof line, "%.7f %.7f %.7f\n", std::pow(t, 0.6), t * t,
                      0.1 + 0.8 * t * (3 - 2 * t));
        out << line;
    }
}

// A hue-shifting matrix followed by a soft shoulder: not separable per channel.
void write3dCube(const std::filesystem::path& path) {
    constexpr int n = 17;
    std::ofstream out(path);
    out << "TITLE \"hue\"\nLUT_3D_SIZE " << n << "\n";
    char line[96];
    auto curve = [](double v) { return 1.2 * v / (v + 0.2) * (1 - 0.1 * v); };
    for (int b = 0; b < n; ++b) {  // red changes fastest in a .cube
        for (int g = 0; g < n; ++g) {
            for (int r = 0; r < n; ++r) {
                const double R = r / double(n - 1), G = g / double(n - 1), B = b / double(n - 1);
                const double oR = 0.7 * R + 0.25 * G + 0.05 * B;
                const double oG = 0.1 * R + 0.6 * G + 0.3 * B;
                const double oB = 0.35 * R + 0.05 * G + 0.6 * B;
                std::snprintf(line, sizeof line, "%.7f %.7f %.7f\n", curve(oR), curve(oG) * 0.9,
                              curve(oB) * 0.8 + 0.05 * R * G);
                out << line;
            }
        }
    }
}

// Largest RGBA difference between two EXRs of the same size.
double maxDifference(const std::filesystem::path& a, const std::filesystem::path& b) {
    auto x = media::readExr(a);
    auto y = media::readExr(b);
    EXPECT_TRUE(x.isOk()) << x.status().message();
    EXPECT_TRUE(y.isOk()) << y.status().message();
    if (!x.isOk() || !y.isOk()) return 1e9;
    EXPECT_EQ(x->image.width(), y->image.width());
    EXPECT_EQ(x->image.height(), y->image.height());
    double worst = 0;
    for (int j = 0; j < kHeight; ++j) {
        for (int i = 0; i < kWidth; ++i) {
            for (int c = 0; c < 4; ++c) {
                const double d =
                    std::abs(double(x->image.sample(i, j, c)) - y->image.sample(i, j, c));
                worst = std::max(worst, std::isnan(d) ? 1e9 : d);
            }
        }
    }
    return worst;
}

// Runs `grade in.exr ours.exr ARGS` and oiiotool with `REF` on the same input, returning the
// largest difference (negative when the device is missing).
double compareWithOiiotool(const TempDir& dir, const std::string& args, const std::string& ref) {
    CommandResult ours = runEmulsion("grade " + quotePath(dir / "in.exr") + " " +
                                     quotePath(dir / "ours.exr") + " " + args + " -q");
    if (ours.output.find("no Vulkan device") != std::string::npos) return -1;
    EXPECT_EQ(ours.exitCode, 0) << ours.output;
    CommandResult oiio = runCommand(std::string(OIIOTOOL_BINARY) + " --colorconfig " +
                                    quotePath(dir / "min.ocio") + " " + quotePath(dir / "in.exr") +
                                    " " + ref + " -o " + quotePath(dir / "ref.exr"));
    EXPECT_EQ(oiio.exitCode, 0) << oiio.output;
    return maxDifference(dir / "ours.exr", dir / "ref.exr");
}

class LutCommand : public ::testing::Test {
protected:
    void SetUp() override {
        writeMinimalOcioConfig(dir / "min.ocio");
        writeInput(dir / "in.exr");
        write1dCube(dir / "curves.cube");
        write3dCube(dir / "hue.cube");
    }
    TempDir dir;
};

TEST_F(LutCommand, OneDimensionalCubeMatchesOiiotool) {
    const double worst =
        compareWithOiiotool(dir, "--lut " + quotePath(dir / "curves.cube"),
                            "--ociofiletransform " + quotePath(dir / "curves.cube"));
    if (worst < 0) GTEST_SKIP() << "no Vulkan device";
    std::printf("1D .cube: max difference %.3g\n", worst);
    EXPECT_LE(worst, 1e-4);
}

TEST_F(LutCommand, ThreeDimensionalCubeMatchesOiiotool) {
    const double worst = compareWithOiiotool(dir, "--lut " + quotePath(dir / "hue.cube"),
                                             "--ociofiletransform " + quotePath(dir / "hue.cube"));
    if (worst < 0) GTEST_SKIP() << "no Vulkan device";
    std::printf("3D .cube: max difference %.3g\n", worst);
    EXPECT_LE(worst, 2e-3);
}

TEST_F(LutCommand, LutsChainAfterExposure) {
    const double worst =
        compareWithOiiotool(dir,
                            "--exposure 1 --lut " + quotePath(dir / "curves.cube") + " --lut " +
                                quotePath(dir / "hue.cube"),
                            "--mulc 2,2,2,1 --ociofiletransform " + quotePath(dir / "curves.cube") +
                                " --ociofiletransform " + quotePath(dir / "hue.cube"));
    if (worst < 0) GTEST_SKIP() << "no Vulkan device";
    std::printf("exposure + 1D + 3D: max difference %.3g\n", worst);
    EXPECT_LE(worst, 2e-3);
}

// source -> lut (FILE, as written in the grade) -> output
void writeLutGrade(const std::filesystem::path& path, const std::string& file) {
    std::ofstream(path) << R"({"format": "emulsion.grade", "formatVersion": 2, "nodes": [
    {"id": 1, "type": "source", "version": 1},
    {"id": 2, "type": "lut", "version": 1, "label": "Show", "params": {"file": ")"
                        << file << R"("}},
    {"id": 3, "type": "output", "version": 1}],
  "connections": [{"from": [1, "image"], "to": [2, "image"]},
                  {"from": [2, "image"], "to": [3, "image"]}]}
)";
}

TEST_F(LutCommand, LutNodeInAGradeMatchesOiiotool) {
    // The path is relative to the grade file's folder, not to the working directory.
    std::filesystem::create_directories(dir / "grades");
    writeLutGrade(dir / "grades" / "g.json", "../hue.cube");
    const double worst = compareWithOiiotool(dir, "--grade " + quotePath(dir / "grades" / "g.json"),
                                             "--ociofiletransform " + quotePath(dir / "hue.cube"));
    if (worst < 0) GTEST_SKIP() << "no Vulkan device";
    std::printf("grade with a 3D lut node: max difference %.3g\n", worst);
    EXPECT_LE(worst, 2e-3);
}

TEST_F(LutCommand, MissingLutOfANodeNamesTheNodeAndTheFile) {
    writeLutGrade(dir / "g.json", "absent.cube");
    CommandResult r =
        runEmulsion("grade " + quotePath(dir / "in.exr") + " " + quotePath(dir / "out.exr") +
                    " --grade " + quotePath(dir / "g.json"));
    if (r.output.find("no Vulkan device") != std::string::npos) GTEST_SKIP();
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("node 2 (lut 'Show')"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("absent.cube' not found"), std::string::npos) << r.output;
    EXPECT_FALSE(std::filesystem::exists(dir / "out.exr"));
    CommandResult graph = runEmulsion("graph " + quotePath(dir / "g.json"));
    EXPECT_EQ(graph.exitCode, 1) << graph.output;
    EXPECT_NE(graph.output.find("node 2 (lut 'Show')"), std::string::npos) << graph.output;
}

TEST_F(LutCommand, MalformedLutNamesTheFileAndLine) {
    std::ofstream(dir / "bad.cube") << "LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 zero\n1 1 0\n"
                                       "0 0 1\n1 0 1\n0 1 1\n1 1 1\n";
    CommandResult r =
        runEmulsion("grade " + quotePath(dir / "in.exr") + " " + quotePath(dir / "out.exr") +
                    " --lut " + quotePath(dir / "bad.cube"));
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("bad.cube:"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("line"), std::string::npos) << r.output;
    EXPECT_FALSE(std::filesystem::exists(dir / "out.exr"));
}

TEST_F(LutCommand, MissingLutNamesTheFile) {
    CommandResult r =
        runEmulsion("grade " + quotePath(dir / "in.exr") + " " + quotePath(dir / "out.exr") +
                    " --lut " + quotePath(dir / "absent.cube"));
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("absent.cube"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("not found"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace emu::test
