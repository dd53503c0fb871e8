// Scripts and projects a station refuses before it opens a window: each error names the file
// (and the script line) and what is wrong.
#include <gtest/gtest.h>

#include "StationRunner.h"
#include "TempDir.h"
#include "station/Script.h"

namespace emu::test {
namespace {

TEST(StationScript, ReadsActionsSkippingCommentsAndKeepsNamesWithSpaces) {
    TempDir dir;
    writeText(dir / "a.txt",
              "# a session\n"
              "select-shot 2\n"
              "\n"
              "input-space ARRI LogC EI800 AWG  # the camera's log\n"
              "set-param 15 gain 1.2 1.1 1 1\n");
    auto actions = station::loadScript(dir / "a.txt");
    ASSERT_TRUE(actions.isOk()) << actions.status().message();
    ASSERT_EQ(actions->size(), 3u);
    EXPECT_EQ((*actions)[0].verb, "select-shot");
    EXPECT_EQ((*actions)[0].line, 2);
    EXPECT_EQ((*actions)[1].rest, "ARRI LogC EI800 AWG");
    EXPECT_EQ((*actions)[2].args, (std::vector<std::string>{"15", "gain", "1.2", "1.1", "1", "1"}));
}

TEST(StationScript, NamesTheLineOfAnUnknownActionOrAMissingArgument) {
    TempDir dir;
    writeText(dir / "bad.txt", "select-shot 1\n\nfrobnicate 3\n");
    auto bad = station::loadScript(dir / "bad.txt");
    ASSERT_FALSE(bad.isOk());
    EXPECT_NE(bad.status().message().find("bad.txt:3: unknown action 'frobnicate'"),
              std::string::npos)
        << bad.status().message();
    writeText(dir / "short.txt", "add-node serial\n");
    auto missing = station::loadScript(dir / "short.txt");
    ASSERT_FALSE(missing.isOk());
    EXPECT_NE(missing.status().message().find("short.txt:1: add-node needs 2 arguments"),
              std::string::npos)
        << missing.status().message();
}

TEST(StationCommand, RefusesAMissingProjectAndABadScriptBeforeOpeningAWindow) {
    TempDir dir;
    CommandResult none = runEmulsion("station " + quotePath(dir / "nowhere.emulsion"));
    EXPECT_EQ(none.exitCode, 1);
    EXPECT_NE(none.output.find("nowhere.emulsion: no such project"), std::string::npos)
        << none.output;
    writeText(dir / "not-a-project.emulsion", "plain text, not SQLite\n");
    CommandResult text = runEmulsion("station " + quotePath(dir / "not-a-project.emulsion"));
    EXPECT_EQ(text.exitCode, 1);
    EXPECT_NE(text.output.find("not-a-project.emulsion"), std::string::npos) << text.output;
    ASSERT_FALSE(makeDemoProject(dir.path()).empty());
    writeText(dir / "unknown.txt", "select-shot 2\npaint-it-black\n");
    CommandResult unknown = runEmulsion("station " + quotePath(dir / "demo" / "demo.emulsion") +
                                        " --script " + quotePath(dir / "unknown.txt"));
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_NE(unknown.output.find("unknown.txt:2: unknown action 'paint-it-black'"),
              std::string::npos)
        << unknown.output;
}

TEST(StationCommand, StopsAtTheScriptLineThatFailsAndSaysWhy) {
    if (std::string why = stationSkipReason(); !why.empty()) GTEST_SKIP() << why;
    TempDir dir;
    ASSERT_FALSE(makeDemoProject(dir.path()).empty());
    writeText(dir / "bad.txt", "select-shot 2\nset-param gain one\nselect-shot 9\n");
    CommandResult run = runStation(quotePath(dir / "demo" / "demo.emulsion") + " --script " +
                                   quotePath(dir / "bad.txt"));
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_NE(run.output.find("bad.txt:2: set-param: 'one' is not a number"), std::string::npos)
        << run.output;
}

}  // namespace
}  // namespace emu::test
