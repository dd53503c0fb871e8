// The ASC CDL node against two independent references: the ASC formula written out here in
// double precision, and OpenColorIO's CDL as oiiotool --ociofiletransform applies a .cc file.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "NodeHarness.h"
#include "OcioTestConfig.h"
#include "TempDir.h"
#include "emulsion/graph/GradeRenderer.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/nodes/GpuFrame.h"

namespace emu::graph {
namespace {

struct Sop {
    double slope[3], offset[3], power[3], sat;
};

// ASC CDL v1.2, from the specification's formulas: out = clamp(in * slope + offset)^power per
// channel, then luma = 0.2126 R + 0.7152 G + 0.0722 B, out = clamp(luma + sat * (out - luma)).
void ascReference(const Sop& s, const double in[3], double out[3]) {
    double v[3];
    for (int c = 0; c < 3; ++c) {
        double x = in[c] * s.slope[c] + s.offset[c];
        x = x < 0 ? 0 : (x > 1 ? 1 : x);
        v[c] = std::pow(x, s.power[c]);
    }
    const double luma = 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
    for (int c = 0; c < 3; ++c) {
        double x = luma + s.sat * (v[c] - luma);
        out[c] = x < 0 ? 0 : (x > 1 ? 1 : x);
    }
}

Grade cdlGrade(const Sop& s, int style) {
    auto f = [](const double* v) {
        return std::vector<float>{float(v[0]), float(v[1]), float(v[2])};
    };
    return singleNode("cdl", {{"slope", f(s.slope)},
                              {"offset", f(s.offset)},
                              {"power", f(s.power)},
                              {"saturation", {float(s.sat)}},
                              {"style", {float(style)}}});
}

const Sop kSops[] = {
    {{1, 1, 1}, {0, 0, 0}, {1, 1, 1}, 1},
    {{1.2, 0.9, 1.05}, {0.02, -0.01, 0}, {1.1, 0.95, 1.3}, 1.2},
    {{0.8, 1.1, 1.0}, {-0.05, 0.03, 0.1}, {0.7, 1.4, 2.2}, 0.6},
    {{2.5, 0.4, 1.3}, {0.1, 0.2, -0.3}, {1.0, 3.0, 0.5}, 0},
};

TEST(CdlReference, CpuMatchesTheAscFormula) {
    const double inputs[][3] = {{0, 0, 0},       {1, 1, 1},        {0.18, 0.18, 0.18},
                                {0.5, 0.2, 0.9}, {1.4, -0.2, 0.6}, {0.03, 0.75, 0.31},
                                {-1, 2, 0.5},    {0.9, 0.9, 0.1}};
    for (const Sop& s : kSops) {
        CpuImage img{8, 1, {}};
        for (const auto& in : inputs) {
            for (double v : in) img.rgba.push_back(float(v));
            img.rgba.push_back(1.0f);
        }
        auto out = evaluateOnCpu(cdlGrade(s, 0), registry(), img);
        ASSERT_TRUE(out.isOk()) << out.status().message();
        for (int i = 0; i < 8; ++i) {
            double in[3] = {img.rgba[i * 4], img.rgba[i * 4 + 1], img.rgba[i * 4 + 2]};
            double want[3];
            ascReference(s, in, want);
            for (int c = 0; c < 3; ++c) {
                EXPECT_NEAR(out->rgba[i * 4 + c], want[c], 1e-6) << "input " << i << " ch " << c;
            }
        }
    }
}

void writeCc(const std::filesystem::path& path, const Sop& s) {
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fprintf(f,
                 "<ColorCorrection id=\"shot\">\n <SOPNode>\n  <Slope>%.9g %.9g %.9g</Slope>\n"
                 "  <Offset>%.9g %.9g %.9g</Offset>\n  <Power>%.9g %.9g %.9g</Power>\n"
                 " </SOPNode>\n <SATNode>\n  <Saturation>%.9g</Saturation>\n </SATNode>\n"
                 "</ColorCorrection>\n",
                 s.slope[0], s.slope[1], s.slope[2], s.offset[0], s.offset[1], s.offset[2],
                 s.power[0], s.power[1], s.power[2], s.sat);
    std::fclose(f);
}

using CdlAgainstOpenColorIO = test::GpuTest;

// OpenColorIO applies a .cc without clamping (its CDL_NO_CLAMP style): the node's style 1.
TEST_F(CdlAgainstOpenColorIO, GpuMatchesOiiotoolOciofiletransform) {
    test::TempDir dir;
    test::writeMinimalOcioConfig(dir / "config.ocio");
    // Positive values from 0 to 1.5 (OCIO's no-clamp CDL and ours agree there by definition;
    // below 0 OCIO leaves the power out, as style 1 does).
    media::Image input(96, 64, media::PixelType::Float);
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 96; ++x) {
            input.setSample(x, y, 0, float(x) / 63.0f);
            input.setSample(x, y, 1, float(y) / 42.0f);
            input.setSample(x, y, 2, float((x * 7 + y * 13) % 97) / 64.0f - 0.2f);
            input.setSample(x, y, 3, 1.0f);
        }
    media::ExrFrame frame;
    frame.image = input;
    frame.dataWindow = frame.displayWindow = {0, 0, 95, 63};
    frame.compression = media::ExrCompression::None;
    ASSERT_TRUE(media::writeExr(dir / "in.exr", frame).isOk());

    for (std::size_t k = 1; k < std::size(kSops); ++k) {
        writeCc(dir / "look.cc", kSops[k]);
        const std::string cmd = std::string(OIIOTOOL_BINARY) + " --colorconfig '" +
                                (dir / "config.ocio").string() + "' '" + (dir / "in.exr").string() +
                                "' --ociofiletransform '" + (dir / "look.cc").string() + "' -o '" +
                                (dir / "ocio.exr").string() + "' 2>&1";
        ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
        auto ocio = media::readExr(dir / "ocio.exr");
        ASSERT_TRUE(ocio.isOk()) << ocio.status().message();

        auto out = renderOnGpu(device(), cdlGrade(kSops[k], 1), input);
        ASSERT_TRUE(out.isOk()) << out.status().message();
        double worst = 0;
        for (int y = 0; y < 64; ++y)
            for (int x = 0; x < 96; ++x)
                for (int c = 0; c < 3; ++c) {
                    const double a = out->sample(x, y, c), b = ocio->image.sample(x, y, c);
                    worst = std::max(worst, std::fabs(a - b));
                    ASSERT_NEAR(a, b, 1e-5) << "sop " << k << " pixel " << x << "," << y << " ch "
                                            << c << " input " << input.sample(x, y, c);
                }
        RecordProperty("sop" + std::to_string(k) + "_max_abs_error", std::to_string(worst));
    }
}

}  // namespace
}  // namespace emu::graph
