#include "emulsion/conform/MediaIndex.h"

#include <gtest/gtest.h>

#include <fstream>

#include "RelinkTestMedia.h"
#include "TempDir.h"

namespace emu::conform {
namespace {

using test::OriginalSpec;
using test::tc;
using test::writeOriginal;

const IndexedClip* findClip(const MediaIndex& index, const std::string& stem) {
    for (const IndexedClip& c : index.clips()) {
        if (c.fileStem == stem) return &c;
    }
    return nullptr;
}

TEST(MediaIndex, ScansFoldersRecursivelyAndProbesEachClip) {
    emu::test::TempDir dir;
    writeOriginal(dir / "day1/A001", {"A001C003", "A001", "10:00:00:00", 12});
    writeOriginal(dir / "day1/A001", {"A001C004", "A001", "10:05:00:00", 8, 86400});
    writeOriginal(dir / "day2", {"B002C001", "B002", "14:30:10:05", 6});
    std::ofstream(dir / "day2/notes.txt") << "camera report";
    std::ofstream(dir / "day2/broken.exr") << "not an exr at all";

    auto index = MediaIndex::scan({dir.path()}, {}, media::builtinClipReaders());
    ASSERT_TRUE(index.isOk()) << index.status().message();
    ASSERT_EQ(index->clips().size(), 3u);

    const IndexedClip* a = findClip(*index, "A001C003");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->reel, "A001");
    EXPECT_EQ(a->reelOrigin, IndexedClip::ReelOrigin::Metadata);
    EXPECT_TRUE(a->sequence);
    EXPECT_TRUE(a->hasTimecode);
    EXPECT_EQ(a->rate, (timeline::Rate{24, 1}));
    EXPECT_EQ(a->source, (timeline::FrameRange{tc("10:00:00:00"), 12}));
    EXPECT_EQ(a->path, dir / "day1/A001/A001C003_%07d.exr");

    const IndexedClip* b = findClip(*index, "A001C004");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->source, (timeline::FrameRange{tc("10:05:00:00"), 8}));
    const IndexedClip* c = findClip(*index, "B002C001");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->source, (timeline::FrameRange{tc("14:30:10:05"), 6}));

    ASSERT_EQ(index->unreadable().size(), 1u);
    EXPECT_EQ(index->unreadable()[0].path.filename(), "broken.exr");
    EXPECT_FALSE(index->unreadable()[0].error.empty());
    ASSERT_EQ(index->ignored().size(), 1u);
    EXPECT_EQ(index->ignored()[0].filename(), "notes.txt");

    EXPECT_EQ(index->byReel("a001").size(), 2u);
    EXPECT_EQ(index->byName("B002C001").size(), 1u);
    EXPECT_EQ(index->byFileName("A001C003_0001005.exr").size(), 1u);
    EXPECT_TRUE(index->byFileName("A001C003_00010x5.exr").empty());
}

TEST(MediaIndex, NotRecursiveStaysInTheNamedFolder) {
    emu::test::TempDir dir;
    writeOriginal(dir.path(), {"A001C001", "A001", "01:00:00:00", 3});
    writeOriginal(dir / "below", {"A001C002", "A001", "01:10:00:00", 3});
    MediaIndexOptions options;
    options.recursive = false;
    auto index = MediaIndex::scan({dir.path()}, options, media::builtinClipReaders());
    ASSERT_TRUE(index.isOk()) << index.status().message();
    ASSERT_EQ(index->clips().size(), 1u);
    EXPECT_EQ(index->clips()[0].fileStem, "A001C001");
}

TEST(MediaIndex, ReelPatternNamesReelsTheMediaDoesNotCarry) {
    emu::test::TempDir dir;
    writeOriginal(dir / "cards", {"C007C012", "", "11:00:00:00", 3});
    writeOriginal(dir / "R014_day3/misc", {"take_one", "", "12:00:00:00", 3});
    writeOriginal(dir / "cards", {"D001C001", "EMBEDDED", "13:00:00:00", 3});
    MediaIndexOptions options;
    options.reelPattern = "^([A-Z][0-9]{3})";
    auto index = MediaIndex::scan({dir.path()}, options, media::builtinClipReaders());
    ASSERT_TRUE(index.isOk()) << index.status().message();
    ASSERT_EQ(index->clips().size(), 3u);
    EXPECT_EQ(findClip(*index, "C007C012")->reel, "C007");  // from the file name
    EXPECT_EQ(findClip(*index, "C007C012")->reelOrigin, IndexedClip::ReelOrigin::Pattern);
    EXPECT_EQ(findClip(*index, "take_one")->reel, "R014");      // from a folder above it
    EXPECT_EQ(findClip(*index, "D001C001")->reel, "EMBEDDED");  // metadata wins

    auto plain = MediaIndex::scan({dir.path()}, {}, media::builtinClipReaders());
    ASSERT_TRUE(plain.isOk());
    EXPECT_EQ(findClip(*plain, "C007C012")->reel, "");
}

TEST(MediaIndex, BadReelPatternsAndMissingFoldersAreErrors) {
    emu::test::TempDir dir;
    MediaIndexOptions options;
    options.reelPattern = "^[A-Z]{4}";  // no capture group
    auto none = MediaIndex::scan({dir.path()}, options, media::builtinClipReaders());
    EXPECT_EQ(none.status().code(), ErrorCode::InvalidArgument);
    options.reelPattern = "^([A-Z]";
    auto malformed = MediaIndex::scan({dir.path()}, options, media::builtinClipReaders());
    EXPECT_EQ(malformed.status().code(), ErrorCode::InvalidArgument);
    auto missing = MediaIndex::scan({dir / "nowhere"}, {}, media::builtinClipReaders());
    EXPECT_EQ(missing.status().code(), ErrorCode::NotFound);
    EXPECT_NE(missing.status().message().find("nowhere"), std::string::npos);
}

TEST(MediaIndex, FileStemDropsExtensionAndFramePlaceholder) {
    EXPECT_EQ(fileStemOf("/m/A001C003_%07d.exr"), "A001C003");
    EXPECT_EQ(fileStemOf("/m/SH010_comp_v002.####.exr"), "SH010_comp_v002");
    EXPECT_EQ(fileStemOf("/m/SH010_comp_v012.mov"), "SH010_comp_v012");
}

}  // namespace
}  // namespace emu::conform
