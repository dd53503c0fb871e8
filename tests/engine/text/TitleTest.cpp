#include "emulsion/text/TitleRenderer.h"

#include <gtest/gtest.h>

#include <cmath>

#include "OcrSupport.h"
#include "TempDir.h"

namespace emu::text {
namespace {

constexpr const char* kTitles =
    "# The opening and the end roll\n"
    "[card frames=48 fade_in=12 fade_out=8 size=0.08]\n"
    "\n"
    "THE LIGHTHOUSE\n"
    "\n"
    "[credits frames=200 size=0.05]\n"
    "Directed by\n"
    "Ana Ribeiro\n"
    "\n"
    "Colourist\n";

TEST(Titles, ParsesBlocksKeysAndBlankLines) {
    auto seq = TitleSequence::parse(kTitles, "titles.txt");
    ASSERT_TRUE(seq.isOk()) << seq.status().message();
    ASSERT_EQ(seq->blocks.size(), 2u);
    const TitleBlock& card = seq->blocks[0];
    EXPECT_EQ(card.kind, TitleKind::Card);
    EXPECT_EQ(card.frames, 48);
    EXPECT_EQ(card.fadeInFrames, 12);
    EXPECT_EQ(card.fadeOutFrames, 8);
    EXPECT_DOUBLE_EQ(card.textHeight, 0.08);
    EXPECT_EQ(card.lines, (std::vector<std::string>{"THE LIGHTHOUSE"}));
    const TitleBlock& roll = seq->blocks[1];
    EXPECT_EQ(roll.kind, TitleKind::Credits);
    EXPECT_EQ(roll.lines,
              (std::vector<std::string>{"Directed by", "Ana Ribeiro", "", "Colourist"}));
    EXPECT_EQ(seq->totalFrames(), 248);
}

TEST(Titles, ErrorsNameFileAndLine) {
    auto expect = [](const std::string& text, const std::string& prefix) {
        auto seq = TitleSequence::parse(text, "t.txt");
        ASSERT_FALSE(seq.isOk()) << text;
        EXPECT_EQ(seq.status().message().rfind(prefix, 0), 0u) << seq.status().message();
    };
    expect("HELLO\n[card frames=2]\n", "t.txt:1:");
    expect("[card frames=2]\nA\n[roll frames=3]\n", "t.txt:3: unknown block");
    expect("# c\n[card frames=x]\n", "t.txt:2: bad value 'x'");
    expect("[card frames=10 fade_in=6 fade_out=6]\n", "t.txt:1: fade_in + fade_out");
    expect("[credits frames=10 fade_in=2]\n", "t.txt:1: unknown key 'fade_in'");
    expect("[card size=0.1]\n", "t.txt:1: the block needs frames");
}

// Fade in over 12 frames, out over 8, of a 48-frame card: the formula's values.
TEST(Titles, CardFadesFollowTheFormula) {
    auto seq = TitleSequence::parse(kTitles, "titles.txt");
    ASSERT_TRUE(seq.isOk());
    auto titles = TitleRenderer::create(*seq);
    ASSERT_TRUE(titles.isOk());
    TextOverlay o;
    const std::pair<int, float> expected[] = {{0, 0.0f},  {3, 0.25f}, {6, 0.5f}, {12, 1.0f},
                                              {39, 1.0f}, {43, 0.5f}, {47, 0.0f}};
    for (auto [frame, opacity] : expected) {
        ASSERT_TRUE(titles->layOut(320, 180, frame, o).isOk());
        EXPECT_FLOAT_EQ(o.textOpacity, opacity) << "frame " << frame;
    }
    EXPECT_FALSE(titles->layOut(320, 180, 248, o).isOk());
}

TEST(Titles, CardReadsBackCentred) {
    test::TempDir dir;
    auto seq = TitleSequence::parse(kTitles, "titles.txt");
    ASSERT_TRUE(seq.isOk());
    auto titles = TitleRenderer::create(*seq);
    ASSERT_TRUE(titles.isOk());
    media::Image black(960, 540, media::PixelType::Float);
    ASSERT_TRUE(titles->apply(black, 24).isOk());
    // Ink centred: its bounding box's middle within a pixel of the frame's centre.
    int x0 = 960, x1 = -1, y0 = 540, y1 = -1;
    for (int y = 0; y < 540; ++y)
        for (int x = 0; x < 960; ++x)
            if (black.sample(x, y, 0) > 0.0f) {
                x0 = std::min(x0, x), x1 = std::max(x1, x);
                y0 = std::min(y0, y), y1 = std::max(y1, y);
            }
    EXPECT_NEAR((x0 + x1) / 2.0, 479.5, 2.0);
    EXPECT_NEAR((y0 + y1) / 2.0, 269.5, 3.0);
    // Tesseract wants dark text on light: invert.
    for (int y = 0; y < 540; ++y)
        for (int x = 0; x < 960; ++x)
            for (int c = 0; c < 3; ++c) black.setSample(x, y, c, 1.0f - black.sample(x, y, c));
    const auto pgm = dir / "card.pgm";
    test::writeGreyPgm(black, 0, 200, 960, 340, 1, pgm);
    EXPECT_EQ(test::ocrLine(pgm, "ABCDEFGHIJKLMNOPQRSTUVWXYZ "), "THE LIGHTHOUSE");
}

double inkCentroidY(const TextOverlay& o) {
    double sum = 0.0, weighted = 0.0;
    for (int y = 0; y < o.height; ++y)
        for (int x = 0; x < o.width; ++x) {
            sum += o.at(x, y);
            weighted += o.at(x, y) * (y + 0.5);
        }
    return weighted / sum;
}

// The roll moves by (H + blockHeight) / frames pixels a frame, fractions included: the ink's
// centroid (area coverage is exact under sub-pixel shifts) follows the formula to 1/32 px.
TEST(Titles, CreditsRollAtTheFormulasConstantRate) {
    auto seq = TitleSequence::parse(kTitles, "titles.txt");
    ASSERT_TRUE(seq.isOk());
    auto titles = TitleRenderer::create(*seq);
    ASSERT_TRUE(titles.isOk());
    const int w = 480, h = 360;
    const TitleBlock& roll = seq->blocks[1];
    auto font = Font::open();
    ASSERT_TRUE(font.isOk());
    const double blockHeight = 4 * (*font)->metrics(0.05 * h).lineHeightPx;
    const double rate = (h + blockHeight) / roll.frames;  // [px / frame]
    TextOverlay o;
    ASSERT_TRUE(titles->layOut(w, h, 48 + 60, o).isOk());
    const double reference = inkCentroidY(o);
    for (int f : {61, 62, 77, 100, 133}) {
        ASSERT_TRUE(titles->layOut(w, h, 48 + f, o).isOk());
        EXPECT_NEAR(inkCentroidY(o) - reference, -(f - 60) * rate, 1.0 / 32) << "frame " << f;
    }
    // First frame: the block's top at the bottom edge, nothing visible yet.
    ASSERT_TRUE(titles->layOut(w, h, 48, o).isOk());
    double ink = 0.0;
    for (float a : o.coverage) ink += a;
    EXPECT_EQ(ink, 0.0);
}

}  // namespace
}  // namespace emu::text
