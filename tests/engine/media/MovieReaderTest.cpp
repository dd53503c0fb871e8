#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "MovieTestMedia.h"
#include "TempDir.h"
#include "emulsion/media/ImageCompare.h"
#include "emulsion/media/MovieReader.h"

namespace emu::media {
namespace {

using test::makeMovie;

// One code value at 10 bits: the agreement the decode must reach with ffmpeg's own.
constexpr double kTenBitCode = 1.0 / 1023.0;

// Rec. 709 tags, so the file says which matrix converts it.
const std::string kTags =
    " -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv";

std::unique_ptr<MovieReader> openOrFail(const std::filesystem::path& path) {
    auto reader = MovieReader::open(path);
    EXPECT_TRUE(reader.isOk()) << reader.status().message();
    return reader.isOk() ? std::move(reader).value() : nullptr;
}

TEST(MovieReader, ProbeReportsCodecRateCountTimecodeAndReel) {
    test::TempDir dir;
    const auto path = dir / "A001C003.mov";
    const auto made = makeMovie(path, "testsrc2=s=64x48:r=24000/1001",
                                "-frames:v 20 -c:v prores_ks -profile:v 3 -timecode 01:00:00:00 "
                                "-metadata:s:v reel_name=A001 -r 24000/1001");
    ASSERT_EQ(made.exitCode, 0) << made.output;
    auto reader = openOrFail(path);
    ASSERT_TRUE(reader);
    const ClipInfo& info = reader->info();
    EXPECT_EQ(info.format, "movie");
    EXPECT_EQ(info.codec, "prores");
    EXPECT_EQ(info.path, path);
    EXPECT_EQ(info.width, 64);
    EXPECT_EQ(info.height, 48);
    EXPECT_EQ(info.pixelAspect, 1.0f);
    EXPECT_EQ(info.rate, (FrameRate{24000, 1001}));
    EXPECT_EQ(info.firstFrame, 0);
    EXPECT_EQ(info.frameCount, 20);
    EXPECT_EQ(info.startTimecode, "01:00:00:00");
    EXPECT_EQ(info.reel, "A001");
    EXPECT_EQ(info.clipName, "A001C003");
    EXPECT_EQ(info.bitDepth, 10);
    EXPECT_FALSE(info.raw);
}

TEST(MovieReader, ProbeReportsPixelAspectAndCamera) {
    test::TempDir dir;
    const auto path = dir / "anamorphic.mov";
    const auto made = makeMovie(path, "testsrc2=s=64x48:r=24,setsar=2/1",
                                "-frames:v 2 -c:v prores_ks -metadata make=ARRI "
                                "-metadata model='ALEXA Mini'");
    ASSERT_EQ(made.exitCode, 0) << made.output;
    auto reader = openOrFail(path);
    ASSERT_TRUE(reader);
    EXPECT_EQ(reader->info().pixelAspect, 2.0f);
    EXPECT_EQ(reader->info().camera, "ARRI ALEXA Mini");
    EXPECT_EQ(reader->info().startTimecode, "");
    auto frame = reader->read(1);
    ASSERT_TRUE(frame.isOk()) << frame.status().message();
    EXPECT_EQ(frame->timecode, "");
    EXPECT_EQ(frame->image.width(), 64);  // stored pixels; the aspect is for display
}

TEST(MovieReader, DropFrameTimecodeKeepsItsSemicolonAndSkipsDroppedNumbers) {
    test::TempDir dir;
    const auto path = dir / "df.mov";
    // 00:00:59;28 + 2 frames crosses a minute at 29.97 drop frame: ;00 and ;01 do not exist.
    const auto made = makeMovie(path, "testsrc2=s=64x48:r=30000/1001",
                                "-frames:v 4 -c:v prores_ks -profile:v 0 -timecode '00:00:59;28'");
    ASSERT_EQ(made.exitCode, 0) << made.output;
    auto reader = openOrFail(path);
    ASSERT_TRUE(reader);
    EXPECT_EQ(reader->info().rate, (FrameRate{30000, 1001}));
    EXPECT_EQ(reader->info().startTimecode, "00:00:59;28");
    const char* expected[] = {"00:00:59;28", "00:00:59;29", "00:01:00;02", "00:01:00;03"};
    for (int i = 0; i < 4; ++i) {
        auto frame = reader->read(i);
        ASSERT_TRUE(frame.isOk()) << frame.status().message();
        EXPECT_EQ(frame->timecode, expected[i]) << "frame " << i;
    }

    const auto hour = dir / "hour.mov";
    ASSERT_EQ(makeMovie(hour, "testsrc2=s=64x48:r=30000/1001",
                        "-frames:v 2 -c:v prores_ks -timecode '01:00:00;00'")
                  .exitCode,
              0);
    auto second = openOrFail(hour);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->info().startTimecode, "01:00:00;00");
}

TEST(MovieReader, FrameTimecodesCountFromTheStartAt23976LikeAt24) {
    test::TempDir dir;
    const auto path = dir / "tc.mov";
    ASSERT_EQ(makeMovie(path, "testsrc2=s=64x48:r=24000/1001",
                        "-frames:v 30 -c:v prores_ks -profile:v 0 -timecode 10:59:59:20")
                  .exitCode,
              0);
    auto reader = openOrFail(path);
    ASSERT_TRUE(reader);
    auto frame = reader->read(29);
    ASSERT_TRUE(frame.isOk()) << frame.status().message();
    EXPECT_EQ(frame->timecode, "11:00:01:01");
}

TEST(MovieReader, ProRes4444KeepsTwelveBitsAndAlpha) {
    test::TempDir dir;
    const auto path = dir / "alpha.mov";
    // An alpha ramp: the picture's luma becomes its alpha.
    const auto made =
        makeMovie(path,
                  "testsrc2=s=64x48:r=24,format=yuva444p,geq=lum='lum(X,Y)':cb='cb(X,Y)':cr='cr(X,"
                  "Y)':a='X*4'",
                  "-frames:v 3 -c:v prores_ks -profile:v 4 -pix_fmt yuva444p10le" + kTags);
    ASSERT_EQ(made.exitCode, 0) << made.output;
    auto reader = openOrFail(path);
    ASSERT_TRUE(reader);
    EXPECT_EQ(reader->info().bitDepth, 12);
    auto frame = reader->read(2);
    ASSERT_TRUE(frame.isOk()) << frame.status().message();
    const Image reference = test::ffmpegFrame(path, 2, 64, 48, true);
    ASSERT_FALSE(reference.empty());
    auto diff = compareImages(frame->image, reference);
    ASSERT_TRUE(diff.isOk());
    EXPECT_LE(diff->maxAbsError, kTenBitCode) << diff->describe();
    // Alpha is really carried: it rises across the picture.
    EXPECT_LT(frame->image.sample(0, 10, 3), 0.05f);
    EXPECT_GT(frame->image.sample(60, 10, 3), 0.9f);
}

struct CodecCase {
    const char* name;
    const char* size;
    const char* options;
};

class MovieDecode : public testing::TestWithParam<CodecCase> {};

// Frame 7 reached by seeking, and again by reading from the start in order, equals ffmpeg's
// own decode of frame 7 within one 10-bit code value.
TEST_P(MovieDecode, FrameSevenMatchesFfmpegSeekingAndInOrder) {
    const CodecCase& c = GetParam();
    test::TempDir dir;
    const auto path = dir / (std::string(c.name) + ".mov");
    const auto made = makeMovie(path, std::string("testsrc=r=24:s=") + c.size,
                                std::string("-frames:v 24 ") + c.options);
    ASSERT_EQ(made.exitCode, 0) << made.output;
    auto reader = openOrFail(path);
    ASSERT_TRUE(reader);
    const int w = reader->info().width, h = reader->info().height;
    const Image reference = test::ffmpegFrame(path, 7, w, h, false);
    ASSERT_FALSE(reference.empty());

    ASSERT_TRUE(reader->read(20).isOk());
    const int seeksBefore = reader->seekCount();
    auto sought = reader->read(7);
    ASSERT_TRUE(sought.isOk()) << sought.status().message();
    EXPECT_GT(reader->seekCount(), seeksBefore);
    auto diff = compareImages(sought->image, reference);
    ASSERT_TRUE(diff.isOk());
    EXPECT_LE(diff->maxAbsError, kTenBitCode) << "seeking: " << diff->describe();
    RecordProperty(std::string(c.name) + "_max_abs_error", std::to_string(diff->maxAbsError));

    auto inOrder = openOrFail(path);
    ASSERT_TRUE(inOrder);
    const int seeksAtOpen = inOrder->seekCount();
    Frame last;
    for (int i = 0; i <= 7; ++i) {
        auto frame = inOrder->read(i);
        ASSERT_TRUE(frame.isOk()) << frame.status().message();
        last = std::move(frame).value();
    }
    EXPECT_EQ(inOrder->seekCount(), seeksAtOpen) << "reading in order must not seek";
    EXPECT_EQ(last.image, sought->image);
}

INSTANTIATE_TEST_SUITE_P(
    Codecs, MovieDecode,
    testing::Values(
        CodecCase{
            "prores_hq", "64x48",
            "-c:v prores_ks -profile:v 3 -pix_fmt yuv422p10le -colorspace bt709 -color_range tv"},
        CodecCase{"dnxhr_hq", "256x144",
                  "-c:v dnxhd -profile:v dnxhr_hq -pix_fmt yuv422p -colorspace bt709"},
        CodecCase{"h264", "64x48",
                  "-c:v libx264 -pix_fmt yuv420p -g 6 -bf 2 -colorspace bt709 -color_range tv"},
        CodecCase{"hevc", "64x48",
                  "-c:v libx265 -pix_fmt yuv420p10le -x265-params log-level=none:keyint=6 "
                  "-colorspace bt709"},
        // Untagged and below HD: BT.601, as ffmpeg reads it too.
        CodecCase{"prores_untagged", "64x48", "-c:v prores_ks -profile:v 2"}),
    [](const testing::TestParamInfo<CodecCase>& info) { return std::string(info.param.name); });

TEST(MovieReader, RandomSeeksGiveTheSamePixelsAsDecodingInOrder) {
    test::TempDir dir;
    const auto path = dir / "gop.mov";
    const auto made = makeMovie(path, "testsrc=s=64x48:r=24",
                                "-frames:v 30 -c:v libx264 -pix_fmt yuv420p -g 5 -bf 3" + kTags);
    ASSERT_EQ(made.exitCode, 0) << made.output;
    auto reader = openOrFail(path);
    ASSERT_TRUE(reader);
    ASSERT_EQ(reader->info().frameCount, 30);
    std::vector<Image> inOrder;
    for (int i = 0; i < 30; ++i) {
        auto frame = reader->read(i);
        ASSERT_TRUE(frame.isOk()) << frame.status().message();
        inOrder.push_back(std::move(frame->image));
    }
    // Successive frames differ, so a frame off by one would be seen.
    for (int i = 1; i < 30; ++i) EXPECT_NE(inOrder[i], inOrder[i - 1]) << i;

    const int order[] = {17, 3, 29, 0, 12, 11, 25, 4, 4, 5, 28, 9, 21, 1, 14, 6, 29, 2};
    auto random = openOrFail(path);
    ASSERT_TRUE(random);
    for (int i : order) {
        auto frame = random->read(i);
        ASSERT_TRUE(frame.isOk()) << frame.status().message();
        EXPECT_EQ(frame->image, inOrder[i]) << "frame " << i;
    }
}

TEST(MovieReader, CountsFramesWhereTheContainerDoesNot) {
    test::TempDir dir;
    // Matroska keeps no frame count: the reader works it out from the duration and checks it.
    const auto path = dir / "count.mkv";
    const auto made =
        makeMovie(path, "testsrc2=s=64x48:r=25", "-frames:v 23 -c:v libx264 -g 10 -bf 2");
    ASSERT_EQ(made.exitCode, 0) << made.output;
    auto reader = openOrFail(path);
    ASSERT_TRUE(reader);
    EXPECT_EQ(reader->info().frameCount, 23);
    EXPECT_EQ(reader->info().rate, (FrameRate{25, 1}));
    auto last = reader->read(22);
    EXPECT_TRUE(last.isOk()) << last.status().message();
    auto past = reader->read(23);
    ASSERT_FALSE(past.isOk());
    EXPECT_EQ(past.status().code(), ErrorCode::NotFound);
    EXPECT_NE(past.status().message().find(path.string()), std::string::npos);
}

}  // namespace
}  // namespace emu::media
