// `emulsion panels list` and `emulsion panels replay`, run as a user would.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "Shell.h"
#include "TempDir.h"
#include "TrackballSession.h"
#include "emulsion/graph/Commands.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::panels {
namespace {

using emu::test::quotePath;
using emu::test::runCommand;
using emu::test::shellQuote;

std::string emulsion() {
    return shellQuote(EMULSION_BINARY);
}

TEST(PanelsCommand, ListWorksWithoutDevices) {
    const auto r = runCommand(emulsion() + " panels list");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(r.output.find("No control surface found.") != std::string::npos ||
                r.output.find("Control surfaces:") != std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("Tangent Hub"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("MIDI"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("Built-in mappings: resolve-micro"), std::string::npos);
}

// The values the command prints for one parameter: "node N (lgg 'x') gain = a b c d".
std::vector<double> printed(const std::string& out, const std::string& param) {
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
        const auto at = line.find(") " + param + " = ");
        if (line.rfind("node ", 0) != 0 || at == std::string::npos) continue;
        std::istringstream values(line.substr(at + param.size() + 5));
        std::vector<double> v;
        for (double x; values >> x;) v.push_back(x);
        return v;
    }
    return {};
}

TEST(PanelsCommand, ReplayPrintsTheParametersTheSessionMoved) {
    emu::test::TempDir dir;
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    graph::GradeEditor editor(registry);
    graph::NodeId lgg = 0;
    ASSERT_TRUE(editor.apply(graph::AddNode{"lgg", "primaries"}, &lgg).isOk());
    ASSERT_TRUE(editor.apply(graph::Connect{{1, "image", lgg, "image"}}).isOk());
    ASSERT_TRUE(editor.apply(graph::Connect{{lgg, "image", 2, "image"}}).isOk());
    ASSERT_TRUE(graph::saveGrade(dir.path() / "grade.json", editor.grade()).isOk());
    const test::TrackballSession session = test::makeTrackballSession(1.0, 99);
    ASSERT_TRUE(saveRecording(dir.path() / "s.emurec", session.recording).isOk());
    std::ofstream(dir.path() / "ball.map") << test::trackballMapping();

    const auto r = runCommand(emulsion() + " panels replay " + quotePath(dir.path() / "s.emurec") +
                              " --grade " + quotePath(dir.path() / "grade.json") + " --map " +
                              quotePath(dir.path() / "ball.map") + " -o " +
                              quotePath(dir.path() / "out.json"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("0 pending after the last report"), std::string::npos) << r.output;
    const char* params[3] = {"lift", "gamma", "gain"};
    const double defaults[3] = {0, 1, 1};
    for (int i = 0; i < 3; ++i) {
        const std::vector<double> v = printed(r.output, params[i]);
        ASSERT_EQ(v.size(), 4u) << params[i] << "\n" << r.output;
        // %.9g prints a float exactly enough to read back the same float.
        EXPECT_EQ(static_cast<float>(v[0]),
                  static_cast<float>(defaults[i] + test::kBallGain * session.sumX[i]));
        EXPECT_EQ(static_cast<float>(v[3]),
                  static_cast<float>(defaults[i] + test::kRingGain * session.sumRing[i]));
    }
    // The grade written has the same values.
    auto out = graph::loadGrade(dir.path() / "out.json");
    ASSERT_TRUE(out.isOk()) << out.status().message();
    const auto gain =
        out->paramValue(*out->node(lgg), *registry.find("lgg")->desc.findParam("gain"));
    EXPECT_EQ(gain[0], static_cast<float>(printed(r.output, "gain")[0]));
}

TEST(PanelsCommand, RecordingAnAbsentDeviceIsAClearError) {
    emu::test::TempDir dir;
    const auto r = runCommand(emulsion() + " panels record speed-editor -o " +
                              quotePath(dir.path() / "s.emurec") + " --seconds 1");
    // CI has no Speed Editor; a machine that has one records it for a second.
    if (r.exitCode != 0) {
        EXPECT_NE(r.output.find("no control surface 'speed-editor'"), std::string::npos)
            << r.output;
        EXPECT_FALSE(std::filesystem::exists(dir.path() / "s.emurec"));
    } else {
        EXPECT_TRUE(loadRecording(dir.path() / "s.emurec").isOk()) << r.output;
    }
}

TEST(PanelsCommand, ReplayErrorsNameTheFile) {
    emu::test::TempDir dir;
    std::ofstream(dir.path() / "bad.emurec") << "emulsion-panel-recording 1\ndriver nope\n0 00\n";
    ASSERT_TRUE(graph::saveGrade(dir.path() / "g.json", graph::Grade::identity()).isOk());
    auto r = runCommand(emulsion() + " panels replay " + quotePath(dir.path() / "missing.emurec") +
                        " --grade " + quotePath(dir.path() / "g.json"));
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.output.find("missing.emurec"), std::string::npos) << r.output;
    r = runCommand(emulsion() + " panels replay " + quotePath(dir.path() / "bad.emurec") +
                   " --grade " + quotePath(dir.path() / "g.json"));
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.output.find("unknown panel driver 'nope'"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace emu::panels
