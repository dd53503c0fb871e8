#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "MovieTestMedia.h"
#include "TempDir.h"
#include "emulsion/media/ImageCompare.h"
#include "emulsion/media/MovieReader.h"
#include "emulsion/media/MovieWriter.h"
#include "emulsion/media/TestPattern.h"

namespace emu::media {
namespace {

// Frame i of a short test clip: smooth ramps in R, G and B (the kind of picture a codec's
// stated accuracy is about; hard saturated edges are another matter for 4:2:2), a little
// darker each frame so every frame differs. Alpha is 1, or a ramp across the picture.
Image clipFrame(int w, int h, int i, bool alphaRamp = false) {
    Image img(w, h, PixelType::Float);
    const float scale = 1.0f - 0.05f * float(i);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const float u = float(x) / float(w - 1), v = float(y) / float(h - 1);
            img.setSample(x, y, 0, (0.05f + 0.9f * u) * scale);
            img.setSample(x, y, 1, (0.1f + 0.8f * v) * scale);
            img.setSample(x, y, 2, (0.9f - 0.4f * u - 0.4f * v) * scale);
            img.setSample(x, y, 3, alphaRamp ? 1.0f - u : 1.0f);
        }
    }
    return img;
}

Status writeClip(const std::filesystem::path& path, const MovieWriteOptions& options, int frames) {
    EMU_ASSIGN_OR_RETURN(auto writer, MovieWriter::create(path, options));
    for (int i = 0; i < frames; ++i)
        EMU_RETURN_IF_ERROR(
            writer->write(clipFrame(options.width, options.height, i, options.alpha)));
    return writer->close();
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(MovieWriter, ProRes4444ShowsItsTagVendorTimecodeAndReelToFfprobe) {
    test::TempDir dir;
    const auto path = dir / "master.mov";
    MovieWriteOptions o;
    o.codec = MovieCodec::ProRes4444;
    o.width = 64;
    o.height = 48;
    o.rate = {24000, 1001};
    o.startTimecode = "10:00:00:00";
    o.reel = "B002";
    const Status written = writeClip(path, o, 5);
    ASSERT_TRUE(written.isOk()) << written.message();

    const auto probe = test::runFfprobe(path, "-show_streams -show_format");
    ASSERT_EQ(probe.exitCode, 0) << probe.output;
    for (const char* expected :
         {"codec_name=prores", "codec_tag_string=ap4h", "profile=4444", "TAG:vendor_id=apl0",
          "TAG:timecode=10:00:00:00", "codec_tag_string=tmcd", "TAG:reel_name=B002",
          "r_frame_rate=24000/1001", "nb_frames=5", "color_space=bt709", "color_range=tv"})
        EXPECT_TRUE(contains(probe.output, expected)) << expected << " in\n" << probe.output;

    auto reader = MovieReader::open(path);
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    const ClipInfo& info = (*reader)->info();
    EXPECT_EQ(info.codec, "prores");
    EXPECT_EQ(info.frameCount, 5);
    EXPECT_EQ(info.rate, (FrameRate{24000, 1001}));
    EXPECT_EQ(info.startTimecode, "10:00:00:00");
    EXPECT_EQ(info.reel, "B002");
    EXPECT_EQ(info.bitDepth, 12);
    auto last = (*reader)->read(4);
    ASSERT_TRUE(last.isOk()) << last.status().message();
    EXPECT_EQ(last->timecode, "10:00:00:04");
}

struct RoundTrip {
    MovieCodec codec;
    int width;
    int height;
    double maxError;  // largest allowed |read - written| over RGB
    double minPsnr;   // [dB] over RGB
};

class MovieRoundTrip : public testing::TestWithParam<RoundTrip> {};

// What each codec gives back of a chart with hard edges: a frame read back is within the
// codec's stated error of what was written, and the errors measured are recorded.
TEST_P(MovieRoundTrip, ReadsBackWithinTheCodecsError) {
    const RoundTrip& p = GetParam();
    test::TempDir dir;
    const auto path = dir / "round.mov";
    MovieWriteOptions o;
    o.codec = p.codec;
    o.width = p.width;
    o.height = p.height;
    o.rate = {25, 1};
    const Status written = writeClip(path, o, 3);
    ASSERT_TRUE(written.isOk()) << written.message();
    auto reader = MovieReader::open(path);
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    ASSERT_EQ((*reader)->info().frameCount, 3);
    for (int i = 0; i < 3; ++i) {
        auto frame = (*reader)->read(i);
        ASSERT_TRUE(frame.isOk()) << frame.status().message();
        auto diff = compareImages(frame->image, clipFrame(p.width, p.height, i), 3);
        ASSERT_TRUE(diff.isOk());
        EXPECT_LE(diff->maxAbsError, p.maxError) << toString(p.codec) << ": " << diff->describe();
        EXPECT_GE(diff->psnrDb, p.minPsnr) << toString(p.codec) << ": " << diff->describe();
        if (i == 0) {
            RecordProperty(std::string(toString(p.codec)) + "_max_abs",
                           std::to_string(diff->maxAbsError));
            RecordProperty(std::string(toString(p.codec)) + "_psnr_db",
                           std::to_string(diff->psnrDb));
        }
    }
}

// Tolerances are about 1.5 x the errors measured on the ramps at 256 x 144 (FFmpeg 5.1): e.g.
// ProRes 4444 0.0022 (66.8 dB), ProRes HQ 0.0043 (58.2 dB), DNxHR HQ (8-bit) 0.021 (43.5 dB).
INSTANTIATE_TEST_SUITE_P(Codecs, MovieRoundTrip,
                         testing::Values(RoundTrip{MovieCodec::ProResProxy, 256, 144, 0.0125, 50},
                                         RoundTrip{MovieCodec::ProResLt, 256, 144, 0.006, 55},
                                         RoundTrip{MovieCodec::ProRes, 256, 144, 0.006, 55},
                                         RoundTrip{MovieCodec::ProResHq, 256, 144, 0.006, 55},
                                         RoundTrip{MovieCodec::ProRes4444, 256, 144, 0.0035, 63},
                                         RoundTrip{MovieCodec::ProRes4444Xq, 256, 144, 0.0035, 63},
                                         RoundTrip{MovieCodec::DnxhrHq, 256, 144, 0.03, 40},
                                         RoundTrip{MovieCodec::DnxhrHqx, 256, 144, 0.0065, 55},
                                         RoundTrip{MovieCodec::Dnxhr444, 256, 144, 0.005, 60}),
                         [](const testing::TestParamInfo<RoundTrip>& info) {
                             return std::string(toString(info.param.codec));
                         });

TEST(MovieWriter, ProRes4444KeepsAlpha) {
    test::TempDir dir;
    const auto path = dir / "alpha.mov";
    MovieWriteOptions o;
    o.codec = MovieCodec::ProRes4444;
    o.width = 64;
    o.height = 48;
    o.alpha = true;
    ASSERT_TRUE(writeClip(path, o, 2).isOk());
    auto reader = MovieReader::open(path);
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    auto frame = (*reader)->read(1);
    ASSERT_TRUE(frame.isOk()) << frame.status().message();
    double worst = 0.0;
    for (int y = 0; y < 48; ++y)
        for (int x = 0; x < 64; ++x)
            worst = std::max(
                worst, std::abs(double(frame->image.sample(x, y, 3)) - (1.0 - double(x) / 63.0)));
    // Measured 1.04e-3: the alpha ramp passes through 10 bits on its way in.
    EXPECT_LE(worst, 1.5 / 1023.0);
}

TEST(MovieWriter, DropFrameTimecodeRoundTrips) {
    test::TempDir dir;
    const auto path = dir / "df.mov";
    MovieWriteOptions o;
    o.codec = MovieCodec::ProResProxy;
    o.width = 64;
    o.height = 48;
    o.rate = {30000, 1001};
    o.startTimecode = "00:09:59;29";
    ASSERT_TRUE(writeClip(path, o, 2).isOk());
    auto reader = MovieReader::open(path);
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    EXPECT_EQ((*reader)->info().startTimecode, "00:09:59;29");
    auto second = (*reader)->read(1);
    ASSERT_TRUE(second.isOk());
    EXPECT_EQ(second->timecode, "00:10:00;00");  // every tenth minute keeps its ;00
}

TEST(MovieWriter, NothingAppearsUnderTheNameUntilClosed) {
    test::TempDir dir;
    const auto path = dir / "final.mov";
    std::ofstream(path) << "the previous version";
    MovieWriteOptions o;
    o.codec = MovieCodec::ProResHq;
    o.width = 64;
    o.height = 48;
    {
        auto writer = MovieWriter::create(path, o);
        ASSERT_TRUE(writer.isOk()) << writer.status().message();
        ASSERT_TRUE((*writer)->write(clipFrame(64, 48, 0)).isOk());
        const Status wrong = (*writer)->write(clipFrame(32, 48, 1));
        EXPECT_EQ(wrong.code(), ErrorCode::InvalidArgument);
        EXPECT_TRUE(contains(wrong.message(), path.string())) << wrong.message();
        // Abandoned without close(), as when a render is cancelled.
    }
    std::ifstream in(path);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "the previous version");
    int entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path()))
        ++entries;
    EXPECT_EQ(entries, 1) << "the temporary file must be gone";

    ASSERT_TRUE(writeClip(path, o, 2).isOk());
    auto reader = MovieReader::open(path);
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    EXPECT_EQ((*reader)->info().frameCount, 2);
}

TEST(MovieWriter, RefusesWhatItCannotWrite) {
    test::TempDir dir;
    const auto path = dir / "bad.mov";
    MovieWriteOptions o;
    o.codec = MovieCodec::ProResHq;
    o.width = 64;
    o.height = 48;
    auto refused = [&](MovieWriteOptions options, const std::filesystem::path& where,
                       ErrorCode code) {
        auto writer = MovieWriter::create(where, options);
        ASSERT_FALSE(writer.isOk()) << toString(options.codec) << " " << options.startTimecode
                                    << " alpha " << options.alpha << " " << where;
        EXPECT_EQ(writer.status().code(), code) << writer.status().message();
        EXPECT_TRUE(contains(writer.status().message(), where.string()))
            << writer.status().message();
    };
    MovieWriteOptions timecode = o;
    timecode.startTimecode = "25:00:00:00";
    refused(timecode, path, ErrorCode::InvalidArgument);
    timecode.startTimecode = "01:00:00;00";  // drop frame at 24 fps
    refused(timecode, path, ErrorCode::InvalidArgument);
    timecode.startTimecode = "01:00:00:24";  // no frame 24 at 24 fps
    refused(timecode, path, ErrorCode::InvalidArgument);
    timecode.rate = {30000, 1001};
    timecode.startTimecode = "01:01:00;01";  // a dropped number
    refused(timecode, path, ErrorCode::InvalidArgument);
    MovieWriteOptions alpha = o;
    alpha.alpha = true;
    refused(alpha, path, ErrorCode::InvalidArgument);
    MovieWriteOptions small = o;
    small.codec = MovieCodec::DnxhrHq;
    refused(small, path, ErrorCode::InvalidArgument);
    refused(o, dir / "no" / "such" / "dir.mov", ErrorCode::NotFound);

    auto empty = MovieWriter::create(path, o);
    ASSERT_TRUE(empty.isOk());
    EXPECT_EQ((*empty)->close().code(), ErrorCode::InvalidArgument);
    empty = Status();
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(MovieCodecIds, RoundTripThroughTheirNames) {
    for (MovieCodec c :
         {MovieCodec::ProResProxy, MovieCodec::ProResLt, MovieCodec::ProRes, MovieCodec::ProResHq,
          MovieCodec::ProRes4444, MovieCodec::ProRes4444Xq, MovieCodec::DnxhrHq,
          MovieCodec::DnxhrHqx, MovieCodec::Dnxhr444, MovieCodec::H264, MovieCodec::H265})
        EXPECT_EQ(movieCodecFromString(toString(c)), c) << toString(c);
    EXPECT_FALSE(movieCodecFromString("mpeg2").has_value());
}

}  // namespace
}  // namespace emu::media
