#include "emulsion/media/ClipRegistry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>

#include "TempDir.h"
#include "emulsion/media/ExrWriter.h"

namespace emu::media {
namespace {

// A small frame whose pixels say which frame it is.
ExrFrame numberedFrame(int frame) {
    ExrFrame f;
    f.image = Image(8, 4, PixelType::Half);
    for (int y = 0; y < 4; ++y) {
        for (int x = 0; x < 8; ++x) {
            f.image.setSample(x, y, 0, float(frame));
            f.image.setSample(x, y, 1, 0.25f * x);
            f.image.setSample(x, y, 2, 0.5f * y);
            f.image.setSample(x, y, 3, 1.0f);
        }
    }
    f.dataWindow = f.displayWindow = {0, 0, 7, 3};
    f.attributes.timeCode = ExrTimecode::parse("01:00:00:" + std::string(frame < 10 ? "0" : "") +
                                               std::to_string(frame));
    f.attributes.framesPerSecond = std::make_pair(24000, 1001);
    f.attributes.strings["reelName"] = "A001";
    return f;
}

TEST(ClipRegistry, ExrSequenceReportsItsHeaderAndReadsEachFrame) {
    test::TempDir dir;
    for (int f : {3, 4, 6}) {
        ASSERT_TRUE(
            writeExr(dir / ("A001C007_" + std::to_string(f + 1000) + ".exr"), numberedFrame(f))
                .isOk());
    }
    // Frame numbers 1003..1006 hold frames whose pixels and time codes say 3, 4, 6.
    auto reader = builtinClipReaders().open(dir / "A001C007_1004.exr");
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    const ClipInfo& info = (*reader)->info();
    EXPECT_EQ(info.format, "exr");
    EXPECT_EQ(info.width, 8);
    EXPECT_EQ(info.height, 4);
    EXPECT_EQ(info.rate, (FrameRate{24000, 1001}));
    EXPECT_EQ(info.firstFrame, 1003);
    EXPECT_EQ(info.frameCount, 4);
    EXPECT_EQ(info.missingFrames, std::vector<int>{1005});
    EXPECT_EQ(info.startTimecode, "01:00:00:03");
    EXPECT_EQ(info.reel, "A001");
    EXPECT_EQ(info.clipName, "A001C007");
    auto frame = (*reader)->read(1006);
    ASSERT_TRUE(frame.isOk()) << frame.status().message();
    EXPECT_EQ(frame->image.sample(0, 0, 0), 6.0f);
    EXPECT_EQ(frame->timecode, "01:00:00:06");
    auto gap = (*reader)->read(1005);
    EXPECT_EQ(gap.status().code(), ErrorCode::NotFound);
    EXPECT_NE(gap.status().message().find("A001C007_1005.exr"), std::string::npos);
}

TEST(ClipRegistry, DataWindowIsPlacedInTheDisplayWindow) {
    test::TempDir dir;
    ExrFrame f = numberedFrame(1);
    f.dataWindow = {0, 0, 7, 3};
    f.displayWindow = {-2, -1, 9, 4};
    ASSERT_TRUE(writeExr(dir / "overscan.exr", f).isOk());
    auto reader = builtinClipReaders().open(dir / "overscan.exr");
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    EXPECT_EQ((*reader)->info().width, 12);
    EXPECT_EQ((*reader)->info().height, 6);
    auto frame = (*reader)->read(0);
    ASSERT_TRUE(frame.isOk());
    EXPECT_EQ(frame->image.sample(0, 0, 3), 0.0f);          // outside the data window
    EXPECT_EQ(frame->image.sample(2 + 4, 1 + 2, 1), 1.0f);  // data (4, 2): 0.25 * 4
    EXPECT_EQ(frame->image.sample(2 + 4, 1 + 2, 2), 1.0f);  // 0.5 * 2
}

// 16-bit TIFF written by oiiotool from a float EXR: code values are value * 65535 rounded,
// read back divided by 65535.
TEST(ClipRegistry, SixteenBitTiffReadsAsNormalisedFloats) {
    test::TempDir dir;
    ExrFrame f = numberedFrame(0);
    f.image = f.image.converted(PixelType::Float);
    for (int x = 0; x < 8; ++x) f.image.setSample(x, 0, 0, x / 7.0f);
    ASSERT_TRUE(writeExr(dir / "src.exr", f).isOk());
    ASSERT_EQ(std::system((std::string(OIIOTOOL_BINARY) + " '" + (dir / "src.exr").string() +
                           "' -d uint16 -o '" + (dir / "ramp.tif").string() + "'")
                              .c_str()),
              0);
    auto reader = builtinClipReaders().open(dir / "ramp.tif");
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    EXPECT_EQ((*reader)->info().format, "tiff");
    EXPECT_EQ((*reader)->info().bitDepth, 16);
    auto frame = (*reader)->read(0);
    ASSERT_TRUE(frame.isOk()) << frame.status().message();
    for (int x = 0; x < 8; ++x) {
        const float code = std::round(x / 7.0f * 65535.0f);
        EXPECT_FLOAT_EQ(frame->image.sample(x, 0, 0), code / 65535.0f) << x;
    }
    EXPECT_EQ(frame->image.sample(3, 2, 3), 1.0f);

    // The same file under a name without a known extension is told by its first bytes.
    std::filesystem::copy_file(dir / "ramp.tif", dir / "ramp.data");
    const ClipRegistry registry = builtinClipReaders();
    const ClipReaderType* type = registry.find(dir / "ramp.data");
    ASSERT_NE(type, nullptr);
    EXPECT_EQ(type->id, "tiff");
}

TEST(ClipRegistry, UnknownAndDamagedFilesAreClearErrors) {
    test::TempDir dir;
    std::ofstream(dir / "notes.txt") << "not a picture";
    auto unknown = builtinClipReaders().open(dir / "notes.txt");
    EXPECT_EQ(unknown.status().code(), ErrorCode::Unsupported);
    EXPECT_NE(unknown.status().message().find("notes.txt"), std::string::npos);

    std::ofstream(dir / "bad.tif", std::ios::binary) << std::string("II*\0\x08\0\0\0garbage", 15);
    auto bad = builtinClipReaders().open(dir / "bad.tif");
    EXPECT_FALSE(bad.isOk());
    EXPECT_NE(bad.status().message().find("bad.tif"), std::string::npos) << bad.status().message();

    auto missing = builtinClipReaders().open(dir / "absent.exr");
    EXPECT_EQ(missing.status().code(), ErrorCode::NotFound);
    EXPECT_NE(missing.status().message().find("absent.exr"), std::string::npos);
}

}  // namespace
}  // namespace emu::media
