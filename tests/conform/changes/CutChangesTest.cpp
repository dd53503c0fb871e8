#include "emulsion/conform/CutChanges.h"

#include <gtest/gtest.h>

namespace emu::conform {
namespace {

using timeline::FrameRange;
using timeline::Frames;

Frames tc(const std::string& text) {
    Result<Frames> f = timeline::timecodeToFrames(text, {24, 1});
    EXPECT_TRUE(f.isOk()) << text;
    return f.isOk() ? *f : 0;
}

timeline::Clip shot(const std::string& reel, const std::string& sourceTimecode, Frames duration,
                    Frames recordStart, const std::string& name = {}) {
    timeline::Clip c;
    c.name = name.empty() ? reel + "_" + sourceTimecode : name;
    c.reel = reel;
    c.source = {tc(sourceTimecode), duration};
    c.record = {recordStart, duration};
    return c;
}

timeline::Timeline cutOf(std::vector<timeline::Clip> clips) {
    timeline::Timeline t;
    timeline::Track v1;
    for (timeline::Clip& c : clips) v1.items.push_back(std::move(c));
    t.tracks.push_back(std::move(v1));
    return t;
}

// Five shots of ten frames, back to back.
timeline::Timeline gradedCut() {
    return cutOf({shot("A001", "10:00:00:00", 10, 0), shot("A002", "11:00:00:00", 10, 10),
                  shot("A003", "12:00:00:00", 10, 20), shot("A004", "13:00:00:00", 10, 30),
                  shot("A005", "14:00:00:00", 10, 40)});
}

// The re-edit: A001 as it was; A002 loses 2 head frames; A003 gains 3 tail frames; A004 is
// cut out, so A005 moves up; a new shot closes the cut.
timeline::Timeline newCut() {
    return cutOf({shot("A001", "10:00:00:00", 10, 0), shot("A002", "11:00:00:02", 8, 10),
                  shot("A003", "12:00:00:00", 13, 18), shot("A005", "14:00:00:00", 10, 31),
                  shot("A006", "15:00:00:00", 5, 41)});
}

TEST(CutChanges, EachShotIsClassifiedBySourceNotPosition) {
    const CutChanges changes = compareCuts(gradedCut(), newCut());
    ASSERT_EQ(changes.shots.size(), 6u);
    const ShotChange& a1 = changes.shots[0];
    EXPECT_EQ(a1.kind, ShotChangeKind::Unchanged);
    EXPECT_FALSE(a1.moved);

    const ShotChange& a2 = changes.shots[1];
    EXPECT_EQ(a2.kind, ShotChangeKind::Trimmed);
    EXPECT_EQ(a2.headFrames, -2);
    EXPECT_EQ(a2.tailFrames, 0);
    EXPECT_TRUE(a2.exposed.empty());

    const ShotChange& a3 = changes.shots[2];
    EXPECT_EQ(a3.kind, ShotChangeKind::Extended);
    EXPECT_EQ(a3.tailFrames, 3);
    EXPECT_TRUE(a3.moved);
    EXPECT_EQ(a3.recordOffset, -2);
    ASSERT_EQ(a3.exposed.size(), 1u);
    EXPECT_EQ(a3.exposed[0], (FrameRange{tc("12:00:00:10"), 3}));
    EXPECT_EQ(a3.exposedFrames(), 3);

    const ShotChange& a5 = changes.shots[3];
    EXPECT_EQ(a5.kind, ShotChangeKind::Moved);
    EXPECT_EQ(a5.recordOffset, -9);
    ASSERT_TRUE(a5.graded.has_value());
    EXPECT_EQ(a5.graded->item, 4u);
    EXPECT_EQ(a5.cut->item, 3u);

    const ShotChange& a6 = changes.shots[4];
    EXPECT_EQ(a6.kind, ShotChangeKind::New);
    EXPECT_FALSE(a6.graded.has_value());
    EXPECT_EQ(a6.exposedFrames(), 5);

    const ShotChange& a4 = changes.shots[5];
    EXPECT_EQ(a4.kind, ShotChangeKind::Removed);
    EXPECT_EQ(a4.graded->key.media, "A004");
    EXPECT_FALSE(a4.cut.has_value());

    const CutChangeSummary& s = changes.summary;
    EXPECT_EQ(s.unchanged, 1);
    EXPECT_EQ(s.trimmed, 1);
    EXPECT_EQ(s.extended, 1);
    EXPECT_EQ(s.moved, 1);
    EXPECT_EQ(s.added, 1);
    EXPECT_EQ(s.removed, 1);
    EXPECT_EQ(s.exposing, 2);
}

TEST(CutChanges, HeadExtensionAndSlipExposeFramesAtTheirEnds) {
    const timeline::Timeline graded = cutOf({shot("A001", "10:00:00:10", 10, 0)});
    const CutChanges head = compareCuts(graded, cutOf({shot("A001", "10:00:00:06", 14, 0)}));
    ASSERT_EQ(head.shots.size(), 1u);
    EXPECT_EQ(head.shots[0].kind, ShotChangeKind::Extended);
    EXPECT_EQ(head.shots[0].headFrames, 4);
    EXPECT_EQ(head.shots[0].exposed, (std::vector<FrameRange>{{tc("10:00:00:06"), 4}}));

    // Slipped two frames later: two head frames gone, two new ones at the tail.
    const CutChanges slip = compareCuts(graded, cutOf({shot("A001", "10:00:00:12", 10, 0)}));
    EXPECT_EQ(slip.shots[0].kind, ShotChangeKind::Extended);
    EXPECT_EQ(slip.shots[0].headFrames, -2);
    EXPECT_EQ(slip.shots[0].tailFrames, 2);
    EXPECT_EQ(slip.shots[0].exposed, (std::vector<FrameRange>{{tc("10:00:00:20"), 2}}));
}

TEST(CutChanges, ShotsOfOneReelAreToldApartBySourceFrames) {
    // One camera card, two takes; the new cut swaps their order.
    const timeline::Timeline graded =
        cutOf({shot("A001", "10:00:00:00", 10, 0), shot("A001", "10:05:00:00", 10, 10)});
    const timeline::Timeline swapped =
        cutOf({shot("A001", "10:05:00:00", 10, 0), shot("a001", "10:00:00:00", 10, 10)});
    const CutChanges changes = compareCuts(graded, swapped);
    ASSERT_EQ(changes.shots.size(), 2u);
    EXPECT_EQ(changes.shots[0].kind, ShotChangeKind::Moved);
    EXPECT_EQ(changes.shots[0].graded->item, 1u);
    EXPECT_EQ(changes.shots[1].kind, ShotChangeKind::Moved);
    EXPECT_EQ(changes.shots[1].graded->item, 0u);
    EXPECT_EQ(changes.summary.removed, 0);
}

TEST(CutChanges, GeneratorsAreNotShots) {
    timeline::Clip black = shot("BL", "00:00:00:00", 24, 0);
    black.media.push_back({timeline::MediaReference::Kind::Generator, "black", {}, "black"});
    const CutChanges changes = compareCuts(cutOf({}), cutOf({black}));
    EXPECT_TRUE(changes.shots.empty());
}

std::map<GradeKey, std::string> gradesOf(const timeline::Timeline& cut) {
    std::map<GradeKey, std::string> grades;
    for (const ShotRef& s : shotsOf(cut)) {
        grades[s.key] = R"({"grade":")" + s.key.media + R"("})";
    }
    return grades;
}

TEST(GradeMapping, GradesFollowTheirShotsIntoTheNewCut) {
    const std::map<GradeKey, std::string> grades = gradesOf(gradedCut());
    ASSERT_EQ(grades.size(), 5u);
    const GradeMapping mapping = mapGrades(grades, newCut());
    ASSERT_EQ(mapping.shots.size(), 5u);
    EXPECT_EQ(mapping.kept, 4);
    EXPECT_EQ(mapping.needsGrade, 1);
    EXPECT_EQ(mapping.exposing, 1);

    // A005 moved from record 40 to 31 and keeps its grade under its unchanged key.
    const MappedGrade& a5 = mapping.shots[3];
    EXPECT_EQ(a5.status, GradeStatus::Kept);
    EXPECT_EQ(a5.shot.record.start, 31);
    const GradeKey a5Key{"A005", {tc("14:00:00:00"), 10}};
    EXPECT_EQ(a5.from, a5Key);
    EXPECT_EQ(mapping.grades.at(a5Key), R"({"grade":"A005"})");

    // A002, trimmed, keeps its grade under the new, shorter key.
    const GradeKey a2New{"A002", {tc("11:00:00:02"), 8}};
    EXPECT_EQ(mapping.shots[1].status, GradeStatus::Kept);
    EXPECT_EQ(mapping.grades.at(a2New), R"({"grade":"A002"})");
    EXPECT_TRUE(mapping.shots[1].exposed.empty());

    // A003, extended, keeps its grade and flags the three frames nobody graded.
    const MappedGrade& a3 = mapping.shots[2];
    EXPECT_EQ(a3.status, GradeStatus::Kept);
    EXPECT_EQ(a3.exposed, (std::vector<FrameRange>{{tc("12:00:00:10"), 3}}));

    const MappedGrade& a6 = mapping.shots[4];
    EXPECT_EQ(a6.status, GradeStatus::NeedsGrade);
    EXPECT_FALSE(a6.from.has_value());
    EXPECT_EQ(mapping.grades.count({"A006", {tc("15:00:00:00"), 5}}), 0u);
    EXPECT_EQ(mapping.grades.size(), 4u);
}

TEST(GradeMapping, SplitShotKeepsItsGradeInBothPiecesAndTakesNoOtherTakesGrade) {
    std::map<GradeKey, std::string> grades;
    grades[{"A001", {tc("10:00:00:00"), 20}}] = "take 1";
    grades[{"A001", {tc("10:00:00:20"), 20}}] = "take 2";
    const timeline::Timeline cut =
        cutOf({shot("A001", "10:00:00:00", 8, 0), shot("B001", "09:00:00:00", 4, 8),
               shot("A001", "10:00:00:12", 8, 12), shot("A001", "10:00:01:14", 4, 20)});
    const GradeMapping mapping = mapGrades(grades, cut);
    ASSERT_EQ(mapping.shots.size(), 4u);
    EXPECT_EQ(mapping.grades.at({"A001", {tc("10:00:00:00"), 8}}), "take 1");
    EXPECT_EQ(mapping.grades.at({"A001", {tc("10:00:00:12"), 8}}), "take 1");
    EXPECT_EQ(mapping.shots[1].status, GradeStatus::NeedsGrade);
    // 38..41 overlaps take 2 (20..39) by two frames, and shows two frames past it.
    EXPECT_EQ(mapping.grades.at({"A001", {tc("10:00:01:14"), 4}}), "take 2");
    EXPECT_EQ(mapping.shots[3].exposed, (std::vector<FrameRange>{{tc("10:00:01:16"), 2}}));
}

}  // namespace
}  // namespace emu::conform
