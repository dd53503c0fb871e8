// The media/conform page: a project whose camera originals were moved shows its shots offline;
// relinking the timeline to the new folder (scanned and matched by reel and time code) stores
// the new paths in the project and brings the pictures back.
#include <gtest/gtest.h>

#include "StationRunner.h"
#include "TempDir.h"
#include "emulsion/timeline/Project.h"

namespace emu::test {
namespace {

TEST(StationConform, RelinksMovedOriginalsAndStoresTheNewPaths) {
    if (std::string why = stationSkipReason(); !why.empty()) GTEST_SKIP() << why;
    TempDir dir;
    ASSERT_FALSE(makeDemoProject(dir.path()).empty());
    std::filesystem::rename(dir / "demo" / "originals", dir / "moved");
    const std::filesystem::path project = dir / "demo" / "demo.emulsion";
    writeText(dir / "relink.txt", "relink " + (dir / "moved").string() + "\nselect-shot 2\n");
    CommandResult run =
        runStation(quotePath(project) + " --script " + quotePath(dir / "relink.txt") +
                   " --viewer-image " + quotePath(dir / "viewer.png"));
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_TRUE(std::filesystem::exists(dir / "viewer.png")) << "shot 2 is on screen again";

    auto opened = timeline::Project::open(project);
    ASSERT_TRUE(opened.isOk());
    auto cut = opened->loadTimeline("EMULSION DEMO CUT");
    ASSERT_TRUE(cut.isOk()) << cut.status().message();
    int relinked = 0;
    for (const timeline::Item& item : cut->tracks.at(0).items) {
        const auto* clip = std::get_if<timeline::Clip>(&item);
        if (!clip) continue;
        const timeline::MediaReference& ref = clip->media.at(std::size_t(clip->activeMedia));
        EXPECT_EQ(ref.path.string().rfind((dir / "moved").string(), 0), 0u) << ref.path;
        relinked += ref.path.string().rfind((dir / "moved").string(), 0) == 0;
    }
    EXPECT_EQ(relinked, 4);
}

}  // namespace
}  // namespace emu::test
