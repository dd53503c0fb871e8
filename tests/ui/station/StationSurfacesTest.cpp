// A control surface in the station: a recorded trackball session replayed at its pace moves the
// selected Lift/Gamma/Gain node by the sum of its deltas times the map's gains, as one undo
// step, and the surfaces page shows the device and its page.
#include <gtest/gtest.h>

#include <fstream>

#include "../../panels/TrackballSession.h"
#include "StationRunner.h"
#include "TempDir.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/timeline/Project.h"

namespace emu::test {
namespace {

constexpr double kHalfSqrt3 = 0.8660254037844386;  // sin 60 degrees: the wheel's axes

// The lgg node feeding the output of a stored grade.
const graph::GradeNode* lastLgg(const graph::Grade& grade) {
    for (const graph::GradeNode& n : grade.nodes()) {
        if (n.type != "output") continue;
        const graph::Connection* c = grade.inputOf(n.id, "image");
        const graph::GradeNode* last = c ? grade.node(c->fromNode) : nullptr;
        return last && last->type == "lgg" ? last : nullptr;
    }
    return nullptr;
}

// A wheel after a session: its default plus the sums times the gains, the ball's x and y
// turned into r, g, b by the colour-wheel axes of docs/PANELS.md (r along x; g and b 120
// degrees either side). Red and the master are sums of powers of two, exact in float.
void expectWheel(const std::vector<float>& v, double byDefault, std::int64_t sx, std::int64_t sy,
                 std::int64_t ring) {
    ASSERT_EQ(v.size(), 4u);
    const double g = panels::test::kBallGain;
    EXPECT_EQ(v[0], float(byDefault + g * double(sx)));
    EXPECT_EQ(v[3], float(byDefault + panels::test::kRingGain * double(ring)));
    EXPECT_NEAR(v[1], byDefault + g * (-0.5 * double(sx) + kHalfSqrt3 * double(sy)), 1e-5);
    EXPECT_NEAR(v[2], byDefault + g * (-0.5 * double(sx) - kHalfSqrt3 * double(sy)), 1e-5);
}

TEST(StationSurfaces, ReplayedTrackballsMoveTheSelectedNodeAsOneUndoStep) {
    if (std::string why = stationSkipReason(); !why.empty()) GTEST_SKIP() << why;
    TempDir dir;
    const std::filesystem::path project = makeDemoProject(dir.path());
    ASSERT_FALSE(project.empty());
    const panels::test::TrackballSession session = panels::test::makeTrackballSession(1.0, 7);
    ASSERT_TRUE(panels::saveRecording(dir / "balls.emurec", session.recording).isOk());
    writeText(dir / "balls.map", panels::test::trackballMapping());
    writeText(dir / "balls.txt",
              "select-shot 1\n"
              "add-node serial lgg\n"
              "panel-replay balls.emurec balls.map\n"
              "open-pane surfaces\n");
    CommandResult run =
        runStation(quotePath(project) + " --script " + quotePath(dir / "balls.txt") + " --log " +
                   quotePath(dir / "station.log") + " --screenshot " + quotePath(dir / "shot.png"));
    ASSERT_EQ(run.exitCode, 0) << run.output;

    auto opened = timeline::Project::open(project);
    ASSERT_TRUE(opened.isOk());
    auto shots = opened->shots();
    ASSERT_TRUE(shots.isOk());
    ASSERT_FALSE(shots->empty());
    auto version = opened->grade(shots->front().id, *shots->front().activeVersion);
    ASSERT_TRUE(version.isOk());
    auto grade = graph::gradeFromJson(version->gradeJson, "shot 1");
    ASSERT_TRUE(grade.isOk()) << grade.status().message();
    const graph::GradeNode* lgg = lastLgg(*grade);
    ASSERT_TRUE(lgg) << version->gradeJson;
    expectWheel(lgg->params.at("lift"), 0.0, session.sumX[0], session.sumY[0], session.sumRing[0]);
    expectWheel(lgg->params.at("gamma"), 1.0, session.sumX[1], session.sumY[1], session.sumRing[1]);
    expectWheel(lgg->params.at("gain"), 1.0, session.sumX[2], session.sumY[2], session.sumRing[2]);

    // The demo's 4 grades, the added node, then the whole replay as one step.
    auto log = opened->commandLog();
    ASSERT_TRUE(log.isOk());
    EXPECT_EQ(log->size(), 6u);

    std::ifstream in(dir / "station.log");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("surface replay balls.emurec (" +
                        std::to_string(session.recording.reports.size()) + " reports), map"),
              std::string::npos)
        << text;
}

}  // namespace
}  // namespace emu::test
