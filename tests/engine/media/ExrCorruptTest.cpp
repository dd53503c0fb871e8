#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <vector>

#include "TempDir.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/media/TestPattern.h"

namespace emu::media {
namespace {

using Bytes = std::vector<char>;

Bytes readBytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const std::filesystem::path& p, const Bytes& bytes, std::size_t count) {
    std::ofstream(p, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), std::streamsize(count));
}

// Offset just past the (first) header: attributes are name\0 type\0 int32 size, value; an
// empty name ends the header.
std::size_t headerEnd(const Bytes& b) {
    std::size_t pos = 8;
    while (pos < b.size() && b[pos] != 0) {
        pos += std::strlen(&b[pos]) + 1;  // name
        pos += std::strlen(&b[pos]) + 1;  // type
        std::int32_t size;
        std::memcpy(&size, &b[pos], 4);
        pos += 4 + std::size_t(size);
    }
    return pos + 1;
}

// Offset of the value of the first attribute called `name`.
std::size_t attributeValue(const Bytes& b, const std::string& name) {
    const std::string key = name + '\0';
    auto it = std::search(b.begin() + 8, b.end(), key.begin(), key.end());
    EXPECT_NE(it, b.end()) << name;
    std::size_t pos = std::size_t(it - b.begin()) + key.size();
    pos += std::strlen(&b[pos]) + 1;  // type
    return pos + 4;                   // size
}

void putInts(Bytes& b, std::size_t at, std::initializer_list<std::int32_t> values) {
    for (std::int32_t v : values) {
        std::memcpy(&b[at], &v, 4);
        at += 4;
    }
}

class ExrCorrupt : public testing::Test {
protected:
    void SetUp() override {
        ExrFrame f;
        f.image = makeNoise(64, 40, PixelType::Half, 5, 0.f, 1.f);
        f.dataWindow = f.displayWindow = {0, 0, 63, 39};
        ASSERT_TRUE(writeExr(m_dir / "scanline.exr", f).isOk());
        f.image = f.image.converted(PixelType::Float);
        f.compression = ExrCompression::Piz;
        f.storage = ExrStorage::Tiled;
        f.tileWidth = f.tileHeight = 16;
        ASSERT_TRUE(writeExr(m_dir / "tiled.exr", f).isOk());
        f.partName = "one";
        ExrFrame g = f;
        g.partName = "two";
        g.storage = ExrStorage::Scanline;
        ASSERT_TRUE(writeExrParts(m_dir / "parts.exr", {f, g}).isOk());
    }

    // Reads `bytes[0, count)` as a file: reading some part must fail (a later part's damage
    // leaves an earlier part readable), and every failure must be clean and name the file.
    void expectError(const Bytes& bytes, std::size_t count, const std::string& what) {
        writeBytes(m_bad, bytes, count);
        bool failed = false;
        for (const char* part : {"0", "1"}) {
            auto r = readExr(m_bad, {.part = part});
            if (r.isOk()) continue;
            if (r.status().code() == ErrorCode::NotFound) continue;  // no part 1
            failed = true;
            EXPECT_EQ(r.status().code(), ErrorCode::CorruptData) << what;
            EXPECT_NE(r.status().message().find(m_bad.string()), std::string::npos)
                << what << ": " << r.status().message();
        }
        EXPECT_TRUE(failed) << what;
    }

    // Reads damaged bytes: success is allowed (the damage may be harmless), a crash is not.
    void expectNoCrash(const Bytes& bytes, const std::string& what) {
        writeBytes(m_bad, bytes, bytes.size());
        for (int part = 0; part < 2; ++part) {
            auto r = readExr(m_bad, {.part = part == 0 ? "" : "1"});
            if (!r.isOk()) {
                EXPECT_NE(r.status().message().find(m_bad.string()), std::string::npos)
                    << what << ": " << r.status().message();
            }
        }
        auto p = probeExr(m_bad);
        if (!p.isOk()) {
            EXPECT_NE(p.status().message().find(m_bad.string()), std::string::npos);
        }
    }

    test::TempDir m_dir;
    std::filesystem::path m_bad = m_dir / "bad.exr";
    const char* m_sources[3] = {"scanline.exr", "tiled.exr", "parts.exr"};
};

TEST_F(ExrCorrupt, TruncationAnywhereIsAnErrorNamingTheFile) {
    for (const char* name : m_sources) {
        const Bytes good = readBytes(m_dir / name);
        const std::size_t header = headerEnd(good);
        for (std::size_t n = 0; n < good.size(); n += n < header + 64 ? 1 : good.size() / 97 + 1) {
            expectError(good, n, std::string(name) + " cut at " + std::to_string(n));
        }
        expectError(good, good.size() - 1, std::string(name) + " without its last byte");
    }
}

TEST_F(ExrCorrupt, DamagedBytesNeverCrash) {
    for (const char* name : m_sources) {
        const Bytes good = readBytes(m_dir / name);
        const std::size_t header = headerEnd(good) + 64;  // the chunk table too
        for (std::size_t i = 0; i < good.size(); i += i < header ? 1 : good.size() / 61 + 1) {
            for (char mask : {char(0xff), char(0x01), char(0x80)}) {
                Bytes bad = good;
                bad[i] ^= mask;
                expectNoCrash(bad, std::string(name) + " byte " + std::to_string(i));
            }
        }
    }
}

TEST_F(ExrCorrupt, AbsurdDataWindowIsRefusedBeforeAllocating) {
    const Bytes good = readBytes(m_dir / "scanline.exr");
    const std::size_t at = attributeValue(good, "dataWindow");
    const std::int32_t windows[][4] = {
        {0, 0, INT32_MAX - 1, INT32_MAX - 1},          // 2^31 x 2^31
        {-(1 << 30), -(1 << 30), 1 << 30, 1 << 30},    // origin far negative
        {INT32_MIN, INT32_MIN, INT32_MAX, INT32_MAX},  // the whole int range
        {0, 0, 99999, 99999},                          // over the pixel limit
        {0, 0, 63, 999999},  // within the limits, but more chunks than the file can hold
    };
    for (const auto& w : windows) {
        Bytes bad = good;
        putInts(bad, at, {w[0], w[1], w[2], w[3]});
        expectError(bad, bad.size(), "data window max " + std::to_string(w[2]));
    }
}

TEST_F(ExrCorrupt, AbsurdTileCountIsRefused) {
    const Bytes good = readBytes(m_dir / "tiled.exr");
    Bytes bad = good;
    putInts(bad, attributeValue(good, "tiles"), {1, 1});  // 2560 one-pixel tiles
    expectError(bad, bad.size(), "1x1 tiles");
    bad = good;
    putInts(bad, attributeValue(good, "tiles"), {1 << 30, 1 << 30});
    expectError(bad, bad.size(), "huge tiles");
}

TEST_F(ExrCorrupt, NonExrInputsGiveTheirOwnErrors) {
    writeBytes(m_bad, {}, 0);
    auto empty = readExr(m_bad);
    ASSERT_FALSE(empty.isOk());
    EXPECT_EQ(empty.status().code(), ErrorCode::CorruptData);
    EXPECT_NE(empty.status().message().find(m_bad.string()), std::string::npos);

    std::ofstream(m_dir / "text.exr") << "P3\n1 1\n255\n0 0 0\n";
    auto text = readExr(m_dir / "text.exr");
    ASSERT_FALSE(text.isOk());
    EXPECT_EQ(text.status().code(), ErrorCode::CorruptData);
    EXPECT_NE(text.status().message().find("not an OpenEXR file"), std::string::npos);

    auto missing = readExr(m_dir / "missing.exr");
    ASSERT_FALSE(missing.isOk());
    EXPECT_EQ(missing.status().code(), ErrorCode::NotFound);
    EXPECT_NE(missing.status().message().find("missing.exr"), std::string::npos);

    auto directory = probeExr(m_dir.path());
    ASSERT_FALSE(directory.isOk());
    EXPECT_EQ(directory.status().code(), ErrorCode::IoError);
    EXPECT_NE(directory.status().message().find(m_dir.path().string()), std::string::npos);
}

TEST_F(ExrCorrupt, UnreadableFileIsAnIoError) {
    if (geteuid() == 0) GTEST_SKIP() << "permissions do not apply to root";
    std::filesystem::copy_file(m_dir / "scanline.exr", m_bad);
    ::chmod(m_bad.c_str(), 0);
    auto r = readExr(m_bad);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), ErrorCode::IoError);
}

TEST_F(ExrCorrupt, WritingIntoAMissingDirectoryFailsCleanly) {
    ExrFrame f;
    f.image = makeRamp(4, 4, PixelType::Half, 0.f, 1.f);
    f.dataWindow = f.displayWindow = {0, 0, 3, 3};
    const auto target = m_dir / "nowhere" / "out.exr";
    const Status s = writeExr(target, f);
    EXPECT_EQ(s.code(), ErrorCode::NotFound);
    EXPECT_NE(s.message().find(target.string()), std::string::npos) << s.message();
    EXPECT_FALSE(std::filesystem::exists(m_dir / "nowhere"));
    for (const auto& e : std::filesystem::directory_iterator(m_dir.path())) {
        EXPECT_EQ(e.path().extension(), ".exr") << e.path();
        EXPECT_NE(e.path().filename().string()[0], '.') << "temporary left: " << e.path();
    }
}

TEST_F(ExrCorrupt, WritingIntoAReadOnlyDirectoryFailsCleanly) {
    if (geteuid() == 0) GTEST_SKIP() << "permissions do not apply to root";
    const auto locked = m_dir / "locked";
    std::filesystem::create_directory(locked);
    ::chmod(locked.c_str(), 0555);
    ExrFrame f;
    f.image = makeRamp(4, 4, PixelType::Half, 0.f, 1.f);
    f.dataWindow = f.displayWindow = {0, 0, 3, 3};
    const Status s = writeExr(locked / "out.exr", f);
    ::chmod(locked.c_str(), 0755);
    EXPECT_EQ(s.code(), ErrorCode::IoError);
    EXPECT_NE(s.message().find("out.exr"), std::string::npos) << s.message();
    EXPECT_TRUE(std::filesystem::is_empty(locked));
}

}  // namespace
}  // namespace emu::media
