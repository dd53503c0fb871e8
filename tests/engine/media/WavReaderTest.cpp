#include "emulsion/media/WavReader.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

#include "MovieTestMedia.h"
#include "TempDir.h"
#include "WavTestFiles.h"

namespace emu::media {
namespace {

struct Format {
    const char* name;
    test::WavSpec spec;
};

class WavFormats : public testing::TestWithParam<Format> {};

TEST_P(WavFormats, ReadsEverySampleAsStored) {
    const test::WavSpec& spec = GetParam().spec;
    test::TempDir dir;
    const auto path = dir / "mix.wav";
    const int frames = 1001;  // odd, so the last read is short
    const std::vector<float> expected =
        test::writeWav(path, spec, test::testSignal(frames, spec.channels, spec.sampleRate));
    auto reader = WavReader::open(path);
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    const WavInfo& info = (*reader)->info();
    EXPECT_EQ(info.sampleRate, spec.sampleRate);
    EXPECT_EQ(info.channels, spec.channels);
    EXPECT_EQ(info.bitsPerSample, spec.bitsPerSample);
    EXPECT_EQ(info.frames, std::uint64_t(frames));
    EXPECT_EQ(info.rf64, spec.rf64);
    std::vector<float> all, block;
    for (;;) {
        auto n = (*reader)->read(256, block);
        ASSERT_TRUE(n.isOk()) << n.status().message();
        if (*n == 0) break;
        all.insert(all.end(), block.begin(), block.end());
    }
    ASSERT_EQ(all.size(), expected.size());
    for (std::size_t i = 0; i < all.size(); ++i) ASSERT_EQ(all[i], expected[i]) << "sample " << i;
}

INSTANTIATE_TEST_SUITE_P(
    Pcm, WavFormats,
    testing::Values(Format{"s16_stereo", {48000, 2, 16}}, Format{"s24_51", {48000, 6, 24}},
                    Format{"s32_mono", {44100, 1, 32}}, Format{"f32_stereo", {48000, 2, 32, true}},
                    Format{"s24_extensible_51", {48000, 6, 24, false, true}},
                    Format{"f32_extensible", {48000, 2, 32, true, true}},
                    Format{"rf64_s24_stereo", {48000, 2, 24, false, false, true}},
                    Format{"s16_8ch", {48000, 8, 16}}),
    [](const testing::TestParamInfo<Format>& info) { return std::string(info.param.name); });

// FFmpeg's own WAV demuxer, as an independent reading of the same file.
TEST(WavReader, AgreesWithFfmpegsDecode) {
    test::TempDir dir;
    const auto path = dir / "mix.wav";
    test::WavSpec spec{48000, 6, 24, false, true};
    test::writeWav(path, spec, test::testSignal(480, 6, 48000));
    const auto raw = dir / "mix.f32";
    const auto r = test::runCommand(test::shellQuote(FFMPEG_BINARY) +
                                    " -nostdin -loglevel error -y -i " + test::quotePath(path) +
                                    " -f f32le -c:a pcm_f32le " + test::quotePath(raw));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    std::ifstream in(raw, std::ios::binary);
    std::vector<float> ffmpeg(480 * 6);
    in.read(reinterpret_cast<char*>(ffmpeg.data()), std::streamsize(ffmpeg.size() * 4));
    ASSERT_TRUE(in);
    auto reader = WavReader::open(path);
    ASSERT_TRUE(reader.isOk());
    std::vector<float> ours;
    ASSERT_TRUE((*reader)->read(480, ours).isOk());
    ASSERT_EQ(ours.size(), ffmpeg.size());
    for (std::size_t i = 0; i < ours.size(); ++i) ASSERT_EQ(ours[i], ffmpeg[i]) << "sample " << i;
}

void expectRefused(const std::filesystem::path& path, ErrorCode code, const std::string& part) {
    auto reader = WavReader::open(path);
    ASSERT_FALSE(reader.isOk()) << path;
    EXPECT_EQ(reader.status().code(), code) << reader.status().message();
    EXPECT_NE(reader.status().message().find(path.string()), std::string::npos)
        << reader.status().message();
    EXPECT_NE(reader.status().message().find(part), std::string::npos) << reader.status().message();
}

TEST(WavReader, NamesTheFileAndTheProblem) {
    test::TempDir dir;
    const auto signal = test::testSignal(100, 2, 48000);
    expectRefused(dir / "missing.wav", ErrorCode::NotFound, "no such");

    std::ofstream(dir / "text.wav") << "this is not audio at all, just text";
    expectRefused(dir / "text.wav", ErrorCode::CorruptData, "not a RIFF/WAVE");

    test::writeWav(dir / "cut.wav", {48000, 2, 24}, signal);
    std::filesystem::resize_file(dir / "cut.wav", std::filesystem::file_size(dir / "cut.wav") - 90);
    expectRefused(dir / "cut.wav", ErrorCode::CorruptData, "truncated");

    test::writeWav(dir / "eight.wav", {48000, 2, 8}, signal);
    expectRefused(dir / "eight.wav", ErrorCode::Unsupported, "8-bit");

    test::WavSpec adpcm{48000, 2, 16};
    adpcm.formatTag = 2;
    test::writeWav(dir / "adpcm.wav", adpcm, signal);
    expectRefused(dir / "adpcm.wav", ErrorCode::Unsupported, "compressed");

    test::writeWav(dir / "nine.wav", {48000, 9, 16}, test::testSignal(10, 9, 48000));
    expectRefused(dir / "nine.wav", ErrorCode::Unsupported, "9 channels");

    test::writeWav(dir / "head.wav", {48000, 2, 16}, signal);
    std::filesystem::resize_file(dir / "head.wav", 30);
    expectRefused(dir / "head.wav", ErrorCode::CorruptData, "");
}

}  // namespace
}  // namespace emu::media
