#include "emulsion/render/Preset.h"

#include <gtest/gtest.h>

#include <fstream>

#include "TempDir.h"
#include "emulsion/render/FrameOverlay.h"

namespace emu::render {
namespace {

const std::vector<std::filesystem::path> kShipped = {EMULSION_SOURCE_PRESETS};

TEST(Preset, TheDeliverablesOfAFinishingTeamShipAsPresets) {
    std::vector<std::string> problems;
    const std::vector<Preset> presets = listPresets(kShipped, &problems);
    EXPECT_TRUE(problems.empty()) << problems.front();
    std::set<std::string> names;
    for (const Preset& p : presets) names.insert(p.name);
    for (const char* wanted :
         {"aces-archival-master", "dpx-log-master", "prores-4444xq-master", "prores-4444-master",
          "prores-422hq", "review-h264", "sound-turnover"}) {
        EXPECT_TRUE(names.count(wanted)) << wanted;
    }
    auto aces = findPreset("aces-archival-master", kShipped);
    ASSERT_TRUE(aces.isOk());
    EXPECT_TRUE(aces->aces);
    EXPECT_EQ(aces->container, "exr");
    EXPECT_EQ(aces->codec, "none");
    EXPECT_EQ(aces->colourSpace, "ACES2065-1");
    auto review = findPreset("review-h264", kShipped);
    ASSERT_TRUE(review.isOk());
    EXPECT_TRUE(review->audio);
    EXPECT_EQ(review->widthPx, 1920);
    ASSERT_EQ(review->burnins.size(), 4u);
    EXPECT_EQ(review->burnins[0], (BurninField{"record_tc", "", "top-left"}));
    EXPECT_EQ(review->burnins[3].text, "FOR REVIEW ONLY");
}

TEST(Preset, ReviewPresetsNameWhatThisBuildLacks) {
    auto review = findPreset("review-h264", kShipped);
    ASSERT_TRUE(review.isOk());
    const Status s = checkPreset(*review, RenderCapabilities{});
    ASSERT_EQ(s.code(), ErrorCode::Unsupported);
    EXPECT_NE(s.message().find("H.264 encoder"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("burn-in text renderer"), std::string::npos);
    EXPECT_NE(s.message().find("audio muxing"), std::string::npos);
    RenderCapabilities full;
    full.reviewCodecs = true;
    full.audioMux = true;
    full.burnins = [](const std::vector<BurninField>&) -> Result<std::unique_ptr<FrameOverlay>> {
        return makeError(ErrorCode::Internal, "not called");
    };
    EXPECT_TRUE(checkPreset(*review, full).isOk());
    EXPECT_TRUE(checkPreset(*findPreset("aces-archival-master", kShipped), {}).isOk());
    EXPECT_FALSE(checkPreset(*findPreset("prores-4444-master", kShipped), {}).isOk())
        << "the master carries the mix";
}

TEST(Preset, MalformedPresetsAreRefusedNamingTheFile) {
    test::TempDir dir;
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return loadPreset(dir / name);
    };
    auto broken = write("broken.json", "{\n  \"container\": \"exr\",\n  \"codec\": \n}");
    ASSERT_FALSE(broken.isOk());
    EXPECT_NE(broken.status().message().find("broken.json"), std::string::npos);
    EXPECT_NE(broken.status().message().find("line 4"), std::string::npos)
        << broken.status().message();
    auto mismatch = write("m.json", R"({"container": "dpx", "codec": "piz"})");
    ASSERT_FALSE(mismatch.isOk());
    EXPECT_NE(mismatch.status().message().find("does not go in container"), std::string::npos);
    auto unknown = write("u.json", R"({"container": "exr", "codec": "zip", "colour": {"x": "y"}})");
    ASSERT_FALSE(unknown.isOk());
    EXPECT_NE(unknown.status().message().find("unknown colour key"), std::string::npos);
    auto size = write("s.json", R"({"container": "exr", "codec": "zip", "resolution": "big"})");
    ASSERT_FALSE(size.isOk());
    auto position = write("p.json", R"({"container": "mov", "codec": "prores_hq",
        "burnins": [{"field": "record_tc", "position": "middle"}]})");
    ASSERT_FALSE(position.isOk());
    EXPECT_NE(position.status().message().find("position"), std::string::npos);
    auto missing = findPreset("no-such-preset", {dir.path()});
    ASSERT_EQ(missing.status().code(), ErrorCode::NotFound);
    EXPECT_NE(missing.status().message().find(dir.path().string()), std::string::npos);
}

TEST(Preset, AUserCopyOverridesTheShippedOne) {
    test::TempDir dir;
    std::ofstream(dir / "prores-422hq.json")
        << R"({"container": "mov", "codec": "prores_hq", "resolution": "1280x720"})";
    auto p = findPreset("prores-422hq", {dir.path(), EMULSION_SOURCE_PRESETS});
    ASSERT_TRUE(p.isOk());
    EXPECT_EQ(p->widthPx, 1280);
    EXPECT_EQ(p->heightPx, 720);
}

}  // namespace
}  // namespace emu::render
