#include "emulsion/media/FileSequence.h"

#include <gtest/gtest.h>

#include <fstream>

#include "TempDir.h"

namespace emu::media {
namespace {

void touch(const std::filesystem::path& p) {
    std::ofstream(p) << "x";
}

TEST(FileSequence, OneFrameNameFindsItsSequenceAndGaps) {
    test::TempDir dir;
    for (int f : {123, 124, 125, 128, 130}) {
        touch(dir / ("A001C003_0000" + std::to_string(f) + ".exr"));
    }
    touch(dir / "A001C003_0000124.dpx");                // another format: another clip
    touch(dir / ".A001C003_0000126.exr.part-1-0.exr");  // a write in progress
    auto s = findSequence(dir / "A001C003_0000124.exr");
    ASSERT_TRUE(s.isOk()) << s.status().message();
    EXPECT_EQ(s->pattern.text(), (dir / "A001C003_%07d.exr").string());
    EXPECT_EQ(s->first(), 123);
    EXPECT_EQ(s->last(), 130);
    EXPECT_EQ(s->missing(), (std::vector<int>{126, 127, 129}));
    EXPECT_TRUE(s->has(128));
    EXPECT_FALSE(s->has(127));
    EXPECT_EQ(s->firstPath(), dir / "A001C003_0000123.exr");
}

TEST(FileSequence, UnpaddedNumbersGiveAnUnpaddedPattern) {
    test::TempDir dir;
    for (int f = 8; f <= 11; ++f) touch(dir / ("plate." + std::to_string(f) + ".tif"));
    auto s = findSequence(dir / "plate.9.tif");
    ASSERT_TRUE(s.isOk()) << s.status().message();
    EXPECT_EQ(s->pattern.text(), (dir / "plate.%d.tif").string());
    EXPECT_EQ(s->frames, (std::vector<int>{8, 9, 10, 11}));
}

TEST(FileSequence, NameWithoutTrailingDigitsIsASingleFile) {
    test::TempDir dir;
    touch(dir / "A001_v2_final.exr");
    touch(dir / "A001_v3_final.exr");
    auto s = findSequence(dir / "A001_v2_final.exr");
    ASSERT_TRUE(s.isOk());
    EXPECT_FALSE(s->isSequence());
    EXPECT_TRUE(s->has(0));
    EXPECT_FALSE(s->has(1));
    EXPECT_EQ(s->firstPath(), dir / "A001_v2_final.exr");
}

TEST(FileSequence, PatternsListTheirFramesAndEmptyOnesAreNotFound) {
    test::TempDir dir;
    for (int f : {1001, 1002}) touch(dir / ("sh010." + std::to_string(f) + ".exr"));
    auto s = findSequence(dir / "sh010.####.exr");
    ASSERT_TRUE(s.isOk());
    EXPECT_EQ(s->frames, (std::vector<int>{1001, 1002}));
    auto none = findSequence(dir / "sh020.####.exr");
    EXPECT_EQ(none.status().code(), ErrorCode::NotFound);
    EXPECT_NE(none.status().message().find("sh020.####.exr"), std::string::npos);
    auto missing = findSequence(dir / "absent.exr");
    EXPECT_EQ(missing.status().code(), ErrorCode::NotFound);
    EXPECT_NE(missing.status().message().find("absent.exr"), std::string::npos);
}

TEST(FileSequence, FolderGroupsEveryClip) {
    test::TempDir dir;
    for (int f = 1; f <= 3; ++f) touch(dir / ("A_00" + std::to_string(f) + ".exr"));
    for (int f = 10; f <= 11; ++f) touch(dir / ("B_" + std::to_string(f) + ".dpx"));
    touch(dir / "notes.txt");
    touch(dir / ".hidden.exr");
    std::filesystem::create_directory(dir / "sub");
    auto clips = findSequencesInFolder(dir.path());
    ASSERT_TRUE(clips.isOk());
    ASSERT_EQ(clips->size(), 3u);
    EXPECT_EQ((*clips)[0].pattern.text(), (dir / "A_%03d.exr").string());
    EXPECT_EQ((*clips)[0].frames.size(), 3u);
    EXPECT_EQ((*clips)[1].pattern.text(), (dir / "B_%02d.dpx").string());
    EXPECT_EQ((*clips)[2].pattern.text(), (dir / "notes.txt").string());
    EXPECT_EQ(findSequencesInFolder(dir / "nowhere").status().code(), ErrorCode::NotFound);
}

}  // namespace
}  // namespace emu::media
