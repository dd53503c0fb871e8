// `emulsion panels list` and `emulsion panels replay`, run as a user would.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

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

// The values the command last printed for one parameter: "node N (lgg 'x') gain = a b c d".
std::vector<double> printed(const std::string& out, const std::string& param) {
    std::istringstream in(out);
    std::vector<double> last;
    for (std::string line; std::getline(in, line);) {
        const auto at = line.find(") " + param + " = ");
        if (line.rfind("node ", 0) != 0 || at == std::string::npos) continue;
        std::istringstream values(line.substr(at + param.size() + 5));
        last.clear();
        for (double x; values >> x;) last.push_back(x);
    }
    return last;
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

// A Tangent Hub on an ephemeral port for `panels watch`: it ignores the scan's probe
// connection, greets the real one, turns ring 3 five times by +2 and hangs up.
void scriptedHub(int listener) {
    for (int attempt = 0; attempt < 4; ++attempt) {
        const int fd = ::accept(listener, nullptr, nullptr);
        if (fd < 0) return;
        timeval tv{2, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        const std::uint8_t init[] = {0, 0, 0, 12, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0, 0};
        ::send(fd, init, sizeof init, MSG_NOSIGNAL);
        std::uint8_t head[4];
        if (::recv(fd, head, 4, MSG_WAITALL) != 4) {  // the probe: closed without answering
            ::close(fd);
            continue;
        }
        const std::size_t size = (head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3];
        std::vector<std::uint8_t> body(size);
        ::recv(fd, body.data(), size, MSG_WAITALL);
        // ParameterChange (2), parameter 0x303 (ring 3), increment 2.0f (0x40000000)
        const std::uint8_t change[] = {0, 0, 0, 12, 0, 0, 0, 2, 0, 0, 3, 3, 0x40, 0, 0, 0};
        for (int i = 0; i < 5; ++i) {
            ::send(fd, change, sizeof change, MSG_NOSIGNAL);
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        ::close(fd);
        return;
    }
}

TEST(PanelsCommand, WatchDrivesTheGradeFromATangentHub) {
    emu::test::TempDir dir;
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    graph::GradeEditor editor(registry);
    graph::NodeId lgg = 0;
    ASSERT_TRUE(editor.apply(graph::AddNode{"lgg", "primaries"}, &lgg).isOk());
    ASSERT_TRUE(editor.apply(graph::Connect{{1, "image", lgg, "image"}}).isOk());
    ASSERT_TRUE(editor.apply(graph::Connect{{lgg, "image", 2, "image"}}).isOk());
    ASSERT_TRUE(graph::saveGrade(dir.path() / "g.json", editor.grade()).isOk());
    std::ofstream(dir.path() / "ring.map")
        << "emulsion-panel-map 1\npage p\nring 3 lgg/gain master gain=0.25\n";
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    ASSERT_EQ(::listen(listener, 4), 0);
    socklen_t len = sizeof a;
    ::getsockname(listener, reinterpret_cast<sockaddr*>(&a), &len);
    std::thread hub(scriptedHub, listener);
    const auto r =
        runCommand(emulsion() + " panels watch --grade " + quotePath(dir.path() / "g.json") +
                   " --map " + quotePath(dir.path() / "ring.map") + " --tangent-port " +
                   std::to_string(ntohs(a.sin_port)) + " --seconds 2 -o " +
                   quotePath(dir.path() / "out.json"));
    ::shutdown(listener, SHUT_RDWR);
    hub.join();
    ::close(listener);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("Tangent Hub (Tangent panels): connected"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("disconnected"), std::string::npos) << r.output;  // hub hung up
    auto out = graph::loadGrade(dir.path() / "out.json");
    ASSERT_TRUE(out.isOk()) << out.status().message();
    const auto gain =
        out->paramValue(*out->node(lgg), *registry.find("lgg")->desc.findParam("gain"));
    EXPECT_EQ(gain[3], 1.0f + 5 * 2 * 0.25f) << r.output;  // five +2 turns at 0.25 each
    const std::vector<double> shown = printed(r.output, "gain");
    ASSERT_EQ(shown.size(), 4u) << r.output;
    EXPECT_EQ(shown[3], 3.5);
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
