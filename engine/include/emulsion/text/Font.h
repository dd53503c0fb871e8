#pragma once

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/text/TextOverlay.h"

namespace emu::text {

// One glyph of a shaped line: the font's glyph index and its pen position relative to the
// line's origin (left end of the baseline), in pixels, x to the right and y down.
struct ShapedGlyph {
    unsigned glyphId = 0;
    double xPx = 0.0;
    double yPx = 0.0;
};

// A line of text shaped at one size. advancePx is the pen's travel across the whole line.
struct ShapedLine {
    std::vector<ShapedGlyph> glyphs;
    double sizePx = 0.0;  // pixels per em it was shaped at
    double advancePx = 0.0;
};

// Vertical metrics at a size, in pixels: ascender above the baseline, descender below it
// (positive), and the font's baseline-to-baseline distance.
struct LineMetrics {
    double ascenderPx = 0.0;
    double descenderPx = 0.0;
    double lineHeightPx = 0.0;
};

// A font face: UTF-8 text shaped with HarfBuzz (kerning, ligatures, any script HarfBuzz knows)
// and glyphs rasterised by FreeType with grey-scale anti-aliasing, unhinted so that advances
// and sub-pixel positions are the outline's own (text that moves by a fraction of a pixel per
// frame, as end credits do, moves smoothly).
// Thread: one thread at a time (FreeType faces are not thread-safe); open one Font per thread.
class Font {
public:
    // DejaVu Sans Mono, from Debian's fonts-dejavu-core: fixed-width digits keep a running
    // time code from jittering sideways.
    static constexpr const char* kDefaultPath =
        "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";

    // Failure: NotFound (no such file; the message names it and, for the default, the Debian
    // package), CorruptData (FreeType cannot read it as a font).
    static Result<std::unique_ptr<Font>> open(const std::filesystem::path& path = kDefaultPath);

    ~Font();
    Font(const Font&) = delete;
    Font& operator=(const Font&) = delete;

    const std::filesystem::path& path() const { return m_path; }

    // Shapes one line (no line breaks are interpreted) at `sizePx` pixels per em (> 0).
    // Invalid UTF-8 becomes U+FFFD, as HarfBuzz does.
    ShapedLine shape(std::string_view utf8, double sizePx);
    LineMetrics metrics(double sizePx);

    // Rasterises `line` into `overlay`'s coverage mask with the origin at (xPx, yPx), fractions
    // of a pixel included; coverage is combined as 1 - (1 - a)(1 - b) and clipped to the mask.
    void draw(const ShapedLine& line, double xPx, double yPx, TextOverlay& overlay);

    struct Impl;  // FreeType and HarfBuzz handles; defined in Font.cpp

private:
    explicit Font(std::unique_ptr<Impl> impl, std::filesystem::path path);
    std::unique_ptr<Impl> m_impl;
    std::filesystem::path m_path;
};

}  // namespace emu::text
