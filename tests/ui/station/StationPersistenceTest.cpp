// Closing and reopening a project restores what a session made: the timeline, each shot's
// grades and versions, the gallery's stills, and the undo history (an undo after reopening
// takes back the last edit of the session before).
#include <gtest/gtest.h>

#include <OpenImageIO/imageio.h>

#include <algorithm>
#include <fstream>

#include "StationRunner.h"
#include "TempDir.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/timeline/Project.h"

namespace emu::test {
namespace {

// The gain of the Lift/Gamma/Gain node feeding the output of a stored grade.
std::vector<float> lastGain(const std::string& gradeJson) {
    auto grade = graph::gradeFromJson(gradeJson, "grade");
    if (!grade.isOk()) return {};
    for (const graph::GradeNode& n : grade->nodes()) {
        if (n.type != "output") continue;
        const graph::Connection* c = grade->inputOf(n.id, "image");
        const graph::GradeNode* last = c ? grade->node(c->fromNode) : nullptr;
        if (!last || last->type != "lgg" || !last->params.count("gain")) return {};
        return last->params.at("gain");
    }
    return {};
}

struct Shot2 {
    timeline::Shot shot;
    std::vector<timeline::GradeVersion> versions;
};

Shot2 shot2(timeline::Project& project) {
    Shot2 out;
    auto shots = project.shots();
    if (!shots.isOk()) return out;
    for (const timeline::Shot& s : *shots) {
        if (s.name == "B001C002") out.shot = s;
    }
    auto versions = project.gradeVersions(out.shot.id);
    if (versions.isOk()) out.versions = *versions;
    return out;
}

TEST(StationPersistence, ReopeningRestoresTimelineGradesStillsVersionsAndUndo) {
    if (std::string why = stationSkipReason(); !why.empty()) GTEST_SKIP() << why;
    TempDir dir;
    const std::filesystem::path project = makeDemoProject(dir.path());
    ASSERT_FALSE(project.empty());
    writeText(dir / "first.txt",
              "select-shot 2\n"
              "add-node serial lgg\n"
              "set-param gain 1.2 1.1 1.0 1.05\n"
              "grab-still\n"
              "add-version\n"
              "set-param gain 0.9 0.9 0.9 1.0\n");
    CommandResult first =
        runStation(quotePath(project) + " --script " + quotePath(dir / "first.txt"));
    ASSERT_EQ(first.exitCode, 0) << first.output;

    std::int64_t logLength = 0;
    {
        auto opened = timeline::Project::open(project);
        ASSERT_TRUE(opened.isOk()) << opened.status().message();
        auto names = opened->timelineNames();
        ASSERT_TRUE(names.isOk());
        EXPECT_EQ(*names, std::vector<std::string>{"EMULSION DEMO CUT"});
        auto shots = opened->shots();
        ASSERT_TRUE(shots.isOk());
        EXPECT_EQ(shots->size(), 4u);
        const Shot2 s = shot2(*opened);
        ASSERT_EQ(s.versions.size(), 2u);
        EXPECT_EQ(s.shot.activeVersion, 2);
        EXPECT_EQ(lastGain(s.versions[0].gradeJson), (std::vector<float>{1.2f, 1.1f, 1.0f, 1.05f}));
        EXPECT_EQ(lastGain(s.versions[1].gradeJson), (std::vector<float>{0.9f, 0.9f, 0.9f, 1.0f}));
        auto stills = opened->stills();
        ASSERT_TRUE(stills.isOk());
        ASSERT_EQ(stills->size(), 1u);
        EXPECT_EQ(lastGain(stills->front().gradeJson),
                  (std::vector<float>{1.2f, 1.1f, 1.0f, 1.05f}));
        EXPECT_EQ(stills->front().shot, s.shot.id);
        // The still's picture is a PNG of the viewer: the shot's 256x144 frame.
        {
            std::ofstream png(dir / "still.png", std::ios::binary);
            png.write(reinterpret_cast<const char*>(stills->front().image.data()),
                      std::streamsize(stills->front().image.size()));
        }
        auto in = OIIO::ImageInput::open((dir / "still.png").string());
        ASSERT_TRUE(in) << OIIO::geterror();
        EXPECT_EQ(in->format_name(), std::string("png"));
        EXPECT_EQ(in->spec().width, 256);
        EXPECT_EQ(in->spec().height, 144);
        auto log = opened->commandLog();
        ASSERT_TRUE(log.isOk());
        logLength = std::int64_t(log->size());
        // demo's 4 grades, then add-node, set gain, add-version, set gain: each one entry.
        EXPECT_EQ(logLength, 8);
    }

    // A second session: one undo takes back the last gain of version 2, a second the new
    // version, whose shot then shows version 1 again.
    writeText(dir / "second.txt", "select-shot 2\nundo\nundo\n");
    CommandResult second =
        runStation(quotePath(project) + " --script " + quotePath(dir / "second.txt"));
    ASSERT_EQ(second.exitCode, 0) << second.output;
    auto reopened = timeline::Project::open(project);
    ASSERT_TRUE(reopened.isOk());
    const Shot2 s = shot2(*reopened);
    ASSERT_GE(s.versions.size(), 1u);
    EXPECT_EQ(s.shot.activeVersion, 1);
    EXPECT_EQ(lastGain(s.versions[0].gradeJson), (std::vector<float>{1.2f, 1.1f, 1.0f, 1.05f}));
    auto pointer = reopened->undoPointer();
    ASSERT_TRUE(pointer.isOk());
    EXPECT_EQ(*pointer, logLength - 2);
    auto canRedo = reopened->canRedo();
    ASSERT_TRUE(canRedo.isOk());
    EXPECT_TRUE(*canRedo);
}

}  // namespace
}  // namespace emu::test
