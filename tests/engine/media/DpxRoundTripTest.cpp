#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>

#include <cmath>
#include <fstream>
#include <limits>
#include <vector>

#include "DpxTestImages.h"
#include "TempDir.h"
#include "emulsion/media/DpxReader.h"
#include "emulsion/media/DpxWriter.h"

namespace emu::media {
namespace {

using Bytes = std::vector<unsigned char>;

Bytes readBytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

DpxFrame makeFrame(int w, int h, int bits, DpxPacking packing, int channels, bool big) {
    DpxFrame f;
    f.image = test::makeCodeImage(w, h, bits, channels, std::uint32_t(bits * 7 + channels));
    f.header.bitDepth = bits;
    f.header.packing = packing;
    f.header.descriptor = test::descriptorFor(channels);
    f.header.bigEndian = big;
    return f;
}

struct Layout {
    int bits;
    DpxPacking packing;
};

constexpr Layout kLayouts[] = {
    {8, DpxPacking::FilledA}, {10, DpxPacking::FilledA}, {10, DpxPacking::FilledB},
    {10, DpxPacking::Packed}, {12, DpxPacking::FilledA}, {12, DpxPacking::FilledB},
    {12, DpxPacking::Packed}, {16, DpxPacking::FilledA},
};

TEST(DpxRoundTrip, EveryLayoutIsExact) {
    test::TempDir dir;
    int files = 0;
    for (const Layout& l : kLayouts) {
        for (int channels : {1, 3, 4}) {
            for (bool big : {true, false}) {
                // Odd sizes, so rows end part way through a 32-bit word.
                for (int w : {1, 7, 13}) {
                    const std::string what = test::describe(l.bits, l.packing, channels, big) +
                                             " width " + std::to_string(w);
                    const DpxFrame f = makeFrame(w, 5, l.bits, l.packing, channels, big);
                    const auto path = dir / "rt.dpx";
                    ASSERT_TRUE(writeDpx(path, f).isOk()) << what;
                    auto back = readDpx(path);
                    ASSERT_TRUE(back.isOk()) << what << ": " << back.status().message();
                    EXPECT_TRUE(back->image == f.image) << what;
                    EXPECT_EQ(back->header.bitDepth, l.bits) << what;
                    EXPECT_EQ(back->header.packing, l.packing) << what;
                    EXPECT_EQ(back->header.descriptor, f.header.descriptor) << what;
                    EXPECT_EQ(back->header.bigEndian, big) << what;
                    EXPECT_TRUE(back->warnings.empty()) << what;
                    ++files;
                }
            }
        }
    }
    EXPECT_EQ(files, 8 * 3 * 2 * 3);
}

// The bytes of a known pixel, worked out by hand from SMPTE 268M's layouts.
TEST(DpxRoundTrip, TenBitWordsSitWhereTheStandardPutsThem) {
    test::TempDir dir;
    struct Case {
        DpxPacking packing;
        bool big;
        std::vector<unsigned char> bytes;
    };
    // Codes R 1023, G 512, B 1. Filled A: R in bits 31..22, G 21..12, B 11..2; filled B two
    // bits lower; packed: R in bits 0..9, G 10..19, B 20..29.
    const Case cases[] = {
        {DpxPacking::FilledA, true, {0xFF, 0xE0, 0x00, 0x04}},
        {DpxPacking::FilledA, false, {0x04, 0x00, 0xE0, 0xFF}},
        {DpxPacking::FilledB, true, {0x3F, 0xF8, 0x00, 0x01}},
        {DpxPacking::Packed, true, {0x00, 0x18, 0x03, 0xFF}},
    };
    for (const Case& c : cases) {
        DpxFrame f;
        f.image = Image(1, 1, PixelType::Float);
        f.image.setSample(0, 0, 0, 1.f);
        f.image.setSample(0, 0, 1, 512.f / 1023.f);
        f.image.setSample(0, 0, 2, 1.f / 1023.f);
        f.header.packing = c.packing;
        f.header.bigEndian = c.big;
        ASSERT_TRUE(writeDpx(dir / "px.dpx", f).isOk());
        const Bytes b = readBytes(dir / "px.dpx");
        ASSERT_EQ(b.size(), 8192u + 4u);
        EXPECT_EQ(Bytes(b.begin() + 8192, b.end()), c.bytes) << toString(c.packing) << c.big;
        EXPECT_EQ(std::string(b.begin(), b.begin() + 4), c.big ? "SDPX" : "XPDS");
        EXPECT_EQ(std::string(b.begin() + 8, b.begin() + 12), "V2.0");
    }
}

TEST(DpxRoundTrip, HeaderFieldsSurvive) {
    test::TempDir dir;
    DpxFrame f = makeFrame(6, 4, 10, DpxPacking::FilledA, 3, true);
    DpxHeader& h = f.header;
    h.transfer = DpxCharacteristic::PrintingDensity;
    h.colorimetric = DpxCharacteristic::ItuR709;
    h.referenceLowCode = 95;
    h.referenceLowQuantity = 0.f;
    h.referenceHighCode = 685;
    h.referenceHighQuantity = 2.048f;
    h.creationTime = "2024:05:06:07:08:09Z";
    h.creator = "Emulsion test";
    h.project = "The Project";
    h.copyright = "(c) nobody";
    h.inputDevice = "A001C003";
    h.inputDeviceSerial = "SN-0042";
    h.pixelAspectH = 2;
    h.pixelAspectV = 1;
    h.edgeCode = DpxEdgeCode{"01", "02", "05", "123456", "7890"};
    h.filmFormat = "Academy";
    h.filmFrameRate = 24.f;
    h.frameId = "frame 1";
    h.slateInfo = "slate";
    h.timecode = SmpteTimecode::parse("01:02:03;04");
    h.timecode->userData = 0x12345678;
    h.tvFrameRate = 23.976f;
    h.gamma = 2.4f;
    h.blackLevel = 64.f;
    h.whiteLevel = 940.f;
    ASSERT_TRUE(writeDpx(dir / "h.dpx", f).isOk());
    auto back = readDpx(dir / "h.dpx");
    ASSERT_TRUE(back.isOk()) << back.status().message();
    const DpxHeader& r = back->header;
    EXPECT_EQ(r.version, "V2.0");
    EXPECT_EQ(r.widthPx, 6);
    EXPECT_EQ(r.heightPx, 4);
    EXPECT_EQ(r.dataOffset, 8192u);
    EXPECT_EQ(r.imageElements, 1);
    EXPECT_EQ(r.transfer, h.transfer);
    EXPECT_EQ(r.colorimetric, h.colorimetric);
    EXPECT_EQ(r.referenceLowCode, h.referenceLowCode);
    EXPECT_EQ(r.referenceLowQuantity, h.referenceLowQuantity);
    EXPECT_EQ(r.referenceHighCode, h.referenceHighCode);
    EXPECT_EQ(r.referenceHighQuantity, h.referenceHighQuantity);
    EXPECT_EQ(r.fileName, "h.dpx");
    EXPECT_EQ(r.creationTime, h.creationTime);
    EXPECT_EQ(r.creator, h.creator);
    EXPECT_EQ(r.project, h.project);
    EXPECT_EQ(r.copyright, h.copyright);
    EXPECT_EQ(r.inputDevice, h.inputDevice);
    EXPECT_EQ(r.inputDeviceSerial, h.inputDeviceSerial);
    EXPECT_EQ(r.pixelAspectRatio(), 2.0);
    ASSERT_TRUE(r.edgeCode.has_value());
    EXPECT_EQ(r.edgeCode, h.edgeCode);
    EXPECT_EQ(r.edgeCode->text(), "01 02 123456 7890");
    EXPECT_EQ(r.filmFormat, h.filmFormat);
    EXPECT_EQ(r.filmFrameRate, h.filmFrameRate);
    EXPECT_EQ(r.frameId, h.frameId);
    EXPECT_EQ(r.slateInfo, h.slateInfo);
    EXPECT_EQ(r.timecode, h.timecode);
    EXPECT_EQ(r.tvFrameRate, h.tvFrameRate);
    EXPECT_EQ(r.gamma, h.gamma);
    EXPECT_EQ(r.blackLevel, h.blackLevel);
    EXPECT_EQ(r.whiteLevel, h.whiteLevel);
}

TEST(DpxRoundTrip, AbsentFieldsStayAbsent) {
    test::TempDir dir;
    const DpxFrame f = makeFrame(2, 2, 16, DpxPacking::FilledA, 4, false);
    ASSERT_TRUE(writeDpx(dir / "plain.dpx", f).isOk());
    auto back = readDpx(dir / "plain.dpx");
    ASSERT_TRUE(back.isOk());
    const DpxHeader& r = back->header;
    EXPECT_FALSE(r.timecode.has_value());
    EXPECT_FALSE(r.edgeCode.has_value());
    EXPECT_FALSE(r.filmFrameRate.has_value());
    EXPECT_FALSE(r.tvFrameRate.has_value());
    EXPECT_FALSE(r.gamma.has_value());
    EXPECT_FALSE(r.referenceLowCode.has_value());
    EXPECT_EQ(r.pixelAspectRatio(), 1.0);
    EXPECT_EQ(r.transfer, DpxCharacteristic::UserDefined);
    EXPECT_FALSE(r.creationTime.empty());  // the writer's clock
}

TEST(DpxRoundTrip, OutOfRangeSamplesClampAndLuminanceComesFromRed) {
    test::TempDir dir;
    DpxFrame f;
    f.image = Image(4, 1, PixelType::Half);
    const float reds[] = {-0.5f, 2.f, std::numeric_limits<float>::quiet_NaN(), 0.5f};
    for (int x = 0; x < 4; ++x) {
        f.image.setSample(x, 0, 0, reds[x]);
        f.image.setSample(x, 0, 1, 0.25f);  // ignored for luminance
    }
    f.header.descriptor = DpxDescriptor::Luminance;
    ASSERT_TRUE(writeDpx(dir / "y.dpx", f).isOk());
    auto back = readDpx(dir / "y.dpx");
    ASSERT_TRUE(back.isOk());
    const float expected[] = {0.f, 1.f, 0.f, 512.f / 1023.f};  // 0.5 * 1023 rounds to 512
    for (int x = 0; x < 4; ++x) {
        for (int c = 0; c < 3; ++c) EXPECT_EQ(back->image.sample(x, 0, c), expected[x]) << x;
        EXPECT_EQ(back->image.sample(x, 0, 3), 1.f);
    }
}

TEST(DpxRoundTrip, CharacteristicNamesRoundTrip) {
    for (int v = 0; v <= 12; ++v) {
        const auto c = DpxCharacteristic(v);
        EXPECT_EQ(parseDpxCharacteristic(toString(c)), c) << v;
    }
    EXPECT_EQ(toString(DpxCharacteristic::ItuR709), "ITU-R 709-4");
    EXPECT_EQ(toString(DpxCharacteristic(42)), "unknown (42)");
    EXPECT_EQ(parseDpxCharacteristic("printing DENSITY"), DpxCharacteristic::PrintingDensity);
    EXPECT_FALSE(parseDpxCharacteristic("Cineon").has_value());
}

TEST(DpxWriter, RefusesWhatItCannotWrite) {
    test::TempDir dir;
    const auto path = dir / "out.dpx";
    std::ofstream(path) << "keep me";
    auto expectRefused = [&](DpxFrame f, const std::string& what) {
        const Status s = writeDpx(path, f);
        EXPECT_EQ(s.code(), ErrorCode::InvalidArgument) << what;
        EXPECT_EQ(s.message().rfind(path.string() + ": ", 0), 0u) << s.message();
        EXPECT_EQ(readBytes(path), Bytes({'k', 'e', 'e', 'p', ' ', 'm', 'e'})) << what;
    };
    const DpxFrame good = makeFrame(3, 2, 10, DpxPacking::FilledA, 3, true);
    DpxFrame f = good;
    f.header.bitDepth = 32;
    expectRefused(f, "32 bits");
    f = good;
    f.header.packing = DpxPacking(3);
    expectRefused(f, "packing 3");
    f = good;
    f.header.descriptor = DpxDescriptor::CbYCrY;
    expectRefused(f, "4:2:2");
    f = good;
    f.header.inputDevice = std::string(33, 'r');
    expectRefused(f, "long reel");
    f = good;
    f.header.edgeCode = DpxEdgeCode{"01", "02", "05", "1234567", "7890"};
    expectRefused(f, "long prefix");
    f = good;
    f.image = Image();
    expectRefused(f, "empty");
    // Nothing but the original file is left in the directory.
    int entries = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
        (void)e;
        ++entries;
    }
    EXPECT_EQ(entries, 1);

    const Status missing = writeDpx(dir / "no" / "such.dpx", good);
    EXPECT_EQ(missing.code(), ErrorCode::NotFound);
    EXPECT_TRUE(writeDpx(path, good).isOk());
    EXPECT_TRUE(readDpx(path).isOk());
}

// A write that fails part way (the process may not grow a file past 9000 bytes, so write()
// returns EFBIG) leaves the file already there as it was and no temporary beside it.
TEST(DpxWriter, FailedWriteLeavesTheExistingFileAndNoTemporary) {
    test::TempDir dir;
    const auto path = dir / "keep.dpx";
    const DpxFrame small = makeFrame(4, 2, 10, DpxPacking::FilledA, 3, true);
    ASSERT_TRUE(writeDpx(path, small).isOk());
    const Bytes before = readBytes(path);

    rlimit saved{};
    ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = saved;
    limited.rlim_cur = 9000;
    ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &limited), 0);
    const Status failed = writeDpx(path, makeFrame(64, 64, 16, DpxPacking::FilledA, 4, true));
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previousHandler);

    EXPECT_EQ(failed.code(), ErrorCode::IoError) << failed.message();
    EXPECT_EQ(failed.message().rfind(path.string() + ": ", 0), 0u) << failed.message();
    EXPECT_EQ(readBytes(path), before);
    int entries = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
        (void)e;
        ++entries;
    }
    EXPECT_EQ(entries, 1);
}

}  // namespace
}  // namespace emu::media
