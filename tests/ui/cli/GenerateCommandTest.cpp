// `emulsion generate`: the synthetic camera originals carry their reels and time codes, and
// each, brought back to ACES2065-1 the way a colourist would (the log spaces through
// --from/--to, the raw clip through the demosaic), shows the same scene as the ACES EXR.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "CliRunner.h"
#include "TempDir.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/media/SyntheticScene.h"

namespace emu::test {
namespace {

constexpr int kWidth = 192;
constexpr int kHeight = 108;

class GenerateCommand : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir = new TempDir();
        result = new CommandResult(runEmulsion("generate --out " + quotePath(*dir / "gen") +
                                               " --size 192x108 --frames 4 --rate 25"));
    }
    static void TearDownTestSuite() {
        delete result;
        delete dir;
    }
    static TempDir* dir;
    static CommandResult* result;
};
TempDir* GenerateCommand::dir = nullptr;
CommandResult* GenerateCommand::result = nullptr;

TEST_F(GenerateCommand, ListsFourClipsWithReelsAndTimecodes) {
    ASSERT_EQ(result->exitCode, 0) << result->output;
    std::ifstream in(*dir / "gen" / "originals.json");
    const nlohmann::json j = nlohmann::json::parse(in);
    ASSERT_EQ(j["clips"].size(), 4u);
    const char* kinds[] = {"exr", "dpx", "dng", "movie"};
    for (int i = 0; i < 4; ++i) {
        const nlohmann::json& c = j["clips"][i];
        EXPECT_EQ(c["kind"], kinds[i]);
        EXPECT_EQ(c["startTimecode"], "0" + std::to_string(i + 1) + ":00:00:00");
        EXPECT_EQ(c["frameCount"], 4);
        // Probe reads back what the file carries, not the list.
        CommandResult probe =
            runEmulsion("probe --json " + quotePath(*dir / "gen" / c["path"].get<std::string>()));
        ASSERT_EQ(probe.exitCode, 0) << probe.output;
        const nlohmann::json p = nlohmann::json::parse(probe.output);
        EXPECT_EQ(p["startTimecode"], c["startTimecode"]) << c["name"];
        EXPECT_EQ(p["frameCount"], 4) << c["name"];
        EXPECT_EQ(p["width"], kWidth);
        EXPECT_EQ(p["rate"], "25/1") << c["name"];
        if (i < 3) EXPECT_EQ(p["firstFrame"], (i + 1) * 3600 * 25) << c["name"];
        if (i != 3) EXPECT_EQ(p["reel"], c["reel"]) << c["name"];
    }
}

// Mean RGB over the interior of every chart patch of the last frame.
std::vector<std::array<double, 3>> patchMeans(const std::filesystem::path& exr) {
    auto f = media::readExr(exr);
    EXPECT_TRUE(f.isOk()) << f.status().message();
    std::vector<std::array<double, 3>> means;
    if (!f.isOk()) return means;
    for (int row = 0; row < media::kScenePatchRows; ++row) {
        for (int col = 0; col < media::kScenePatchColumns; ++col) {
            const media::PatchRect r = media::scenePatchInterior(kWidth, kHeight, col, row);
            std::array<double, 3> sum{};
            int n = 0;
            for (int y = r.y0; y < r.y1; ++y) {
                for (int x = r.x0; x < r.x1; ++x, ++n) {
                    for (int c = 0; c < 3; ++c) sum[c] += f->image.sample(x, y, c);
                }
            }
            for (double& s : sum) s /= std::max(1, n);
            means.push_back(sum);
        }
    }
    return means;
}

// Each original, converted to ACES2065-1, against the chart's known reflectances: the largest
// relative error over the 24 patches (negative when there is no Vulkan device).
double worstPatchError(const std::string& input, const std::string& options,
                       const std::filesystem::path& out) {
    CommandResult r =
        runEmulsion("grade " + quotePath(input) + " " + quotePath(out) + " " + options + " -q");
    if (r.output.find("no Vulkan device") != std::string::npos) return -1;
    EXPECT_EQ(r.exitCode, 0) << r.output;
    const auto means = patchMeans(out);
    double worst = means.empty() ? 1e9 : 0.0;
    for (std::size_t i = 0; i < means.size(); ++i) {
        const media::ScenePatch& p = media::scenePatches()[i];
        const double known[3] = {p.r, p.g, p.b};
        for (int c = 0; c < 3; ++c) {
            worst = std::max(worst, std::abs(means[i][c] - known[c]) / known[c]);
        }
    }
    return worst;
}

TEST_F(GenerateCommand, EveryOriginalShowsTheSameScene) {
    ASSERT_EQ(result->exitCode, 0) << result->output;
    const std::filesystem::path gen = *dir / "gen";
    struct Case {
        const char* what;
        std::string input;
        std::string options;
        double limit;
    };
    // Limits: half floats (EXR, 2^-11 relative); half a 10-bit LogC code step (0.59% relative
    // at the 3.1% black patch, where LogC is flattest: dcode/dx = 0.2472 * 5.556 / ((5.556 *
    // 0.031 + 0.0523) ln 10)); 12-bit S-Log3 in ProRes 4444 with its lossy coding; the raw
    // mosaic's quantisation and the demosaic inside flat patches.
    const Case cases[] = {
        {"ACES EXR", (gen / "A001C001" / "A001C001_0090003.exr").string(), "--exposure 0", 1e-3},
        {"LogC DPX", (gen / "B001C002" / "B001C002.0180003.dpx").string(),
         "--from 'ARRI LogC EI800 AWG' --to ACES2065-1", 6.5e-3},
        {"CinemaDNG", (gen / "C001C003" / "C001C003_0270003.dng").string(), "--exposure 0", 5e-3},
    };
    for (const Case& c : cases) {
        const double worst = worstPatchError(c.input, c.options, *dir / "check.exr");
        if (worst < 0) GTEST_SKIP() << "no Vulkan device";
        std::printf("%s -> ACES2065-1: worst patch error %.3g (limit %.3g)\n", c.what, worst,
                    c.limit);
        EXPECT_LE(worst, c.limit) << c.what;
    }
    // The movie: graded as a sequence of its frames, the last one checked.
    std::filesystem::create_directory(*dir / "mov");
    CommandResult r = runEmulsion("grade " + quotePath(gen / "D001C004.mov") + " " +
                                  quotePath(*dir / "mov" / "f.%02d.exr") +
                                  " --from 'Sony S-Log3 S-Gamut3' --to ACES2065-1 --frames 3-3 -q");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const auto means = patchMeans(*dir / "mov" / "f.03.exr");
    double worst = means.empty() ? 1e9 : 0.0;
    for (std::size_t i = 0; i < means.size(); ++i) {
        const media::ScenePatch& p = media::scenePatches()[i];
        const double known[3] = {p.r, p.g, p.b};
        for (int c = 0; c < 3; ++c) {
            worst = std::max(worst, std::abs(means[i][c] - known[c]) / known[c]);
        }
    }
    std::printf("S-Log3 ProRes 4444 -> ACES2065-1: worst patch error %.3g (limit 2e-2)\n", worst);
    EXPECT_LE(worst, 2e-2);
}

// --from auto takes the input space from the header (ACES EXR: ACES2065-1), and with --display
// and no --to the grade runs in the config's color_timing role (ACEScct): the same image as
// naming both. A log DPX whose header names no colour space is refused, naming the file.
TEST_F(GenerateCommand, FromAutoReadsTheHeaderAndWorkingSpaceDefaultsToColorTiming) {
    ASSERT_EQ(result->exitCode, 0) << result->output;
    const std::string exr = quotePath(*dir / "gen" / "A001C001" / "A001C001_0090001.exr");
    const std::string view = " --display sRGB --view 'ACES 1.0 - SDR Video' --exposure 0 -q";
    CommandResult a =
        runEmulsion("grade " + exr + " " + quotePath(*dir / "auto.exr") + " --from auto" + view);
    if (a.output.find("no Vulkan device") != std::string::npos) GTEST_SKIP();
    ASSERT_EQ(a.exitCode, 0) << a.output;
    CommandResult b = runEmulsion("grade " + exr + " " + quotePath(*dir / "named.exr") +
                                  " --from ACES2065-1 --to ACEScct" + view);
    ASSERT_EQ(b.exitCode, 0) << b.output;
    auto x = media::readExr(*dir / "auto.exr");
    auto y = media::readExr(*dir / "named.exr");
    ASSERT_TRUE(x.isOk() && y.isOk());
    ASSERT_EQ(x->image.sizeBytes(), y->image.sizeBytes());
    EXPECT_EQ(std::memcmp(x->image.data(), y->image.data(), x->image.sizeBytes()), 0);

    const std::string dpx = (*dir / "gen" / "B001C002" / "B001C002.0180001.dpx").string();
    CommandResult refused = runEmulsion("grade " + quotePath(dpx) + " " +
                                        quotePath(*dir / "dpx.exr") + " --from auto" + view);
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_NE(refused.output.find(dpx + ": its header does not name a colour space"),
              std::string::npos)
        << refused.output;
}

TEST(GenerateCommandErrors, BadSizeIsRefused) {
    TempDir dir;
    CommandResult r = runEmulsion("generate --out " + quotePath(dir / "g") + " --size 33x20");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("--size must be even"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace emu::test
