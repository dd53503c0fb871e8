// Must show 2: a replayed 10-second trackball session at 1 kHz moves lift/gamma/gain by the
// sum of its deltas times the gain, one frame per display refresh at most, nothing left over.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "TempDir.h"
#include "TrackballSession.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/panels/PanelReplay.h"

namespace emu::panels {
namespace {

constexpr double kHalfSqrt3 = 0.8660254037844386;  // sin 60 degrees

struct Fixture {
    graph::NodeRegistry registry = nodes::builtinRegistry();
    graph::Grade grade = graph::Grade::identity();
    graph::NodeId lgg = 0;
    Mapping mapping;

    Fixture() {
        graph::GradeEditor editor(registry);
        EXPECT_TRUE(editor.apply(graph::AddNode{"lgg", "primaries"}, &lgg).isOk());
        EXPECT_TRUE(editor.apply(graph::Connect{{1, "image", lgg, "image"}}).isOk());
        EXPECT_TRUE(editor.apply(graph::Connect{{lgg, "image", 2, "image"}}).isOk());
        grade = editor.grade();
        mapping = *parseMapping(test::trackballMapping(), "trackball");
    }
};

// The expected wheel after a session: defaults plus the sums times the gains, each ball's
// x and y turned into r, g, b by the colour-wheel axes of docs/PANELS.md.
void expectWheel(const std::vector<float>& v, float defaultValue, std::int64_t sx, std::int64_t sy,
                 std::int64_t ring, double tolerance) {
    ASSERT_EQ(v.size(), 4u);
    const double gain = test::kBallGain;
    // r and the master are sums of multiples of powers of two: exact in float.
    EXPECT_EQ(v[0], static_cast<float>(defaultValue + gain * sx));
    EXPECT_EQ(v[3], static_cast<float>(defaultValue + test::kRingGain * ring));
    EXPECT_NEAR(v[1], defaultValue + gain * (-0.5 * sx + kHalfSqrt3 * sy), tolerance);
    EXPECT_NEAR(v[2], defaultValue + gain * (-0.5 * sx - kHalfSqrt3 * sy), tolerance);
}

TEST(Replay, TenSecondTrackballSessionSumsExactly) {
    Fixture s;
    const test::TrackballSession session = test::makeTrackballSession(10.0, 42);
    ASSERT_GE(session.recording.reports.size(), 30000u);
    ReplayOptions options;
    options.refreshHz = 60;
    auto r = replayRecording(session.recording, s.mapping, s.registry, s.grade, options);
    ASSERT_TRUE(r.isOk()) << r.status().message();
    const graph::GradeNode* node = r->grade.node(s.lgg);
    ASSERT_TRUE(node);
    const graph::NodeDesc& desc = s.registry.find("lgg")->desc;
    // g and b: one float rounding per frame at most, each below 2^-24 of a value under 2.
    const double tolerance = static_cast<double>(r->frames) * std::ldexp(1.0, -23);
    const char* params[3] = {"lift", "gamma", "gain"};
    const float defaults[3] = {0.0f, 1.0f, 1.0f};
    for (int i = 0; i < 3; ++i) {
        SCOPED_TRACE(params[i]);
        expectWheel(r->grade.paramValue(*node, *desc.findParam(params[i])), defaults[i],
                    session.sumX[i], session.sumY[i], session.sumRing[i], tolerance);
    }
    // At most one frame per refresh: 10 s at 60 Hz end at the 600th refresh, which shows the
    // last reports; and every refresh had something to show (the balls move every ms).
    EXPECT_EQ(r->refreshTicks, 600u);
    EXPECT_LE(r->frames, r->refreshTicks);
    EXPECT_GE(r->frames, 599u);
    for (std::size_t i = 1; i < r->frameTicks.size(); ++i) {
        EXPECT_LT(r->frameTicks[i - 1], r->frameTicks[i]);
    }
    EXPECT_EQ(r->pendingAfter, 0u);
    EXPECT_EQ(r->queuedAfter, 0u);
    EXPECT_EQ(r->commandsRefused, 0u);
    EXPECT_EQ(r->decode.reports, session.recording.reports.size());
    EXPECT_EQ(r->decode.malformed, 0u);
}

TEST(Replay, RealTimeSessionRendersOncePerRefreshAndLeavesNoBacklog) {
    Fixture s;
    const test::TrackballSession session = test::makeTrackballSession(0.6, 7);
    ReplayOptions options;
    options.realTime = true;
    options.refreshHz = 60;
    int renders = 0;
    const auto start = std::chrono::steady_clock::now();
    auto r = replayRecording(session.recording, s.mapping, s.registry, s.grade, options,
                             [&](const graph::Grade&) {
                                 ++renders;
                                 return Status::ok();
                             });
    const double elapsedS =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(r.isOk()) << r.status().message();
    EXPECT_EQ(static_cast<std::uint64_t>(renders), r->frames);
    // Never more frames than refreshes that passed, never two in one refresh.
    EXPECT_LE(renders, static_cast<int>(elapsedS * 60) + 1);
    ASSERT_EQ(r->frameTicks.size(), r->frames);
    for (std::size_t i = 1; i < r->frameTicks.size(); ++i) {
        EXPECT_LT(r->frameTicks[i - 1], r->frameTicks[i]);
    }
    EXPECT_GE(r->frames, 5u);  // 0.6 s of constant movement (fewer on a loaded machine)
    EXPECT_EQ(r->pendingAfter, 0u);
    const graph::GradeNode* node = r->grade.node(s.lgg);
    const graph::NodeDesc& desc = s.registry.find("lgg")->desc;
    expectWheel(r->grade.paramValue(*node, *desc.findParam("gain")), 1.0f, session.sumX[2],
                session.sumY[2], session.sumRing[2], 1e-4);
    EXPECT_FALSE(r->applyLatenciesNs.empty());
    EXPECT_EQ(r->routeLatenciesNs.size(), session.recording.reports.size());
}

TEST(Replay, SpeedEditorRecordingReplaysInRealTimeWithoutAHandshake) {
    Fixture s;
    // Jog reports (report 3, mode 0: a change) 2 ms apart, then STOP/PLAY pressed and released.
    Recording rec;
    rec.driver = "speed-editor";
    for (int i = 0; i < 50; ++i) {
        rec.reports.push_back({i * 2000, {0x03, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00}});
    }
    rec.reports.push_back({100000, {0x04, 0x3c, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}});
    rec.reports.push_back({120000, {0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}});
    auto mapping = parseMapping(*builtinMappingText("speed-editor"), "speed-editor");
    ASSERT_TRUE(mapping.isOk());
    ReplayOptions options;
    options.realTime = true;
    auto r = replayRecording(rec, *mapping, s.registry, s.grade, options);
    ASSERT_TRUE(r.isOk()) << r.status().message();
    // The built-in map: jog -> lgg gain master at 0.0002 per step, acceleration 0.02 per
    // step beyond one: 50 reports of 2 steps = 50 * 2 * (1 + 0.02) * 0.0002.
    const graph::GradeNode* node = r->grade.node(s.lgg);
    const auto gain = r->grade.paramValue(*node, *s.registry.find("lgg")->desc.findParam("gain"));
    EXPECT_NEAR(gain[3], 1.0 + 50 * 2 * 1.02 * 0.0002, 1e-6);
    ASSERT_EQ(r->stationActions.size(), 1u);
    EXPECT_EQ(r->stationActions[0], Action::Play);
    EXPECT_EQ(r->pendingAfter, 0u);
}

TEST(Replay, RecordingFileRoundTripAndErrors) {
    emu::test::TempDir dir;
    const test::TrackballSession session = test::makeTrackballSession(0.05, 3);
    const auto path = dir.path() / "session.emurec";
    ASSERT_TRUE(saveRecording(path, session.recording).isOk());
    auto back = loadRecording(path);
    ASSERT_TRUE(back.isOk()) << back.status().message();
    EXPECT_EQ(back->driver, "surface");
    ASSERT_EQ(back->reports.size(), session.recording.reports.size());
    EXPECT_EQ(back->reports[5].bytes, session.recording.reports[5].bytes);
    EXPECT_EQ(back->reports[5].timeUs, session.recording.reports[5].timeUs);

    auto bad = parseRecording("emulsion-panel-recording 1\ndriver surface\n10 0102zz\n", "s.rec");
    ASSERT_FALSE(bad.isOk());
    EXPECT_EQ(bad.status().message().rfind("s.rec:3: ", 0), 0u) << bad.status().message();
    auto backwards =
        parseRecording("emulsion-panel-recording 1\ndriver surface\n10 00\n5 00\n", "b.rec");
    EXPECT_NE(backwards.status().message().find("b.rec:4"), std::string::npos);
    EXPECT_FALSE(loadRecording(dir.path() / "missing.emurec").isOk());
}

}  // namespace
}  // namespace emu::panels
