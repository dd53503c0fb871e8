#include <gtest/gtest.h>

#include <OpenColorIO/OpenColorIO.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "CliRunner.h"
#include "TempDir.h"
#include "emulsion/color/ColorConfig.h"
#include "emulsion/color/OcioAccess.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/media/TestPattern.h"

namespace emu::test {
namespace {

namespace OCIO = OCIO_NAMESPACE;
using media::ExrFrame;
using media::PixelType;

// A small config of our own: a linear reference, a matrix space and a camera-style log space
// with a linear toe, so that negative values stay defined.
constexpr const char* kConfig = R"(ocio_profile_version: 2

roles:
  default: lin
  scene_linear: lin

file_rules:
  - !<Rule> {name: Default, colorspace: lin}

displays:
  Monitor:
    - !<View> {name: Log, colorspace: logc}
    - !<View> {name: Wide, colorspace: wide}

colorspaces:
  - !<ColorSpace>
    name: lin
    encoding: scene-linear

  - !<ColorSpace>
    name: wide
    encoding: scene-linear
    to_scene_reference: !<MatrixTransform> {matrix: [0.9, 0.05, 0.05, 0, 0.1, 0.85, 0.05, 0, 0.02, 0.08, 0.9, 0, 0, 0, 0, 1]}

  - !<ColorSpace>
    name: logc
    encoding: log
    from_scene_reference: !<LogCameraTransform> {base: 2, log_side_slope: 0.0625, log_side_offset: 0.5, lin_side_slope: 1, lin_side_offset: 0.01, lin_side_break: 0.005}
)";

std::filesystem::path writeConfig(const TempDir& dir) {
    std::ofstream(dir / "config.ocio") << kConfig;
    return dir / "config.ocio";
}

// Float RGBA with negatives and values above one.
ExrFrame makeFrame(int widthPx, int heightPx, float lo, float hi) {
    ExrFrame f;
    f.image = media::makeNoise(widthPx, heightPx, PixelType::Float, 7, lo, hi);
    f.dataWindow = {0, 0, widthPx - 1, heightPx - 1};
    f.displayWindow = f.dataWindow;
    f.layout = media::ChannelLayout::Rgba;
    return f;
}

media::Image readImage(const std::filesystem::path& file) {
    auto frame = media::readExr(file);
    EXPECT_TRUE(frame.isOk()) << file << ": " << frame.status().message();
    return frame.isOk() ? frame->image : media::Image();
}

// RGB within 1e-4 relative (to max(1, |want|)), alpha unchanged.
void expectClose(const media::Image& got, const media::Image& want, const media::Image& in) {
    ASSERT_EQ(got.width(), want.width());
    ASSERT_EQ(got.height(), want.height());
    ASSERT_EQ(got.type(), in.type());
    double maxError = 0.0;
    for (int y = 0; y < got.height(); ++y) {
        for (int x = 0; x < got.width(); ++x) {
            for (int c = 0; c < 3; ++c) {
                const double g = got.sample(x, y, c), w = want.sample(x, y, c);
                ASSERT_TRUE(std::isfinite(g) && std::isfinite(w)) << x << "," << y << "," << c;
                const double err = std::abs(g - w) / std::max(1.0, std::abs(w));
                maxError = std::max(maxError, err);
                EXPECT_LE(err, 1e-4) << x << "," << y << "," << c << ": " << g << " vs " << w;
            }
            EXPECT_EQ(got.sample(x, y, 3), in.sample(x, y, 3));
        }
    }
    ::testing::Test::RecordProperty("max_relative_error", std::to_string(maxError));
}

// `in` through OCIO's CPU processor from `from` to `to`, times `scale` afterwards.
media::Image cpuConvert(OCIO::ConstConfigRcPtr config, const media::Image& in,
                        const std::string& from, const std::string& to, float scale = 1.0f) {
    std::vector<float> pixels;
    for (int y = 0; y < in.height(); ++y) {
        for (int x = 0; x < in.width(); ++x) {
            for (int c = 0; c < 4; ++c) pixels.push_back(in.sample(x, y, c));
        }
    }
    OCIO::PackedImageDesc desc(pixels.data(), in.width(), in.height(), 4);
    config->getProcessor(from.c_str(), to.c_str())->getDefaultCPUProcessor()->apply(desc);
    media::Image out = in;
    for (int y = 0; y < in.height(); ++y) {
        for (int x = 0; x < in.width(); ++x) {
            const float* p = &pixels[(static_cast<std::size_t>(y) * in.width() + x) * 4];
            for (int c = 0; c < 3; ++c) out.setSample(x, y, c, p[c] * scale);
        }
    }
    return out;
}

TEST(ColorGrade, FromToAgreesWithOcioconvert) {
    TempDir dir;
    const auto config = writeConfig(dir);
    ExrFrame frame = makeFrame(64, 32, -0.5f, 8.0f);
    ASSERT_TRUE(media::writeExr(dir / "in.exr", frame).isOk());
    for (auto [from, to] : {std::pair{"wide", "logc"}, std::pair{"logc", "wide"}}) {
        CommandResult ours = runEmulsion(
            "--ocio " + quotePath(config) + " grade " + quotePath(dir / "in.exr") + " " +
            quotePath(dir / "ours.exr") + " --from " + from + " --to " + to + " -q");
        ASSERT_EQ(ours.exitCode, 0) << ours.output;
        CommandResult theirs = runCommand("OCIO=" + quotePath(config) + " " + OCIOCONVERT_BINARY +
                                          " " + quotePath(dir / "in.exr") + " " + from + " " +
                                          quotePath(dir / "theirs.exr") + " " + to);
        ASSERT_EQ(theirs.exitCode, 0) << theirs.output;
        SCOPED_TRACE(std::string(from) + " -> " + to);
        expectClose(readImage(dir / "ours.exr"), readImage(dir / "theirs.exr"), frame.image);
    }
}

TEST(ColorGrade, DisplayViewAgreesWithOcioconvert) {
    TempDir dir;
    const auto config = writeConfig(dir);
    ExrFrame frame = makeFrame(64, 32, -0.5f, 8.0f);
    ASSERT_TRUE(media::writeExr(dir / "in.exr", frame).isOk());
    CommandResult ours =
        runEmulsion("--ocio " + quotePath(config) + " grade " + quotePath(dir / "in.exr") + " " +
                    quotePath(dir / "ours.exr") + " --from wide --display Monitor --view Log -q");
    ASSERT_EQ(ours.exitCode, 0) << ours.output;
    CommandResult theirs = runCommand("OCIO=" + quotePath(config) + " " + OCIOCONVERT_BINARY +
                                      " --view " + quotePath(dir / "in.exr") + " wide " +
                                      quotePath(dir / "theirs.exr") + " Monitor Log");
    ASSERT_EQ(theirs.exitCode, 0) << theirs.output;
    expectClose(readImage(dir / "ours.exr"), readImage(dir / "theirs.exr"), frame.image);
}

// Input transform, then the grade, then the output transform: wide -> lin, one stop up, then
// lin shown through Monitor/Log (the logc space).
TEST(ColorGrade, InputTransformExposureThenDisplay) {
    TempDir dir;
    const auto config = writeConfig(dir);
    ExrFrame frame = makeFrame(40, 24, -0.25f, 6.0f);
    ASSERT_TRUE(media::writeExr(dir / "in.exr", frame).isOk());
    CommandResult ours =
        runEmulsion("--ocio " + quotePath(config) + " grade " + quotePath(dir / "in.exr") + " " +
                    quotePath(dir / "ours.exr") +
                    " --from wide --to lin --exposure 1 --display Monitor --view Log -q");
    ASSERT_EQ(ours.exitCode, 0) << ours.output;
    auto ocio = OCIO::Config::CreateFromFile(config.string().c_str());
    media::Image want = cpuConvert(ocio, frame.image, "wide", "lin", 2.0f);
    want = cpuConvert(ocio, want, "lin", "logc");
    expectClose(readImage(dir / "ours.exr"), want, frame.image);
}

TEST(ColorGrade, BuiltinAcesCctToAces2065MatchesOcioCpu) {
    TempDir dir;
    ExrFrame frame = makeFrame(48, 16, -0.1f, 1.2f);  // ACEScct code values
    ASSERT_TRUE(media::writeExr(dir / "in.exr", frame).isOk());
    CommandResult ours =
        runEmulsion("grade " + quotePath(dir / "in.exr") + " " + quotePath(dir / "ours.exr") +
                    " --from ACEScct --to ACES2065-1 -q");
    ASSERT_EQ(ours.exitCode, 0) << ours.output;
    auto builtin = color::ColorConfig::builtin();
    ASSERT_TRUE(builtin.isOk());
    media::Image want =
        cpuConvert(color::OcioAccess::config(*builtin), frame.image, "ACEScct", "ACES2065-1");
    expectClose(readImage(dir / "ours.exr"), want, frame.image);
}

TEST(ColorGrade, UnknownSpaceFailsNamingItAndTheConfig) {
    TempDir dir;
    const auto config = writeConfig(dir);
    ASSERT_TRUE(media::writeExr(dir / "in.exr", makeFrame(8, 8, 0.0f, 1.0f)).isOk());
    CommandResult r =
        runEmulsion("--ocio " + quotePath(config) + " grade " + quotePath(dir / "in.exr") + " " +
                    quotePath(dir / "out.exr") + " --from Nonexistent --to lin");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("Nonexistent"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("config.ocio"), std::string::npos) << r.output;
    EXPECT_FALSE(std::filesystem::exists(dir / "out.exr"));

    r = runEmulsion("--ocio " + quotePath(config) + " grade " + quotePath(dir / "in.exr") + " " +
                    quotePath(dir / "out.exr") + " --from lin --display Monitor --view Nope");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("Nope"), std::string::npos) << r.output;

    r = runEmulsion("--ocio " + quotePath(dir / "missing.ocio") + " grade " +
                    quotePath(dir / "in.exr") + " " + quotePath(dir / "out.exr") +
                    " --from lin --to wide");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("missing.ocio"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace emu::test
