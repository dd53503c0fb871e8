// The node graph editor's label and connect edits, scripted as the pane's double-click and
// drag-and-drop do them: each is one engine edit saved to the project, one entry of its
// command log, undoable after reopening; a connection that would make a cycle is refused and
// said why. The node graph pane shows the label.
#include <gtest/gtest.h>

#include <algorithm>

#include "StationRunner.h"
#include "TempDir.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/timeline/Project.h"

namespace emu::test {
namespace {

// Shot 2's active grade as saved (the demo's: a parallel mixer, node 13, fed on a and b).
graph::Grade shot2Grade(const std::filesystem::path& project) {
    auto opened = timeline::Project::open(project);
    EXPECT_TRUE(opened.isOk()) << opened.status().message();
    if (!opened.isOk()) return {};
    auto shots = opened->shots();
    if (!shots.isOk()) return {};
    for (const timeline::Shot& s : *shots) {
        if (s.name != "B001C002" || !s.activeVersion) continue;
        auto version = opened->grade(s.id, *s.activeVersion);
        if (!version.isOk()) return {};
        auto grade = graph::gradeFromJson(version->gradeJson, "shot 2");
        EXPECT_TRUE(grade.isOk()) << grade.status().message();
        return grade.isOk() ? *grade : graph::Grade();
    }
    ADD_FAILURE() << "no graded shot B001C002";
    return {};
}

std::int64_t logLength(const std::filesystem::path& project) {
    auto opened = timeline::Project::open(project);
    if (!opened.isOk()) return -1;
    auto log = opened->commandLog();
    return log.isOk() ? std::int64_t(log->size()) : -1;
}

TEST(StationNodeEdit, LabelAndConnectAreSavedAsOneEditEachAndUndo) {
    if (std::string why = stationSkipReason(); !why.empty()) GTEST_SKIP() << why;
    TempDir dir;
    const std::filesystem::path project = makeDemoProject(dir.path());
    ASSERT_FALSE(project.empty());
    ASSERT_EQ(shot2Grade(project).inputOf(13, "c"), nullptr);
    const std::int64_t before = logLength(project);
    // Node 6 (contrast) onto the mixer: its first free input, c.
    writeText(dir / "edit.txt",
              "select-shot 2\n"
              "label-node 3 Skin tone\n"
              "connect 6 13\n");
    CommandResult edit =
        runStation(quotePath(project) + " --script " + quotePath(dir / "edit.txt") +
                   " --screenshot " + quotePath(dir / "shot.png"));
    ASSERT_EQ(edit.exitCode, 0) << edit.output;
    EXPECT_NE(edit.output.find("validation errors: 0 "), std::string::npos) << edit.output;

    const graph::Grade edited = shot2Grade(project);
    ASSERT_NE(edited.node(3), nullptr);
    EXPECT_EQ(edited.node(3)->label, "Skin tone");
    const graph::Connection* c = edited.inputOf(13, "c");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->fromNode, 6);
    EXPECT_EQ(c->fromPort, "image");
    EXPECT_EQ(logLength(project), before + 2) << "one command-log entry per edit";

    // A second session: connecting the curves' successor back into the contrast would close a
    // loop: refused, named, nothing saved.
    writeText(dir / "cycle.txt", "select-shot 2\nconnect 8 6\n");
    CommandResult cycle =
        runStation(quotePath(project) + " --script " + quotePath(dir / "cycle.txt"));
    EXPECT_EQ(cycle.exitCode, 1);
    EXPECT_NE(cycle.output.find("cycle.txt:2: connect: "), std::string::npos) << cycle.output;
    EXPECT_NE(cycle.output.find("cycle"), std::string::npos) << cycle.output;
    EXPECT_EQ(logLength(project), before + 2);
    EXPECT_EQ(shot2Grade(project), edited);

    // A third: one undo takes the connection back and keeps the label.
    writeText(dir / "undo.txt", "select-shot 2\nundo\n");
    CommandResult undo =
        runStation(quotePath(project) + " --script " + quotePath(dir / "undo.txt"));
    ASSERT_EQ(undo.exitCode, 0) << undo.output;
    const graph::Grade undone = shot2Grade(project);
    EXPECT_EQ(undone.inputOf(13, "c"), nullptr);
    ASSERT_NE(undone.node(3), nullptr);
    EXPECT_EQ(undone.node(3)->label, "Skin tone");

    // The node graph pane (below the timeline strip, left of the side panes) shows the label,
    // read back by OCR from the first session's screenshot, enlarged 3x.
    if (std::string(TESSERACT_BINARY).find("NOTFOUND") != std::string::npos ||
        std::string(TESSERACT_BINARY).empty() ||
        std::string(OIIOTOOL_BINARY).find("NOTFOUND") != std::string::npos) {
        GTEST_SKIP() << "tesseract or oiiotool not found: the pane's text is not checked";
    }
    CommandResult crop =
        runCommand(shellQuote(OIIOTOOL_BINARY) + " " + quotePath(dir / "shot.png") +
                   " --cut 1024x170+0+730 --resize 3072x510 -o " + quotePath(dir / "nodes.png"));
    ASSERT_EQ(crop.exitCode, 0) << crop.output;
    CommandResult ocr = runCommand(shellQuote(TESSERACT_BINARY) + " " +
                                   quotePath(dir / "nodes.png") + " - 2>/dev/null");
    ASSERT_EQ(ocr.exitCode, 0) << ocr.output;
    // OCR drops some spaces: the node's box reads "3 Skin tone", compared without them.
    std::string text = ocr.output;
    text.erase(std::remove_if(text.begin(), text.end(), [](char ch) { return ch == ' '; }),
               text.end());
    EXPECT_NE(text.find("3Skintone"), std::string::npos) << ocr.output;
}

}  // namespace
}  // namespace emu::test
