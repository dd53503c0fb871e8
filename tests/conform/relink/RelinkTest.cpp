#include "emulsion/conform/Relink.h"

#include <gtest/gtest.h>

#include "RelinkTestMedia.h"
#include "TempDir.h"

namespace emu::conform {
namespace {

using test::makeClip;
using test::makeTimeline;
using test::tc;
using test::writeOriginal;
using timeline::MediaReference;

MediaIndex scan(const std::filesystem::path& folder, MediaIndexOptions options = {}) {
    auto index = MediaIndex::scan({folder}, options, media::builtinClipReaders());
    EXPECT_TRUE(index.isOk()) << index.status().message();
    return index.isOk() ? *index : MediaIndex{};
}

const timeline::Clip& clipAt(const timeline::Timeline& t, std::size_t item) {
    return std::get<timeline::Clip>(t.tracks.at(0).items.at(item));
}

// Three originals; three events, each showing a few frames inside one of them.
struct ThreeOriginals : ::testing::Test {
    emu::test::TempDir dir;
    void SetUp() override {
        writeOriginal(dir / "A001", {"A001C001", "A001", "10:00:00:00", 20});
        writeOriginal(dir / "A001", {"A001C002", "A001", "10:01:00:00", 20});
        writeOriginal(dir / "B001", {"B001C001", "B001", "11:00:00:00", 20});
    }
    timeline::Timeline cut() const {
        return makeTimeline({makeClip("A001C001", "A001", "10:00:00:05", 6, 0),
                             makeClip("B001C001", "B001", "11:00:00:02", 4, 6),
                             makeClip("A001C002", "A001", "10:01:00:10", 8, 10)});
    }
};

TEST_F(ThreeOriginals, EveryEventMatchesByReelAndTimecode) {
    timeline::Timeline t = cut();
    const RelinkReport report = relink(t, scan(dir.path()), {});
    ASSERT_EQ(report.events.size(), 3u);
    EXPECT_EQ(report.summary.events, 3);
    EXPECT_EQ(report.summary.matched, 3);
    EXPECT_EQ(report.summary.missing + report.summary.ambiguous + report.summary.shortEvents, 0);
    const char* expected[] = {"A001/A001C001_%07d.exr", "B001/B001C001_%07d.exr",
                              "A001/A001C002_%07d.exr"};
    for (std::size_t i = 0; i < 3; ++i) {
        const EventRelink& e = report.events[i];
        EXPECT_EQ(e.status, RelinkStatus::Matched) << i;
        EXPECT_EQ(e.matchedBy, MatchKey::ReelTimecode) << i;
        EXPECT_EQ(e.media, dir / expected[i]);
        EXPECT_EQ(e.item, i);
        const timeline::Clip& clip = clipAt(t, i);
        ASSERT_EQ(clip.media.size(), 1u);
        const MediaReference& ref = clip.media.at(std::size_t(clip.activeMedia));
        EXPECT_EQ(ref.kind, MediaReference::Kind::ImageSequence);
        EXPECT_EQ(ref.name, "camera original");
        EXPECT_EQ(ref.path, dir / expected[i]);
        ASSERT_TRUE(ref.availableRange.has_value());
        EXPECT_EQ(ref.availableRange->duration, 20);
        EXPECT_TRUE(ref.availableRange->covers(clip.source));
    }
    EXPECT_EQ(clipAt(t, 1).media[0].availableRange->start, tc("11:00:00:00"));
}

TEST_F(ThreeOriginals, RemovedOriginalLeavesItsEventMissing) {
    std::filesystem::remove_all(dir / "B001");
    timeline::Timeline t = cut();
    const RelinkReport report = relink(t, scan(dir.path()), {});
    EXPECT_EQ(report.summary.matched, 2);
    EXPECT_EQ(report.summary.missing, 1);
    EXPECT_EQ(report.events[1].status, RelinkStatus::Missing);
    EXPECT_EQ(report.events[1].matchedBy, MatchKey::None);
    EXPECT_TRUE(report.events[1].media.empty());
    const timeline::Clip& clip = clipAt(t, 1);
    ASSERT_EQ(clip.media.size(), 1u);
    EXPECT_EQ(clip.media[0].kind, MediaReference::Kind::Missing);
}

TEST_F(ThreeOriginals, ClipOutsideTheReelsTimecodeIsMissing) {
    timeline::Timeline t = makeTimeline({makeClip("", "A001", "10:30:00:00", 5, 0)});
    const RelinkReport report = relink(t, scan(dir.path()), {});
    EXPECT_EQ(report.events[0].status, RelinkStatus::Missing);
}

TEST_F(ThreeOriginals, HandlesMakeAnEventShortByTheFramesTheMediaLacks) {
    // A001C001 holds 10:00:00:00..10:00:00:19; the event shows 10:00:00:05..10:00:00:10.
    timeline::Timeline t = cut();
    RelinkOptions options;
    options.handles = 5;
    RelinkReport report = relink(t, scan(dir.path()), options);
    EXPECT_EQ(report.events[0].status, RelinkStatus::Matched);  // 0..15 needed, 0..19 held
    options.handles = 8;
    t = cut();
    report = relink(t, scan(dir.path()), options);
    const EventRelink& e = report.events[0];
    EXPECT_EQ(e.status, RelinkStatus::Short);
    EXPECT_EQ(e.shortHead, 3);  // wants 10:00:00:00 - 3 frames
    EXPECT_EQ(e.shortTail, 0);  // wants up to 10:00:00:18
    EXPECT_EQ(e.shortBy(), 3);
    // B001C001 shows 2..5 of 0..19: 8 frames of head handle wanted, 2 there.
    EXPECT_EQ(report.events[1].status, RelinkStatus::Short);
    EXPECT_EQ(report.events[1].shortHead, 6);
    EXPECT_EQ(report.summary.shortEvents, 3);  // A001C002 shows 10..17: tail wants 25, has 19
    EXPECT_EQ(report.events[2].shortTail, 6);
    // Short media is still the media: its reference is set for what it holds.
    EXPECT_EQ(clipAt(t, 0).media[0].path, dir / "A001/A001C001_%07d.exr");
}

TEST(Relink, TooShortOriginalIsReportedWithTheMissingFrameCount) {
    emu::test::TempDir dir;
    writeOriginal(dir.path(), {"A001C001", "A001", "10:00:00:00", 10});
    timeline::Timeline t = makeTimeline({makeClip("A001C001", "A001", "10:00:00:04", 12, 0)});
    const RelinkReport report = relink(t, scan(dir.path()), {});
    ASSERT_EQ(report.events.size(), 1u);
    EXPECT_EQ(report.events[0].status, RelinkStatus::Short);
    EXPECT_EQ(report.events[0].shortHead, 0);
    EXPECT_EQ(report.events[0].shortTail, 6);  // shows 4..15, media ends at 9
    EXPECT_EQ(report.summary.shortEvents, 1);
    EXPECT_NE(report.events[0].note.find("A001C001"), std::string::npos);
}

TEST(Relink, SharedReelWithOverlappingTimecodeIsAmbiguous) {
    emu::test::TempDir dir;
    // Two cameras both named their card A001 and ran time of day.
    writeOriginal(dir / "camA", {"A001C001", "A001", "10:00:00:00", 20});
    writeOriginal(dir / "camB", {"A001C901", "A001", "10:00:00:10", 20});
    timeline::Timeline t = makeTimeline({makeClip("", "A001", "10:00:00:12", 4, 0)});
    const RelinkReport report = relink(t, scan(dir.path()), {});
    const EventRelink& e = report.events[0];
    EXPECT_EQ(e.status, RelinkStatus::Ambiguous);
    EXPECT_EQ(e.matchedBy, MatchKey::ReelTimecode);
    ASSERT_EQ(e.candidates.size(), 2u);
    EXPECT_EQ(e.candidates[0], dir / "camA/A001C001_%07d.exr");
    EXPECT_EQ(e.candidates[1], dir / "camB/A001C901_%07d.exr");
    EXPECT_EQ(report.summary.ambiguous, 1);
    EXPECT_EQ(std::get<timeline::Clip>(t.tracks[0].items[0]).media[0].kind,
              MediaReference::Kind::Missing);

    // The clip name tells them apart; outside the overlap only one clip holds the frames.
    timeline::Timeline named = makeTimeline({makeClip("A001C901", "A001", "10:00:00:12", 4, 0),
                                             makeClip("", "A001", "10:00:00:02", 4, 4)});
    const RelinkReport told = relink(named, scan(dir.path()), {});
    EXPECT_EQ(told.events[0].status, RelinkStatus::Matched);
    EXPECT_EQ(told.events[0].media, dir / "camB/A001C901_%07d.exr");
    EXPECT_EQ(told.events[1].status, RelinkStatus::Matched);
    EXPECT_EQ(told.events[1].media, dir / "camA/A001C001_%07d.exr");
}

TEST(Relink, NameAndSourceFileFindMediaWhenTheReelDoesNot) {
    emu::test::TempDir dir;
    writeOriginal(dir.path(), {"A003C011", "", "09:00:00:00", 10});  // no reel embedded
    writeOriginal(dir.path(), {"A003C012", "", "09:10:00:00", 10});
    timeline::Clip byName = makeClip("A003C011", "TAPE7", "09:00:00:02", 3, 0);
    timeline::Clip bySource = makeClip("edited name", "", "09:10:00:01", 3, 3);
    bySource.sourceFile = "A003C012_0001004.exr";
    timeline::Timeline t = makeTimeline({byName, bySource});
    const RelinkReport report = relink(t, scan(dir.path()), {});
    EXPECT_EQ(report.events[0].status, RelinkStatus::Matched);
    EXPECT_EQ(report.events[0].matchedBy, MatchKey::ClipName);
    EXPECT_EQ(report.events[0].media, dir / "A003C011_%07d.exr");
    EXPECT_EQ(report.events[1].status, RelinkStatus::Matched);
    EXPECT_EQ(report.events[1].matchedBy, MatchKey::SourceFile);
    EXPECT_EQ(report.events[1].media, dir / "A003C012_%07d.exr");
}

TEST(Relink, PathOfAMissingReferenceFindsMovedMedia) {
    emu::test::TempDir dir;
    writeOriginal(dir / "moved", {"X1", "", "09:00:00:00", 10});
    timeline::Clip clip = makeClip("renamed", "", "09:00:00:00", 5, 0);
    clip.media.push_back({MediaReference::Kind::Missing, "original", "/old/volume/X1_%07d.exr"});
    timeline::Timeline t = makeTimeline({clip});
    const RelinkReport report = relink(t, scan(dir.path()), {});
    EXPECT_EQ(report.events[0].status, RelinkStatus::Matched);
    EXPECT_EQ(report.events[0].matchedBy, MatchKey::Path);
    const timeline::Clip& out = clipAt(t, 0);
    ASSERT_EQ(out.media.size(), 1u);  // the missing active reference was replaced
    EXPECT_EQ(out.media[0].path, dir / "moved/X1_%07d.exr");
}

TEST(Relink, NameMatchOutsideTheSourceRangeIsMissingWithANote) {
    emu::test::TempDir dir;
    writeOriginal(dir.path(), {"A003C011", "", "09:00:00:00", 10});
    timeline::Timeline t = makeTimeline({makeClip("A003C011", "", "15:00:00:00", 3, 0)});
    const RelinkReport report = relink(t, scan(dir.path()), {});
    EXPECT_EQ(report.events[0].status, RelinkStatus::Missing);
    EXPECT_EQ(report.events[0].matchedBy, MatchKey::ClipName);
    EXPECT_NE(report.events[0].note.find("A003C011_%07d.exr"), std::string::npos);
}

TEST(Relink, UserReelPatternLetsReelsMatch) {
    emu::test::TempDir dir;
    writeOriginal(dir.path(), {"K012C003", "", "08:00:00:00", 10});
    timeline::Timeline t = makeTimeline({makeClip("", "K012", "08:00:00:03", 4, 0)});
    RelinkReport without = relink(t, scan(dir.path()), {});
    EXPECT_EQ(without.events[0].status, RelinkStatus::Missing);
    MediaIndexOptions options;
    options.reelPattern = "^([A-Z][0-9]{3})C";
    RelinkReport with = relink(t, scan(dir.path(), options), {});
    EXPECT_EQ(with.events[0].status, RelinkStatus::Matched);
    EXPECT_EQ(with.events[0].matchedBy, MatchKey::ReelTimecode);
}

TEST(Relink, GeneratorsAndNonVideoTracksAreSkipped) {
    emu::test::TempDir dir;
    writeOriginal(dir.path(), {"A001C001", "A001", "10:00:00:00", 10});
    timeline::Clip black = makeClip("BL", "BL", "00:00:00:00", 24, 0);
    black.media.push_back({MediaReference::Kind::Generator, "black", {}, "black"});
    timeline::Timeline t = makeTimeline({black, makeClip("", "A001", "10:00:00:00", 5, 24)});
    timeline::Track audio;
    audio.kind = timeline::Track::Kind::Audio;
    audio.items.push_back(makeClip("", "A001", "10:00:00:00", 5, 24));
    t.tracks.push_back(audio);
    const RelinkReport report = relink(t, scan(dir.path()), {});
    ASSERT_EQ(report.events.size(), 2u);
    EXPECT_EQ(report.events[0].status, RelinkStatus::Skipped);
    EXPECT_EQ(report.events[1].status, RelinkStatus::Matched);
    EXPECT_EQ(report.summary.skipped, 1);
    EXPECT_EQ(report.summary.matched, 1);
    EXPECT_EQ(clipAt(t, 0).media.size(), 1u);
    EXPECT_EQ(clipAt(t, 0).media[0].kind, MediaReference::Kind::Generator);
    EXPECT_TRUE(std::get<timeline::Clip>(t.tracks[1].items[0]).media.empty());
}

TEST(Relink, RatesThatCountTimecodeAlikeKeepFrameNumbers) {
    const timeline::FrameRange r{86400, 48};
    EXPECT_EQ(convertRange(r, {24, 1}, {24000, 1001}), r);
    EXPECT_EQ(convertRange(r, {24, 1}, {48, 1}), (timeline::FrameRange{172800, 96}));
    EXPECT_EQ(convertRange({1, 3}, {25, 1}, {24, 1}), (timeline::FrameRange{0, 4}));
}

}  // namespace
}  // namespace emu::conform
