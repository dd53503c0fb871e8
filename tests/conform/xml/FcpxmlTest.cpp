#include <gtest/gtest.h>

#include "emulsion/conform/FcpXml.h"

namespace emu::conform {
namespace {

using timeline::Clip;
using timeline::FrameRange;
using timeline::Gap;
using timeline::MediaReference;
using timeline::Rate;
using timeline::Transition;

XmlConform read(const std::string& xml) {
    auto r = readFcpxml(xml, "cut.fcpxml");
    EXPECT_TRUE(r.isOk()) << r.status().message();
    return r.isOk() ? *r : XmlConform{};
}

const Clip& clipAt(const XmlConform& c, std::size_t track, std::size_t item) {
    return std::get<Clip>(c.timeline.tracks.at(track).items.at(item));
}

// 23.976 sequence at 01:00:00:00; assets at 23.976 (1.9 media-rep) and 25 (1.8 src).
std::string document(const std::string& spine, const std::string& version = "1.10") {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE fcpxml>
<fcpxml version=")" +
           version + R"(">
<resources>
  <format id="r1" frameDuration="1001/24000s" width="1920" height="1080"/>
  <format id="r4" frameDuration="1/25s"/>
  <asset id="r2" name="A001C003" start="3603600/1000s" duration="100100/1000s" hasVideo="1" hasAudio="1" format="r1">
    <media-rep kind="original-media" src="file:///Volumes/Show%20Media/A001C003.mov"/>
    <metadata><md key="com.apple.proapps.studio.reel" value="A001"/></metadata>
  </asset>
  <asset id="r3" name="music" start="0s" duration="300s" hasVideo="0" hasAudio="1"
         src="file:///Volumes/Audio/music%231.wav"/>
  <asset id="r5" name="B002" start="0s" duration="60s" hasVideo="1" format="r4"
         src="file:///Volumes/B/B002.mov"/>
  <effect id="r6" name="Custom Solid"/>
  <media id="r7"><sequence format="r1"><spine>
    <asset-clip ref="r5" offset="0s" start="10s" duration="2s"/>
    <asset-clip ref="r5" offset="2s" start="20s" duration="2s" name="second"/>
  </spine></sequence></media>
</resources>
<library><event name="Day 1"><project name="Trailer">
<sequence format="r1" tcStart="3603600/1000s" tcFormat="NDF">
<spine>
)" + spine +
           R"(
</spine></sequence></project></event></library></fcpxml>
)";
}

const Rate k23976{24000, 1001};

// Frame f at 23.976 is f * 1001/24000 s.
std::string at(long frames) {
    return std::to_string(frames * 1001) + "/24000s";
}

TEST(Fcpxml, SpineClipsGapsAndRationalTimes) {
    const XmlConform c = read(
        document("<asset-clip ref=\"r2\" offset=\"" + at(86400) + "\" start=\"" + at(86424) +
                 "\" duration=\"" + at(24) + "\" name=\"shot 1\"/>\n<gap offset=\"" + at(86424) +
                 "\" duration=\"" + at(12) + "\"/>\n<asset-clip ref=\"r2\" offset=\"" + at(86436) +
                 "\" duration=\"" + at(5) + "\"/>"));
    EXPECT_EQ(c.timeline.title, "Trailer");
    EXPECT_EQ(c.timeline.rate, k23976);
    EXPECT_EQ(c.timeline.startFrame, 86400);
    EXPECT_FALSE(c.timeline.dropFrame);
    ASSERT_EQ(c.timeline.tracks.size(), 1u);
    const auto& items = c.timeline.tracks[0].items;
    ASSERT_EQ(items.size(), 3u);
    const Clip& a = clipAt(c, 0, 0);
    EXPECT_EQ(a.name, "shot 1");
    EXPECT_EQ(a.record, (FrameRange{86400, 24}));
    EXPECT_EQ(a.source, (FrameRange{86424, 24}));
    EXPECT_EQ(a.reel, "A001");
    EXPECT_EQ(a.sourceRate, k23976);
    EXPECT_EQ(a.sourceFile, "A001C003.mov");
    EXPECT_EQ(a.media[0].kind, MediaReference::Kind::External);
    EXPECT_EQ(a.media[0].path, "/Volumes/Show Media/A001C003.mov");
    EXPECT_EQ(a.media[0].availableRange, (FrameRange{86400, 2400}));
    EXPECT_EQ(a.sourceTimecodeStart, "01:00:01:00");
    EXPECT_EQ(std::get<Gap>(items[1]).record, (FrameRange{86424, 12}));
    const Clip& b = clipAt(c, 0, 2);
    EXPECT_EQ(b.name, "A001C003");
    EXPECT_EQ(b.record, (FrameRange{86436, 5}));
    EXPECT_EQ(b.source, (FrameRange{86400, 5}));  // no start: the asset's start
    EXPECT_TRUE(c.warnings.empty());
}

TEST(Fcpxml, WholeAndZeroSecondTimesAndTheVersionEighteenSrcAttribute) {
    const XmlConform c = read(document(
        R"(<asset-clip ref="r5" offset="3603600/1000s" start="0s" duration="2s"/>)", "1.8"));
    const Clip& a = clipAt(c, 0, 0);
    EXPECT_EQ(a.sourceRate, (Rate{25, 1}));
    EXPECT_EQ(a.record, (FrameRange{86400, 48}));  // 2 s at 23.976, rounded
    EXPECT_EQ(a.source, (FrameRange{0, 50}));      // 2 s at 25
    EXPECT_EQ(a.media[0].path, "/Volumes/B/B002.mov");
}

TEST(Fcpxml, TransitionSitsOnTheCutBetweenItsNeighbours) {
    const XmlConform c =
        read(document("<asset-clip ref=\"r2\" offset=\"" + at(86400) + "\" duration=\"" + at(48) +
                      "\"/>\n<transition name=\"Cross Dissolve\" offset=\"" + at(86440) +
                      "\" duration=\"" + at(16) + "\"/>\n<asset-clip ref=\"r2\" offset=\"" +
                      at(86448) + "\" duration=\"" + at(48) + "\"/>"));
    const auto& items = c.timeline.tracks.at(0).items;
    ASSERT_EQ(items.size(), 3u);
    const auto& t = std::get<Transition>(items[1]);
    EXPECT_EQ(t.name, "Cross Dissolve");
    EXPECT_EQ(t.inOffset, 8);
    EXPECT_EQ(t.outOffset, 8);
    EXPECT_EQ(clipAt(c, 0, 2).record.start, 86448);
}

TEST(Fcpxml, LanesBecomeTracksAndSecondaryStorylinesFollowTheirParent) {
    // Parent clip: record 86400, own time starts at the asset's 86400. A lane 1 title at its
    // local frame 86410, a lane -1 music clip, and a lane 2 storyline of two clips at 86420.
    const XmlConform c = read(document(
        "<asset-clip ref=\"r2\" offset=\"" + at(86400) + "\" start=\"" + at(86400) +
        "\" duration=\"" + at(100) + "\">\n" + "<title ref=\"r6\" lane=\"1\" offset=\"" +
        at(86410) + "\" duration=\"" + at(10) + "\" name=\"Title\"/>\n" +
        "<asset-clip ref=\"r3\" lane=\"-1\" offset=\"" + at(86400) + "\" start=\"5s\" duration=\"" +
        at(50) + "\"/>\n" + "<spine lane=\"2\" offset=\"" + at(86420) + "\">\n" +
        "<asset-clip ref=\"r2\" offset=\"0s\" start=\"" + at(86500) + "\" duration=\"" + at(6) +
        "\"/>\n<asset-clip ref=\"r2\" offset=\"" + at(6) + "\" start=\"" + at(86600) +
        "\" duration=\"" + at(4) + "\"/>\n</spine></asset-clip>"));
    const auto& tracks = c.timeline.tracks;
    ASSERT_EQ(tracks.size(), 5u);  // V1 V2 V3, A1 (empty) A2
    EXPECT_EQ(tracks[1].name, "V2");
    const Clip& title = clipAt(c, 1, 1);
    EXPECT_EQ(title.record, (FrameRange{86410, 10}));
    EXPECT_EQ(title.media[0].kind, MediaReference::Kind::Generator);
    EXPECT_EQ(title.media[0].generator, "title");
    EXPECT_EQ(clipAt(c, 2, 1).record, (FrameRange{86420, 6}));
    EXPECT_EQ(clipAt(c, 2, 1).source, (FrameRange{86500, 6}));
    EXPECT_EQ(clipAt(c, 2, 2).record, (FrameRange{86426, 4}));
    EXPECT_EQ(clipAt(c, 2, 2).source, (FrameRange{86600, 4}));
    EXPECT_EQ(tracks[3].name, "A1");
    EXPECT_TRUE(tracks[3].items.empty());
    EXPECT_EQ(tracks[4].kind, timeline::Track::Kind::Audio);
    const Clip& music = clipAt(c, 4, 0);
    EXPECT_EQ(music.name, "music");
    EXPECT_EQ(music.record, (FrameRange{86400, 50}));
    EXPECT_EQ(music.media[0].path, "/Volumes/Audio/music#1.wav");
}

TEST(Fcpxml, AudioOnlyClipOnTheSpineGoesToA1) {
    const XmlConform c = read(document("<asset-clip ref=\"r3\" offset=\"" + at(86400) +
                                       "\" duration=\"" + at(24) + "\"/>"));
    ASSERT_EQ(c.timeline.tracks.size(), 1u);
    EXPECT_EQ(c.timeline.tracks[0].name, "A1");
    EXPECT_EQ(clipAt(c, 0, 0).source, (FrameRange{0, 24}));
}

TEST(Fcpxml, TimeMapGivesSpeedFreezeAndReverse) {
    const auto clipWith = [](const std::string& points) {
        return read(document("<asset-clip ref=\"r5\" offset=\"" + at(86400) +
                             "\" start=\"0s\" duration=\"" + at(48) + "\"><timeMap>" + points +
                             "</timeMap></asset-clip>"));
    };
    const XmlConform half =
        clipWith(R"(<timept time="0s" value="0s"/><timept time="4s" value="2s"/>)");
    EXPECT_DOUBLE_EQ(clipAt(half, 0, 0).speed.speed, 0.5);
    EXPECT_EQ(clipAt(half, 0, 0).source, (FrameRange{0, 25}));  // 2.002 s at 25 / 2
    const XmlConform freeze =
        clipWith(R"(<timept time="0s" value="3s"/><timept time="10s" value="3s"/>)");
    EXPECT_DOUBLE_EQ(clipAt(freeze, 0, 0).speed.speed, 0.0);
    EXPECT_EQ(clipAt(freeze, 0, 0).source, (FrameRange{75, 1}));
    const XmlConform reverse =
        clipWith(R"(<timept time="0s" value="10s"/><timept time="10s" value="0s"/>)");
    EXPECT_DOUBLE_EQ(clipAt(reverse, 0, 0).speed.speed, -1.0);
    EXPECT_EQ(clipAt(reverse, 0, 0).source, (FrameRange{200, 50}));  // 8 s to 10 s at 25
}

TEST(Fcpxml, ConformRateTakesMediaFramesOneForOne) {
    const XmlConform c = read(document("<asset-clip ref=\"r5\" offset=\"" + at(86400) +
                                       "\" start=\"" + at(240) + "\" duration=\"" + at(24) +
                                       "\"><conform-rate srcFrameRate=\"25\"/></asset-clip>"));
    const Clip& a = clipAt(c, 0, 0);
    EXPECT_EQ(a.sourceRate, (Rate{25, 1}));
    EXPECT_EQ(a.source, (FrameRange{240, 24}));
    EXPECT_EQ(a.metadata.at("fcpxml.conformRate"), "25");
}

TEST(Fcpxml, RefClipIsFlattenedFromTheCompoundsStoryline) {
    // The compound holds B002 10 s..12 s then 20 s..22 s; the ref-clip shows its 1 s..3 s.
    const XmlConform c =
        read(document("<ref-clip ref=\"r7\" offset=\"" + at(86400) + "\" start=\"" + at(24) +
                      "\" duration=\"" + at(48) + "\"/>"));
    const auto& items = c.timeline.tracks.at(0).items;
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(clipAt(c, 0, 0).record, (FrameRange{86400, 24}));
    // B002 10 s..12 s is source [250, 300) over 48 record frames; the window trims 24 record
    // frames off its front, one source frame each (speed 1).
    EXPECT_EQ(clipAt(c, 0, 0).source, (FrameRange{274, 26}));
    EXPECT_EQ(clipAt(c, 0, 1).name, "second");
    EXPECT_EQ(clipAt(c, 0, 1).record, (FrameRange{86424, 24}));
}

TEST(Fcpxml, MarkersAndClipReelMetadata) {
    const XmlConform c = read(document(
        "<asset-clip ref=\"r5\" offset=\"" + at(86400) + "\" start=\"2s\" duration=\"" + at(48) +
        "\"><marker start=\"3s\" duration=\"1/25s\" value=\"fix\" note=\"dust\"/>"
        "<metadata><md key=\"com.apple.proapps.studio.reel\" value=\"B2\"/></metadata></asset-clip>"
        "<gap offset=\"" +
        at(86448) + "\" start=\"0s\" duration=\"" + at(24) + "\"><chapter-marker start=\"" +
        at(12) + "\" value=\"Act 2\"/></gap>"));
    const Clip& a = clipAt(c, 0, 0);
    EXPECT_EQ(a.reel, "B2");
    ASSERT_EQ(a.markers.size(), 1u);
    EXPECT_EQ(a.markers[0], (timeline::Marker{"fix", 75, 1, "", "dust"}));
    ASSERT_EQ(c.timeline.markers.size(), 1u);
    EXPECT_EQ(c.timeline.markers[0], (timeline::Marker{"Act 2", 86460, 0, "", ""}));
}

std::string errorOf(const std::string& xml) {
    auto r = readFcpxml(xml, "cut.fcpxml");
    return r.isOk() ? "(read)" : r.status().message();
}

TEST(Fcpxml, ErrorsNameFileAndLine) {
    // The spine's first line is line 24 of document().
    EXPECT_EQ(errorOf(document("\n<asset-clip ref=\"r2\" offset=\"1.5s\" duration=\"1s\"/>")),
              "cut.fcpxml:25: offset '1.5s' is not a time");
    EXPECT_EQ(errorOf(document("\n<asset-clip ref=\"r9\" offset=\"0s\" duration=\"1s\"/>")),
              "cut.fcpxml:25: ref 'r9' names no asset");
    EXPECT_EQ(errorOf(document("\n<asset-clip ref=\"r2\" offset=\"0s\"/>")),
              "cut.fcpxml:25: <asset-clip> has no duration");
    EXPECT_EQ(errorOf("<fcpxml version=\"1.9\">\n<resources/>\n</fcpxml>"),
              "cut.fcpxml:1: no <project> in the document");
}

}  // namespace
}  // namespace emu::conform
