#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "MovieTestMedia.h"
#include "ProbeStreams.h"
#include "TempDir.h"
#include "WavTestFiles.h"
#include "emulsion/media/MovieWriter.h"

namespace emu::media {
namespace {

Image flatFrame(int w, int h, float v) {
    Image img(w, h, PixelType::Float);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 4; ++c) img.setSample(x, y, c, c == 3 ? 1.0f : v);
    return img;
}

Status writeMovie(const std::filesystem::path& path, const MovieWriteOptions& o, int frames) {
    EMU_ASSIGN_OR_RETURN(auto writer, MovieWriter::create(path, o));
    for (int i = 0; i < frames; ++i)
        EMU_RETURN_IF_ERROR(writer->write(flatFrame(o.width, o.height, 0.1f + 0.02f * i)));
    return writer->close();
}

// ffmpeg's decode of the movie's first audio stream as signed 32-bit interleaved samples.
std::vector<std::int32_t> decodedAudio(const std::filesystem::path& movie,
                                       const std::filesystem::path& dir) {
    const auto raw = dir / "audio.s32";
    const auto r = test::runCommand(test::shellQuote(FFMPEG_BINARY) +
                                    " -nostdin -loglevel error -y -i " + test::quotePath(movie) +
                                    " -map 0:a:0 -f s32le -c:a pcm_s32le " + test::quotePath(raw));
    if (r.exitCode != 0) return {};
    std::ifstream in(raw, std::ios::binary);
    std::vector<std::int32_t> s(std::filesystem::file_size(raw) / 4);
    in.read(reinterpret_cast<char*>(s.data()), std::streamsize(s.size() * 4));
    return s;
}

// A 5.1 24-bit mix longer than the picture goes into a ProRes master as PCM 24-bit, cut to the
// picture's length: durations equal to the sample, every kept sample bit-exact.
TEST(MovieAudio, ProResMasterCarries51Pcm24CutToThePicture) {
    test::TempDir dir;
    const auto wav = dir / "mix.wav";
    const std::vector<float> stored =
        test::writeWav(wav, {48000, 6, 24, false, true}, test::testSignal(30000, 6, 48000));
    MovieWriteOptions o;
    o.codec = MovieCodec::ProResHq;
    o.width = 64;
    o.height = 48;
    o.rate = {24000, 1001};
    o.startTimecode = "01:00:00:00";
    o.audio = wav;
    const auto movie = dir / "master.mov";
    const Status written = writeMovie(movie, o, 12);
    ASSERT_TRUE(written.isOk()) << written.message();

    auto video = test::probeStream(movie, "video");
    auto audio = test::probeStream(movie, "audio");
    EXPECT_EQ(audio["codec_name"], "pcm_s24le");
    EXPECT_EQ(audio["channels"], "6");
    EXPECT_EQ(audio["sample_rate"], "48000");
    EXPECT_EQ(audio["bits_per_sample"], "24");
    EXPECT_EQ(video["nb_frames"], "12");
    // 12 frames at 24000/1001 last 0.5005 s: exactly 24024 samples at 48 kHz.
    EXPECT_EQ(audio["duration_ts"], "24024");
    EXPECT_EQ(video["duration"], "0.500500");
    EXPECT_EQ(audio["duration"], video["duration"]);

    const std::vector<std::int32_t> decoded = decodedAudio(movie, dir.path());
    ASSERT_EQ(decoded.size(), std::size_t(24024 * 6));
    for (std::size_t i = 0; i < decoded.size(); ++i)
        ASSERT_EQ(double(decoded[i]) / 2147483648.0, double(stored[i])) << "sample " << i;
}

// A stereo 16-bit mix shorter than the picture goes into an H.264 review copy as AAC, padded
// with silence: ffprobe shows equal durations.
TEST(MovieAudio, ReviewCopyCarriesAacPaddedToThePicture) {
    test::TempDir dir;
    const auto wav = dir / "mix.wav";
    test::writeWav(wav, {48000, 2, 16}, test::testSignal(9000, 2, 48000));
    MovieWriteOptions o;
    o.codec = MovieCodec::H264;
    o.encoderPreset = "ultrafast";
    o.width = 64;
    o.height = 48;
    o.rate = {25, 1};
    o.audio = wav;
    const auto movie = dir / "review.mp4";
    const Status written = writeMovie(movie, o, 10);  // 0.4 s of picture, 0.1875 s of mix
    ASSERT_TRUE(written.isOk()) << written.message();
    auto video = test::probeStream(movie, "video");
    auto audio = test::probeStream(movie, "audio");
    EXPECT_EQ(audio["codec_name"], "aac");
    EXPECT_EQ(audio["channels"], "2");
    EXPECT_EQ(video["duration"], "0.400000");
    EXPECT_EQ(audio["duration"], video["duration"]);
    // The mix is there at its start and silent after its end.
    const std::vector<std::int32_t> decoded = decodedAudio(movie, dir.path());
    ASSERT_GE(decoded.size(), std::size_t(19200 * 2 - 2048));
    double early = 0.0, late = 0.0;
    for (std::size_t i = 2000; i < 8000; ++i) early = std::max(early, std::abs(double(decoded[i])));
    for (std::size_t i = 2 * 12000; i < decoded.size(); ++i)
        late = std::max(late, std::abs(double(decoded[i])));
    EXPECT_GT(early / 2147483648.0, 0.3);
    EXPECT_LT(late / 2147483648.0, 1e-3);
}

TEST(MovieAudio, ABadMixFailsTheWriterNamingBothFiles) {
    test::TempDir dir;
    const auto wav = dir / "broken.wav";
    std::ofstream(wav) << "RIFF....WAVEjunk";
    MovieWriteOptions o;
    o.codec = MovieCodec::ProResHq;
    o.width = 64;
    o.height = 48;
    o.audio = wav;
    const auto movie = dir / "master.mov";
    auto writer = MovieWriter::create(movie, o);
    ASSERT_FALSE(writer.isOk());
    EXPECT_EQ(writer.status().code(), ErrorCode::CorruptData);
    EXPECT_NE(writer.status().message().find(movie.string()), std::string::npos);
    EXPECT_NE(writer.status().message().find(wav.string()), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(movie));
}

}  // namespace
}  // namespace emu::media
