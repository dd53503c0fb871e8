#include "emulsion/text/Font.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ft.h>
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <system_error>

namespace emu::text {

struct Font::Impl {
    FT_Library library = nullptr;
    FT_Face face = nullptr;
    hb_font_t* font = nullptr;
    hb_buffer_t* buffer = nullptr;
    double sizePx = 0.0;

    ~Impl() {
        if (buffer) hb_buffer_destroy(buffer);
        if (font) hb_font_destroy(font);
        if (face) FT_Done_Face(face);
        if (library) FT_Done_FreeType(library);
    }

    // FreeType sizes are in 26.6 fixed point; HarfBuzz follows the face's size once told.
    void setSize(double px) {
        if (px == sizePx) return;
        sizePx = px;
        FT_Set_Char_Size(face, 0, FT_F26Dot6(std::lround(px * 64.0)), 72, 72);
        hb_ft_font_changed(font);
    }
};

Result<std::unique_ptr<Font>> Font::open(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        std::string message = path.string() + ": no such font file";
        if (path == kDefaultPath) message += " (Debian package fonts-dejavu-core)";
        return makeError(ErrorCode::NotFound, message);
    }
    auto impl = std::make_unique<Impl>();
    if (FT_Init_FreeType(&impl->library) != 0)
        return makeError(ErrorCode::Internal, "FreeType could not start");
    if (FT_New_Face(impl->library, path.c_str(), 0, &impl->face) != 0 ||
        !FT_IS_SCALABLE(impl->face)) {
        return makeError(ErrorCode::CorruptData,
                         path.string() + ": not a scalable font FreeType can read");
    }
    FT_Set_Char_Size(impl->face, 0, 16 * 64, 72, 72);
    impl->font = hb_ft_font_create_referenced(impl->face);
    // Unhinted advances, matching the unhinted outlines draw() rasterises.
    hb_ft_font_set_load_flags(impl->font, FT_LOAD_NO_HINTING);
    impl->buffer = hb_buffer_create();
    if (!impl->font || !hb_buffer_allocation_successful(impl->buffer))
        return makeError(ErrorCode::Internal, "HarfBuzz: out of memory");
    return std::unique_ptr<Font>(new Font(std::move(impl), path));
}

Font::Font(std::unique_ptr<Impl> impl, std::filesystem::path path)
    : m_impl(std::move(impl)), m_path(std::move(path)) {}
Font::~Font() = default;

ShapedLine Font::shape(std::string_view utf8, double sizePx) {
    m_impl->setSize(sizePx);
    hb_buffer_t* buffer = m_impl->buffer;
    hb_buffer_clear_contents(buffer);
    hb_buffer_add_utf8(buffer, utf8.data(), int(utf8.size()), 0, int(utf8.size()));
    hb_buffer_guess_segment_properties(buffer);
    hb_shape(m_impl->font, buffer, nullptr, 0);

    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
    ShapedLine line;
    line.sizePx = sizePx;
    line.glyphs.reserve(count);
    // hb-ft scales positions to 26.6 pixels.
    long penX = 0, penY = 0;
    for (unsigned i = 0; i < count; ++i) {
        line.glyphs.push_back(
            {info[i].codepoint, (penX + pos[i].x_offset) / 64.0, -(penY + pos[i].y_offset) / 64.0});
        penX += pos[i].x_advance;
        penY += pos[i].y_advance;
    }
    line.advancePx = penX / 64.0;
    return line;
}

LineMetrics Font::metrics(double sizePx) {
    m_impl->setSize(sizePx);
    const FT_Size_Metrics& m = m_impl->face->size->metrics;
    return {m.ascender / 64.0, -m.descender / 64.0, m.height / 64.0};
}

namespace {

void blit(const FT_Bitmap& bitmap, int left, int top, TextOverlay& overlay) {
    for (unsigned row = 0; row < bitmap.rows; ++row) {
        const int y = top + int(row);
        if (y < 0 || y >= overlay.height) continue;
        const unsigned char* src = bitmap.buffer + std::ptrdiff_t(row) * bitmap.pitch;
        for (unsigned col = 0; col < bitmap.width; ++col) {
            const int x = left + int(col);
            if (x < 0 || x >= overlay.width || src[col] == 0) continue;
            const float a = src[col] / 255.0f;
            float& m = overlay.at(x, y);
            m = 1.0f - (1.0f - m) * (1.0f - a);
        }
    }
}

}  // namespace

void Font::draw(const ShapedLine& line, double xPx, double yPx, TextOverlay& overlay) {
    m_impl->setSize(line.sizePx);
    FT_Face face = m_impl->face;
    OverlayBox inked{overlay.width, overlay.height, 0, 0};
    for (const ShapedGlyph& g : line.glyphs) {
        const double x = xPx + g.xPx, y = yPx + g.yPx;
        const double ix = std::floor(x), iy = std::floor(y);
        // The fraction moves the outline before rendering (FreeType's y points up).
        FT_Vector delta{FT_Pos(std::lround((x - ix) * 64.0)),
                        FT_Pos(-std::lround((y - iy) * 64.0))};
        FT_Set_Transform(face, nullptr, &delta);
        if (FT_Load_Glyph(face, g.glyphId, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0) continue;
        if (FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0) continue;
        const FT_GlyphSlot slot = face->glyph;
        const int left = int(ix) + slot->bitmap_left, top = int(iy) - slot->bitmap_top;
        blit(slot->bitmap, left, top, overlay);
        inked = {std::min(inked.x0, left), std::min(inked.y0, top),
                 std::max(inked.x1, left + int(slot->bitmap.width)),
                 std::max(inked.y1, top + int(slot->bitmap.rows))};
    }
    FT_Set_Transform(face, nullptr, nullptr);
    overlay.markInk(inked);
}

}  // namespace emu::text
