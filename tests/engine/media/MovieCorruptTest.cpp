#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string_view>
#include <vector>

#include "MovieTestMedia.h"
#include "TempDir.h"
#include "emulsion/media/MovieReader.h"

namespace emu::media {
namespace {

using Bytes = std::vector<char>;

Bytes readBytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const std::filesystem::path& p, const Bytes& bytes, std::size_t count) {
    std::ofstream(p, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), std::streamsize(std::min(count, bytes.size())));
}

// Offsets of every occurrence of a four-character code.
std::vector<std::size_t> find(const Bytes& b, std::string_view fourcc) {
    std::vector<std::size_t> at;
    for (auto it = b.begin();
         (it = std::search(it, b.end(), fourcc.begin(), fourcc.end())) != b.end(); ++it)
        at.push_back(std::size_t(it - b.begin()));
    return at;
}

bool names(const Status& status, const std::filesystem::path& path) {
    return status.message().find(path.string()) != std::string::npos;
}

// Opens and reads every frame. Returns the first error, or ok when the whole clip reads.
Status openAndReadAll(const std::filesystem::path& path) {
    auto reader = MovieReader::open(path);
    if (!reader.isOk()) return reader.status();
    for (int i = 0; i < (*reader)->info().frameCount; ++i) {
        auto frame = (*reader)->read(i);
        if (!frame.isOk()) return frame.status();
    }
    return Status::ok();
}

class MovieCorrupt : public testing::Test {
protected:
    void SetUp() override {
        // Every ProRes frame is a key frame starting with its size and "icpf".
        const auto made =
            test::makeMovie(m_good, "testsrc=s=64x48:r=24", "-frames:v 20 -c:v prores_ks");
        ASSERT_EQ(made.exitCode, 0) << made.output;
        ASSERT_EQ(test::makeMovie(m_fastStart, "testsrc=s=64x48:r=24",
                                  "-frames:v 20 -c:v prores_ks -movflags +faststart")
                      .exitCode,
                  0);
    }

    test::TempDir m_dir;
    std::filesystem::path m_good = m_dir / "good.mov";
    std::filesystem::path m_fastStart = m_dir / "faststart.mov";
};

TEST_F(MovieCorrupt, TheUndamagedFilesRead) {
    EXPECT_TRUE(openAndReadAll(m_good).isOk());
    EXPECT_TRUE(openAndReadAll(m_fastStart).isOk());
}

TEST_F(MovieCorrupt, MissingFileIsNotFound) {
    const auto path = m_dir / "absent.mov";
    auto r = MovieReader::open(path);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), ErrorCode::NotFound);
    EXPECT_TRUE(names(r.status(), path)) << r.status().message();
}

TEST_F(MovieCorrupt, DirectoryIsRefused) {
    auto r = MovieReader::open(m_dir.path());
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), ErrorCode::IoError);
    EXPECT_TRUE(names(r.status(), m_dir.path())) << r.status().message();
}

TEST_F(MovieCorrupt, TextFileIsNotAMovie) {
    const auto path = m_dir / "notes.mov";
    std::ofstream(path) << "Reel A001, scene 12, take 3: focus buzz at the end.\n";
    auto r = MovieReader::open(path);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), ErrorCode::Unsupported);
    EXPECT_TRUE(names(r.status(), path)) << r.status().message();
    EXPECT_NE(r.status().message().find("not a movie"), std::string::npos);
}

TEST_F(MovieCorrupt, CutInTheMiddleIsCorrupt) {
    // The movie header comes last: without it nothing can be read.
    const Bytes bytes = readBytes(m_good);
    const auto path = m_dir / "cut.mov";
    writeBytes(path, bytes, bytes.size() / 2);
    auto r = MovieReader::open(path);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), ErrorCode::CorruptData);
    EXPECT_TRUE(names(r.status(), path)) << r.status().message();
}

TEST_F(MovieCorrupt, CutPicturesAreCorruptWhileThoseBeforeTheCutRead) {
    // The header comes first and lists 20 frames; the file ends in the middle of frame 12.
    const Bytes bytes = readBytes(m_fastStart);
    const std::vector<std::size_t> frames = find(bytes, "icpf");
    ASSERT_EQ(frames.size(), 20u);
    const auto path = m_dir / "cut.mov";
    writeBytes(path, bytes, (frames[12] + frames[13]) / 2);
    auto reader = MovieReader::open(path);
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    EXPECT_EQ((*reader)->info().frameCount, 20);
    for (int i = 0; i < 12; ++i) EXPECT_TRUE((*reader)->read(i).isOk()) << i;
    for (int i : {19, 12, 15, 12}) {
        auto frame = (*reader)->read(i);
        ASSERT_FALSE(frame.isOk()) << i;
        EXPECT_EQ(frame.status().code(), ErrorCode::CorruptData);
        EXPECT_TRUE(names(frame.status(), path)) << frame.status().message();
    }
    EXPECT_TRUE((*reader)->read(3).isOk()) << "an error must not spoil the reader";
}

TEST_F(MovieCorrupt, FlippedHeaderBytesAreErrors) {
    Bytes bytes = readBytes(m_good);
    const auto moov = find(bytes, "moov");
    ASSERT_EQ(moov.size(), 1u);
    for (std::size_t i = moov[0] - 4; i < moov[0] + 4; ++i) bytes[i] = char(~bytes[i]);
    const auto path = m_dir / "flipped.mov";
    writeBytes(path, bytes, bytes.size());
    auto r = MovieReader::open(path);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), ErrorCode::CorruptData);
    EXPECT_TRUE(names(r.status(), path)) << r.status().message();

    Bytes start = readBytes(m_good);
    for (std::size_t i = 0; i < 16; ++i) start[i] = char(~start[i]);
    writeBytes(path, start, start.size());
    r = MovieReader::open(path);
    ASSERT_FALSE(r.isOk());
    EXPECT_TRUE(names(r.status(), path)) << r.status().message();
}

TEST_F(MovieCorrupt, DamagedPictureIsCorruptAndItsNeighboursRead) {
    Bytes bytes = readBytes(m_good);
    const std::vector<std::size_t> frames = find(bytes, "icpf");
    ASSERT_EQ(frames.size(), 20u);
    // Frame 10's header: its size, dimensions and quantisation matrices.
    for (std::size_t i = frames[10] + 4; i < frames[10] + 40; ++i) bytes[i] = char(0xff);
    const auto path = m_dir / "damaged.mov";
    writeBytes(path, bytes, bytes.size());
    auto reader = MovieReader::open(path);
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    auto frame = (*reader)->read(10);
    ASSERT_FALSE(frame.isOk());
    EXPECT_EQ(frame.status().code(), ErrorCode::CorruptData);
    EXPECT_TRUE(names(frame.status(), path)) << frame.status().message();
    EXPECT_TRUE((*reader)->read(9).isOk());
    EXPECT_TRUE((*reader)->read(11).isOk());
    EXPECT_FALSE((*reader)->read(10).isOk()) << "asked again, still refused";
}

// Every byte of the movie header inverted in turn: each file either reads or fails with an
// error naming it. Run under AddressSanitizer by scripts/test.
TEST_F(MovieCorrupt, EveryHeaderByteFlippedNeverCrashes) {
    const Bytes bytes = readBytes(m_good);
    const auto moov = find(bytes, "moov");
    ASSERT_EQ(moov.size(), 1u);
    const auto path = m_dir / "flip.mov";
    int errors = 0;
    for (std::size_t i = moov[0] - 4; i < bytes.size(); i += 3) {
        Bytes copy = bytes;
        copy[i] = char(~copy[i]);
        writeBytes(path, copy, copy.size());
        const Status s = openAndReadAll(path);
        if (!s.isOk()) {
            ++errors;
            EXPECT_TRUE(names(s, path)) << "byte " << i << ": " << s.message();
        }
    }
    EXPECT_GT(errors, 0);
}

TEST_F(MovieCorrupt, NoVideoStreamIsUnsupported) {
    const auto path = m_dir / "sound.mov";
    ASSERT_EQ(test::makeMovie(path, "sine=frequency=440:duration=0.5", "-c:a pcm_s16le").exitCode,
              0);
    auto r = MovieReader::open(path);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), ErrorCode::Unsupported);
    EXPECT_TRUE(names(r.status(), path)) << r.status().message();
    EXPECT_NE(r.status().message().find("no video stream"), std::string::npos);
}

TEST_F(MovieCorrupt, OtherCodecsAreUnsupportedByName) {
    const auto path = m_dir / "mpeg4.mov";
    ASSERT_EQ(test::makeMovie(path, "testsrc=s=64x48:r=24", "-frames:v 5 -c:v mpeg4").exitCode, 0);
    auto r = MovieReader::open(path);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), ErrorCode::Unsupported);
    EXPECT_TRUE(names(r.status(), path)) << r.status().message();
    EXPECT_NE(r.status().message().find("mpeg4"), std::string::npos);
}

TEST_F(MovieCorrupt, FramesOutsideTheClipAreNotFound) {
    auto reader = MovieReader::open(m_good);
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    for (int i : {-1, 20, 1 << 30}) {
        auto frame = (*reader)->read(i);
        ASSERT_FALSE(frame.isOk());
        EXPECT_EQ(frame.status().code(), ErrorCode::NotFound);
        EXPECT_TRUE(names(frame.status(), m_good)) << frame.status().message();
    }
}

}  // namespace
}  // namespace emu::media
