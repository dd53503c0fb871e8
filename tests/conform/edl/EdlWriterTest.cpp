#include "EdlTestUtil.h"

namespace emu::conform::test {
namespace {

using timeline::Clip;
using timeline::FrameRange;

std::string write(const timeline::Timeline& t, const EdlWriteOptions& o = {}) {
    auto w = writeEdl(t, o);
    EXPECT_TRUE(w.isOk()) << w.status().message();
    return w.isOk() ? *w : "";
}

// Reads `text`, writes it, reads that again: the same timeline and no warnings.
void expectRoundTrip(const std::string& text, const timeline::Rate& rate = k24) {
    const auto first = read(text, rate);
    EXPECT_TRUE(first.warnings.empty()) << text;
    const std::string written = write(first.timeline);
    const auto second = read(written, rate);
    EXPECT_TRUE(second.warnings.empty()) << written;
    EXPECT_EQ(second.timeline, first.timeline) << "written:\n" << written;
    EXPECT_EQ(write(second.timeline), written);
}

TEST(EdlWriter, WritesCmxColumns) {
    const auto t = read(
                       "TITLE: cut\n"
                       "001 A001C003 V C 10:00:00:00 10:00:02:00 01:00:00:00 01:00:02:00\n"
                       "* FROM CLIP NAME: a.mov\n"
                       "002 R2 B C 00:00:01:00 00:00:02:00 01:00:02:00 01:00:03:00\n")
                       .timeline;
    EXPECT_EQ(write(t),
              "TITLE: cut\n"
              "FCM: NON-DROP FRAME\n"
              "\n"
              "001  A001C003 V     C        10:00:00:00 10:00:02:00 01:00:00:00 01:00:02:00\n"
              "* FROM CLIP NAME: a.mov\n"
              "\n"
              "002  R2       B     C        00:00:01:00 00:00:02:00 01:00:02:00 01:00:03:00\n");
    EdlWriteOptions frames;
    frames.frameNumbers = true;
    EXPECT_NE(write(t, frames).find("002  R2       B     C        24 48 86448 86472\n"),
              std::string::npos);
}

TEST(EdlWriter, RoundTripsCutsGapsAndChannels) {
    expectRoundTrip(
        "TITLE: t\n"
        "001 R1 B C 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n"
        "002 R2 AA/V C 00:00:00:00 00:00:01:00 01:00:03:00 01:00:04:00\n"
        "003 R3 A2/V C 00:00:00:00 00:00:01:00 01:00:04:00 01:00:05:00\n"
        "004 R4 A4 C 00:00:00:00 00:00:01:00 01:00:05:00 01:00:06:00\n"
        "005 R5 AA C 00:00:00:00 00:00:01:00 01:00:06:00 01:00:07:00\n"
        "AUD 3 4\n"
        "006 A_REEL_NAME_OF_THIRTY_TWO_CHARS_ A C 0 24 86568 86592\n");
}

TEST(EdlWriter, RoundTripsDissolvesWipesAndKeys) {
    expectRoundTrip(
        "001 BL V C 00:00:00:00 00:00:00:00 01:00:00:00 01:00:00:00\n"
        "001 A V D 012 00:00:10:00 00:00:15:00 01:00:00:00 01:00:05:00\n"
        "* TO CLIP NAME: a.mov\n"
        "002 A V C 00:00:15:00 00:00:15:00 01:00:05:00 01:00:05:00\n"
        "002 B V D 030 00:00:20:00 00:00:25:00 01:00:05:00 01:00:10:00\n"
        "EFFECTS NAME IS CROSS DISSOLVE\n"
        "* FROM CLIP NAME: a.mov\n"
        "* TO CLIP NAME: b.mov\n"
        "003 B V C 00:00:25:00 00:00:25:00 01:00:10:00 01:00:10:00\n"
        "003 C V W012 010 00:00:30:00 00:00:31:00 01:00:10:00 01:00:11:00\n"
        "004 BG V K B 00:00:00:00 00:00:01:00 01:00:11:00 01:00:12:00\n"
        "004 FG V K 00:00:05:00 00:00:06:00 01:00:11:00 01:00:12:00\n"
        "* FROM CLIP NAME: background\n"
        "* TO CLIP NAME: title\n"
        "005 FG V K O 010 00:00:06:00 00:00:07:00 01:00:12:00 01:00:13:00\n");
}

TEST(EdlWriter, RoundTripsSpeedsRemarksCdlAndGenerators) {
    expectRoundTrip(
        "001 R1 V C 00:00:10:00 00:00:12:00 01:00:00:00 01:00:01:00\n"
        "M2   R1       048.0                00:00:10:00\n"
        "002 R2 V C 00:00:20:00 00:00:20:01 01:00:01:00 01:00:02:00\n"
        "M2   R2       000.0                00:00:20:00\n"
        "003 R3 V C 00:00:30:00 00:00:31:00 01:00:02:00 01:00:03:00\n"
        "M2   R3       -024.0               00:00:30:00\n"
        "004 R4 V C 00:00:10:00 00:00:12:00 01:00:03:00 01:00:05:00\n"
        "* FROM CLIP NAME: shot 1\n"
        "* SOURCE FILE: /media/A001/A001C003.mov\n"
        "* LOC: 01:00:04:00 RED    focus buzz\n"
        "* LOC: 01:00:03:12 note without colour\n"
        "*ASC_SOP (1.1 1.2 1.3)(0.01 -0.02 0.03)(0.9 1 1.05)\n"
        "*ASC_SAT 0.8\n"
        "* a free remark\n"
        "005 BL V C 00:00:00:00 00:00:01:00 01:00:05:00 01:00:06:00\n"
        "006 BARS V C 00:00:00:00 00:00:01:00 01:00:06:00 01:00:07:00\n"
        "007 AX V C 00:00:00:00 00:00:01:00 01:00:07:00 01:00:08:00\n");
}

TEST(EdlWriter, RoundTripsDropFrameAndNtscSpeeds) {
    expectRoundTrip(
        "FCM: DROP FRAME\n"
        "001 R1 V C 00:01:00;02 00:01:02;02 00:59:59;28 01:00:00;28\n"
        "M2   R1       059.94               00:01:00;02\n",
        k2997);
}

TEST(EdlWriter, NumbersEventsAndCentresTransitionsFromOtherFormats) {
    timeline::Timeline t;
    t.rate = k24;
    t.startFrame = 86400;
    timeline::Track v;
    v.name = "V1";
    Clip a;
    a.reel = "R1";
    a.record = {86400, 48};
    a.source = {100, 48};
    a.sourceRate = k24;
    Clip b = a;
    b.reel = "R2";
    b.record = {86448, 48};
    b.source = {500, 48};
    timeline::Transition x;
    x.inOffset = 6;
    x.outOffset = 6;
    v.items = {a, x, b};
    t.tracks = {v};
    const std::string written = write(t);
    EXPECT_NE(written.find("001  R1       V     C        00:00:04:04 00:00:05:22 "
                           "01:00:00:00 01:00:01:18\n"),
              std::string::npos)
        << written;
    EXPECT_NE(written.find("002  R1       V     C        00:00:05:22 00:00:05:22 "
                           "01:00:01:18 01:00:01:18\n"
                           "002  R2       V     D    012 00:00:20:14 00:00:22:20 "
                           "01:00:01:18 01:00:04:00\n"),
              std::string::npos)
        << written;
    const auto back = read(written).timeline;
    EXPECT_EQ(std::get<timeline::Transition>(back.tracks.at(0).items.at(1)).outOffset, 12);
    EXPECT_EQ(clipAt(back, 0, 2).record, (FrameRange{86400 + 42, 54}));
    EXPECT_EQ(clipAt(back, 0, 2).source, (FrameRange{494, 54}));
}

TEST(EdlWriter, RefusesWhatAnEdlCannotHold) {
    timeline::Timeline t;
    Clip c;
    c.reel = "REEL WITH SPACES";
    c.record = {0, 24};
    c.source = {0, 24};
    c.sourceRate = t.rate;
    timeline::Track v;
    v.items = {c};
    t.tracks = {v};
    EXPECT_EQ(writeEdl(t).status().message(),
              "EDL: reel 'REEL WITH SPACES' is longer than 32 characters or holds spaces");
    std::get<Clip>(t.tracks[0].items[0]).reel = "R1";
    std::get<Clip>(t.tracks[0].items[0]).sourceRate = k25;
    EXPECT_EQ(writeEdl(t).status().message(),
              "EDL: clip '' has a source rate other than the timeline's");
    std::get<Clip>(t.tracks[0].items[0]).sourceRate = t.rate;
    t.tracks = {v, v, v};
    EXPECT_EQ(writeEdl(t).status().message(),
              "EDL: an EDL holds one video track and one key track, not ");
}

}  // namespace
}  // namespace emu::conform::test
