#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "CliRunner.h"
#include "OcioTestConfig.h"
#include "TempDir.h"
#include "emulsion/color/CdlFile.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/media/ExrWriter.h"

namespace emu::test {
namespace {

// Float RGBA with values from -0.2 to 1.5 in every channel.
void writeInput(const std::filesystem::path& path) {
    media::Image image(80, 48, media::PixelType::Float);
    for (int y = 0; y < 48; ++y) {
        for (int x = 0; x < 80; ++x) {
            image.setSample(x, y, 0, -0.2f + 1.7f * float(x) / 79.0f);
            image.setSample(x, y, 1, -0.2f + 1.7f * float(y) / 47.0f);
            image.setSample(x, y, 2, -0.2f + 1.7f * float((x * 7 + y * 13) % 97) / 96.0f);
            image.setSample(x, y, 3, 1.0f);
        }
    }
    media::ExrFrame frame;
    frame.image = image;
    frame.dataWindow = frame.displayWindow = {0, 0, 79, 47};
    frame.compression = media::ExrCompression::None;
    ASSERT_TRUE(media::writeExr(path, frame).isOk());
}

TEST(CdlCommand, GradeWithCdlMatchesOiiotoolOciofiletransform) {
    TempDir dir;
    writeMinimalOcioConfig(dir / "min.ocio");
    writeInput(dir / "in.exr");
    std::ofstream(dir / "look.cc") << R"(<ColorCorrection id="look">
 <SOPNode>
  <Slope>1.2 0.9 1.05</Slope>
  <Offset>0.02 -0.01 0.03</Offset>
  <Power>1.1 0.95 1.3</Power>
 </SOPNode>
 <SATNode><Saturation>1.2</Saturation></SATNode>
</ColorCorrection>
)";
    CommandResult ours =
        runEmulsion("grade " + quotePath(dir / "in.exr") + " " + quotePath(dir / "ours.exr") +
                    " --cdl " + quotePath(dir / "look.cc") + " -q");
    if (ours.output.find("no Vulkan device") != std::string::npos) GTEST_SKIP() << ours.output;
    ASSERT_EQ(ours.exitCode, 0) << ours.output;
    CommandResult ocio =
        runCommand(std::string(OIIOTOOL_BINARY) + " --colorconfig " + quotePath(dir / "min.ocio") +
                   " " + quotePath(dir / "in.exr") + " --ociofiletransform " +
                   quotePath(dir / "look.cc") + " -o " + quotePath(dir / "ocio.exr"));
    ASSERT_EQ(ocio.exitCode, 0) << ocio.output;

    auto a = media::readExr(dir / "ours.exr");
    auto b = media::readExr(dir / "ocio.exr");
    ASSERT_TRUE(a.isOk()) << a.status().message();
    ASSERT_TRUE(b.isOk()) << b.status().message();
    ASSERT_EQ(a->image.width(), b->image.width());
    for (int y = 0; y < 48; ++y) {
        for (int x = 0; x < 80; ++x) {
            for (int c = 0; c < 4; ++c) {
                ASSERT_NEAR(a->image.sample(x, y, c), b->image.sample(x, y, c), 1e-5)
                    << x << "," << y << " ch " << c;
            }
        }
    }
}

TEST(CdlCommand, UnknownIdIsAnError) {
    TempDir dir;
    writeInput(dir / "in.exr");
    color::Cdl cdl;
    cdl.id = "a";
    ASSERT_TRUE(color::writeCcc(dir / "looks.ccc", {cdl}).isOk());
    CommandResult r =
        runEmulsion("grade " + quotePath(dir / "in.exr") + " " + quotePath(dir / "out.exr") +
                    " --cdl " + shellQuote((dir / "looks.ccc").string() + "#b"));
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.output.find("no colour correction 'b'"), std::string::npos) << r.output;
}

graph::GradeNode cdlNode(const std::string& label, float slope, float sat) {
    graph::GradeNode n;
    n.type = "cdl";
    n.label = label;
    n.params = {{"slope", {slope, 1.0f, 0.5f}},
                {"offset", {0.01f, -0.02f, 0.0f}},
                {"power", {1.5f, 1.0f, 0.8f}},
                {"saturation", {sat}}};
    return n;
}

// source -> nodes... -> output
graph::Grade chain(const std::vector<graph::GradeNode>& nodes) {
    graph::Grade g = graph::Grade::identity();
    graph::NodeId prev = 1;
    for (const auto& n : nodes) {
        const graph::NodeId id = g.addNode(n);
        g.connect({prev, "image", id, "image"});
        prev = id;
    }
    g.connect({prev, "image", 2, "image"});
    return g;
}

TEST(CdlCommand, ExportWritesTheNodesNumbers) {
    TempDir dir;
    ASSERT_TRUE(
        graph::saveGrade(dir / "one.json", chain({cdlNode("Balance", 1.25f, 0.7f)})).isOk());
    CommandResult r =
        runEmulsion("cdl export " + quotePath(dir / "one.json") + " " + quotePath(dir / "one.cc"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    auto one = color::readCdlFile(dir / "one.cc");
    ASSERT_TRUE(one.isOk()) << one.status().message();
    ASSERT_EQ(one->size(), 1u);
    const color::Cdl& c = one->front();
    EXPECT_EQ(c.id, "Balance");
    EXPECT_EQ(c.slope, (std::array<float, 3>{1.25f, 1.0f, 0.5f}));
    EXPECT_EQ(c.offset, (std::array<float, 3>{0.01f, -0.02f, 0.0f}));
    EXPECT_EQ(c.power, (std::array<float, 3>{1.5f, 1.0f, 0.8f}));
    EXPECT_EQ(c.saturation, 0.7f);

    ASSERT_TRUE(
        graph::saveGrade(dir / "two.json", chain({cdlNode("", 2.0f, 1.0f), cdlNode("B", 1, 0)}))
            .isOk());
    r = runEmulsion("cdl export " + quotePath(dir / "two.json") + " " + quotePath(dir / "two.cc"));
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.output.find(".ccc"), std::string::npos) << r.output;
    r = runEmulsion("cdl export " + quotePath(dir / "two.json") + " " + quotePath(dir / "two.ccc"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    auto two = color::readCdlFile(dir / "two.ccc");
    ASSERT_TRUE(two.isOk()) << two.status().message();
    ASSERT_EQ(two->size(), 2u);
    EXPECT_EQ((*two)[0].id, "node3");
    EXPECT_EQ((*two)[0].slope[0], 2.0f);
    EXPECT_EQ((*two)[1].id, "B");
    EXPECT_EQ((*two)[1].saturation, 0.0f);
}

}  // namespace
}  // namespace emu::test
