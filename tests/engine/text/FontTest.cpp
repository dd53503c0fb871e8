#include "emulsion/text/Font.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H

#include <gtest/gtest.h>

#include <cmath>

namespace emu::text {
namespace {

// FreeType's own unhinted advance of a glyph at `sizePx` per em, in pixels.
double freetypeAdvance(const char* fontPath, unsigned long codepoint, double sizePx) {
    FT_Library library = nullptr;
    FT_Face face = nullptr;
    FT_Init_FreeType(&library);
    FT_New_Face(library, fontPath, 0, &face);
    FT_Set_Char_Size(face, 0, FT_F26Dot6(std::lround(sizePx * 64)), 72, 72);
    FT_Fixed advance = 0;  // 16.16 with FT_LOAD_NO_HINTING
    FT_Get_Advance(face, FT_Get_Char_Index(face, codepoint), FT_LOAD_NO_HINTING, &advance);
    FT_Done_Face(face);
    FT_Done_FreeType(library);
    return advance / 65536.0;
}

TEST(Font, ShapedAdvanceIsFreeTypesAdvanceSummed) {
    Result<std::unique_ptr<Font>> font = Font::open();
    ASSERT_TRUE(font.isOk()) << font.status().message();
    const double size = 37.0;
    const ShapedLine line = (*font)->shape("01:00:07:13", size);
    ASSERT_EQ(line.glyphs.size(), 11u);
    const double digit = freetypeAdvance(Font::kDefaultPath, '0', size);
    const double colon = freetypeAdvance(Font::kDefaultPath, ':', size);
    EXPECT_NEAR(line.advancePx, 8 * digit + 3 * colon, 11.0 / 64.0);
    // A monospaced font: every pen step is one cell, 0.602 em for DejaVu Sans Mono.
    EXPECT_NEAR(line.glyphs[5].xPx, 5 * digit, 5.0 / 64.0);
}

// U+2588 FULL BLOCK covers its whole cell: the rasterised coverage must add up to the
// outline's area, which FreeType's glyph metrics give.
TEST(Font, FullBlockCoverageEqualsItsOutlineArea) {
    Result<std::unique_ptr<Font>> font = Font::open();
    ASSERT_TRUE(font.isOk());
    const double size = 50.0;
    TextOverlay overlay(200, 200);
    const ShapedLine line = (*font)->shape("\u2588", size);
    (*font)->draw(line, 50.25, 120.5, overlay);
    double sum = 0.0;
    for (float a : overlay.coverage) sum += a;

    FT_Library library = nullptr;
    FT_Face face = nullptr;
    FT_Init_FreeType(&library);
    FT_New_Face(library, Font::kDefaultPath, 0, &face);
    FT_Set_Char_Size(face, 0, FT_F26Dot6(size * 64), 72, 72);
    FT_Load_Glyph(face, FT_Get_Char_Index(face, 0x2588), FT_LOAD_NO_HINTING);
    const double area = (face->glyph->metrics.width / 64.0) * (face->glyph->metrics.height / 64.0);
    FT_Done_Face(face);
    FT_Done_FreeType(library);
    EXPECT_NEAR(sum, area, area * 0.01);
}

TEST(Font, MissingFileIsNamed) {
    Result<std::unique_ptr<Font>> font = Font::open("/nowhere/font.ttf");
    EXPECT_EQ(font.status().code(), ErrorCode::NotFound);
    EXPECT_NE(font.status().message().find("/nowhere/font.ttf"), std::string::npos);
}

}  // namespace
}  // namespace emu::text
