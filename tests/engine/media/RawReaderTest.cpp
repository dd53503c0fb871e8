#include <gtest/gtest.h>
#include <libraw/libraw.h>

#include <fstream>
#include <memory>

#include "TempDir.h"
#include "emulsion/media/DngWriter.h"
#include "emulsion/media/RawReader.h"

namespace emu::media {
namespace {

// Smooth colours over [0.02, 0.8]: nothing clips in the test camera.
Image gradientImage(int w, int h) {
    Image img(w, h, PixelType::Float);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            img.setSample(x, y, 0, 0.02f + 0.78f * x / (w - 1));
            img.setSample(x, y, 1, 0.02f + 0.78f * y / (h - 1));
            img.setSample(x, y, 2, 0.02f + 0.39f * (x + y) / (w + h - 2));
            img.setSample(x, y, 3, 1.0f);
        }
    }
    return img;
}

std::string readAll(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void writeAll(const std::filesystem::path& p, const std::string& s) {
    std::ofstream(p, std::ios::binary).write(s.data(), std::streamsize(s.size()));
}

void put32(std::string& s, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) s[at + i] = char((v >> (8 * i)) & 0xFF);
}

// Offset of the value field of `tag` in IFD 0 of a little-endian TIFF.
std::size_t valueFieldOf(const std::string& s, std::uint16_t tag) {
    const std::uint32_t ifd = std::uint8_t(s[4]) | std::uint8_t(s[5]) << 8;
    const int count = std::uint8_t(s[ifd]) | std::uint8_t(s[ifd + 1]) << 8;
    for (int i = 0; i < count; ++i) {
        const std::size_t e = ifd + 2 + i * 12;
        if ((std::uint8_t(s[e]) | std::uint8_t(s[e + 1]) << 8) == tag) return e + 8;
    }
    ADD_FAILURE() << "tag " << tag << " not found";
    return 0;
}

TEST(DngWriter, LibRawReadsMakeModelLevelsAndMatrixBack) {
    test::TempDir dir;
    const auto path = dir / "frame.dng";
    DngCamera camera;
    ASSERT_TRUE(writeCinemaDng(path, gradientImage(64, 48), camera).isOk());

    auto raw = std::make_unique<LibRaw>();
    ASSERT_EQ(raw->open_file(path.c_str()), LIBRAW_SUCCESS);
    EXPECT_STREQ(raw->imgdata.idata.make, "Emulsion");
    EXPECT_STREQ(raw->imgdata.idata.model, "Test Camera");
    EXPECT_EQ(raw->imgdata.idata.dng_version, 0x01040000u);
    EXPECT_EQ(raw->imgdata.sizes.width, 64);
    EXPECT_EQ(raw->imgdata.sizes.height, 48);
    EXPECT_EQ(raw->imgdata.color.maximum, 15000u);
    const libraw_dng_color_t& colour = raw->imgdata.color.dng_color[0];
    EXPECT_EQ(colour.illuminant, 21);
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c) {
            EXPECT_NEAR(colour.colormatrix[r][c], camera.xyzToCamera[r * 3 + c], 6e-5);
        }
    }
    const Vec3 n = neutralForD65(camera.xyzToCamera);
    for (int c = 0; c < 3; ++c) {
        EXPECT_NEAR(raw->imgdata.color.dng_levels.asshotneutral[c], n[c], 1e-4);
    }
    EXPECT_NEAR(n[0], 0.5, 0.02);  // the test camera's strong green response
    EXPECT_NEAR(n[2], 0.7, 0.02);
}

TEST(RawReader, MosaicMatchesWhatWasWritten) {
    test::TempDir dir;
    const auto path = dir / "frame.dng";
    const Image scene = gradientImage(64, 48);
    DngCamera camera;
    ASSERT_TRUE(writeCinemaDng(path, scene, camera).isOk());
    const Result<RawMosaic> written = mosaicFromAces(scene, camera);
    ASSERT_TRUE(written.isOk());

    auto reader = RawReader::open(path);
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    const ClipInfo& info = (*reader)->info();
    EXPECT_EQ(info.format, "dng");
    EXPECT_EQ(info.camera, "Emulsion Test Camera");
    EXPECT_EQ(info.width, 64);
    EXPECT_EQ(info.height, 48);
    EXPECT_EQ(info.bitDepth, 16);
    EXPECT_TRUE(info.raw);
    EXPECT_EQ(info.frameCount, 1);

    Result<Frame> frame = (*reader)->read(0);
    ASSERT_TRUE(frame.isOk()) << frame.status().message();
    ASSERT_TRUE(frame->mosaic.has_value());
    const RawMosaic& m = *frame->mosaic;
    EXPECT_EQ(m.width, 64);
    EXPECT_EQ(m.height, 48);
    EXPECT_EQ(m.samples, written->samples);
    EXPECT_EQ(std::string(m.cfa.begin(), m.cfa.end()), "RGGB");
    for (int i = 0; i < 4; ++i) EXPECT_EQ(m.black[i], camera.black[i]) << i;
    EXPECT_EQ(m.white, 15000.0f);
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(m.asShotNeutral[i], written->asShotNeutral[i], 1e-6);
    for (int i = 0; i < 9; ++i) EXPECT_NEAR(m.cameraToAces[i], written->cameraToAces[i], 2e-5);
    EXPECT_EQ((*reader)->read(1).status().code(), ErrorCode::NotFound);
}

TEST(RawReader, EveryBayerPatternIsReadBack) {
    test::TempDir dir;
    for (const char* pattern : {"BGGR", "GRBG", "GBRG"}) {
        DngCamera camera;
        std::copy(pattern, pattern + 4, camera.cfa.begin());
        camera.black = {200, 210, 220, 230};
        const auto path = dir / (std::string(pattern) + ".dng");
        const Image scene = gradientImage(32, 24);
        ASSERT_TRUE(writeCinemaDng(path, scene, camera).isOk());
        Result<Frame> frame = readRawFile(path, nullptr);
        ASSERT_TRUE(frame.isOk()) << frame.status().message();
        EXPECT_EQ(std::string(frame->mosaic->cfa.begin(), frame->mosaic->cfa.end()), pattern);
        for (int i = 0; i < 4; ++i) EXPECT_EQ(frame->mosaic->black[i], camera.black[i]) << pattern;
        EXPECT_EQ(frame->mosaic->samples, mosaicFromAces(scene, camera)->samples) << pattern;
    }
}

TEST(RawReader, CinemaDngTimecodeRateAndReel) {
    test::TempDir dir;
    const auto path = dir / "A001C002_0001.dng";
    DngFrameTags tags{"01:02:03:04", {24000, 1001}, "A001"};
    ASSERT_TRUE(writeCinemaDng(path, gradientImage(32, 24), DngCamera{}, tags).isOk());
    auto reader = RawReader::open(path);
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    EXPECT_EQ((*reader)->info().startTimecode, "01:02:03:04");
    EXPECT_EQ((*reader)->info().rate, (FrameRate{24000, 1001}));
    EXPECT_EQ((*reader)->info().reel, "A001");
    EXPECT_EQ((*reader)->read(0)->timecode, "01:02:03:04");

    const auto drop = dir / "drop.dng";
    ASSERT_TRUE(
        writeCinemaDng(drop, gradientImage(32, 24), DngCamera{}, {"10:59:59;29", {30000, 1001}, ""})
            .isOk());
    ClipInfo info;
    ASSERT_TRUE(readRawFile(drop, &info).isOk());
    EXPECT_EQ(info.startTimecode, "10:59:59;29");
    EXPECT_EQ(info.rate, (FrameRate{30000, 1001}));
    EXPECT_EQ(info.reel, "");

    EXPECT_EQ(
        writeCinemaDng(dir / "bad.dng", gradientImage(32, 24), DngCamera{}, {"25:00:00:00", {}, ""})
            .code(),
        ErrorCode::InvalidArgument);
}

TEST(RawReader, SequenceWithAGap) {
    test::TempDir dir;
    for (int f : {10, 11, 13}) {
        char name[32];
        std::snprintf(name, sizeof name, "shot.%04d.dng", f);
        DngFrameTags tags{"00:00:00:" + std::to_string(f), {24, 1}, "R1"};
        ASSERT_TRUE(writeCinemaDng(dir / name, gradientImage(24, 24), DngCamera{}, tags).isOk());
    }
    auto reader = RawReader::open(dir / "shot.%04d.dng");
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    const ClipInfo& info = (*reader)->info();
    EXPECT_EQ(info.firstFrame, 10);
    EXPECT_EQ(info.frameCount, 4);
    EXPECT_EQ(info.missingFrames, std::vector<int>{12});
    EXPECT_EQ(info.clipName, "shot");
    EXPECT_EQ(info.startTimecode, "00:00:00:10");
    EXPECT_EQ((*reader)->read(12).status().code(), ErrorCode::NotFound);
    Result<Frame> last = (*reader)->read(13);
    ASSERT_TRUE(last.isOk()) << last.status().message();
    EXPECT_EQ(last->timecode, "00:00:00:13");
}

class DamagedDng : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(writeCinemaDng(m_good, gradientImage(32, 24), DngCamera{}).isOk());
        m_bytes = readAll(m_good);
    }
    // Writes `bytes` as a new file and checks that reading it fails naming the file.
    void expectCorrupt(const std::string& bytes, const std::string& what) {
        const auto path = m_dir / ("damaged-" + what + ".dng");
        writeAll(path, bytes);
        Result<Frame> frame = readRawFile(path, nullptr);
        ASSERT_FALSE(frame.isOk()) << what;
        EXPECT_EQ(frame.status().code(), ErrorCode::CorruptData) << what;
        EXPECT_NE(frame.status().message().find(path.string()), std::string::npos)
            << frame.status().message();
        EXPECT_FALSE(RawReader::open(path).isOk()) << what;
    }
    test::TempDir m_dir;
    std::filesystem::path m_good = m_dir / "good.dng";
    std::string m_bytes;
};

TEST_F(DamagedDng, TruncatedFiles) {
    for (std::size_t keep : {std::size_t(0), std::size_t(5), std::size_t(40), m_bytes.size() / 2,
                             m_bytes.size() - 1}) {
        expectCorrupt(m_bytes.substr(0, keep), "truncated-" + std::to_string(keep));
    }
}

TEST_F(DamagedDng, WrongMagic) {
    std::string bytes = m_bytes;
    bytes[0] = 'X';
    expectCorrupt(bytes, "byte-order");
    bytes = m_bytes;
    bytes[2] = 43;
    expectCorrupt(bytes, "magic");
}

TEST_F(DamagedDng, AbsurdOffsetsAndCounts) {
    std::string bytes = m_bytes;
    put32(bytes, 4, 0xFFFFFFF0u);
    expectCorrupt(bytes, "ifd-offset");

    bytes = m_bytes;
    put32(bytes, valueFieldOf(bytes, 273), 0x7FFFFFFFu);
    expectCorrupt(bytes, "strip-offset");

    bytes = m_bytes;
    put32(bytes, valueFieldOf(bytes, 279), 100);
    expectCorrupt(bytes, "strip-bytes");

    bytes = m_bytes;
    put32(bytes, valueFieldOf(bytes, 50721), 0xFFFFFF00u);  // ColorMatrix1 values' offset
    expectCorrupt(bytes, "matrix-offset");

    bytes = m_bytes;
    bytes[8] = char(0xFF);  // IFD entry count 0xFF.. reaches past the end
    bytes[9] = char(0xFF);
    expectCorrupt(bytes, "entry-count");
}

TEST(RawReader, MissingFileIsNotFound) {
    test::TempDir dir;
    auto reader = RawReader::open(dir / "nothing.dng");
    ASSERT_FALSE(reader.isOk());
    EXPECT_EQ(reader.status().code(), ErrorCode::NotFound);
    EXPECT_NE(reader.status().message().find("nothing.dng"), std::string::npos);
}

}  // namespace
}  // namespace emu::media
