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
    auto r = readFcp7Xml(xml, "cut.xml");
    EXPECT_TRUE(r.isOk()) << r.status().message();
    return r.isOk() ? *r : XmlConform{};
}

const Clip& clipAt(const XmlConform& c, std::size_t track, std::size_t item) {
    return std::get<Clip>(c.timeline.tracks.at(track).items.at(item));
}

// Two clips with a centred dissolve, a hole, a generator, a back-referenced file with a
// percent-encoded path, a reel, markers and a 29.97 drop-frame sequence starting at 01:00:00;00.
const char* kCut = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE xmeml>
<xmeml version="5">
<project><children>
<sequence id="seq-1">
  <name>Reel 1</name>
  <rate><timebase>30</timebase><ntsc>TRUE</ntsc></rate>
  <timecode><string>01:00:00;00</string><frame>107892</frame><displayformat>DF</displayformat></timecode>
  <media>
    <video>
      <track>
        <clipitem id="c1">
          <name>A001C003</name>
          <start>0</start><end>-1</end><in>10</in><out>60</out>
          <file id="file-1">
            <name>A001C003.mov</name>
            <pathurl>file://localhost/Volumes/Show%20Media/A001%2BC003.mov</pathurl>
            <rate><timebase>30</timebase><ntsc>TRUE</ntsc></rate>
            <duration>500</duration>
            <timecode><frame>1000</frame><displayformat>NDF</displayformat><reel><name>A001</name></reel></timecode>
          </file>
          <marker><name>focus</name><comment>soft</comment><in>20</in><out>-1</out></marker>
        </clipitem>
        <transitionitem>
          <start>40</start><end>60</end><alignment>center</alignment>
          <effect><name>Cross Dissolve</name><effectid>Cross Dissolve</effectid></effect>
        </transitionitem>
        <clipitem id="c2">
          <name>again</name>
          <start>-1</start><end>100</end><in>200</in><out>250</out>
          <file id="file-1"/>
        </clipitem>
        <generatoritem id="g1">
          <name>Slug</name>
          <start>120</start><end>130</end><in>0</in><out>10</out>
          <effect><effectid>Slug</effectid></effect>
        </generatoritem>
      </track>
    </video>
    <audio>
      <track>
        <clipitem id="a1">
          <start>0</start><end>50</end><in>10</in><out>60</out>
          <file id="file-1"/>
        </clipitem>
      </track>
    </audio>
  </media>
  <marker><name>reel change</name><in>90</in><out>95</out></marker>
</sequence>
</children></project>
</xmeml>
)";

TEST(Fcp7Xml, ReadsSequenceRateAndDropFrameStart) {
    const XmlConform c = read(kCut);
    EXPECT_EQ(c.timeline.title, "Reel 1");
    EXPECT_EQ(c.timeline.rate, (Rate{30000, 1001}));
    EXPECT_EQ(c.timeline.startFrame, 107892);
    EXPECT_TRUE(c.timeline.dropFrame);
    ASSERT_EQ(c.timeline.tracks.size(), 2u);
    EXPECT_EQ(c.timeline.tracks[0].name, "V1");
    EXPECT_EQ(c.timeline.tracks[1].name, "A1");
    EXPECT_EQ(c.timeline.tracks[1].kind, timeline::Track::Kind::Audio);
    EXPECT_TRUE(c.warnings.empty());
}

TEST(Fcp7Xml, ClipsAtMinusOneMeetAtTheTransitionsCut) {
    const XmlConform c = read(kCut);
    const auto& items = c.timeline.tracks[0].items;
    ASSERT_EQ(items.size(), 5u);
    const Clip& a = clipAt(c, 0, 0);
    EXPECT_EQ(a.record, (FrameRange{107892, 50}));  // cut at (40 + 60) / 2
    EXPECT_EQ(a.source, (FrameRange{1010, 50}));
    const Transition& t = std::get<Transition>(items[1]);
    EXPECT_EQ(t.inOffset, 10);
    EXPECT_EQ(t.outOffset, 10);
    EXPECT_EQ(t.name, "Cross Dissolve");
    EXPECT_EQ(t.kind, Transition::Kind::Dissolve);
    const Clip& b = clipAt(c, 0, 2);
    EXPECT_EQ(b.record, (FrameRange{107892 + 50, 50}));
    EXPECT_EQ(b.source, (FrameRange{1200, 50}));
}

TEST(Fcp7Xml, FileBackReferenceKeepsPathReelAndTimecode) {
    const XmlConform c = read(kCut);
    for (std::size_t item : {0u, 2u}) {
        const Clip& clip = clipAt(c, 0, item);
        EXPECT_EQ(clip.reel, "A001");
        EXPECT_EQ(clip.sourceFile, "A001C003.mov");
        EXPECT_EQ(clip.sourceRate, (Rate{30000, 1001}));
        ASSERT_EQ(clip.media.size(), 1u);
        EXPECT_EQ(clip.media[0].kind, MediaReference::Kind::External);
        EXPECT_EQ(clip.media[0].path, "/Volumes/Show Media/A001+C003.mov");
        EXPECT_EQ(clip.media[0].availableRange, (FrameRange{1000, 500}));
    }
    EXPECT_EQ(clipAt(c, 0, 0).sourceTimecodeStart, "00:00:33:20");  // frame 1010 NDF at 30
    EXPECT_EQ(clipAt(c, 1, 0).source, (FrameRange{1010, 50}));
}

TEST(Fcp7Xml, RecordHolesBecomeGapsAndGeneratorsKeepTheirKind) {
    const XmlConform c = read(kCut);
    const auto& items = c.timeline.tracks[0].items;
    EXPECT_EQ(std::get<Gap>(items[3]).record, (FrameRange{107892 + 100, 20}));
    const Clip& slug = clipAt(c, 0, 4);
    EXPECT_EQ(slug.record, (FrameRange{107892 + 120, 10}));
    EXPECT_EQ(slug.media[0].kind, MediaReference::Kind::Generator);
    EXPECT_EQ(slug.media[0].generator, "black");
}

TEST(Fcp7Xml, MarkersOnClipsAreSourceFramesAndOnSequencesRecordFrames) {
    const XmlConform c = read(kCut);
    ASSERT_EQ(clipAt(c, 0, 0).markers.size(), 1u);
    EXPECT_EQ(clipAt(c, 0, 0).markers[0], (timeline::Marker{"focus", 1020, 0, "", "soft"}));
    ASSERT_EQ(c.timeline.markers.size(), 1u);
    EXPECT_EQ(c.timeline.markers[0], (timeline::Marker{"reel change", 107892 + 90, 5, "", ""}));
}

// A minimal sequence around one track's content, at 24 NTSC unless the content says.
std::string sequence(const std::string& video, const std::string& extra = "") {
    return R"(<xmeml version="4"><sequence id="s"><name>S</name>
<rate><timebase>24</timebase><ntsc>TRUE</ntsc></rate>
<media><video><track>
)" + video +
           R"(
</track></video></media></sequence>)" +
           extra + "</xmeml>\n";
}

TEST(Fcp7Xml, RateIsInheritedAndNtscMeansThousandOverThousandAndOne) {
    const XmlConform c = read(sequence(R"(<clipitem><name>a</name>
<start>0</start><end>24</end><in>0</in><out>24</out></clipitem>
<clipitem><name>b</name><rate><timebase>60</timebase><ntsc>TRUE</ntsc></rate>
<start>24</start><end>48</end><in>0</in><out>24</out></clipitem>)"));
    EXPECT_EQ(c.timeline.rate, (Rate{24000, 1001}));
    EXPECT_EQ(c.timeline.startFrame, 0);
    EXPECT_EQ(clipAt(c, 0, 0).sourceRate, (Rate{24000, 1001}));
    EXPECT_EQ(clipAt(c, 0, 1).sourceRate, (Rate{60000, 1001}));
    ASSERT_EQ(c.warnings.size(), 2u);  // no <file> on either clip
    EXPECT_EQ(c.warnings[0].line, 4);
    EXPECT_EQ(c.warnings[0].message, "clip 'a' has no <file>; its media is missing");
    EXPECT_EQ(clipAt(c, 0, 0).media[0].kind, MediaReference::Kind::Missing);
}

TEST(Fcp7Xml, TransitionAlignmentStartAndEndPutTheCutAtItsEdge) {
    const auto cutOf = [](const std::string& alignment) {
        const XmlConform c = read(sequence(R"(<clipitem><name>a</name>
<start>0</start><end>-1</end><in>0</in><out>30</out></clipitem>
<transitionitem><start>20</start><end>32</end><alignment>)" +
                                           alignment + R"(</alignment></transitionitem>
<clipitem><name>b</name><start>-1</start><end>60</end><in>0</in><out>30</out></clipitem>)"));
        const auto& t = std::get<Transition>(c.timeline.tracks[0].items.at(1));
        return std::pair(clipAt(c, 0, 0).record.end(), std::pair(t.inOffset, t.outOffset));
    };
    EXPECT_EQ(cutOf("start"), (std::pair<long, std::pair<long, long>>(20, {0, 12})));
    EXPECT_EQ(cutOf("end"), (std::pair<long, std::pair<long, long>>(32, {12, 0})));
    EXPECT_EQ(cutOf("center"), (std::pair<long, std::pair<long, long>>(26, {6, 6})));
}

TEST(Fcp7Xml, TimeRemapGivesSpeedAndReverse) {
    const XmlConform c = read(sequence(R"(<clipitem><name>slow</name>
<start>0</start><end>48</end><in>0</in><out>24</out>
<filter><effect><effectid>timeremap</effectid>
<parameter><parameterid>speed</parameterid><value>50</value></parameter>
<parameter><parameterid>reverse</parameterid><value>FALSE</value></parameter></effect></filter>
</clipitem>
<clipitem><name>back</name>
<start>48</start><end>72</end><in>100</in><out>124</out>
<filter><effect><effectid>timeremap</effectid>
<parameter><parameterid>speed</parameterid><value>100</value></parameter>
<parameter><parameterid>reverse</parameterid><value>TRUE</value></parameter></effect></filter>
</clipitem>)"));
    EXPECT_DOUBLE_EQ(clipAt(c, 0, 0).speed.speed, 0.5);
    EXPECT_EQ(clipAt(c, 0, 0).record, (FrameRange{0, 48}));
    EXPECT_EQ(clipAt(c, 0, 0).source, (FrameRange{0, 24}));
    EXPECT_DOUBLE_EQ(clipAt(c, 0, 1).speed.speed, -1.0);
    EXPECT_EQ(clipAt(c, 0, 1).source, (FrameRange{100, 24}));
}

TEST(Fcp7Xml, NestedSequenceIsFlattenedIntoTheParentTrack) {
    // The nested sequence holds x [0, 30) and y [30, 60); the parent shows its frames
    // [20, 50) at record 100, so x's last 10 and y's first 20 frames.
    const XmlConform c = read(sequence(R"(<clipitem><name>nest</name>
<start>100</start><end>130</end><in>20</in><out>50</out>
<sequence id="inner"><name>Inner</name><rate><timebase>24</timebase><ntsc>TRUE</ntsc></rate>
<media><video><track>
<clipitem><name>x</name><start>0</start><end>30</end><in>500</in><out>530</out></clipitem>
<clipitem><name>y</name><start>30</start><end>60</end><in>700</in><out>730</out></clipitem>
</track></video></media></sequence></clipitem>
<clipitem><name>again</name>
<start>130</start><end>135</end><in>0</in><out>5</out><sequence id="inner"/></clipitem>)"));
    const auto& items = c.timeline.tracks.at(0).items;
    ASSERT_EQ(items.size(), 4u);
    EXPECT_EQ(std::get<Gap>(items[0]).record, (FrameRange{0, 100}));
    EXPECT_EQ(clipAt(c, 0, 1).name, "x");
    EXPECT_EQ(clipAt(c, 0, 1).record, (FrameRange{100, 10}));
    EXPECT_EQ(clipAt(c, 0, 1).source, (FrameRange{520, 10}));
    EXPECT_EQ(clipAt(c, 0, 2).name, "y");
    EXPECT_EQ(clipAt(c, 0, 2).record, (FrameRange{110, 20}));
    EXPECT_EQ(clipAt(c, 0, 2).source, (FrameRange{700, 20}));
    EXPECT_EQ(clipAt(c, 0, 3).name, "x");  // the back-referenced nest, frames [0, 5)
    EXPECT_EQ(clipAt(c, 0, 3).record, (FrameRange{130, 5}));
    EXPECT_EQ(clipAt(c, 0, 3).source, (FrameRange{500, 5}));
}

TEST(Fcp7Xml, OverlappingClipsAreLeftOutWithAWarning) {
    const XmlConform c = read(sequence(R"(<clipitem><name>a</name><start>0</start><end>10</end>
<in>0</in><out>10</out><file id="f"><name>f.mov</name></file></clipitem>
<clipitem><name>b</name><start>5</start><end>15</end>
<in>0</in><out>10</out><file id="f"/></clipitem>)"));
    ASSERT_EQ(c.timeline.tracks[0].items.size(), 1u);
    ASSERT_EQ(c.warnings.size(), 1u);
    EXPECT_EQ(c.warnings[0].line, 6);
    EXPECT_EQ(c.warnings[0].message, "clip 'b' overlaps the clip before it on V1; left out");
}

std::string errorOf(const std::string& xml) {
    auto r = readFcp7Xml(xml, "cut.xml");
    return r.isOk() ? "(read)" : r.status().message();
}

TEST(Fcp7Xml, ErrorsNameFileAndLine) {
    EXPECT_EQ(errorOf(sequence(R"(<clipitem><name>a</name>
<start>0</start><end>10</end><in>0</in><out>10</out>
<file id="nowhere"/></clipitem>)")),
              "cut.xml:6: <file id=\"nowhere\"> refers to no earlier <file> definition");
    EXPECT_EQ(errorOf(sequence(R"(<clipitem><name>a</name>
<start>zero</start><end>10</end><in>0</in><out>10</out></clipitem>)")),
              "cut.xml:5: <start> 'zero' is not a whole number");
    EXPECT_EQ(errorOf(sequence(R"(<clipitem><name>a</name>
<start>0</start><end>10</end><out>10</out></clipitem>)")),
              "cut.xml:4: <clipitem> has no <in>");
    EXPECT_EQ(errorOf(sequence(R"(<clipitem><name>a</name>
<start>0</start><end>-1</end><in>0</in><out>10</out></clipitem>)")),
              "cut.xml:4: 'a' ends at -1 with no transition after it");
    EXPECT_EQ(errorOf(sequence(R"(<clipitem><name>a</name>
<start>0</start><end>10</end><in>0</in><out>10</out>
<file id="f"><pathurl>file://localhost/a%2</pathurl></file></clipitem>)")),
              "cut.xml:6: 'file://localhost/a%2' has a malformed percent escape");
    EXPECT_EQ(errorOf("<xmeml version=\"5\">\n<bin/>\n</xmeml>"),
              "cut.xml:1: no <sequence> in the document");
    EXPECT_EQ(errorOf("<fcpxml version=\"1.9\"/>"),
              "cut.xml:1: <fcpxml> is not an FCP 7 XML document");
}

}  // namespace
}  // namespace emu::conform
