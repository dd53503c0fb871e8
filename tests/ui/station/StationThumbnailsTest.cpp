// The timeline strip's thumbnails: each shot's first frame through its grade, rendered by the
// worker and copied into the window exactly as rendered, cut to the strip where it scrolls out
// of view. A shot's thumbnail follows its grade; the others stay as they were.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "StationImages.h"
#include "StationRunner.h"
#include "TempDir.h"

namespace emu::test {
namespace {

struct Placement {
    int x = 0, y = 0, width = 0, height = 0;              // the whole picture
    int visX = 0, visY = 0, visWidth = 0, visHeight = 0;  // the part inside the strip
};

// The last placement the log gives for each shot number ("thumbnail shot N at X,Y WxH, ...").
std::map<int, Placement> placementsIn(const std::filesystem::path& log) {
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    const std::string all = text.str();
    static const std::regex line(
        R"(thumbnail shot (\d+) at (-?\d+),(-?\d+) (\d+)x(\d+), visible (-?\d+),(-?\d+) (\d+)x(\d+))");
    std::map<int, Placement> out;
    for (std::sregex_iterator it(all.begin(), all.end(), line), end; it != end; ++it) {
        const std::smatch& m = *it;
        Placement p{std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4]), std::stoi(m[5]),
                    std::stoi(m[6]), std::stoi(m[7]), std::stoi(m[8]), std::stoi(m[9])};
        out[std::stoi(m[1])] = p;
    }
    return out;
}

// Pixels of the visible part that differ from the thumbnail, and of the cut-off part that
// equal it (the picture must not be written there).
struct Comparison {
    int visibleDiffering = 0;
    int hiddenMatching = 0;
    int hidden = 0;
};

Comparison compare(const Rgb8& screen, const Rgb8& thumb, const Placement& p) {
    Comparison c;
    for (int y = 0; y < thumb.height; ++y) {
        for (int x = 0; x < thumb.width; ++x) {
            const int sx = p.x + x, sy = p.y + y;
            if (sx < 0 || sy < 0 || sx >= screen.width || sy >= screen.height) continue;
            const bool visible = sx >= p.visX && sx < p.visX + p.visWidth && sy >= p.visY &&
                                 sy < p.visY + p.visHeight;
            const bool same = std::equal(thumb.at(x, y), thumb.at(x, y) + 3, screen.at(sx, sy));
            if (visible) {
                c.visibleDiffering += !same;
            } else {
                ++c.hidden;
                c.hiddenMatching += same;
            }
        }
    }
    return c;
}

std::vector<double> meanOf(const Rgb8& p) {
    return meanOf(p, 0, 0, p.width, p.height);
}

double meanAbsDifference(const Rgb8& a, const Rgb8& b) {
    if (a.width != b.width || a.height != b.height) return 255.0;
    double sum = 0;
    for (std::size_t i = 0; i < a.px.size(); ++i) sum += std::abs(a.px[i] - b.px[i]);
    return sum / double(a.px.size());
}

TEST(StationThumbnails, ShowTheWorkersPicturesOfEachShotsGradeAndFollowItsEdits) {
    if (std::string why = stationSkipReason(); !why.empty()) GTEST_SKIP() << why;
    TempDir dir;
    const std::filesystem::path project = makeDemoProject(dir.path());
    ASSERT_FALSE(project.empty());

    // A narrower window, so that the strip cannot show every card and one is cut at its edge.
    // The demo's shots are one chart filmed by four cameras: each in its own input space, they
    // look alike. Gains of their own on shots 1, 3 and 4 make every card's picture tell which
    // shot it shows.
    writeText(dir / "first.txt",
              "select-shot 1\nadd-node serial lgg\nset-param gain 0.5 0.5 0.5 0.5\n"
              "select-shot 3\nadd-node serial lgg\nset-param gain 1.25 1.25 1.25 1.25\n"
              "select-shot 4\nadd-node serial lgg\nset-param gain 0.75 0.75 0.75 0.75\n"
              "select-shot 2\nwait-thumbnails\n");
    CommandResult run =
        runStation(quotePath(project) + " --size 1200 --script " + quotePath(dir / "first.txt") +
                   " --screenshot " + quotePath(dir / "first.png") + " --viewer-image " +
                   quotePath(dir / "viewer2.png") + " --thumbnail-images " +
                   quotePath(dir / "before") + " --log " + quotePath(dir / "first.log"));
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("validation errors: 0 "), std::string::npos) << run.output;
    const Rgb8 screen = readPng(dir / "first.png");
    ASSERT_EQ(screen.width, 1200);
    const std::map<int, Placement> placed = placementsIn(dir / "first.log");
    ASSERT_EQ(placed.size(), 4u) << "the demo's four shots";
    std::map<int, Rgb8> before;
    bool oneCut = false;
    for (const auto& [number, p] : placed) {
        const Rgb8 thumb = readPng(dir / "before" / ("shot-" + std::to_string(number) + ".png"));
        ASSERT_FALSE(thumb.empty()) << "shot " << number;
        EXPECT_EQ(thumb.width, p.width);
        EXPECT_EQ(thumb.height, p.height);
        EXPECT_LE(thumb.width, 112);
        EXPECT_LE(thumb.height, 63);
        const Comparison c = compare(screen, thumb, p);
        std::printf(
            "shot %d: %dx%d at %d,%d, visible %dx%d; %d visible pixels differ, %d of %d "
            "cut-off pixels match\n",
            number, p.width, p.height, p.x, p.y, p.visWidth, p.visHeight, c.visibleDiffering,
            c.hiddenMatching, c.hidden);
        EXPECT_GT(p.visWidth * p.visHeight, 0) << "shot " << number;
        EXPECT_EQ(c.visibleDiffering, 0) << "shot " << number << " is not the worker's picture";
        if (c.hidden > 0) {
            oneCut = true;
            EXPECT_LT(c.hiddenMatching * 4, c.hidden) << "shot " << number << " is drawn outside "
                                                      << "the strip";
        }
        before[number] = thumb;
    }
    EXPECT_TRUE(oneCut) << "no thumbnail reaches the strip's edge: the cut is not tested";

    // Consistent with the engine: shot 2's thumbnail has the colours of the viewer's picture of
    // shot 2 (every n-th pixel of the same render), and the shots' thumbnails differ.
    const Rgb8 viewer = readPng(dir / "viewer2.png");
    ASSERT_FALSE(viewer.empty());
    const std::vector<double> thumbMean = meanOf(before[2]), viewerMean = meanOf(viewer);
    std::printf("shot 2 mean: thumbnail %.1f %.1f %.1f, viewer %.1f %.1f %.1f\n", thumbMean[0],
                thumbMean[1], thumbMean[2], viewerMean[0], viewerMean[1], viewerMean[2]);
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(thumbMean[c], viewerMean[c], 4.0) << "channel " << c;
    for (int a = 1; a <= 4; ++a) {
        for (int b = a + 1; b <= 4; ++b) {
            const double d = meanAbsDifference(before[a], before[b]);
            std::printf("shots %d and %d differ by %.1f codes on average\n", a, b, d);
            EXPECT_GT(d, 1.0) << "shots " << a << " and " << b << " look the same";
        }
    }

    // A brighter shot 2: its thumbnail follows, the others do not change.
    writeText(dir / "second.txt",
              "select-shot 2\nadd-node serial lgg\nset-param gain 1.5 1.5 1.5 1.5\n"
              "wait-thumbnails\n");
    run = runStation(quotePath(project) + " --script " + quotePath(dir / "second.txt") +
                     " --screenshot " + quotePath(dir / "second.png") + " --thumbnail-images " +
                     quotePath(dir / "after") + " --log " + quotePath(dir / "second.log"));
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("validation errors: 0 "), std::string::npos) << run.output;
    std::map<int, Rgb8> after;
    for (int n = 1; n <= 4; ++n) {
        after[n] = readPng(dir / "after" / ("shot-" + std::to_string(n) + ".png"));
        ASSERT_FALSE(after[n].empty()) << "shot " << n;
    }
    const double brighter = meanOf(after[2])[1] - meanOf(before[2])[1];
    std::printf(
        "shot 2's thumbnail after gain 1.5: green mean %+.1f codes; shots 1, 3, 4 "
        "changed by %.2f, %.2f, %.2f\n",
        brighter, meanAbsDifference(after[1], before[1]), meanAbsDifference(after[3], before[3]),
        meanAbsDifference(after[4], before[4]));
    EXPECT_GT(brighter, 10.0);
    for (int n : {1, 3, 4}) EXPECT_EQ(after[n].px, before[n].px) << "shot " << n;
    const Rgb8 second = readPng(dir / "second.png");
    const std::map<int, Placement> placedAfter = placementsIn(dir / "second.log");
    ASSERT_TRUE(placedAfter.count(2));
    EXPECT_EQ(compare(second, after[2], placedAfter.at(2)).visibleDiffering, 0);
}

}  // namespace
}  // namespace emu::test
