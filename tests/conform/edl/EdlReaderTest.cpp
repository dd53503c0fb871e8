#include <fstream>

#include "EdlTestUtil.h"
#include "TempDir.h"

namespace emu::conform::test {
namespace {

using timeline::Clip;
using timeline::FrameRange;
using timeline::Gap;
using timeline::MediaReference;
using timeline::Transition;

const char* kCuts =
    "TITLE: Reel one cut\n"
    "FCM: NON-DROP FRAME\n"
    "\n"
    "001  A001C003 V     C        10:00:00:00 10:00:02:00 01:00:00:00 01:00:02:00\n"
    "* FROM CLIP NAME: A001C003_200101.mov\n"
    "002  B002C010 V     C        11:00:10:12 11:00:11:00 01:00:02:00 01:00:02:12\n";

TEST(EdlReader, CutsBecomeClipsWithExactRanges) {
    const auto r = read(kCuts);
    EXPECT_TRUE(r.warnings.empty());
    const auto& t = r.timeline;
    EXPECT_EQ(t.title, "Reel one cut");
    EXPECT_EQ(t.rate, k24);
    EXPECT_FALSE(t.dropFrame);
    EXPECT_EQ(t.startFrame, 86400);
    ASSERT_EQ(t.tracks.size(), 1u);
    EXPECT_EQ(t.tracks[0].name, "V1");
    EXPECT_EQ(t.tracks[0].kind, timeline::Track::Kind::Video);
    ASSERT_EQ(t.tracks[0].items.size(), 2u);
    Clip a;
    a.name = "A001C003_200101.mov";
    a.reel = "A001C003";
    a.event = 1;
    a.record = {86400, 48};
    a.source = {864000, 48};
    a.sourceRate = k24;
    a.sourceTimecodeStart = "10:00:00:00";
    a.media = {MediaReference{}};
    EXPECT_EQ(clipAt(t, 0, 0), a);
    const Clip& b = clipAt(t, 0, 1);
    EXPECT_EQ(b.reel, "B002C010");
    EXPECT_EQ(b.event, 2);
    EXPECT_EQ(b.record, (FrameRange{t.startFrame + 48, 12}));
    EXPECT_EQ(b.source, (FrameRange{(11 * 3600 + 10) * 24 + 12, 12}));
    EXPECT_EQ(b.name, "");
}

TEST(EdlReader, TokenisesWithoutColumnsAndToleratesLineNoise) {
    const std::string text =
        "TITLE:  spaced  \r\n"
        "1 R V C 00:00:01:00 00:00:02:00 01:00:00:00 01:00:01:00   \r\n"
        "000002\tA_REEL_NAME_OF_THIRTY_TWO_CHARS_\tV\tC\t100\t124\t86424\t86448\r\n"
        "\x1a";
    const std::string withNul = text + std::string("\0\0", 2);
    const auto r = read(withNul);
    EXPECT_TRUE(r.warnings.empty());
    const auto& t = r.timeline;
    EXPECT_EQ(t.title, "spaced");
    ASSERT_EQ(t.tracks.at(0).items.size(), 2u);
    EXPECT_EQ(clipAt(t, 0, 0).source, (FrameRange{24, 24}));
    const Clip& b = clipAt(t, 0, 1);
    EXPECT_EQ(b.event, 2);
    EXPECT_EQ(b.reel, "A_REEL_NAME_OF_THIRTY_TWO_CHARS_");
    EXPECT_EQ(b.source, (FrameRange{100, 24}));  // frame counts in place of time codes
    EXPECT_EQ(b.record, (FrameRange{t.startFrame + 24, 24}));
}

TEST(EdlReader, RecordGapsBecomeGaps) {
    const auto t = read(
                       "001 R1 V C 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n"
                       "002 R2 V C 00:00:00:00 00:00:01:00 01:00:03:00 01:00:04:00\n")
                       .timeline;
    const auto& items = t.tracks.at(0).items;
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(std::get<Gap>(items[1]).record, (FrameRange{t.startFrame + 24, 48}));
    EXPECT_EQ(clipAt(t, 0, 2).record, (FrameRange{t.startFrame + 72, 24}));
}

TEST(EdlReader, ChannelsMakeVideoAndAudioTracks) {
    const auto t = read(
                       "001 R1 B C 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n"
                       "002 R2 AA/V C 00:00:00:00 00:00:01:00 01:00:01:00 01:00:02:00\n"
                       "003 R3 A2/V C 00:00:00:00 00:00:01:00 01:00:02:00 01:00:03:00\n"
                       "004 R4 A4 C 00:00:00:00 00:00:01:00 01:00:03:00 01:00:04:00\n"
                       "005 R5 NONE C 00:00:00:00 00:00:01:00 01:00:04:00 01:00:05:00\n"
                       "AUD 3 4\n")
                       .timeline;
    std::vector<std::string> names;
    for (const auto& track : t.tracks) names.push_back(track.name);
    EXPECT_EQ(names, (std::vector<std::string>{"V1", "A1", "A2", "A3", "A4"}));
    EXPECT_EQ(t.tracks[1].kind, timeline::Track::Kind::Audio);
    auto reels = [&](std::size_t track) {
        std::string s;
        for (const auto& item : t.tracks[track].items) {
            if (const auto* c = std::get_if<Clip>(&item)) s += c->reel + " ";
            if (std::holds_alternative<Gap>(item)) s += "- ";
        }
        return s;
    };
    EXPECT_EQ(reels(0), "R1 R2 R3 ");
    EXPECT_EQ(reels(1), "R1 R2 ");
    EXPECT_EQ(reels(2), "- R2 R3 ");
    EXPECT_EQ(reels(3), "- R5 ");
    EXPECT_EQ(reels(4), "- R4 R5 ");
}

TEST(EdlReader, DissolveFromTheClipBefore) {
    const auto r = read(
        "001 A V C 00:00:10:00 00:00:15:00 01:00:00:00 01:00:05:00\n"
        "002 A V C 00:00:15:00 00:00:15:00 01:00:05:00 01:00:05:00\n"
        "002 B V D 030 00:00:20:00 00:00:25:00 01:00:05:00 01:00:10:00\n"
        "EFFECTS NAME IS CROSS DISSOLVE\n"
        "* FROM CLIP NAME: a.mov\n"
        "* TO CLIP NAME: b.mov\n");
    EXPECT_TRUE(r.warnings.empty());
    const auto& items = r.timeline.tracks.at(0).items;
    ASSERT_EQ(items.size(), 3u);
    const Clip& a = std::get<Clip>(items[0]);
    EXPECT_EQ(a.name, "a.mov");  // the clip had no name of its own
    EXPECT_EQ(a.record, (FrameRange{r.timeline.startFrame + 0, 120}));
    Transition d;
    d.kind = Transition::Kind::Dissolve;
    d.inOffset = 0;
    d.outOffset = 30;
    d.name = "CROSS DISSOLVE";
    EXPECT_EQ(std::get<Transition>(items[1]), d);
    const Clip& b = std::get<Clip>(items[2]);
    EXPECT_EQ(b.name, "b.mov");
    EXPECT_EQ(b.event, 2);
    EXPECT_EQ(b.record, (FrameRange{r.timeline.startFrame + 120, 120}));
    EXPECT_EQ(b.source, (FrameRange{480, 120}));
}

TEST(EdlReader, DissolveFromBlackKeepsTheBlackCut) {
    const auto t = read(
                       "001 BL V C 00:00:00:00 00:00:00:00 01:00:00:00 01:00:00:00\n"
                       "001 R1 V D 012 00:00:20:00 00:00:21:00 01:00:00:00 01:00:01:00\n")
                       .timeline;
    const auto& items = t.tracks.at(0).items;
    ASSERT_EQ(items.size(), 3u);
    const Clip& black = std::get<Clip>(items[0]);
    EXPECT_EQ(black.record, (FrameRange{t.startFrame + 0, 0}));
    EXPECT_EQ(black.media.at(0).kind, MediaReference::Kind::Generator);
    EXPECT_EQ(black.media.at(0).generator, "black");
    EXPECT_EQ(std::get<Transition>(items[1]).outOffset, 12);
    EXPECT_EQ(std::get<Clip>(items[2]).record, (FrameRange{t.startFrame + 0, 24}));
}

TEST(EdlReader, WipeKeepsItsSmpteCode) {
    const auto t = read(
                       "001 A V C 00:00:10:00 00:00:11:00 01:00:00:00 01:00:01:00\n"
                       "002 A V C 00:00:11:00 00:00:11:00 01:00:01:00 01:00:01:00\n"
                       "002 B V W001 010 00:00:20:00 00:00:21:00 01:00:01:00 01:00:02:00\n")
                       .timeline;
    const auto& tr = std::get<Transition>(t.tracks.at(0).items.at(1));
    EXPECT_EQ(tr.kind, Transition::Kind::Wipe);
    EXPECT_EQ(tr.wipeCode, 1);
    EXPECT_EQ(tr.outOffset, 10);
}

TEST(EdlReader, KeyPutsTheForegroundOnV2) {
    const auto t = read(
                       "001 BG V K B 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n"
                       "001 FG V K 00:00:05:00 00:00:06:00 01:00:00:00 01:00:01:00\n"
                       "* FROM CLIP NAME: background\n"
                       "* TO CLIP NAME: title\n"
                       "002 FG V K O 010 00:00:06:00 00:00:07:00 01:00:01:00 01:00:02:00\n")
                       .timeline;
    ASSERT_EQ(t.tracks.size(), 2u);
    EXPECT_EQ(t.tracks[1].name, "V2");
    const Clip& bg = clipAt(t, 0, 0);
    EXPECT_EQ(bg.name, "background");
    EXPECT_EQ(bg.metadata.at(kEdlKey), "background");
    const Clip& fg = clipAt(t, 1, 0);
    EXPECT_EQ(fg.name, "title");
    EXPECT_EQ(fg.reel, "FG");
    EXPECT_EQ(fg.metadata.count(kEdlKey), 0u);
    const Clip& out = clipAt(t, 1, 1);
    EXPECT_EQ(out.metadata.at(kEdlKey), "out");
    EXPECT_EQ(out.metadata.at(kEdlKeyFrames), "10");
}

TEST(EdlReader, MotionEffectsGiveSpeedAndSourceRange) {
    const auto r = read(
        "001 R1 V C 00:00:10:00 00:00:12:00 01:00:00:00 01:00:01:00\n"
        "M2   R1       048.0                00:00:10:00\n"
        "002 R2 V C 00:00:20:00 00:00:20:01 01:00:01:00 01:00:02:00\n"
        "M2   R2       000.0                00:00:20:00\n"
        "003 R3 V C 00:00:30:00 00:00:31:00 01:00:02:00 01:00:03:00\n"
        "M2   R3       -024.0               00:00:30:00\n");
    EXPECT_TRUE(r.warnings.empty());
    const auto& t = r.timeline;
    EXPECT_EQ(clipAt(t, 0, 0).speed.speed, 2.0);
    EXPECT_EQ(clipAt(t, 0, 0).source, (FrameRange{240, 48}));
    EXPECT_EQ(clipAt(t, 0, 1).speed.speed, 0.0);
    EXPECT_EQ(clipAt(t, 0, 1).source, (FrameRange{480, 1}));
    EXPECT_EQ(clipAt(t, 0, 2).speed.speed, -1.0);
    EXPECT_EQ(clipAt(t, 0, 2).source, (FrameRange{720 - 23, 24}));
}

TEST(EdlReader, MotionSourceOutThatDisagreesIsAWarning) {
    const auto r = read(
        "001 R1 V C 00:00:10:00 00:00:11:22 01:00:00:00 01:00:01:00\n"
        "M2   R1       048.0                00:00:10:00\n");
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_EQ(r.warnings[0].line, 1);
    EXPECT_EQ(r.warnings[0].message,
              "t.edl:1: source out gives 46 source frames; 24 record frames at the M2 speed "
              "need 48");
    EXPECT_EQ(clipAt(r.timeline, 0, 0).source, (FrameRange{240, 48}));
}

TEST(EdlReader, RemarksFillClipFields) {
    const auto t = read(
                       "001 R1 V C 00:00:10:00 00:00:12:00 01:00:00:00 01:00:02:00\n"
                       "* FROM CLIP NAME: shot 1\n"
                       "* SOURCE FILE: /media/A001/A001C003.mov\n"
                       "* LOC: 01:00:01:00 RED    focus buzz\n"
                       "* LOC: 01:00:00:12 note without colour\n"
                       "* a free remark\n"
                       "*another one\n")
                       .timeline;
    const Clip& c = clipAt(t, 0, 0);
    EXPECT_EQ(c.name, "shot 1");
    EXPECT_EQ(c.sourceFile, "/media/A001/A001C003.mov");
    ASSERT_EQ(c.media.size(), 1u);
    EXPECT_EQ(c.media[0].kind, MediaReference::Kind::External);
    EXPECT_EQ(c.media[0].path, "/media/A001/A001C003.mov");
    ASSERT_EQ(c.markers.size(), 2u);
    EXPECT_EQ(c.markers[0], (timeline::Marker{"", 264, 0, "red", "focus buzz"}));
    EXPECT_EQ(c.markers[1], (timeline::Marker{"", 252, 0, "", "note without colour"}));
    EXPECT_EQ(c.metadata.at(kEdlComment), "a free remark\nanother one");
}

TEST(EdlReader, AscCdlInEverySpelling) {
    for (const std::string sop : {"*ASC_SOP (1.1 1.2 1.3)(0.01 -0.02 0.03)(0.9 1 1.05)",
                                  "* ASC_SOP (1.1 1.2 1.3) (0.01 -0.02 0.03) (0.9 1 1.05)",
                                  "*asc_sop(1.1 1.2 1.3)(0.01 -0.02 0.03)(0.9 1 1.05)"}) {
        for (const std::string sat : {"*ASC_SAT 0.8", "* asc_sat 0.8"}) {
            const auto t = read("001 R1 V C 00:00:10:00 00:00:12:00 01:00:00:00 01:00:02:00\n" +
                                sop + "\n" + sat + "\n")
                               .timeline;
            timeline::CdlValues cdl;
            cdl.slope[0] = 1.1, cdl.slope[1] = 1.2, cdl.slope[2] = 1.3;
            cdl.offset[0] = 0.01, cdl.offset[1] = -0.02, cdl.offset[2] = 0.03;
            cdl.power[0] = 0.9, cdl.power[1] = 1, cdl.power[2] = 1.05;
            cdl.saturation = 0.8;
            EXPECT_EQ(clipAt(t, 0, 0).cdl, cdl) << sop << " / " << sat;
        }
    }
}

TEST(EdlReader, GeneratorAndAuxiliaryReels) {
    const auto t = read(
                       "001 BL V C 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n"
                       "002 BLACK V C 00:00:00:00 00:00:01:00 01:00:01:00 01:00:02:00\n"
                       "003 BARS V C 00:00:00:00 00:00:01:00 01:00:02:00 01:00:03:00\n"
                       "004 AX V C 00:00:00:00 00:00:01:00 01:00:03:00 01:00:04:00\n")
                       .timeline;
    EXPECT_EQ(clipAt(t, 0, 0).media.at(0).generator, "black");
    EXPECT_EQ(clipAt(t, 0, 1).media.at(0).generator, "black");
    EXPECT_EQ(clipAt(t, 0, 2).media.at(0).kind, MediaReference::Kind::Generator);
    EXPECT_EQ(clipAt(t, 0, 2).media.at(0).generator, "bars");
    EXPECT_EQ(clipAt(t, 0, 3).media.at(0).kind, MediaReference::Kind::Missing);
    EXPECT_EQ(clipAt(t, 0, 3).reel, "AX");
}

TEST(EdlReader, FcmDropFrameAppliesFromItsLine) {
    const auto r = read(
        "001 R1 V C 00:01:00;02 00:01:00;04 00:01:00;02 00:01:00;04\n"
        "FCM: NON-DROP FRAME\n"
        "002 R2 V C 00:01:00:00 00:01:00:02 00:01:00:02 00:01:00:04\n",
        k2997);
    EXPECT_TRUE(r.warnings.empty());
    EXPECT_TRUE(r.timeline.dropFrame);
    EXPECT_EQ(r.timeline.startFrame, 1800);
    EXPECT_EQ(clipAt(r.timeline, 0, 0).source.start, 1800);
    EXPECT_EQ(clipAt(r.timeline, 0, 0).sourceTimecodeStart, "00:01:00;02");
    EXPECT_EQ(clipAt(r.timeline, 0, 1).source.start, 1800);
    // 00:01:00:02 counted non-drop is frame 1802; relative to the start 1800: 2.
    EXPECT_EQ(clipAt(r.timeline, 0, 1).record, (FrameRange{r.timeline.startFrame + 2, 2}));
}

TEST(EdlReader, FcmThatDisagreesWithTheSeparatorWarns) {
    const auto r = read(
        "FCM: DROP FRAME\n"
        "001 R1 V C 00:01:00:02 00:01:00:04 00:01:00:02 00:01:00:04\n",
        k2997);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_EQ(r.warnings[0].message,
              "t.edl:2: time code '00:01:00:02' is written non-drop frame but FCM says DROP "
              "FRAME; FCM wins");
    EXPECT_TRUE(r.timeline.dropFrame);
    EXPECT_EQ(clipAt(r.timeline, 0, 0).source.start, 1800);
}

TEST(EdlReader, ErrorsNameFileAndLine) {
    EXPECT_EQ(readError("\n001 R1 V C 00:00:00:24 00:00:01:00 01:00:00:00 01:00:01:00\n"),
              "t.edl:2: time code '00:00:00:24': frame 24 is not below 24");
    EXPECT_TRUE(
        readEdlText("001 R1 V C 00:00:00:24 00:00:01:00 01:00:00:00 01:00:01:00\n", k25).isOk());
    EXPECT_EQ(readError("001 R1 V X 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n"),
              "t.edl:1: unknown edit type 'X'");
    EXPECT_EQ(readError("001 R1 Q C 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n"),
              "t.edl:1: unknown channel 'Q'");
    EXPECT_EQ(readError("001 R1 V D 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n"),
              "t.edl:1: dissolve needs a duration of up to 4 digits");
    EXPECT_EQ(readError("001 R1 V C 00:00:00:00 01:00:00:00 01:00:01:00\n"),
              "t.edl:1: event line needs number, reel, channel, type and four times");
    EXPECT_EQ(readError("001 R1 V C 00:00:00:00 00:00:01:00 01:00:01:00 01:00:00:00\n"),
              "t.edl:1: record out is before record in");
    EXPECT_EQ(readError("1234567 R1 V C 0 1 2 3\n"),
              "t.edl:1: event number '1234567' has over 6 digits");
    EXPECT_EQ(readError("TITLE: x\nFCM: DROP FRAME\n"),
              "t.edl:2: FCM: DROP FRAME at 24/1: drop frame exists only at 29.97 and 59.94");
    EXPECT_EQ(readError("M2 R1 048.0 00:00:00:00\n"), "t.edl:1: M2 before the first event");
    EXPECT_EQ(readError("001 R1 V C 0 24 0 24\nM2 R1 fast 00:00:00:00\n"),
              "t.edl:2: M2 speed 'fast' is not a number of frames per second");
    EXPECT_EQ(readError("001 R1 V C 0 24 0 24\n*ASC_SOP (1 1 1)(0 0 0)\n"),
              "t.edl:2: ASC_SOP needs (slope)(offset)(power), 9 numbers");
    EXPECT_EQ(readError("hello world\n"),
              "t.edl:1: not an EDL line (expected an event, a remark, TITLE:, FCM:, M2 or AUD)");
}

TEST(EdlReader, HostileInputIsRefusedCleanly) {
    std::string longLine(10u << 20, 'x');
    EXPECT_EQ(readError("TITLE: a\n" + longLine),
              "t.edl:2: line longer than 4096 bytes; not an EDL");
    std::string garbage;
    std::uint32_t x = 12345;
    for (int i = 0; i < 4096; ++i) {
        x = x * 1664525u + 1013904223u;
        garbage += char(x >> 24);
    }
    EXPECT_FALSE(readEdlText(garbage, k24, "g.edl").isOk());
    EXPECT_EQ(readError("001 R1 V C 0 99999999999999 0 1\n"),
              "t.edl:1: frame count '99999999999999' is too large");
}

TEST(EdlReader, ReadsFilesAndRefusesHugeOnes) {
    emu::test::TempDir dir;
    const auto path = dir / "cut.edl";
    std::ofstream(path, std::ios::binary) << kCuts;
    auto r = readEdl(path, k24);
    ASSERT_TRUE(r.isOk()) << r.status().message();
    EXPECT_EQ(r->timeline, read(kCuts).timeline);
    EXPECT_EQ(readEdl(dir / "none.edl", k24).status().code(), ErrorCode::NotFound);
    const auto big = dir / "big.edl";
    std::ofstream(big).close();
    std::filesystem::resize_file(big, kEdlMaxFileBytes + 1);
    EXPECT_EQ(readEdl(big, k24).status().message(),
              big.string() + ": larger than 67108864 bytes; not an EDL");
}

TEST(EdlReader, OverlappingEventsCutTheEarlierShort) {
    const auto r = read(
        "001 R1 V C 00:00:00:00 00:00:02:00 01:00:00:00 01:00:02:00\n"
        "002 R2 V C 00:00:00:00 00:00:01:00 01:00:01:00 01:00:02:00\n");
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_EQ(r.warnings[0].message,
              "t.edl:2: overlaps the event before it on V1 by 24 frames; that event is cut short");
    EXPECT_EQ(clipAt(r.timeline, 0, 0).record, (FrameRange{r.timeline.startFrame + 0, 24}));
    EXPECT_EQ(clipAt(r.timeline, 0, 0).source, (FrameRange{0, 24}));
}

}  // namespace
}  // namespace emu::conform::test
