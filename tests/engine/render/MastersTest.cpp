// The mastering deliverables read back by tools that are not Emulsion's: iinfo (OpenImageIO)
// for the ACES EXR header, ffprobe for the ProRes master, byte reads at 268M's offsets for DPX.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <vector>

#include "GpuTest.h"
#include "RenderTestMedia.h"
#include "Shell.h"
#include "TempDir.h"
#include "emulsion/graph/OcioPass.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/media/FramePattern.h"
#include "emulsion/media/WavWriter.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/nodes/ExampleGrades.h"
#include "emulsion/render/DeliverableRender.h"
#include "emulsion/render/FrameGrader.h"

namespace emu::render {
namespace {

class MastersTest : public test::GpuTest {
protected:
    void SetUp() override {
        test::GpuTest::SetUp();
        if (HasFatalFailure() || IsSkipped()) return;
        pattern = test::writeExrOriginal(dir / "originals", "A001", 32, 18, 6, 0.1f);
        timeline::Track v1{timeline::Track::Kind::Video,
                           "V1",
                           {test::makeClip("A001", pattern, 86400, 1, 3),
                            test::makeClip("A002", pattern, 86403, 2, 2)}};
        cut = test::makeTimeline({v1});
        auto grade = nodes::typicalGrade(registry);
        ASSERT_TRUE(grade.isOk());
        shotGrade = *grade;
    }

    Result<DeliverableOutcome> renderPreset(const std::string& name) {
        const Preset preset = test::shippedPreset(name);
        TimelineRenderOptions options;
        options.workingSpace = "ACEScct";
        options.output = {preset.colourSpace, preset.display, preset.view, preset.look};
        options.shotGrade = [this](const timeline::Clip&) -> Result<std::optional<graph::Grade>> {
            return std::optional<graph::Grade>(shotGrade);
        };
        EMU_ASSIGN_OR_RETURN(auto renderer, test::makeRenderer(device(), cut, options));
        DeliverableRequest request;
        request.preset = preset;
        request.outDir = dir / "out";
        request.name = "MASTER_" + name;
        request.settings = name;
        if (preset.audio) {
            // One second of a 48 kHz stereo mix: longer than the 5 frames, so it is cut.
            std::vector<float> samples(2 * 48000);
            for (std::size_t i = 0; i < samples.size(); ++i) samples[i] = float(i % 97) / 200.0f;
            request.mix = dir / "mix.wav";
            EMU_RETURN_IF_ERROR(media::writeWav24(request.mix, 48000, 2, samples));
        }
        return renderDeliverable(*renderer, request);
    }

    test::TempDir dir;
    std::filesystem::path pattern;
    timeline::Timeline cut;
    graph::NodeRegistry registry = nodes::builtinRegistry();
    graph::Grade shotGrade;
};

TEST_F(MastersTest, AcesExrHeaderIsSt2065_4AndPixelsMatchAnIndependentGrade) {
    auto outcome = renderPreset("aces-archival-master");
    ASSERT_TRUE(outcome.isOk()) << outcome.status().message();
    EXPECT_TRUE(outcome->qc.ok());
    ASSERT_EQ(outcome->qc.frames, 5);

    // The same grade through FrameGrader alone: ACES2065-1 -> ACEScct, grade, -> ACES2065-1.
    auto config = color::ColorConfig::builtin();
    ASSERT_TRUE(config.isOk());
    auto shader = [&](const std::string& from, const std::string& to) {
        color::OcioShaderRequest r;
        r.from = from;
        r.to = to;
        r.firstBinding = graph::OcioPass::kFirstTextureBinding;
        return color::OcioShader::build(*config, r);
    };
    auto grader = FrameGrader::create(device());
    ASSERT_TRUE(grader.isOk());
    ASSERT_TRUE((*grader)->setInputTransform(*shader("ACES2065-1", "ACEScct")).isOk());
    ASSERT_TRUE((*grader)->setOutputTransform(*shader("ACEScct", "ACES2065-1")).isOk());
    ASSERT_TRUE((*grader)->setGrade(shotGrade, registry).isOk());

    // Record 86400 + i shows source frame 1 + i of A001 (i < 3), then 2 + (i - 3) of A002.
    const int sources[] = {1, 2, 3, 2, 3};
    for (int i = 0; i < 5; ++i) {
        char name[128];
        std::snprintf(name, sizeof name, "MASTER_aces-archival-master.%07d.exr", 86400 + i);
        const std::filesystem::path written = outcome->output / name;
        const test::CommandResult info =
            test::runCommand(std::string(IINFO_BINARY) + " -v " + test::quotePath(written));
        ASSERT_EQ(info.exitCode, 0) << info.output;
        EXPECT_NE(info.output.find("3 channel, half openexr"), std::string::npos) << info.output;
        EXPECT_NE(info.output.find("channel list: R, G, B"), std::string::npos);
        EXPECT_NE(info.output.find("compression: \"none\""), std::string::npos);
        EXPECT_NE(info.output.find("acesImageContainerFlag: 1"), std::string::npos);
        EXPECT_NE(info.output.find("chromaticities: 0.7347, 0.2653, 0, 1, 0.0001, -0.077, "
                                   "0.32168, 0.33767"),
                  std::string::npos);
        EXPECT_EQ(info.output.find("tile"), std::string::npos) << "ST 2065-4 is scanline";
        // OpenEXR's own header dump says the same.
        const test::CommandResult header =
            test::runCommand(std::string(EXRHEADER_BINARY) + " " + test::quotePath(written));
        ASSERT_EQ(header.exitCode, 0) << header.output;
        EXPECT_NE(header.output.find("compression (type compression): none"), std::string::npos)
            << header.output;
        EXPECT_NE(header.output.find("acesImageContainerFlag (type int): 1"), std::string::npos)
            << header.output;
        EXPECT_NE(header.output.find("red   (0.7347 0.2653)"), std::string::npos) << header.output;
        EXPECT_NE(header.output.find("blue  (0.0001 -0.077)"), std::string::npos) << header.output;
        EXPECT_NE(header.output.find("white (0.32168 0.33767)"), std::string::npos)
            << header.output;
        EXPECT_NE(header.output.find("type (type string): \"scanlineimage\""), std::string::npos);
        char tc[64];
        std::snprintf(tc, sizeof tc, "smpte:TimeCode: 01:00:00:%02d", i);
        EXPECT_NE(info.output.find(tc), std::string::npos) << info.output;

        auto source = media::readExr(
            media::FramePattern::parse(pattern.string())->path(86400 + sources[i]), {});
        ASSERT_TRUE(source.isOk()) << source.status().message();
        auto expected = (*grader)->grade(source->image.converted(media::PixelType::Float));
        ASSERT_TRUE(expected.isOk());
        auto master = media::readExr(written, {});
        ASSERT_TRUE(master.isOk());
        ASSERT_EQ(master->image.type(), media::PixelType::Half);
        const media::Image want = expected->converted(media::PixelType::Half);
        for (int y = 0; y < want.height(); ++y) {
            for (int x = 0; x < want.width(); ++x) {
                for (int c = 0; c < 3; ++c) {
                    ASSERT_EQ(media::floatToHalf(master->image.sample(x, y, c)),
                              media::floatToHalf(want.sample(x, y, c)))
                        << "frame " << i << " pixel " << x << "," << y << " channel " << c;
                }
            }
        }
    }
}

// SMPTE 268M: big-endian fields at fixed offsets from the start of the file.
struct DpxBytes {
    std::vector<unsigned char> b;
    std::uint32_t u32(std::size_t o) const {
        return std::uint32_t(b[o]) << 24 | std::uint32_t(b[o + 1]) << 16 |
               std::uint32_t(b[o + 2]) << 8 | b[o + 3];
    }
    float r32(std::size_t o) const {
        const std::uint32_t v = u32(o);
        float f;
        std::memcpy(&f, &v, 4);
        return f;
    }
    std::string text(std::size_t o, std::size_t n) const {
        std::string s(reinterpret_cast<const char*>(&b[o]), n);
        return s.substr(0, s.find('\0'));
    }
};

constexpr std::size_t kMagic = 0;                // "SDPX"
constexpr std::size_t kVersion = 8;              // ASCII, 8 bytes
constexpr std::size_t kElementDescriptor = 800;  // image element 1: descriptor (U8)
constexpr std::size_t kElementTransfer = 801;    // transfer characteristic (U8)
constexpr std::size_t kElementColorimetric = 802;
constexpr std::size_t kElementBitSize = 803;
constexpr std::size_t kInputDevice = 1556;    // orientation header: input device name, 32 bytes
constexpr std::size_t kFilmFrameRate = 1724;  // film header: frame rate (R32)
constexpr std::size_t kTimecode = 1920;       // television header: SMPTE time code (U32, BCD)
constexpr std::size_t kTvFrameRate = 1940;    // television header: temporal sampling rate (R32)

TEST_F(MastersTest, DpxLogMasterHeaderFieldsAtTheirStandardOffsets) {
    auto outcome = renderPreset("dpx-log-master");
    ASSERT_TRUE(outcome.isOk()) << outcome.status().message();
    ASSERT_EQ(outcome->qc.frames, 5);
    for (int i = 0; i < 5; ++i) {
        char name[128];
        std::snprintf(name, sizeof name, "MASTER_dpx-log-master.%07d.dpx", 86400 + i);
        std::ifstream in(outcome->output / name, std::ios::binary);
        DpxBytes f{std::vector<unsigned char>(std::istreambuf_iterator<char>(in), {})};
        ASSERT_GT(f.b.size(), 2048u);
        EXPECT_EQ(f.text(kMagic, 4), "SDPX");
        EXPECT_EQ(f.text(kVersion, 8), "V2.0");
        EXPECT_EQ(f.b[kElementDescriptor], 50);   // RGB
        EXPECT_EQ(f.b[kElementTransfer], 3);      // logarithmic
        EXPECT_EQ(f.b[kElementColorimetric], 0);  // user defined (ACEScct has no 268M code)
        EXPECT_EQ(f.b[kElementBitSize], 10);
        EXPECT_EQ(f.text(kInputDevice, 32), i < 3 ? "A001" : "A002");
        EXPECT_EQ(f.r32(kFilmFrameRate), 24.0f);
        EXPECT_EQ(f.r32(kTvFrameRate), 24.0f);
        // 01:00:00:ii as BCD: hours tens in bits 28-29 ... frame units in bits 0-3.
        const std::uint32_t tc = f.u32(kTimecode);
        EXPECT_EQ(tc, 0x01000000u | std::uint32_t((i / 10) << 4 | (i % 10))) << std::hex << tc;
    }
}

TEST_F(MastersTest, ProResMasterIsAp4hWithTheTimelineStartTimecodeAndTheMix) {
    auto outcome = renderPreset("prores-4444-master");
    ASSERT_TRUE(outcome.isOk()) << outcome.status().message();
    const test::CommandResult probe = test::runCommand(
        std::string(FFPROBE_BINARY) +
        " -v error -count_frames -select_streams v:0 -show_entries "
        "stream=codec_tag_string,nb_read_frames:stream_tags=timecode -of default=nw=1 " +
        test::quotePath(outcome->output));
    ASSERT_EQ(probe.exitCode, 0) << probe.output;
    EXPECT_NE(probe.output.find("codec_tag_string=ap4h"), std::string::npos) << probe.output;
    EXPECT_NE(probe.output.find("nb_read_frames=5"), std::string::npos) << probe.output;
    EXPECT_NE(probe.output.find("TAG:timecode=01:00:00:00"), std::string::npos) << probe.output;
    // The mix: PCM 24-bit, cut to the picture's 5 frames at 24 fps = 10000 samples at 48 kHz.
    const test::CommandResult audio = test::runCommand(
        std::string(FFPROBE_BINARY) +
        " -v error -select_streams a:0 -show_entries stream=codec_name,sample_rate,channels,"
        "duration_ts,duration -of default=nw=1 " +
        test::quotePath(outcome->output));
    ASSERT_EQ(audio.exitCode, 0) << audio.output;
    EXPECT_NE(audio.output.find("codec_name=pcm_s24le"), std::string::npos) << audio.output;
    EXPECT_NE(audio.output.find("channels=2"), std::string::npos) << audio.output;
    EXPECT_NE(audio.output.find("duration_ts=10000"), std::string::npos) << audio.output;
    EXPECT_NE(audio.output.find("duration=0.208333"), std::string::npos) << audio.output;
}

}  // namespace
}  // namespace emu::render
