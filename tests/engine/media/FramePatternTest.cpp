#include <gtest/gtest.h>

#include <fstream>

#include "TempDir.h"
#include "emulsion/media/FramePattern.h"

namespace emu::media {
namespace {

TEST(FramePattern, PrintfPaddingIsHonoured) {
    auto p = FramePattern::parse("/shots/A001.%06d.exr");
    ASSERT_TRUE(p.isOk());
    EXPECT_TRUE(p->isSequence());
    EXPECT_EQ(p->path(86400), "/shots/A001.086400.exr");
    EXPECT_EQ(p->path(1234567), "/shots/A001.1234567.exr");
}

TEST(FramePattern, HashesCountDigits) {
    auto p = FramePattern::parse("plate.####.exr");
    ASSERT_TRUE(p.isOk());
    EXPECT_EQ(p->path(7), "plate.0007.exr");
    EXPECT_EQ(p->path(-7), "plate.-0007.exr");
}

TEST(FramePattern, UnpaddedPrintf) {
    auto p = FramePattern::parse("f%d.exr");
    ASSERT_TRUE(p.isOk());
    EXPECT_EQ(p->path(12), "f12.exr");
}

TEST(FramePattern, PlainNameIsASingleFile) {
    auto p = FramePattern::parse("/a#b/still.exr");  // a # in a directory is literal
    ASSERT_TRUE(p.isOk());
    EXPECT_FALSE(p->isSequence());
    EXPECT_EQ(p->path(5), "/a#b/still.exr");
}

TEST(FramePattern, MalformedPatternsAreRejected) {
    EXPECT_FALSE(FramePattern::parse("a.%6d.exr").isOk());
    EXPECT_FALSE(FramePattern::parse("a.%s.exr").isOk());
    EXPECT_FALSE(FramePattern::parse("a.##.#.exr").isOk());
    EXPECT_FALSE(FramePattern::parse("a.#.%04d.exr").isOk());
}

TEST(FramePattern, FramesOnDiskMatchPadding) {
    test::TempDir dir;
    for (const char* name :
         {"s.0001.exr", "s.0002.exr", "s.0010.exr", "s.1.exr", "s.0003.dpx", "t.0004.exr"}) {
        std::ofstream(dir / name) << "x";
    }
    auto p = FramePattern::parse((dir / "s.####.exr").string());
    ASSERT_TRUE(p.isOk());
    EXPECT_EQ(p->framesOnDisk(), (std::vector<int>{1, 2, 10}));
}

TEST(FrameRange, ParsesRangesAndSingleFrames) {
    EXPECT_EQ(parseFrameRange("1001-1100").value().count(), 100);
    EXPECT_EQ(parseFrameRange("5").value().first, 5);
    EXPECT_EQ(parseFrameRange("-5--2").value().last, -2);
    EXPECT_FALSE(parseFrameRange("10-5").isOk());
    EXPECT_FALSE(parseFrameRange("a-b").isOk());
    EXPECT_FALSE(parseFrameRange("").isOk());
}

}  // namespace
}  // namespace emu::media

namespace emu::media {
namespace {

TEST(FramePatternClipName, DropsFolderExtensionPlaceholderAndSeparators) {
    EXPECT_EQ(FramePattern::parse("day1/A001C003_%07d.exr")->clipName(), "A001C003");
    EXPECT_EQ(FramePattern::parse("plates/sh010-####.dpx")->clipName(), "sh010");
    EXPECT_EQ(FramePattern::parse("day1/plate.v002.exr")->clipName(), "plate.v002");
}

}  // namespace
}  // namespace emu::media
