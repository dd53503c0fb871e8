// What a session knows of each shot when it opens a project, before any window exists.
#include <gtest/gtest.h>

#include <algorithm>

#include "StationRunner.h"
#include "TempDir.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "station/Session.h"

namespace emu::test {
namespace {

// The station shows each shot in the colour space a render reads it in
// (render::TimelineRenderer::inputSpaceOf): the clip's colour_space, then camera raw as
// ACES2065-1 (what both demosaics develop into), then the header. Without the raw rule the
// demo's DNG shot was shown as if its developed linear pixels were the working space.
TEST(Session, ShotsCarryTheColourSpaceTheirMediaIsIn) {
    if (std::string why = stationSkipReason(); !why.empty()) GTEST_SKIP() << why;
    TempDir dir;
    ASSERT_FALSE(makeDemoProject(dir.path()).empty());
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    auto session = station::Session::open(dir / "demo" / "demo.emulsion", registry);
    ASSERT_TRUE(session.isOk()) << session.status().message();
    int raw = 0;
    for (const station::ShotEntry& shot : session->shots()) {
        std::string extension = std::filesystem::path(shot.mediaPath).extension().string();
        std::transform(extension.begin(), extension.end(), extension.begin(), ::tolower);
        if (extension != ".dng") continue;
        ++raw;
        EXPECT_EQ(shot.mediaHint, "ACES2065-1") << shot.name;
    }
    EXPECT_EQ(raw, 1) << "the demo has one camera raw shot";
}

}  // namespace
}  // namespace emu::test
