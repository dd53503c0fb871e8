#include "emulsion/conform/VfxVersions.h"

#include <gtest/gtest.h>

#include "RelinkTestMedia.h"
#include "TempDir.h"
#include "emulsion/conform/Relink.h"

namespace emu::conform {
namespace {

using test::makeClip;
using test::makeTimeline;
using test::writeOriginal;
using timeline::MediaReference;

TEST(VfxVersions, NamesReadShotTaskAndVersion) {
    auto v = parseVfxName("AB_0010_comp_v012");
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(v->shot, "AB_0010");
    EXPECT_EQ(v->task, "comp");
    EXPECT_EQ(v->version, 12);
    EXPECT_FALSE(parseVfxName("A001C003").has_value());
    EXPECT_FALSE(parseVfxName("SH010_v003").has_value());  // no task
    EXPECT_FALSE(parseVfxName("SH010_comp_vx03").has_value());
}

TEST(VfxVersions, ShotComesFromMetadataThenMarkerThenName) {
    timeline::Clip clip = makeClip("A001C001", "A001", "10:00:00:00", 5, 0);
    EXPECT_EQ(shotOf(clip), "A001C001");
    clip.markers.push_back({"shot:  SH030 ", 0, 0, "blue", ""});
    EXPECT_EQ(shotOf(clip), "SH030");
    clip.metadata["shot"] = "SH040";
    EXPECT_EQ(shotOf(clip), "SH040");
}

struct VfxFolders : ::testing::Test {
    emu::test::TempDir dir;
    void SetUp() override {
        writeOriginal(dir / "plates", {"A001C001", "A001", "10:00:00:00", 20});
        writeOriginal(dir / "plates", {"A001C002", "A001", "10:01:00:00", 20});
        writeOriginal(dir / "plates", {"A001C003", "A001", "10:02:00:00", 20});
        // Versions written out of order, as a vendor's deliveries arrive.
        writeOriginal(dir / "vfx/SH010", {"SH010_comp_v002", "", "10:00:00:00", 20});
        writeOriginal(dir / "vfx/SH010", {"SH010_comp_v001", "", "10:00:00:00", 20});
        writeOriginal(dir / "vfx/SH020", {"SH020_comp_v010", "", "10:01:00:00", 20});
        writeOriginal(dir / "vfx/SH020/old", {"SH020_comp_v009", "", "10:01:00:00", 20});
        writeOriginal(dir / "vfx/SH020", {"SH020_paint_v011", "", "10:01:00:00", 20});
    }
    timeline::Timeline cut() const {
        timeline::Clip a = makeClip("A001C001", "A001", "10:00:00:02", 5, 0);
        a.metadata["shot"] = "SH010";
        timeline::Clip b = makeClip("A001C002", "A001", "10:01:00:02", 5, 5);
        b.markers.push_back({"shot: SH020", 0, 0, "", ""});
        timeline::Clip c = makeClip("A001C003", "A001", "10:02:00:02", 5, 10);  // no VFX
        return makeTimeline({a, b, c});
    }
    MediaIndex index(const std::string& folder) const {
        auto i = MediaIndex::scan({dir / folder}, {}, media::builtinClipReaders());
        EXPECT_TRUE(i.isOk()) << i.status().message();
        return i.isOk() ? *i : MediaIndex{};
    }
};

TEST_F(VfxFolders, NewestVersionIsTheHighestNumber) {
    const VfxIndex vfx(index("vfx"));
    EXPECT_EQ(vfx.versions().size(), 5u);
    EXPECT_EQ(vfx.newest("SH010")->version, 2);
    EXPECT_EQ(vfx.newest("sh020", "comp")->version, 10);
    EXPECT_EQ(vfx.newest("SH020")->task, "paint");
    EXPECT_EQ(vfx.newest("SH020")->version, 11);
    EXPECT_FALSE(vfx.newest("SH030").has_value());
    EXPECT_FALSE(vfx.newest("SH010", "roto").has_value());
}

TEST_F(VfxFolders, RelinkMakesTheNewestRenderActiveAndKeepsThePlate) {
    const VfxIndex vfx(index("vfx"));
    timeline::Timeline t = cut();
    RelinkOptions options;
    options.vfx = &vfx;
    options.vfxTask = "comp";
    const RelinkReport report = relink(t, index("plates"), options);
    EXPECT_EQ(report.summary.matched, 3);
    EXPECT_EQ(report.summary.vfx, 2);

    ASSERT_TRUE(report.events[0].vfx.has_value());
    EXPECT_EQ(report.events[0].vfx->version, 2);
    EXPECT_EQ(report.events[0].vfx->clip.path, dir / "vfx/SH010/SH010_comp_v002_%07d.exr");
    ASSERT_TRUE(report.events[1].vfx.has_value());
    EXPECT_EQ(report.events[1].vfx->version, 10);
    EXPECT_FALSE(report.events[2].vfx.has_value());

    const auto& a = std::get<timeline::Clip>(t.tracks[0].items[0]);
    ASSERT_EQ(a.media.size(), 2u);
    EXPECT_EQ(a.media[0].name, "camera original");
    EXPECT_EQ(a.media[0].path, dir / "plates/A001C001_%07d.exr");
    EXPECT_EQ(a.activeMedia, 1);
    EXPECT_EQ(a.media[1].name, "vfx comp v002");
    EXPECT_EQ(a.media[1].kind, MediaReference::Kind::ImageSequence);
    const auto& b = std::get<timeline::Clip>(t.tracks[0].items[1]);
    EXPECT_EQ(b.media.at(std::size_t(b.activeMedia)).name, "vfx comp v010");
    const auto& c = std::get<timeline::Clip>(t.tracks[0].items[2]);
    EXPECT_EQ(c.media.size(), 1u);
    EXPECT_EQ(c.activeMedia, 0);

    // Relinking again updates the same references rather than piling up new ones.
    relink(t, index("plates"), options);
    EXPECT_EQ(std::get<timeline::Clip>(t.tracks[0].items[0]).media.size(), 2u);
}

}  // namespace
}  // namespace emu::conform
