#include "emulsion/color/CdlFile.h"

#include <gtest/gtest.h>

#include <fstream>

#include "TempDir.h"

namespace emu::color {
namespace {

void writeText(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

const char* kCc = R"(<?xml version="1.0" encoding="UTF-8"?>
<ColorCorrection id="shot_010">
    <Description>warm</Description>
    <SOPNode>
        <Slope>1.2 0.9 1.05</Slope>
        <Offset>0.02 -0.01 0</Offset>
        <Power>1.1 0.95 1.3</Power>
    </SOPNode>
    <SATNode>
        <Saturation>0.8</Saturation>
    </SATNode>
</ColorCorrection>
)";

TEST(CdlFile, ReadsAColorCorrection) {
    test::TempDir dir;
    writeText(dir / "look.cc", kCc);
    auto cdls = readCdlFile(dir / "look.cc");
    ASSERT_TRUE(cdls.isOk()) << cdls.status().message();
    ASSERT_EQ(cdls->size(), 1u);
    const Cdl& c = cdls->front();
    EXPECT_EQ(c.id, "shot_010");
    EXPECT_EQ(c.description, "warm");
    EXPECT_EQ(c.slope, (std::array<float, 3>{1.2f, 0.9f, 1.05f}));
    EXPECT_EQ(c.offset, (std::array<float, 3>{0.02f, -0.01f, 0.0f}));
    EXPECT_EQ(c.power, (std::array<float, 3>{1.1f, 0.95f, 1.3f}));
    EXPECT_EQ(c.saturation, 0.8f);
}

TEST(CdlFile, ReadsACollectionAndPicksById) {
    test::TempDir dir;
    writeText(dir / "looks.ccc", R"(<ColorCorrectionCollection xmlns="urn:ASC:CDL:v1.2">
  <ColorCorrection id="a"><SOPNode><Slope>2 2 2</Slope><Offset>0 0 0</Offset>
    <Power>1 1 1</Power></SOPNode></ColorCorrection>
  <ColorCorrection id="b"><SatNode><Saturation>0.5</Saturation></SatNode></ColorCorrection>
</ColorCorrectionCollection>)");
    auto cdls = readCdlFile(dir / "looks.ccc");
    ASSERT_TRUE(cdls.isOk()) << cdls.status().message();
    ASSERT_EQ(cdls->size(), 2u);
    EXPECT_EQ((*cdls)[0].slope[1], 2.0f);
    EXPECT_EQ((*cdls)[1].saturation, 0.5f);
    EXPECT_EQ((*cdls)[1].slope, (std::array<float, 3>{1, 1, 1}));  // no SOPNode: identity

    EXPECT_EQ(pickCdl(*cdls, "")->id, "a");
    EXPECT_EQ(pickCdl(*cdls, "b")->id, "b");
    auto missing = pickCdl(*cdls, "c");
    ASSERT_FALSE(missing.isOk());
    EXPECT_EQ(missing.status().code(), ErrorCode::NotFound);
    EXPECT_NE(missing.status().message().find("'a', 'b'"), std::string::npos)
        << missing.status().message();
}

TEST(CdlFile, ReadsADecisionList) {
    test::TempDir dir;
    writeText(dir / "edit.cdl", R"(<?xml version="1.0"?>
<ColorDecisionList xmlns="urn:ASC:CDL:v1.01">
  <ColorDecision>
    <ColorCorrection id="one"><SOPNode><Slope>1 1 1</Slope><Offset>0.1 0.1 0.1</Offset>
      <Power>1 1 1</Power></SOPNode></ColorCorrection>
  </ColorDecision>
  <ColorDecision>
    <ColorCorrection id="two"><SOPNode><Slope>1 1 1</Slope><Offset>0 0 0</Offset>
      <Power>2 2 2</Power></SOPNode></ColorCorrection>
  </ColorDecision>
</ColorDecisionList>)");
    auto cdls = readCdlFile(dir / "edit.cdl");
    ASSERT_TRUE(cdls.isOk()) << cdls.status().message();
    ASSERT_EQ(cdls->size(), 2u);
    EXPECT_EQ((*cdls)[0].offset[0], 0.1f);
    EXPECT_EQ((*cdls)[1].id, "two");
    EXPECT_EQ((*cdls)[1].power[2], 2.0f);
}

TEST(CdlFile, WriteThenReadGivesTheSameNumbers) {
    test::TempDir dir;
    Cdl a{
        "a & <b>",    {1.2345679f, 0.1f, 3.0f}, {-0.0123f, 0.0f, 1e-7f}, {0.3f, 1.0f, 2.5f}, 1.25f,
        "says \"hi\""};
    Cdl b{"b", {1, 1, 1}, {0, 0, 0}, {1, 1, 1}, 0.0f, ""};
    ASSERT_TRUE(writeCc(dir / "a.cc", a).isOk());
    auto one = readCdlFile(dir / "a.cc");
    ASSERT_TRUE(one.isOk()) << one.status().message();
    ASSERT_EQ(one->size(), 1u);
    EXPECT_EQ(one->front(), a);

    ASSERT_TRUE(writeCcc(dir / "ab.ccc", {a, b}).isOk());
    auto two = readCdlFile(dir / "ab.ccc");
    ASSERT_TRUE(two.isOk()) << two.status().message();
    EXPECT_EQ(*two, (std::vector<Cdl>{a, b}));
}

void expectRefused(const std::string& text, const std::string& want) {
    test::TempDir dir;
    writeText(dir / "bad.cc", text);
    auto r = readCdlFile(dir / "bad.cc");
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.status().message().find(want), std::string::npos) << r.status().message();
}

TEST(CdlFile, RefusesDoctypeAndExternalEntities) {
    test::TempDir dir;
    writeText(dir / "secret.txt", "1 1 1");
    expectRefused(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE ColorCorrection [\n"
        "  <!ENTITY s SYSTEM \"file://" +
            (dir / "secret.txt").string() +
            "\">\n]>\n<ColorCorrection><SOPNode><Slope>&s;</Slope>"
            "<Offset>0 0 0</Offset><Power>1 1 1</Power></SOPNode></ColorCorrection>",
        "bad.cc:2: DOCTYPE");
    expectRefused(
        "<!DOCTYPE lol [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>\n"
        "<ColorCorrection>&b;</ColorCorrection>",
        "bad.cc:1: DOCTYPE");
    expectRefused(
        "<!DOCTYPE ColorCorrection SYSTEM \"http://example.invalid/cdl.dtd\">\n"
        "<ColorCorrection/>",
        "DOCTYPE");
    // An entity used without a DTD is an XML error, never a lookup.
    expectRefused("<ColorCorrection>\n<SOPNode><Slope>&s;</Slope></SOPNode></ColorCorrection>",
                  "bad.cc:2: ");
}

TEST(CdlFile, MalformedFilesGiveFileAndLine) {
    const std::string head = "<ColorCorrection id=\"x\">\n<SOPNode>\n";
    expectRefused(head +
                      "<Slope>1 1 1</Slope>\n<Power>1 1 1</Power>\n</SOPNode>\n"
                      "</ColorCorrection>",
                  "bad.cc:2: <SOPNode> has no <Offset>");
    expectRefused(head +
                      "<Slope>1 1</Slope>\n<Offset>0 0 0</Offset>\n<Power>1 1 1</Power>\n"
                      "</SOPNode></ColorCorrection>",
                  "bad.cc:3: <Slope> needs 3 numbers, has 2");
    expectRefused(head +
                      "<Slope>1 1 1</Slope>\n<Offset>0 zero 0</Offset>\n"
                      "<Power>1 1 1</Power></SOPNode></ColorCorrection>",
                  "bad.cc:4: <Offset> has 'zero'");
    expectRefused(head +
                      "<Slope>1 -1 1</Slope>\n<Offset>0 0 0</Offset>\n"
                      "<Power>1 1 1</Power></SOPNode></ColorCorrection>",
                  "bad.cc:3: <Slope> must not be negative");
    expectRefused(head +
                      "<Slope>1 1 1</Slope>\n<Offset>0 0 0</Offset>\n"
                      "<Power>1 1 -2</Power></SOPNode></ColorCorrection>",
                  "bad.cc:5: <Power> must be positive");
    expectRefused(
        "<ColorCorrection>\n<SATNode>\n<Saturation>1 2</Saturation>\n</SATNode>\n"
        "</ColorCorrection>",
        "bad.cc:3: <Saturation> needs 1 number");
    expectRefused(head + "<Slope>1 1 1</Slope>\n</ColorCorrection>", "bad.cc:4: ");
    expectRefused("<Something/>", "bad.cc:1: <Something> is not");
}

TEST(CdlFile, MissingFileIsNotFound) {
    auto r = readCdlFile("/nonexistent/look.cc");
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), ErrorCode::NotFound);
}

}  // namespace
}  // namespace emu::color
