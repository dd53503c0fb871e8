#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
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

void writeBytes(const std::filesystem::path& p, const Bytes& bytes, std::size_t count) {
    std::ofstream(p, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(count));
}

void put32(Bytes& b, std::size_t at, std::uint32_t v, bool big) {
    for (int i = 0; i < 4; ++i) b[at + std::size_t(big ? 3 - i : i)] = std::uint8_t(v >> (8 * i));
}

void put16(Bytes& b, std::size_t at, std::uint16_t v, bool big) {
    b[at + (big ? 1 : 0)] = std::uint8_t(v);
    b[at + (big ? 0 : 1)] = std::uint8_t(v >> 8);
}

// Header offsets from SMPTE 268M, written out here rather than shared with the reader.
constexpr std::size_t kImageOffset = 4;
constexpr std::size_t kIndustrySize = 28;
constexpr std::size_t kElementCount = 770;
constexpr std::size_t kWidth = 772;
constexpr std::size_t kHeight = 776;
constexpr std::size_t kDataSign = 780;
constexpr std::size_t kDescriptor = 800;
constexpr std::size_t kBitSize = 803;
constexpr std::size_t kPacking = 804;
constexpr std::size_t kEncoding = 806;
constexpr std::size_t kDataOffset = 808;
constexpr std::size_t kEndOfLinePadding = 812;
constexpr std::size_t kTimeCode = 1920;

class DpxCorrupt : public testing::Test {
protected:
    void SetUp() override {
        DpxFrame f;
        f.image = test::makeCodeImage(9, 4, 10, 3, 2);
        f.header.timecode = SmpteTimecode::parse("01:00:00:00");
        ASSERT_TRUE(writeDpx(m_dir / "big10.dpx", f).isOk());
        m_image = f.image;
        f.image = test::makeCodeImage(5, 3, 12, 4, 3);
        f.header.bitDepth = 12;
        f.header.packing = DpxPacking::Packed;
        f.header.descriptor = DpxDescriptor::Rgba;
        f.header.bigEndian = false;
        ASSERT_TRUE(writeDpx(m_dir / "little12.dpx", f).isOk());
        f.image = test::makeCodeImage(6, 2, 8, 1, 4);
        f.header.bitDepth = 8;
        f.header.descriptor = DpxDescriptor::Luminance;
        ASSERT_TRUE(writeDpx(m_dir / "luma8.dpx", f).isOk());
        m_big = readBytes(m_dir / "big10.dpx");
    }

    // Reads bytes[0, count) as a file: it must fail with `code`, "path: ..." and `text`.
    void expectError(const Bytes& bytes, std::size_t count, ErrorCode code, const std::string& text,
                     const std::string& what) {
        writeBytes(m_bad, bytes, count);
        auto r = readDpx(m_bad);
        ASSERT_FALSE(r.isOk()) << what;
        EXPECT_EQ(r.status().code(), code) << what << ": " << r.status().message();
        EXPECT_EQ(r.status().message().rfind(m_bad.string() + ": ", 0), 0u)
            << what << ": " << r.status().message();
        EXPECT_NE(r.status().message().find(text), std::string::npos)
            << what << ": " << r.status().message();
        auto p = probeDpx(m_bad);
        EXPECT_FALSE(p.isOk()) << what;
    }

    Bytes patched32(std::size_t at, std::uint32_t v) const {
        Bytes b = m_big;
        put32(b, at, v, true);
        return b;
    }

    test::TempDir m_dir;
    std::filesystem::path m_bad = m_dir / "bad.dpx";
    Bytes m_big;
    Image m_image;
};

TEST_F(DpxCorrupt, TruncationAnywhereIsAnErrorNamingTheFile) {
    for (const char* name : {"big10.dpx", "little12.dpx", "luma8.dpx"}) {
        const Bytes b = readBytes(m_dir / name);
        // Every length inside the headers and around the data offset, then every data byte.
        for (std::size_t n = 0; n < b.size(); ++n) {
            const std::string what = std::string(name) + " cut to " + std::to_string(n);
            const std::string text = n < 1664 ? "truncated" : "truncated: the image needs";
            expectError(b, n, ErrorCode::CorruptData, text, what);
            if (testing::Test::HasFailure()) return;
        }
    }
}

TEST_F(DpxCorrupt, WrongMagicIsNotADpxFile) {
    Bytes b = m_big;
    b[3] = 'Y';
    expectError(b, b.size(), ErrorCode::CorruptData, "not a DPX file", "SDPY");
    const Bytes exr = {0x76, 0x2f, 0x31, 0x01, 2, 0, 0, 0};
    expectError(exr, exr.size(), ErrorCode::CorruptData, "not a DPX file", "EXR magic");
}

TEST_F(DpxCorrupt, AbsurdDimensionsAreRefusedBeforeAllocating) {
    expectError(patched32(kWidth, 0xFFFFFFFF), m_big.size(), ErrorCode::CorruptData,
                "exceeds the limit", "width 2^32-1");
    expectError(patched32(kHeight, 0), m_big.size(), ErrorCode::CorruptData, "0 pixels",
                "height 0");
    // Within the limits, but the file is far too short for them (2^28 pixels of 10-bit RGB
    // would need 1 GiB): refused from the file size, nothing allocated.
    Bytes b = patched32(kWidth, 16384);
    put32(b, kHeight, 16384, true);
    expectError(b, b.size(), ErrorCode::CorruptData, "truncated: the image needs", "16384^2");
}

TEST_F(DpxCorrupt, AbsurdOffsetsAreRefused) {
    expectError(patched32(kDataOffset, 0xFFFFFFF0), m_big.size(), ErrorCode::CorruptData,
                "truncated", "data offset past the end");
    expectError(patched32(kDataOffset, 100), m_big.size(), ErrorCode::CorruptData,
                "inside the header", "data offset in the header");
    expectError(patched32(kEndOfLinePadding, 0xFFFFFF00), m_big.size(), ErrorCode::CorruptData,
                "truncated", "huge end-of-line padding");
    Bytes b = m_big;
    put16(b, kElementCount, 0, true);
    expectError(b, b.size(), ErrorCode::CorruptData, "image elements", "no elements");
    put16(b, kElementCount, 9, true);
    expectError(b, b.size(), ErrorCode::CorruptData, "image elements", "9 elements");
}

TEST_F(DpxCorrupt, UnsupportedFormatsSayWhat) {
    struct Case {
        std::size_t at;
        int bytes;
        std::uint32_t value;
        const char* text;
    };
    const Case cases[] = {
        {kPacking, 2, 3, "packing 3 is not supported"},
        {kBitSize, 1, 32, "bit depth 32 is not supported"},
        {kBitSize, 1, 1, "bit depth 1 is not supported"},
        {kDescriptor, 1, 100, "descriptor 100 (CbYCrY 4:2:2) is not supported"},
        {kDescriptor, 1, 4, "descriptor 4 (alpha) is not supported"},
        {kEncoding, 2, 1, "run-length encoded data is not supported"},
        {kDataSign, 4, 1, "signed samples are not supported"},
    };
    for (const Case& c : cases) {
        Bytes b = m_big;
        if (c.bytes == 1) b[c.at] = std::uint8_t(c.value);
        if (c.bytes == 2) put16(b, c.at, std::uint16_t(c.value), true);
        if (c.bytes == 4) put32(b, c.at, c.value, true);
        expectError(b, b.size(), ErrorCode::Unsupported, c.text, c.text);
    }
}

TEST_F(DpxCorrupt, MissingFileAndDirectory) {
    auto missing = readDpx(m_dir / "none.dpx");
    ASSERT_FALSE(missing.isOk());
    EXPECT_EQ(missing.status().code(), ErrorCode::NotFound);
    auto dir = readDpx(m_dir.path());
    ASSERT_FALSE(dir.isOk());
    EXPECT_EQ(dir.status().code(), ErrorCode::IoError);
}

TEST_F(DpxCorrupt, FurtherElementsAndBadTimecodeAreWarnings) {
    Bytes b = m_big;
    put16(b, kElementCount, 2, true);
    put32(b, kTimeCode, 0x0000AA00, true);  // seconds digits 10 and 10: not BCD
    writeBytes(m_bad, b, b.size());
    auto r = readDpx(m_bad);
    ASSERT_TRUE(r.isOk()) << r.status().message();
    EXPECT_TRUE(r->image == m_image);
    EXPECT_EQ(r->header.imageElements, 2);
    EXPECT_FALSE(r->header.timecode.has_value());
    ASSERT_EQ(r->warnings.size(), 2u);
    EXPECT_NE(r->warnings[0].find("2 image elements; only the first is read"), std::string::npos);
    EXPECT_NE(r->warnings[1].find("0x0000AA00"), std::string::npos);
}

// The pixels are found at the offset the header gives, wherever that is: after user data, or
// right after the generic header of a file without industry headers.
TEST_F(DpxCorrupt, DataOffsetIsHonoured) {
    const std::size_t pixels = 8192;
    for (std::uint32_t offset : {1664u, 2048u, 5000u, 12345u}) {
        Bytes b(m_big.begin(), m_big.begin() + std::min<std::size_t>(offset, 2048));
        b.resize(offset, 0xEE);
        b.insert(b.end(), m_big.begin() + pixels, m_big.end());
        put32(b, kImageOffset, offset, true);
        put32(b, kDataOffset, offset, true);
        if (offset < 2048) put32(b, kIndustrySize, 0, true);
        writeBytes(m_bad, b, b.size());
        auto r = readDpx(m_bad);
        ASSERT_TRUE(r.isOk()) << offset << ": " << r.status().message();
        EXPECT_TRUE(r->image == m_image) << offset;
        EXPECT_EQ(r->header.dataOffset, offset);
        // The time code lives in the television header, absent before 2048.
        EXPECT_EQ(r->header.timecode.has_value(), offset >= 2048) << offset;
    }
    // An element offset of 0 defers to the file header's.
    Bytes b = patched32(kDataOffset, 0);
    writeBytes(m_bad, b, b.size());
    auto r = readDpx(m_bad);
    ASSERT_TRUE(r.isOk());
    EXPECT_TRUE(r->image == m_image);
}

// Damage anywhere in the header: any outcome but a crash or an error without the file name.
TEST_F(DpxCorrupt, DamagedHeaderBytesNeverCrash) {
    std::uint32_t state = 12345;
    auto next = [&] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    for (int round = 0; round < 3000; ++round) {
        Bytes b = m_big;
        const int flips = 1 + int(next() % 4);
        for (int i = 0; i < flips; ++i) b[next() % 2048] = std::uint8_t(next());
        writeBytes(m_bad, b, b.size());
        auto r = readDpx(m_bad);
        if (!r.isOk()) {
            EXPECT_EQ(r.status().message().rfind(m_bad.string() + ": ", 0), 0u)
                << r.status().message();
        } else {
            EXPECT_EQ(r->image.width(), r->header.widthPx);
        }
    }
}

}  // namespace
}  // namespace emu::media
