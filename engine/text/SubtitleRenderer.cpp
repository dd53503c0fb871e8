#include "emulsion/text/SubtitleRenderer.h"

#include <algorithm>
#include <cmath>

#include "emulsion/text/GpuCompositor.h"

namespace emu::text {

Result<SubtitleRenderer> SubtitleRenderer::create(std::vector<SubtitleCue> cues,
                                                  media::FrameRate rate,
                                                  const SubtitleStyle& style) {
    if (!rate.valid()) return makeError(ErrorCode::InvalidArgument, "subtitles: bad frame rate");
    if (!(style.textHeight > 0.0 && style.textHeight <= 0.5) ||
        !(style.bottomMargin >= 0.0 && style.bottomMargin < 0.5) ||
        !(style.boxOpacity >= 0.0 && style.boxOpacity <= 1.0))
        return makeError(ErrorCode::InvalidArgument, "subtitles: style out of range");
    EMU_ASSIGN_OR_RETURN(std::unique_ptr<Font> font,
                         Font::open(style.fontPath.empty() ? Font::kDefaultPath : style.fontPath));
    std::sort(cues.begin(), cues.end(),
              [](const SubtitleCue& a, const SubtitleCue& b) { return a.startMs < b.startMs; });
    return SubtitleRenderer(std::move(cues), rate, style, std::move(font));
}

SubtitleRenderer::SubtitleRenderer(std::vector<SubtitleCue> cues, media::FrameRate rate,
                                   SubtitleStyle style, std::unique_ptr<Font> font)
    : m_cues(std::move(cues)), m_rate(rate), m_style(std::move(style)), m_font(std::move(font)) {}
SubtitleRenderer::SubtitleRenderer(SubtitleRenderer&&) noexcept = default;
SubtitleRenderer& SubtitleRenderer::operator=(SubtitleRenderer&&) noexcept = default;
SubtitleRenderer::~SubtitleRenderer() = default;

const SubtitleCue* SubtitleRenderer::cueAt(std::int64_t frame) const {
    // The frame starts at frame * den / num seconds; compared in units of 1 / (1000 num) s.
    const std::int64_t t = frame * 1000 * m_rate.denominator;
    auto it = std::upper_bound(
        m_cues.begin(), m_cues.end(), t,
        [&](std::int64_t v, const SubtitleCue& c) { return v < c.startMs * m_rate.numerator; });
    if (it == m_cues.begin()) return nullptr;
    --it;
    return t < it->endMs * m_rate.numerator ? &*it : nullptr;
}

Status SubtitleRenderer::layOut(int widthPx, int heightPx, std::int64_t frame,
                                TextOverlay& overlay) {
    if (overlay.width != widthPx || overlay.height != heightPx) {
        overlay = TextOverlay(widthPx, heightPx);
    } else {
        overlay.clear();
    }
    overlay.boxOpacity = float(m_style.boxOpacity);
    const SubtitleCue* cue = cueAt(frame);
    if (!cue || cue->lines.empty()) return Status::ok();
    const double size = m_style.textHeight * heightPx;
    const LineMetrics m = m_font->metrics(size);
    const int pitch = int(std::ceil(m.lineHeightPx));
    const int pad = int(std::lround(0.3 * size));
    const int n = int(cue->lines.size());
    const int bottom = heightPx - int(std::lround(m_style.bottomMargin * heightPx));
    const int top = bottom - n * pitch;
    std::vector<ShapedLine> shaped;
    double widest = 0.0;
    for (const std::string& text : cue->lines) {
        shaped.push_back(m_font->shape(text, size));
        widest = std::max(widest, shaped.back().advancePx);
    }
    if (m_style.boxOpacity > 0.0) {
        const int boxWidth = int(std::ceil(widest)) + 2 * pad;
        const int x0 = (widthPx - boxWidth) / 2;
        EMU_RETURN_IF_ERROR(overlay.addBox({x0, top - pad, x0 + boxWidth, bottom + pad}));
    }
    const double lead = (pitch - (m.ascenderPx + m.descenderPx)) / 2.0;
    for (int i = 0; i < n; ++i) {
        const double baseline = std::round(top + i * pitch + lead + m.ascenderPx);
        m_font->draw(shaped[std::size_t(i)],
                     std::round((widthPx - shaped[std::size_t(i)].advancePx) / 2.0), baseline,
                     overlay);
    }
    return Status::ok();
}

Status SubtitleRenderer::apply(media::Image& image, std::int64_t frame) {
    const SubtitleCue* cue = cueAt(frame);
    if (!cue || cue->lines.empty()) return Status::ok();
    EMU_RETURN_IF_ERROR(layOut(image.width(), image.height(), frame, m_overlay));
    if (m_gpu) return m_gpu->composite(image, m_overlay);
    return compositeCpu(image, m_overlay);
}

}  // namespace emu::text
