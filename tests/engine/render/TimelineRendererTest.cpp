#include "emulsion/render/TimelineRenderer.h"

#include <gtest/gtest.h>

#include "GpuTest.h"
#include "RenderTestMedia.h"
#include "TempDir.h"
#include "emulsion/graph/GradeJson.h"

namespace emu::render {
namespace {

using test::makeClip;

// The red of writeExrOriginal's frame f at `level`, as the half EXR stores it.
float redOf(int f, float level) {
    return media::halfToFloat(media::floatToHalf(0.05f + 0.01f * f + level));
}

// Ungraded, in the media's own space: the composite is exactly what the formulas say.
TimelineRenderOptions plainOptions() {
    TimelineRenderOptions o;
    o.workingSpace = "ACES2065-1";
    return o;
}

class TimelineRendererTest : public test::GpuTest {
protected:
    test::TempDir dir;
};

TEST_F(TimelineRendererTest, UpperTrackCoversLowerAndContextNamesTheShot) {
    const auto a = test::writeExrOriginal(dir.path(), "A001", 16, 8, 10, 0.0f);
    const auto b = test::writeExrOriginal(dir.path(), "B001", 16, 8, 10, 0.5f);
    timeline::Track v1{timeline::Track::Kind::Video, "V1", {makeClip("A001", a, 86400, 0, 8)}};
    timeline::Track v2{timeline::Track::Kind::Video,
                       "V2",
                       {timeline::Gap{{86400, 3}}, makeClip("B001", b, 86403, 2, 4)}};
    auto r = test::makeRenderer(device(), test::makeTimeline({v1, v2}), plainOptions());
    ASSERT_TRUE(r.isOk()) << r.status().message();
    EXPECT_EQ((*r)->range(), (timeline::FrameRange{86400, 8}));

    auto below = (*r)->render(86401);
    ASSERT_TRUE(below.isOk()) << below.status().message();
    EXPECT_EQ(below->image.sample(3, 2, 0), redOf(1, 0.0f));
    EXPECT_EQ(below->context.shotName, "A001");
    EXPECT_EQ(below->context.recordTimecode, "01:00:00:01");
    EXPECT_EQ(below->context.sourceTimecode, "01:00:00:01");

    auto above = (*r)->render(86404);  // B's second frame: its source offset 2 + 1
    ASSERT_TRUE(above.isOk()) << above.status().message();
    EXPECT_EQ(above->image.sample(3, 2, 0), redOf(3, 0.5f));
    EXPECT_EQ(above->image.sample(3, 2, 1), media::halfToFloat(media::floatToHalf(3.5f / 16)));
    EXPECT_EQ(above->context.shotName, "B001");
    EXPECT_EQ(above->context.sourceTimecode, "01:00:00:03");
    EXPECT_EQ(above->image.sample(0, 0, 3), 1.0f);
}

TEST_F(TimelineRendererTest, DissolveMixesBothSidesLinearlyAcrossTheCut) {
    const auto a = test::writeExrOriginal(dir.path(), "A001", 8, 4, 12, 0.0f);
    const auto c = test::writeExrOriginal(dir.path(), "C001", 8, 4, 12, 0.3f);
    timeline::Transition dissolve;
    dissolve.inOffset = 2;
    dissolve.outOffset = 2;
    timeline::Track v1{
        timeline::Track::Kind::Video,
        "V1",
        {makeClip("A001", a, 86400, 0, 6), dissolve, makeClip("C001", c, 86406, 5, 6)}};
    auto r = test::makeRenderer(device(), test::makeTimeline({v1}), plainOptions());
    ASSERT_TRUE(r.isOk()) << r.status().message();
    // The transition spans records 86404..86407; at 86405 it is (1 + 0.5) / 4 of the way.
    // A runs on to its source frame 5; C starts one frame before its in point (5 - 1).
    auto mid = (*r)->render(86405);
    ASSERT_TRUE(mid.isOk()) << mid.status().message();
    const float mix = 1.5f / 4.0f;
    EXPECT_NEAR(mid->image.sample(1, 1, 0), redOf(5, 0.0f) * (1 - mix) + redOf(4, 0.3f) * mix,
                1e-6f);
    // Outside the transition each side is itself.
    auto before = (*r)->render(86403);
    ASSERT_TRUE(before.isOk());
    EXPECT_EQ(before->image.sample(1, 1, 0), redOf(3, 0.0f));
    auto after = (*r)->render(86408);
    ASSERT_TRUE(after.isOk());
    EXPECT_EQ(after->image.sample(1, 1, 0), redOf(7, 0.3f));
}

TEST_F(TimelineRendererTest, SpeedEffectsPickSourceFrames) {
    const auto a = test::writeExrOriginal(dir.path(), "A001", 8, 4, 12, 0.0f);
    timeline::Clip fast = makeClip("FAST", a, 86400, 0, 4);
    fast.speed.speed = 2.0;
    timeline::Clip reverse = makeClip("REV", a, 86404, 2, 4);
    reverse.speed.speed = -1.0;
    timeline::Clip freeze = makeClip("HOLD", a, 86408, 7, 3);
    freeze.speed.speed = 0.0;
    timeline::Track v1{timeline::Track::Kind::Video, "V1", {fast, reverse, freeze}};
    auto r = test::makeRenderer(device(), test::makeTimeline({v1}), plainOptions());
    ASSERT_TRUE(r.isOk()) << r.status().message();
    const std::pair<timeline::Frames, int> expected[] = {
        {86400, 0}, {86401, 2}, {86403, 6},  // twice the speed
        {86404, 5}, {86405, 4}, {86407, 2},  // reverse from the last source frame (2 + 4 - 1)
        {86408, 7}, {86410, 7},              // freeze on the in point
    };
    for (const auto& [record, source] : expected) {
        auto frame = (*r)->render(record);
        ASSERT_TRUE(frame.isOk()) << frame.status().message();
        EXPECT_EQ(frame->image.sample(0, 0, 0), redOf(source, 0.0f)) << "record " << record;
    }
}

TEST_F(TimelineRendererTest, TimelineGradeRunsOverTheComposite) {
    const auto a = test::writeExrOriginal(dir.path(), "A001", 8, 4, 4, 0.0f);
    timeline::Track v1{timeline::Track::Kind::Video, "V1", {makeClip("A001", a, 86400, 0, 4)}};
    // An ASC CDL with slope 2 (no offset, power 1): twice every value.
    auto grade = graph::gradeFromJson(R"({"format": "emulsion.grade", "formatVersion": 2,
        "nodes": [{"id": 1, "type": "source", "version": 1},
                  {"id": 2, "type": "cdl", "version": 1, "params": {"slope": [2, 2, 2]}},
                  {"id": 3, "type": "output", "version": 1}],
        "connections": [{"from": [1, "image"], "to": [2, "image"]},
                        {"from": [2, "image"], "to": [3, "image"]}]})",
                                      "timeline grade");
    ASSERT_TRUE(grade.isOk()) << grade.status().message();
    TimelineRenderOptions options = plainOptions();
    options.timelineGrade = *grade;
    auto r = test::makeRenderer(device(), test::makeTimeline({v1}), options);
    ASSERT_TRUE(r.isOk()) << r.status().message();
    auto frame = (*r)->render(86402);
    ASSERT_TRUE(frame.isOk()) << frame.status().message();
    EXPECT_NEAR(frame->image.sample(2, 1, 0), 2 * redOf(2, 0.0f), 1e-6f);
    EXPECT_NEAR(frame->image.sample(2, 1, 1), 2 * media::halfToFloat(media::floatToHalf(2.5f / 8)),
                1e-6f);
}

TEST_F(TimelineRendererTest, OtherSizesFitCentredWithTheirAspectKept) {
    const auto a = test::writeExrOriginal(dir.path(), "A001", 16, 8, 2, 0.0f);
    timeline::Track v1{timeline::Track::Kind::Video, "V1", {makeClip("A001", a, 86400, 0, 2)}};
    TimelineRenderOptions options = plainOptions();
    options.widthPx = 16;  // a square frame: the 2:1 picture sits between black bars
    options.heightPx = 16;
    auto r = test::makeRenderer(device(), test::makeTimeline({v1}), options);
    ASSERT_TRUE(r.isOk()) << r.status().message();
    auto frame = (*r)->render(86401);
    ASSERT_TRUE(frame.isOk()) << frame.status().message();
    for (int y : {0, 3, 12, 15}) {
        EXPECT_EQ(frame->image.sample(5, y, 0), 0.0f) << "bar row " << y;
        EXPECT_EQ(frame->image.sample(5, y, 3), 1.0f);
    }
    for (int y = 4; y < 12; ++y) {  // scale 1: the picture's rows unchanged
        EXPECT_EQ(frame->image.sample(5, y, 0), redOf(1, 0.0f));
        EXPECT_EQ(frame->image.sample(5, y, 2),
                  media::halfToFloat(media::floatToHalf((y - 4 + 0.5f) / 8)));
    }
}

TEST_F(TimelineRendererTest, AnUnknownColourSpaceStopsTheRenderBeforeItsFirstFrame) {
    const auto a = test::writeExrOriginal(dir.path(), "A001", 8, 4, 4, 0.0f);
    timeline::Clip good = makeClip("A001", a, 86400, 0, 2);
    timeline::Clip bad = makeClip("LATER", a, 86402, 0, 2);
    bad.metadata["colour_space"] = "Film Log of Nobody";
    auto r = test::makeRenderer(
        device(), test::makeTimeline({{timeline::Track::Kind::Video, "V1", {good, bad}}}),
        plainOptions());
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.status().message().find("LATER"), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find("Film Log of Nobody"), std::string::npos);
}

TEST_F(TimelineRendererTest, RefusesClipsWithoutACameraOriginal) {
    const auto a = test::writeExrOriginal(dir.path(), "A001", 8, 4, 2, 0.0f);
    timeline::Clip proxyOnly = makeClip("PROXYONLY", a, 86400, 0, 2);
    proxyOnly.media[0].name = "proxy";
    auto r = test::makeRenderer(
        device(), test::makeTimeline({{timeline::Track::Kind::Video, "V1", {proxyOnly}}}),
        plainOptions());
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.status().message().find("PROXYONLY"), std::string::npos);
    EXPECT_NE(r.status().message().find("camera original"), std::string::npos);

    timeline::Clip missing = makeClip("GONE", dir / "nowhere.%07d.exr", 86400, 0, 2);
    auto m = test::makeRenderer(
        device(), test::makeTimeline({{timeline::Track::Kind::Video, "V1", {missing}}}),
        plainOptions());
    ASSERT_FALSE(m.isOk());
    EXPECT_NE(m.status().message().find("GONE"), std::string::npos);
}

}  // namespace
}  // namespace emu::render
