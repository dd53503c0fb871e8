#include <gtest/gtest.h>

#include "emulsion/conform/Otio.h"

namespace emu::conform {
namespace {

using namespace timeline;

// Every feature the reader maps, in one document: rates at 24 with a 48 kHz audio source.
const char* kFeatures = R"({
  "OTIO_SCHEMA": "Timeline.1", "name": "Reel 1 v3", "metadata": {},
  "global_start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24.0, "value": 86400.0},
  "tracks": {
    "OTIO_SCHEMA": "Stack.1", "name": "tracks",
    "markers": [{"OTIO_SCHEMA": "Marker.2", "name": "reel change", "color": "GREEN",
      "comment": "", "marked_range": {"OTIO_SCHEMA": "TimeRange.1",
        "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 100},
        "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0}}}],
    "children": [
      {"OTIO_SCHEMA": "Track.1", "name": "V1", "kind": "Video",
       "markers": [{"OTIO_SCHEMA": "Marker.2", "name": "in", "color": "BLUE", "comment": "",
         "marked_range": {"OTIO_SCHEMA": "TimeRange.1",
           "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 24},
           "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 1}}}],
       "children": [
        {"OTIO_SCHEMA": "Clip.2", "name": "A001C003",
         "source_range": {"OTIO_SCHEMA": "TimeRange.1",
           "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 86500},
           "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 48}},
         "markers": [{"OTIO_SCHEMA": "Marker.2", "name": "focus", "color": "RED",
           "comment": "soft", "marked_range": {"OTIO_SCHEMA": "TimeRange.1",
             "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 86510},
             "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 2}}}],
         "effects": [],
         "metadata": {"cmx_3600": {"reel": "A001"}, "shot": "010", "vendor": {"id": 7},
           "cdl": {"asc_sop": {"slope": [1.1, 1.0, 0.9], "offset": [0.01, 0, -0.02],
             "power": [1, 1.05, 1]}, "asc_sat": 0.8}},
         "media_references": {
           "camera original": {"OTIO_SCHEMA": "ExternalReference.1",
             "target_url": "file:///shots/A%20001/A001C003.mov",
             "available_range": {"OTIO_SCHEMA": "TimeRange.1",
               "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 86400},
               "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 1000}}},
           "proxy": {"OTIO_SCHEMA": "ExternalReference.1", "target_url": "proxies/A001.mov"}},
         "active_media_reference_key": "camera original"},
        {"OTIO_SCHEMA": "Transition.1", "name": "Dissolve", "transition_type": "SMPTE_Dissolve",
         "in_offset": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 12},
         "out_offset": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 12}},
        {"OTIO_SCHEMA": "Clip.1", "name": "sh010",
         "source_range": {"OTIO_SCHEMA": "TimeRange.1",
           "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 1011},
           "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 24}},
         "effects": [{"OTIO_SCHEMA": "LinearTimeWarp.1", "name": "", "effect_name": "",
           "time_scalar": 2.0}],
         "media_reference": {"OTIO_SCHEMA": "ImageSequenceReference.1",
           "target_url_base": "file:///vfx/sh010/", "name_prefix": "sh010.",
           "name_suffix": ".exr", "start_frame": 1001, "frame_step": 1, "rate": 24,
           "frame_zero_padding": 7, "missing_frame_policy": "error",
           "available_range": {"OTIO_SCHEMA": "TimeRange.1",
             "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 1001},
             "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 100}}}},
        {"OTIO_SCHEMA": "Gap.1", "source_range": {"OTIO_SCHEMA": "TimeRange.1",
           "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0},
           "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 10}}},
        {"OTIO_SCHEMA": "Clip.2", "name": "hold",
         "source_range": {"OTIO_SCHEMA": "TimeRange.1",
           "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 100},
           "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 12}},
         "effects": [{"OTIO_SCHEMA": "FreezeFrame.1", "name": "", "effect_name": "FreezeFrame",
           "time_scalar": 0.0}],
         "media_references": {"DEFAULT_MEDIA": {"OTIO_SCHEMA": "MissingReference.1"}},
         "active_media_reference_key": "DEFAULT_MEDIA"},
        {"OTIO_SCHEMA": "Transition.1", "name": "Wipe", "transition_type": "Custom_Transition",
         "metadata": {"emulsion": {"wipe_code": 1}},
         "in_offset": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 6},
         "out_offset": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 6}},
        {"OTIO_SCHEMA": "Clip.1", "name": "black",
         "source_range": {"OTIO_SCHEMA": "TimeRange.1",
           "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0},
           "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 24}},
         "media_reference": {"OTIO_SCHEMA": "GeneratorReference.1", "generator_kind": "black",
           "parameters": {}}},
        {"OTIO_SCHEMA": "Stack.1", "name": "compound",
         "source_range": {"OTIO_SCHEMA": "TimeRange.1",
           "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 5},
           "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 10}},
         "children": [{"OTIO_SCHEMA": "Track.1", "name": "inner", "kind": "Video", "children": [
           {"OTIO_SCHEMA": "Clip.2", "name": "E",
            "source_range": {"OTIO_SCHEMA": "TimeRange.1",
              "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 200},
              "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 10}},
            "media_references": {}, "active_media_reference_key": "DEFAULT_MEDIA"},
           {"OTIO_SCHEMA": "Clip.2", "name": "F",
            "source_range": {"OTIO_SCHEMA": "TimeRange.1",
              "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 300},
              "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 10}},
            "media_references": {}, "active_media_reference_key": "DEFAULT_MEDIA"}]}]}
       ]},
      {"OTIO_SCHEMA": "Track.1", "name": "A1", "kind": "Audio", "children": [
        {"OTIO_SCHEMA": "Clip.2", "name": "A001 sound",
         "source_range": {"OTIO_SCHEMA": "TimeRange.1",
           "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 48000, "value": 0},
           "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 48000, "value": 96000}},
         "media_references": {"DEFAULT_MEDIA": {"OTIO_SCHEMA": "ExternalReference.1",
           "target_url": "file://localhost/audio/A001.wav"}},
         "active_media_reference_key": "DEFAULT_MEDIA"}]}
    ]}
})";

Clip clipNamed(const std::string& name, FrameRange record, FrameRange source) {
    Clip c;
    c.name = name;
    c.record = record;
    c.source = source;
    c.sourceRate = {24, 1};
    return c;
}

MediaReference ref(MediaReference::Kind kind, const std::string& name, const std::string& path) {
    MediaReference r;
    r.kind = kind;
    r.name = name;
    r.path = path;
    return r;
}

Timeline expectedFeatures() {
    Timeline t;
    t.title = "Reel 1 v3";
    t.rate = {24, 1};
    t.startFrame = 86400;
    t.markers = {{"reel change", 86500, 0, "green", ""}};

    Track v1;
    v1.name = "V1";
    v1.markers = {{"in", 86424, 1, "blue", ""}};
    Clip a = clipNamed("A001C003", {86400, 48}, {86500, 48});
    a.reel = "A001";
    a.sourceFile = "A001C003.mov";
    a.cdl = CdlValues{{1.1, 1.0, 0.9}, {0.01, 0, -0.02}, {1, 1.05, 1}, 0.8};
    a.markers = {{"focus", 86510, 2, "red", "soft"}};
    a.media = {ref(MediaReference::Kind::External, "camera original", "/shots/A 001/A001C003.mov"),
               ref(MediaReference::Kind::External, "proxy", "proxies/A001.mov")};
    a.media[0].availableRange = FrameRange{86400, 1000};
    a.metadata = {{"shot", "010"}, {"vendor.id", "7"}};
    v1.items.push_back(a);
    v1.items.push_back(Transition{Transition::Kind::Dissolve, 0, 12, 12, "Dissolve"});
    Clip b = clipNamed("sh010", {86448, 24}, {1011, 48});  // twice as fast: 48 frames shown
    b.speed.speed = 2.0;
    b.sourceFile = "sh010.%07d.exr";
    b.media = {
        ref(MediaReference::Kind::ImageSequence, "DEFAULT_MEDIA", "/vfx/sh010/sh010.%07d.exr")};
    b.media[0].availableRange = FrameRange{1001, 100};
    v1.items.push_back(b);
    v1.items.push_back(Gap{{86472, 10}});
    Clip hold = clipNamed("hold", {86482, 12}, {100, 1});  // a freeze shows one frame
    hold.speed.speed = 0.0;
    hold.media = {ref(MediaReference::Kind::Missing, "DEFAULT_MEDIA", "")};
    v1.items.push_back(hold);
    v1.items.push_back(Transition{Transition::Kind::Wipe, 1, 6, 6, "Wipe"});
    Clip black = clipNamed("black", {86494, 24}, {0, 24});
    black.media = {ref(MediaReference::Kind::Generator, "DEFAULT_MEDIA", "")};
    black.media[0].generator = "black";
    v1.items.push_back(black);
    // The nested stack shows frames 5..14 of its track: the last 5 of E, the first 5 of F.
    v1.items.push_back(clipNamed("E", {86518, 5}, {205, 5}));
    v1.items.push_back(clipNamed("F", {86523, 5}, {300, 5}));
    t.tracks.push_back(v1);

    Track a1;
    a1.kind = Track::Kind::Audio;
    a1.name = "A1";
    Clip sound = clipNamed("A001 sound", {86400, 48}, {0, 96000});
    sound.sourceRate = {48000, 1};
    sound.sourceFile = "A001.wav";
    sound.media = {ref(MediaReference::Kind::External, "DEFAULT_MEDIA", "/audio/A001.wav")};
    a1.items.push_back(sound);
    t.tracks.push_back(a1);
    return t;
}

TEST(OtioRead, EveryFeatureMapsToExactTimelineValues) {
    auto r = readOtio(kFeatures, "features.otio");
    ASSERT_TRUE(r.isOk()) << r.status().message();
    const Timeline expected = expectedFeatures();
    const Timeline& t = r->timeline;
    EXPECT_EQ(t.title, expected.title);
    EXPECT_EQ(t.rate, expected.rate);
    EXPECT_EQ(t.startFrame, expected.startFrame);
    EXPECT_EQ(t.markers, expected.markers);
    ASSERT_EQ(t.tracks.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(t.tracks[i].name, expected.tracks[i].name);
        EXPECT_EQ(t.tracks[i].kind, expected.tracks[i].kind);
        EXPECT_EQ(t.tracks[i].markers, expected.tracks[i].markers);
        ASSERT_EQ(t.tracks[i].items.size(), expected.tracks[i].items.size()) << i;
        for (std::size_t k = 0; k < t.tracks[i].items.size(); ++k) {
            const Item& got = t.tracks[i].items[k];
            const Item& want = expected.tracks[i].items[k];
            if (const auto* c = std::get_if<Clip>(&got)) {
                const auto* w = std::get_if<Clip>(&want);
                ASSERT_TRUE(w) << "track " << i << " item " << k << " is a clip";
                EXPECT_EQ(c->name, w->name);
                EXPECT_EQ(c->record, w->record) << c->name;
                EXPECT_EQ(c->source, w->source) << c->name;
                EXPECT_EQ(c->sourceRate, w->sourceRate) << c->name;
                EXPECT_EQ(c->speed, w->speed) << c->name;
                EXPECT_EQ(c->reel, w->reel) << c->name;
                EXPECT_EQ(c->sourceFile, w->sourceFile) << c->name;
                EXPECT_EQ(c->cdl, w->cdl) << c->name;
                EXPECT_EQ(c->markers, w->markers) << c->name;
                EXPECT_EQ(c->media, w->media) << c->name;
                EXPECT_EQ(c->activeMedia, w->activeMedia) << c->name;
                EXPECT_EQ(c->metadata, w->metadata) << c->name;
            }
            EXPECT_EQ(got, want) << "track " << i << " item " << k;
        }
    }
    EXPECT_EQ(t, expected);
    // The nested stack had one track and cut clips without rounding: nothing to warn about
    // except that nothing was lost.
    EXPECT_TRUE(r->warnings.empty()) << r->warnings.front().message;
}

TEST(OtioRead, NtscRatesBecomeExactRatios) {
    const char* doc = R"({"OTIO_SCHEMA": "Timeline.1",
      "global_start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 23.976023976023978,
                            "value": 86313.0},
      "tracks": {"OTIO_SCHEMA": "Stack.1", "children": []}})";
    auto r = readOtio(doc, "ntsc.otio");
    ASSERT_TRUE(r.isOk()) << r.status().message();
    EXPECT_EQ(r->timeline.rate, (Rate{24000, 1001}));
    EXPECT_EQ(r->timeline.startFrame, 86313);
}

TEST(OtioRead, RateWithoutGlobalStartComesFromTheFirstTime) {
    const char* doc = R"({"OTIO_SCHEMA": "Timeline.1", "tracks": {"OTIO_SCHEMA": "Stack.1",
      "children": [{"OTIO_SCHEMA": "Track.1", "kind": "Video", "children": [
        {"OTIO_SCHEMA": "Gap.1", "source_range": {"OTIO_SCHEMA": "TimeRange.1",
          "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 29.97, "value": 0},
          "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 29.97, "value": 30}}}]}]}})";
    auto r = readOtio(doc, "gap.otio");
    ASSERT_TRUE(r.isOk()) << r.status().message();
    EXPECT_EQ(r->timeline.rate, (Rate{30000, 1001}));
    EXPECT_EQ(r->timeline.startFrame, 0);
    ASSERT_EQ(r->timeline.tracks.at(0).items.size(), 1u);
    EXPECT_EQ(std::get<Gap>(r->timeline.tracks[0].items[0]).record, (FrameRange{0, 30}));
}

TEST(OtioRead, NonIntegerFramesAfterRateConversionWarnAndRound) {
    // 10 frames at 25 on a 24 timeline are 9.6 record frames: rounded to 10, with a warning.
    const char* doc = R"({"OTIO_SCHEMA": "Timeline.1",
      "global_start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0},
      "tracks": {"OTIO_SCHEMA": "Stack.1", "children": [{"OTIO_SCHEMA": "Track.1",
        "name": "V1", "kind": "Video", "children": [{"OTIO_SCHEMA": "Clip.2", "name": "pal",
        "source_range": {"OTIO_SCHEMA": "TimeRange.1",
          "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 25, "value": 90000},
          "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 25, "value": 10}},
        "media_references": {}, "active_media_reference_key": "DEFAULT_MEDIA"}]}]}})";
    auto r = readOtio(doc, "pal.otio");
    ASSERT_TRUE(r.isOk()) << r.status().message();
    const Clip& c = std::get<Clip>(r->timeline.tracks.at(0).items.at(0));
    EXPECT_EQ(c.sourceRate, (Rate{25, 1}));
    EXPECT_EQ(c.source, (FrameRange{90000, 10}));
    EXPECT_EQ(c.record, (FrameRange{0, 10}));
    ASSERT_EQ(r->warnings.size(), 1u);
    EXPECT_NE(r->warnings[0].message.find("9.6"), std::string::npos) << r->warnings[0].message;
    EXPECT_NE(r->warnings[0].message.find("'pal'"), std::string::npos);
}

TEST(OtioRead, DisabledClipBecomesAGapAndUnknownEffectsWarn) {
    const char* doc = R"({"OTIO_SCHEMA": "Timeline.1",
      "global_start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 25, "value": 0},
      "tracks": {"OTIO_SCHEMA": "Stack.1", "children": [{"OTIO_SCHEMA": "Track.1",
        "kind": "Video", "children": [
        {"OTIO_SCHEMA": "Clip.2", "name": "off", "enabled": false,
         "source_range": {"OTIO_SCHEMA": "TimeRange.1",
           "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 25, "value": 7},
           "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 25, "value": 5}}},
        {"OTIO_SCHEMA": "Clip.2", "name": "blurred",
         "effects": [{"OTIO_SCHEMA": "Effect.1", "effect_name": "Blur"}],
         "source_range": {"OTIO_SCHEMA": "TimeRange.1",
           "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 25, "value": 7},
           "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 25, "value": 5}}}]}]}})";
    auto r = readOtio(doc, "fx.otio");
    ASSERT_TRUE(r.isOk()) << r.status().message();
    const auto& items = r->timeline.tracks.at(0).items;
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(std::get<Gap>(items[0]).record, (FrameRange{0, 5}));
    EXPECT_EQ(std::get<Clip>(items[1]).record, (FrameRange{5, 5}));
    ASSERT_EQ(r->warnings.size(), 2u);
    EXPECT_NE(r->warnings[0].message.find("disabled"), std::string::npos);
    EXPECT_NE(r->warnings[1].message.find("Blur"), std::string::npos);
}

TEST(OtioRead, NestedStackKeepsItsTopTrackAndPadsToItsLength) {
    // No source_range: the stack lasts as long as its longest track (12), its top track (8
    // frames) is kept and padded with a gap; the lower track is dropped with a warning.
    const char* doc = R"({"OTIO_SCHEMA": "Timeline.1",
      "global_start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 10},
      "tracks": {"OTIO_SCHEMA": "Stack.1", "children": [{"OTIO_SCHEMA": "Track.1",
        "kind": "Video", "children": [{"OTIO_SCHEMA": "Stack.1", "children": [
          {"OTIO_SCHEMA": "Track.1", "kind": "Video", "children": [{"OTIO_SCHEMA": "Gap.1",
            "source_range": {"OTIO_SCHEMA": "TimeRange.1",
              "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0},
              "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 12}}}]},
          {"OTIO_SCHEMA": "Track.1", "kind": "Video", "children": [{"OTIO_SCHEMA": "Clip.2",
            "name": "top", "source_range": {"OTIO_SCHEMA": "TimeRange.1",
              "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 40},
              "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 8}}}]}]}]}]}})";
    auto r = readOtio(doc, "nest.otio");
    ASSERT_TRUE(r.isOk()) << r.status().message();
    const auto& items = r->timeline.tracks.at(0).items;
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(std::get<Clip>(items[0]).record, (FrameRange{10, 8}));
    EXPECT_EQ(std::get<Clip>(items[0]).source, (FrameRange{40, 8}));
    EXPECT_EQ(std::get<Gap>(items[1]).record, (FrameRange{18, 4}));
    ASSERT_EQ(r->warnings.size(), 1u);
    EXPECT_NE(r->warnings[0].message.find("lower track"), std::string::npos);
}

TEST(OtioRead, SequenceFieldsTheModelLacksAreKeptInMetadata) {
    const char* doc = R"({"OTIO_SCHEMA": "Timeline.1",
      "global_start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0},
      "tracks": {"OTIO_SCHEMA": "Stack.1", "children": [{"OTIO_SCHEMA": "Track.1",
        "kind": "Video", "children": [{"OTIO_SCHEMA": "Clip.2", "name": "plate",
        "source_range": {"OTIO_SCHEMA": "TimeRange.1",
          "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 86400},
          "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 10}},
        "media_references": {"plate": {"OTIO_SCHEMA": "ImageSequenceReference.1",
          "target_url_base": "plates", "name_prefix": "p_", "name_suffix": ".dpx",
          "start_frame": 1, "frame_step": 2, "rate": 24, "frame_zero_padding": 0,
          "available_range": {"OTIO_SCHEMA": "TimeRange.1",
            "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 86400},
            "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 100}}}},
        "active_media_reference_key": "plate"}]}]}})";
    auto r = readOtio(doc, "seq.otio");
    ASSERT_TRUE(r.isOk()) << r.status().message();
    const Clip& c = std::get<Clip>(r->timeline.tracks.at(0).items.at(0));
    EXPECT_EQ(c.media.at(0).path, "plates/p_%d.dpx");
    EXPECT_EQ(c.sourceFile, "p_%d.dpx");
    const std::map<std::string, std::string> meta = {{"otio.media.plate.start_frame", "1"},
                                                     {"otio.media.plate.frame_step", "2"}};
    EXPECT_EQ(c.metadata, meta);
}

}  // namespace
}  // namespace emu::conform
