#include "emulsion/text/TitleRenderer.h"

#include <algorithm>
#include <cmath>

#include "emulsion/text/GpuCompositor.h"

namespace emu::text {

Result<TitleRenderer> TitleRenderer::create(TitleSequence sequence,
                                            const std::filesystem::path& fontPath) {
    EMU_ASSIGN_OR_RETURN(std::unique_ptr<Font> font,
                         Font::open(fontPath.empty() ? Font::kDefaultPath : fontPath));
    return TitleRenderer(std::move(sequence), std::move(font));
}

TitleRenderer::TitleRenderer(TitleSequence sequence, std::unique_ptr<Font> font)
    : m_sequence(std::move(sequence)), m_font(std::move(font)) {}
TitleRenderer::TitleRenderer(TitleRenderer&&) noexcept = default;
TitleRenderer& TitleRenderer::operator=(TitleRenderer&&) noexcept = default;
TitleRenderer::~TitleRenderer() = default;

double TitleRenderer::cardOpacity(const TitleBlock& block, int f) {
    double o = 1.0;
    if (block.fadeInFrames > 0) o = std::min(o, double(f) / block.fadeInFrames);
    if (block.fadeOutFrames > 0)
        o = std::min(o, double(block.frames - 1 - f) / block.fadeOutFrames);
    return std::clamp(o, 0.0, 1.0);
}

double TitleRenderer::creditsTopPx(const TitleBlock& block, int f, double frameHeightPx,
                                   double blockHeightPx) {
    return frameHeightPx - f * (frameHeightPx + blockHeightPx) / block.frames;
}

double TitleRenderer::blockHeightPx(const TitleBlock& block, int frameHeightPx) {
    const double size = block.textHeight * frameHeightPx;
    return double(block.lines.size()) * block.lineSpacing * m_font->metrics(size).lineHeightPx;
}

Status TitleRenderer::layOut(int widthPx, int heightPx, int frame, TextOverlay& overlay) {
    if (overlay.width != widthPx || overlay.height != heightPx) {
        overlay = TextOverlay(widthPx, heightPx);
    } else {
        overlay.clear();
    }
    if (frame < 0 || frame >= m_sequence.totalFrames()) {
        return makeError(ErrorCode::InvalidArgument, "titles: frame " + std::to_string(frame) +
                                                         " outside the sequence's " +
                                                         std::to_string(m_sequence.totalFrames()));
    }
    const TitleBlock* block = nullptr;
    for (const TitleBlock& b : m_sequence.blocks) {
        if (frame < b.frames) {
            block = &b;
            break;
        }
        frame -= b.frames;
    }
    const double size = block->textHeight * heightPx;
    const LineMetrics m = m_font->metrics(size);
    const double pitch = block->lineSpacing * m.lineHeightPx;
    const double height = blockHeightPx(*block, heightPx);
    double top = 0.0;
    if (block->kind == TitleKind::Card) {
        overlay.textOpacity = float(cardOpacity(*block, frame));
        top = std::round((heightPx - height) / 2.0);  // still text: whole pixels, crisp
    } else {
        overlay.textOpacity = 1.0f;
        top = creditsTopPx(*block, frame, heightPx, height);
    }
    // Each line's baseline sits in its pitch as a single line would: the half-leading above.
    const double firstBaseline =
        top + (pitch - (m.ascenderPx + m.descenderPx)) / 2.0 + m.ascenderPx;
    for (std::size_t i = 0; i < block->lines.size(); ++i) {
        if (block->lines[i].empty()) continue;
        const double baseline = firstBaseline + double(i) * pitch;
        if (baseline + m.descenderPx < 0.0 || baseline - m.ascenderPx > heightPx) continue;
        const ShapedLine line = m_font->shape(block->lines[i], size);
        double x = (widthPx - line.advancePx) / 2.0;
        if (block->kind == TitleKind::Card) x = std::round(x);
        m_font->draw(line, x, baseline, overlay);
    }
    return Status::ok();
}

Status TitleRenderer::apply(media::Image& image, int frame) {
    EMU_RETURN_IF_ERROR(layOut(image.width(), image.height(), frame, m_overlay));
    if (m_gpu) return m_gpu->composite(image, m_overlay);
    return compositeCpu(image, m_overlay);
}

}  // namespace emu::text
