#include <gtest/gtest.h>

#include <cmath>

#include "CliRunner.h"
#include "TempDir.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/media/TestPattern.h"

namespace emu::test {
namespace {

using media::ExrFrame;
using media::PixelType;

// A frame with every kind of value a grade must survive and the attributes a camera writes.
ExrFrame makeFrame(PixelType type, bool tiled, const std::string& partName = {}) {
    ExrFrame f;
    media::Image a = media::makeSpecialValues(61, 37, type);
    f.image = a;
    f.dataWindow = {-3, 5, -3 + 61 - 1, 5 + 37 - 1};  // data window != display window
    f.displayWindow = {0, 0, 63, 47};
    f.layout = media::ChannelLayout::Rgba;
    f.compression = media::ExrCompression::Zip;
    if (tiled) {
        f.storage = media::ExrStorage::Tiled;
        f.tileWidth = 16;
        f.tileHeight = 16;
    }
    f.partName = partName;
    f.attributes.timeCode = media::ExrTimecode{1, 2, 3, 4};
    f.attributes.framesPerSecond = std::make_pair(24000, 1001);
    f.attributes.chromaticities =
        std::array<float, 8>{0.7347f, 0.2653f, 0.0f, 1.0f, 0.0001f, -0.077f, 0.32168f, 0.33767f};
    f.attributes.strings["reelName"] = "A001";
    return f;
}

// The CPU computation the command must reproduce: rgb * 2 in fp32, rounded to the sample type
// to nearest even; alpha unchanged.
media::Image timesTwo(const media::Image& in) {
    media::Image out = in;
    for (int y = 0; y < in.height(); ++y) {
        for (int x = 0; x < in.width(); ++x) {
            for (int c = 0; c < 3; ++c) out.setSample(x, y, c, in.sample(x, y, c) * 2.0f);
        }
    }
    return out;
}

void expectSameBits(const media::Image& got, const media::Image& want) {
    ASSERT_EQ(got.width(), want.width());
    ASSERT_EQ(got.height(), want.height());
    ASSERT_EQ(got.type(), want.type());
    for (int y = 0; y < got.height(); ++y) {
        for (int x = 0; x < got.width(); ++x) {
            for (int c = 0; c < 4; ++c) {
                float g = got.sample(x, y, c), w = want.sample(x, y, c);
                if (std::isnan(w)) {
                    ASSERT_TRUE(std::isnan(g)) << x << "," << y << "," << c;
                } else {
                    ASSERT_EQ(g, w) << x << "," << y << "," << c;
                }
            }
        }
    }
}

void expectAttributesKept(const ExrFrame& got, const ExrFrame& want) {
    EXPECT_EQ(got.dataWindow, want.dataWindow);
    EXPECT_EQ(got.displayWindow, want.displayWindow);
    EXPECT_EQ(got.storage, want.storage);
    ASSERT_TRUE(got.attributes.timeCode.has_value());
    EXPECT_EQ(got.attributes.timeCode->hours, 1);
    EXPECT_EQ(got.attributes.timeCode->frame, 4);
    EXPECT_EQ(got.attributes.framesPerSecond, want.attributes.framesPerSecond);
    EXPECT_EQ(got.attributes.chromaticities, want.attributes.chromaticities);
    EXPECT_EQ(got.attributes.strings.at("reelName"), "A001");
}

struct Case {
    PixelType type;
    bool tiled;
    bool multiPart;
};

class GradeExposure : public ::testing::TestWithParam<Case> {};

TEST_P(GradeExposure, OneStopDoublesTheInputAndKeepsAttributes) {
    const Case c = GetParam();
    TempDir dir;
    ExrFrame frame = makeFrame(c.type, c.tiled, c.multiPart ? "beauty" : "");
    if (c.multiPart) {
        ExrFrame other = makeFrame(c.type, c.tiled, "matte");
        other.image = media::makeRamp(61, 37, c.type, 0.0f, 1.0f);
        ASSERT_TRUE(media::writeExrParts(dir / "in.exr", {other, frame}).isOk());
    } else {
        ASSERT_TRUE(media::writeExr(dir / "in.exr", frame).isOk());
    }
    std::string args = shellQuote((dir / "in.exr").string()) + " " +
                       shellQuote((dir / "out.exr").string()) + " --exposure 1 --quiet";
    if (c.multiPart) args += " --part beauty";
    CommandResult r = runEmulsion("grade " + args);
    ASSERT_EQ(r.exitCode, 0) << r.output;

    auto out = media::readExr(dir / "out.exr");
    ASSERT_TRUE(out.isOk()) << out.status().message();
    expectSameBits(out->image, timesTwo(frame.image));
    expectAttributesKept(*out, frame);
}

INSTANTIATE_TEST_SUITE_P(
    HalfFloatScanlineTiledSingleMulti, GradeExposure,
    ::testing::Values(Case{PixelType::Half, false, false}, Case{PixelType::Float, false, false},
                      Case{PixelType::Half, true, false}, Case{PixelType::Float, true, false},
                      Case{PixelType::Half, false, true}, Case{PixelType::Float, true, true}),
    [](const auto& info) {
        return std::string(info.param.type == PixelType::Half ? "Half" : "Float") +
               (info.param.tiled ? "Tiled" : "Scanline") +
               (info.param.multiPart ? "MultiPart" : "SinglePart");
    });

// The same frame through oiiotool --mulc 2, an independent implementation of the same maths.
TEST(GradeCommand, AgreesWithOiiotoolMulc2) {
    for (PixelType type : {PixelType::Half, PixelType::Float}) {
        TempDir dir;
        ExrFrame frame = makeFrame(type, false);
        frame.image = media::makeTestChart(96, 54, type);
        frame.dataWindow = {0, 0, 95, 53};
        frame.displayWindow = frame.dataWindow;
        ASSERT_TRUE(media::writeExr(dir / "in.exr", frame).isOk());
        const std::string in = shellQuote((dir / "in.exr").string());
        CommandResult ours =
            runEmulsion("grade " + in + " " + shellQuote((dir / "ours.exr").string()) +
                        " --exposure 1 --quiet");
        ASSERT_EQ(ours.exitCode, 0) << ours.output;
        // Alpha is scaled by oiiotool's --mulc too unless told per channel: give it 2,2,2,1.
        CommandResult theirs =
            runCommand(std::string(OIIOTOOL_BINARY) + " " + in + " --mulc 2,2,2,1 -o " +
                       shellQuote((dir / "theirs.exr").string()));
        ASSERT_EQ(theirs.exitCode, 0) << theirs.output;
        auto a = media::readExr(dir / "ours.exr");
        auto b = media::readExr(dir / "theirs.exr");
        ASSERT_TRUE(a.isOk() && b.isOk());
        expectSameBits(a->image, b->image);
    }
}

TEST(GradeCommand, SequenceWithFrameRange) {
    TempDir dir;
    for (int f = 1001; f <= 1004; ++f) {
        ExrFrame frame = makeFrame(PixelType::Half, false);
        frame.image = media::makeNoise(61, 37, PixelType::Half, f, -1.0f, 4.0f);
        char name[64];
        std::snprintf(name, sizeof name, "plate.%06d.exr", f);
        ASSERT_TRUE(media::writeExr(dir / name, frame).isOk());
    }
    CommandResult r = runEmulsion("grade " + shellQuote((dir / "plate.%06d.exr").string()) + " " +
                                  shellQuote((dir / "graded.####.exr").string()) +
                                  " --exposure 1 --frames 1002-1003 -q");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_FALSE(std::filesystem::exists(dir / "graded.1001.exr"));
    EXPECT_FALSE(std::filesystem::exists(dir / "graded.1004.exr"));
    for (int f : {1002, 1003}) {
        char in[64], out[64];
        std::snprintf(in, sizeof in, "plate.%06d.exr", f);
        std::snprintf(out, sizeof out, "graded.%04d.exr", f);
        auto src = media::readExr(dir / in);
        auto dst = media::readExr(dir / out);
        ASSERT_TRUE(src.isOk() && dst.isOk()) << out;
        expectSameBits(dst->image, timesTwo(src->image));
    }
    // Without --frames, every frame on disk.
    r = runEmulsion("grade " + shellQuote((dir / "plate.%06d.exr").string()) + " " +
                    shellQuote((dir / "all.%d.exr").string()) + " --exposure -1 -q");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(std::filesystem::exists(dir / "all.1001.exr"));
    EXPECT_TRUE(std::filesystem::exists(dir / "all.1004.exr"));
}

TEST(GradeCommand, MissingInputNamesTheFileAndFails) {
    TempDir dir;
    CommandResult r = runEmulsion("grade " + shellQuote((dir / "nope.exr").string()) + " " +
                                  shellQuote((dir / "out.exr").string()) + " --exposure 1");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("nope.exr"), std::string::npos) << r.output;
    EXPECT_FALSE(std::filesystem::exists(dir / "out.exr"));
}

TEST(GradeCommand, CorruptInputFailsWithoutWritingOutput) {
    TempDir dir;
    ASSERT_TRUE(media::writeExr(dir / "in.exr", makeFrame(PixelType::Half, false)).isOk());
    std::filesystem::resize_file(dir / "in.exr", std::filesystem::file_size(dir / "in.exr") / 2);
    CommandResult r = runEmulsion("grade " + shellQuote((dir / "in.exr").string()) + " " +
                                  shellQuote((dir / "out.exr").string()) + " --exposure 1");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("in.exr"), std::string::npos) << r.output;
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                            std::filesystem::directory_iterator()),
              1)
        << "only the input may remain";
}

TEST(GradeCommand, RefusesToOverwriteItsInput) {
    TempDir dir;
    ASSERT_TRUE(media::writeExr(dir / "in.exr", makeFrame(PixelType::Half, false)).isOk());
    auto before = std::filesystem::last_write_time(dir / "in.exr");
    CommandResult r = runEmulsion("grade " + shellQuote((dir / "in.exr").string()) + " " +
                                  shellQuote((dir / "." / "in.exr").string()) + " --exposure 1");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("is the input"), std::string::npos) << r.output;
    EXPECT_EQ(std::filesystem::last_write_time(dir / "in.exr"), before);
}

TEST(GradeCommand, UsageErrorsExitNonZero) {
    EXPECT_NE(runEmulsion("grade only-one-arg.exr").exitCode, 0);
    EXPECT_NE(runEmulsion("grade a.exr b.exr").exitCode, 0);  // --exposure is required
    EXPECT_NE(runEmulsion("frobnicate").exitCode, 0);
    CommandResult help = runEmulsion("grade --help");
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.output.find("--exposure"), std::string::npos);
}

}  // namespace
}  // namespace emu::test
