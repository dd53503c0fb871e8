#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>

#include "CliRunner.h"
#include "TempDir.h"

namespace emu::test {
namespace {

struct PngSize {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
};

// Width and height from a PNG's signature and IHDR chunk; zero when the file is no PNG.
PngSize readPngSize(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char header[24] = {};
    if (!in.read(reinterpret_cast<char*>(header), sizeof header)) return {};
    const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (!std::equal(signature, signature + 8, header) ||
        std::string(reinterpret_cast<char*>(header + 12), 4) != "IHDR") {
        return {};
    }
    auto be32 = [&](int at) {
        return std::uint32_t(header[at]) << 24 | std::uint32_t(header[at + 1]) << 16 |
               std::uint32_t(header[at + 2]) << 8 | std::uint32_t(header[at + 3]);
    };
    return {be32(16), be32(20)};
}

TEST(ScopeCommand, DrawsEachScopeOfTheDemoChartAtTheRequestedSize) {
    TempDir dir;
    CommandResult demo =
        runEmulsion("demo -q --no-deliverables --out " + shellQuote(dir.path().string()));
    ASSERT_EQ(demo.exitCode, 0) << demo.output;
    const std::string chart = shellQuote((dir / "chart.exr").string());

    const std::filesystem::path wave = dir / "x.png";
    CommandResult r = runEmulsion("scope " + chart + " --type waveform --size 640x360 -o " +
                                  shellQuote(wave.string()));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("waveform"), std::string::npos) << r.output;
    const PngSize size = readPngSize(wave);
    EXPECT_EQ(size.width, 640u);
    EXPECT_EQ(size.height, 360u);

    for (const char* type : {"parade", "vectorscope", "histogram"}) {
        const std::filesystem::path out = dir / (std::string(type) + ".png");
        r = runEmulsion("scope " + chart + " --type " + type + " -q -o " +
                        shellQuote(out.string()));
        ASSERT_EQ(r.exitCode, 0) << type << ": " << r.output;
        EXPECT_GT(readPngSize(out).width, 0u) << type;
    }
}

TEST(ScopeCommand, AMissingInputFailsNamingTheFile) {
    TempDir dir;
    const std::filesystem::path missing = dir / "no_such_frame.exr";
    CommandResult r = runEmulsion("scope " + shellQuote(missing.string()) + " --type waveform -o " +
                                  shellQuote((dir / "x.png").string()));
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("no_such_frame.exr"), std::string::npos) << r.output;
    EXPECT_FALSE(std::filesystem::exists(dir / "x.png"));
}

TEST(ScopeCommand, AnUnknownTypeIsRefused) {
    TempDir dir;
    CommandResult r =
        runEmulsion("scope in.exr --type cie -o " + shellQuote((dir / "x.png").string()));
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("--type"), std::string::npos) << r.output;
}

TEST(ScopeCommand, ScopesTheImageLeavingANodeOfAGrade) {
    TempDir dir;
    ASSERT_EQ(
        runEmulsion("demo -q --no-deliverables --out " + shellQuote(dir.path().string())).exitCode,
        0);
    const std::string base = "scope " + shellQuote((dir / "chart.exr").string()) +
                             " --type histogram --grade " +
                             shellQuote((dir / "grade.json").string());
    CommandResult atCdl =
        runEmulsion(base + " --node 2 -o " + shellQuote((dir / "h2.png").string()));
    ASSERT_EQ(atCdl.exitCode, 0) << atCdl.output;
    EXPECT_TRUE(std::filesystem::exists(dir / "h2.png"));
    CommandResult matte =
        runEmulsion(base + " --node 12 -o " + shellQuote((dir / "m.png").string()));
    EXPECT_EQ(matte.exitCode, 1);
    EXPECT_NE(matte.output.find("has no image output"), std::string::npos) << matte.output;
}

}  // namespace
}  // namespace emu::test
