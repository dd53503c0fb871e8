#include "emulsion/timeline/TimelineJson.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace emu::timeline {
namespace {

// A timeline in which every field of every type differs from its default, with doubles that
// only survive a shortest-round-trip writer.
Timeline everyField() {
    Timeline t;
    t.title = "Reel 2 \"final\" — ünïcode";
    t.rate = {24000, 1001};
    t.startFrame = 86400;
    t.dropFrame = true;
    t.markers = {{"review", 120, 24, "red", "check the sky"}, {"", -3, 0, "", ""}};

    Clip a;
    a.name = "A001C003";
    a.reel = "A001";
    a.sourceFile = "/media/A001C003_0000123.exr";
    a.event = 7;
    a.record = {86400, 48};
    a.source = {123, 48};
    a.sourceRate = {25, 1};
    a.sourceTimecodeStart = "14:02:11:03";
    a.speed.speed = -0.5;
    a.cdl = CdlValues{
        {1.1, 0.1 + 0.2, 1e-17}, {-0.01, 0, 0.333333333333333314829616256247}, {0.9, 1, 2.5}, 0.85};
    a.markers = {{"flash", 130, 1, "blue", "frame 7"}};
    MediaReference original{MediaReference::Kind::ImageSequence, "camera original",
                            "/media/A001C003_%07d.exr", "", FrameRange{100, 500}};
    MediaReference proxy{MediaReference::Kind::External, "proxy", "proxies/A001C003.mov", "",
                         std::nullopt};
    MediaReference lost{MediaReference::Kind::Missing, "vfx v003", "vfx/sh010_v003.exr", "",
                        FrameRange{0, 48}};
    a.media = {original, proxy, lost};
    a.activeMedia = 1;
    a.metadata = {{"cmx.comment", "* LOC: 01:00:05:00 RED"}, {"avid.tape", "A001"}};

    Clip b;  // optional fields left empty
    b.name = "bars";
    b.record = {86448 + 24, 24};
    b.source = {0, 24};
    b.media = {{MediaReference::Kind::Generator, "bars", "", "bars", std::nullopt}};

    Track v1;
    v1.kind = Track::Kind::Video;
    v1.name = "V1";
    v1.items = {a, Transition{Transition::Kind::Wipe, 101, 12, 12, "wipe 101"}, Gap{{86448, 24}},
                b};
    v1.markers = {{"track marker", 86410, 2, "green", "on V1"}};
    Track a1;
    a1.kind = Track::Kind::Audio;
    a1.name = "A1";
    a1.items = {Gap{{86400, 96}}, Transition{Transition::Kind::Dissolve, 0, 3, 5, ""}};
    t.tracks = {v1, Track{}, a1};
    return t;
}

TEST(TimelineJson, EveryFieldRoundTrips) {
    const Timeline original = everyField();
    const std::string text = timelineToJson(original);
    auto back = timelineFromJson(text, "test");
    ASSERT_TRUE(back.isOk()) << back.status().message();
    EXPECT_EQ(*back, original);
    EXPECT_EQ(timelineToJson(*back), text);  // stable: a second save writes the same bytes
}

TEST(TimelineJson, EmptyTimelineRoundTrips) {
    auto back = timelineFromJson(timelineToJson(Timeline{}), "empty");
    ASSERT_TRUE(back.isOk()) << back.status().message();
    EXPECT_EQ(*back, Timeline{});
}

TEST(TimelineJson, WritesFormatAndVersion) {
    const auto j = nlohmann::json::parse(timelineToJson(everyField()));
    EXPECT_EQ(j["format"], "emulsion-timeline");
    EXPECT_EQ(j["version"], kTimelineFormatVersion);
    EXPECT_EQ(j["tracks"][0]["items"][0]["media"][0]["kind"], "image_sequence");
    EXPECT_EQ(j["rate"], nlohmann::json::array({24000, 1001}));
}

TEST(TimelineJson, MissingFieldIsNamedWithItsPath) {
    auto j = nlohmann::json::parse(timelineToJson(everyField()));
    j["tracks"][0]["items"][2].erase("record");
    auto back = timelineFromJson(j.dump(), "edit 3");
    ASSERT_FALSE(back.isOk());
    EXPECT_EQ(back.status().code(), ErrorCode::InvalidArgument);
    EXPECT_NE(back.status().message().find("edit 3: tracks[0].items[2]"), std::string::npos)
        << back.status().message();
    EXPECT_NE(back.status().message().find("record"), std::string::npos);
}

TEST(TimelineJson, WrongTypesAndUnknownNamesAreRefused) {
    auto j = nlohmann::json::parse(timelineToJson(everyField()));
    auto bad = j;
    bad["start_frame"] = "86400";
    EXPECT_FALSE(timelineFromJson(bad.dump(), "t").isOk());
    bad = j;
    bad["tracks"][0]["kind"] = "subtitle";
    auto r = timelineFromJson(bad.dump(), "t");
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.status().message().find("subtitle"), std::string::npos);
    bad = j;
    bad["tracks"][0]["items"][0]["cdl"]["slope"] = {1, 2};
    EXPECT_FALSE(timelineFromJson(bad.dump(), "t").isOk());
    bad = j;
    bad["tracks"][0]["items"][1]["type"] = "effect";
    EXPECT_FALSE(timelineFromJson(bad.dump(), "t").isOk());
}

TEST(TimelineJson, NewerVersionAndForeignJsonAreRefused) {
    auto j = nlohmann::json::parse(timelineToJson(everyField()));
    j["version"] = kTimelineFormatVersion + 1;
    auto newer = timelineFromJson(j.dump(), "t");
    ASSERT_FALSE(newer.isOk());
    EXPECT_EQ(newer.status().code(), ErrorCode::Unsupported);
    EXPECT_FALSE(timelineFromJson("{\"format\": \"otio\"}", "t").isOk());
    EXPECT_FALSE(timelineFromJson("[1, 2", "t").isOk());
    EXPECT_FALSE(timelineFromJson("", "t").isOk());
}

}  // namespace
}  // namespace emu::timeline
