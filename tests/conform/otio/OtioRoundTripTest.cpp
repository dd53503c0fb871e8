#include <gtest/gtest.h>

#include "TempDir.h"
#include "emulsion/conform/Otio.h"

namespace emu::conform {
namespace {

using namespace timeline;

// A timeline using every field the writer carries, at 23.976 with drop-frame-free counting
// and one 29.97 drop-frame record clock elsewhere.
Timeline everyFeature() {
    Timeline t;
    t.title = "Finale \"v12\" — ünïcode";
    t.rate = {24000, 1001};
    t.startFrame = 86313;
    t.markers = {{"start", 86313, 0, "green", "head"}, {"end", 86400, 3, "", ""}};

    Track v1;
    v1.name = "V1";
    v1.markers = {{"check", 86320, 1, "yellow", "flash frame"}};
    Clip a;
    a.name = "A001C003_230101_R1AB";
    a.reel = "A001";
    a.sourceFile = "from the EDL.mov";  // differs from the reference's file name
    a.event = 12;
    a.record = {86313, 30};
    a.source = {90000, 30};
    a.sourceRate = {24000, 1001};
    a.sourceTimecodeStart = "01:02:30:00";
    a.cdl = CdlValues{{1.2, 1.0, 0.875}, {-0.01, 0.0, 0.03125}, {0.9, 1.0, 1.1}, 1.25};
    a.markers = {{"blink", 90010, 4, "red", "eyes"}};
    MediaReference cam{MediaReference::Kind::External, "camera original",
                       "/mnt/show/day 1/A001C003 #1.mov", "", FrameRange{86400, 5000}};
    MediaReference proxy{MediaReference::Kind::External, "proxy", "proxies/A001C003.mov", "",
                         std::nullopt};
    a.media = {cam, proxy};
    a.activeMedia = 1;
    a.metadata = {{"scene", "12A"}, {"take", "3"}, {"vendor.shot.id", "SH010"}};
    v1.items.push_back(a);
    v1.items.push_back(Transition{Transition::Kind::Dissolve, 0, 8, 8, "dissolve"});

    Clip vfx;
    vfx.name = "sh010_comp_v003";
    vfx.record = {86343, 20};
    vfx.source = {1009, 10};  // half speed: 20 record frames show 10
    vfx.sourceRate = {24000, 1001};
    vfx.speed.speed = 0.5;
    vfx.sourceFile = "sh010_comp_v003.%07d.exr";
    vfx.media = {MediaReference{MediaReference::Kind::ImageSequence, "vfx v003",
                                "/vfx/sh010/v003/sh010_comp_v003.%07d.exr", "",
                                FrameRange{1001, 50}}};
    vfx.metadata = {{"otio.media.vfx v003.start_frame", "1"}};
    v1.items.push_back(vfx);
    v1.items.push_back(Transition{Transition::Kind::Wipe, 4, 5, 5, "wipe"});
    Clip reverse;
    reverse.name = "reverse";
    reverse.record = {86363, 10};
    reverse.source = {500, 10};
    reverse.sourceRate = {24000, 1001};
    reverse.speed.speed = -1.0;
    reverse.media = {MediaReference{MediaReference::Kind::Missing, "lost", "", "", std::nullopt}};
    v1.items.push_back(reverse);
    v1.items.push_back(Gap{{86373, 7}});
    Clip hold;
    hold.name = "hold";
    hold.record = {86380, 12};
    hold.source = {77, 1};
    hold.sourceRate = {24000, 1001};
    hold.speed.speed = 0.0;
    hold.media = {
        MediaReference{MediaReference::Kind::Generator, "slate", "", "bars", FrameRange{0, 24}}};
    v1.items.push_back(hold);
    t.tracks.push_back(v1);

    Track a1;
    a1.kind = Track::Kind::Audio;
    a1.name = "A1";
    Clip sound;
    sound.name = "sound";
    sound.record = {86313, 48};
    sound.source = {0, 96096};  // 48 frames at 24000/1001 are 96096 samples at 48 kHz
    sound.sourceRate = {48000, 1};
    sound.sourceFile = "A001.wav";
    sound.media = {MediaReference{MediaReference::Kind::External, "audio", "/audio/A001.wav", "",
                                  std::nullopt}};
    a1.items.push_back(sound);
    t.tracks.push_back(a1);
    return t;
}

TEST(OtioRoundTrip, EveryFeatureReadsBackEqual) {
    const Timeline t = everyFeature();
    const std::string text = writeOtio(t);
    auto r = readOtio(text, "written.otio");
    ASSERT_TRUE(r.isOk()) << r.status().message();
    EXPECT_TRUE(r->warnings.empty()) << r->warnings.front().message;
    EXPECT_EQ(r->timeline.tracks.at(0), t.tracks.at(0));
    EXPECT_EQ(r->timeline.tracks.at(1), t.tracks.at(1));
    EXPECT_EQ(r->timeline, t);
    // Written the way OTIO 0.15+ writes: Clip.2 with a map of references.
    EXPECT_NE(text.find("\"Clip.2\""), std::string::npos);
    EXPECT_NE(text.find("\"active_media_reference_key\": \"proxy\""), std::string::npos);
    EXPECT_NE(text.find("file:///mnt/show/day%201/A001C003%20%231.mov"), std::string::npos);
    EXPECT_NE(text.find("\"frame_zero_padding\": 7"), std::string::npos);
    EXPECT_NE(text.find("\"LinearTimeWarp.1\""), std::string::npos);
    EXPECT_NE(text.find("\"FreezeFrame.1\""), std::string::npos);
    EXPECT_EQ(writeOtio(r->timeline), text);
}

TEST(OtioRoundTrip, DropFrameTimelineAndHolesBecomeGaps) {
    Timeline t;
    t.rate = {30000, 1001};
    t.dropFrame = true;
    t.startFrame = 107892;
    Track v;
    v.name = "V1";
    Clip c;
    c.name = "late";
    c.record = {107900, 5};
    c.source = {0, 5};
    c.sourceRate = {30000, 1001};
    v.items.push_back(c);
    t.tracks.push_back(v);
    auto r = readOtio(writeOtio(t), "holes.otio");
    ASSERT_TRUE(r.isOk()) << r.status().message();
    EXPECT_TRUE(r->timeline.dropFrame);
    EXPECT_EQ(r->timeline.rate, t.rate);
    const auto& items = r->timeline.tracks.at(0).items;
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(std::get<Gap>(items[0]).record, (FrameRange{107892, 8}));
    EXPECT_EQ(std::get<Clip>(items[1]), c);
}

TEST(OtioRoundTrip, FilesWriteAndReadBack) {
    test::TempDir dir;
    const Timeline t = everyFeature();
    ASSERT_TRUE(writeOtioFile(t, dir / "cut.otio").isOk());
    auto r = readOtioFile(dir / "cut.otio");
    ASSERT_TRUE(r.isOk()) << r.status().message();
    EXPECT_EQ(r->timeline, t);
}

}  // namespace
}  // namespace emu::conform
