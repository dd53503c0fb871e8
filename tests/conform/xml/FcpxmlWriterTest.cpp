#include <gtest/gtest.h>

#include "emulsion/conform/FcpXml.h"

namespace emu::conform {
namespace {

using timeline::Clip;
using timeline::FrameRange;
using timeline::Rate;

Clip clip(const std::string& name, const std::string& reel, const std::string& path,
          FrameRange record, FrameRange source, const Rate& rate) {
    Clip c;
    c.name = name;
    c.reel = reel;
    c.record = record;
    c.source = source;
    c.sourceRate = rate;
    timeline::MediaReference m;
    m.kind = timeline::MediaReference::Kind::External;
    m.name = "camera original";
    m.path = path;
    c.media = {m};
    return c;
}

timeline::Timeline cut() {
    const Rate r{24000, 1001};
    timeline::Timeline t;
    t.title = "Reel 1 <v2> & co";
    t.rate = r;
    t.startFrame = 86400;
    timeline::Track v1;
    v1.name = "V1";
    v1.items = {clip("shot \"1\"", "A001", "/Volumes/Show Media/A001C003.mov", {86400, 24},
                     {864024, 24}, r),
                timeline::Gap{{86424, 12}},
                clip("shot 2", "B002", "/Volumes/B/B002#1.mov", {86436, 10}, {1200, 10}, r)};
    t.tracks = {v1};
    return t;
}

// What the writer carries comes back from the reader: ranges, names, reels, paths, rate.
TEST(FcpxmlWriter, ReaderReadsTheSameCutBack) {
    const timeline::Timeline t = cut();
    auto text = writeFcpxml(t);
    ASSERT_TRUE(text.isOk()) << text.status().message();
    auto back = readFcpxml(*text, "written.fcpxml");
    ASSERT_TRUE(back.isOk()) << back.status().message() << "\n" << *text;
    EXPECT_TRUE(back->warnings.empty());
    const timeline::Timeline& b = back->timeline;
    EXPECT_EQ(b.title, t.title);
    EXPECT_EQ(b.rate, t.rate);
    EXPECT_EQ(b.startFrame, t.startFrame);
    ASSERT_EQ(b.tracks.size(), 1u);
    ASSERT_EQ(b.tracks[0].items.size(), 3u);
    for (std::size_t i : {std::size_t(0), std::size_t(2)}) {
        const Clip& want = std::get<Clip>(t.tracks[0].items[i]);
        const Clip& got = std::get<Clip>(b.tracks[0].items[i]);
        EXPECT_EQ(got.name, want.name);
        EXPECT_EQ(got.reel, want.reel);
        EXPECT_EQ(got.record, want.record);
        EXPECT_EQ(got.source, want.source);
        EXPECT_EQ(got.sourceRate, want.sourceRate);
        ASSERT_FALSE(got.media.empty());
        EXPECT_EQ(got.media[std::size_t(got.activeMedia)].path, want.media[0].path);
    }
    EXPECT_EQ(std::get<timeline::Gap>(b.tracks[0].items[1]).record, (FrameRange{86424, 12}));
}

TEST(FcpxmlWriter, RefusesWhatItDoesNotWrite) {
    timeline::Timeline t = cut();
    t.tracks[0].items.insert(t.tracks[0].items.begin() + 1, timeline::Transition{});
    auto withTransition = writeFcpxml(t);
    EXPECT_EQ(withTransition.status().code(), ErrorCode::InvalidArgument);
    EXPECT_NE(withTransition.status().message().find("transitions"), std::string::npos);
    t = cut();
    std::get<Clip>(t.tracks[0].items[0]).speed.speed = 0.5;
    EXPECT_FALSE(writeFcpxml(t).isOk());
    t = cut();
    t.tracks.push_back(t.tracks[0]);
    EXPECT_FALSE(writeFcpxml(t).isOk());
}

}  // namespace
}  // namespace emu::conform
