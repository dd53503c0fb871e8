#include "emulsion/text/BurnIn.h"

#include <array>
#include <cmath>

#include "emulsion/text/GpuCompositor.h"

namespace emu::text {

namespace {

constexpr std::array kFieldIds{"record_tc", "source_tc", "shot_name", "watermark"};
constexpr std::array kPositionIds{"top_left",    "top_centre",    "top_right",
                                  "bottom_left", "bottom_centre", "bottom_right"};

const std::string& valueOf(const BurnInFields& f, BurnInField field) {
    switch (field) {
        case BurnInField::RecordTimecode:
            return f.recordTc;
        case BurnInField::SourceTimecode:
            return f.sourceTc;
        case BurnInField::ShotName:
            return f.shotName;
        case BurnInField::Watermark:
            return f.watermark;
    }
    return f.watermark;
}

bool isTop(BurnInPosition p) {
    return p == BurnInPosition::TopLeft || p == BurnInPosition::TopCentre ||
           p == BurnInPosition::TopRight;
}

}  // namespace

const char* toString(BurnInField field) {
    return kFieldIds[std::size_t(field)];
}
const char* toString(BurnInPosition position) {
    return kPositionIds[std::size_t(position)];
}
std::optional<BurnInField> burnInFieldFromString(std::string_view id) {
    for (std::size_t i = 0; i < kFieldIds.size(); ++i)
        if (id == kFieldIds[i]) return BurnInField(i);
    return std::nullopt;
}
std::optional<BurnInPosition> burnInPositionFromString(std::string_view id) {
    for (std::size_t i = 0; i < kPositionIds.size(); ++i)
        if (id == kPositionIds[i]) return BurnInPosition(i);
    return std::nullopt;
}

BurnInLayout BurnInLayout::review() {
    BurnInLayout l;
    l.items = {{BurnInField::ShotName, BurnInPosition::TopLeft, ""},
               {BurnInField::Watermark, BurnInPosition::TopCentre, ""},
               {BurnInField::SourceTimecode, BurnInPosition::TopRight, "SRC "},
               {BurnInField::RecordTimecode, BurnInPosition::BottomCentre, ""}};
    return l;
}

Result<BurnInRenderer> BurnInRenderer::create(const BurnInLayout& layout) {
    auto invalid = [](const std::string& what) {
        return makeError(ErrorCode::InvalidArgument, "burn-in layout: " + what);
    };
    if (layout.items.empty()) return invalid("no fields to show");
    if (int(layout.items.size()) > TextOverlay::kMaxBoxes)
        return invalid("at most " + std::to_string(TextOverlay::kMaxBoxes) + " fields");
    if (!(layout.textHeight > 0.0 && layout.textHeight <= 0.5))
        return invalid("text height must be in (0, 0.5] of the frame height");
    if (!(layout.margin >= 0.0 && layout.margin < 0.5))
        return invalid("margin must be in [0, 0.5) of the frame height");
    if (!(layout.boxOpacity >= 0.0 && layout.boxOpacity <= 1.0))
        return invalid("box opacity must be in [0, 1]");
    EMU_ASSIGN_OR_RETURN(
        std::unique_ptr<Font> font,
        Font::open(layout.fontPath.empty() ? Font::kDefaultPath : layout.fontPath));
    return BurnInRenderer(layout, std::move(font));
}

BurnInRenderer::BurnInRenderer(BurnInLayout layout, std::unique_ptr<Font> font)
    : m_layout(std::move(layout)), m_font(std::move(font)) {}
BurnInRenderer::BurnInRenderer(BurnInRenderer&&) noexcept = default;
BurnInRenderer& BurnInRenderer::operator=(BurnInRenderer&&) noexcept = default;
BurnInRenderer::~BurnInRenderer() = default;

Status BurnInRenderer::layOut(int widthPx, int heightPx, const BurnInFields& fields,
                              TextOverlay& overlay) {
    if (overlay.width != widthPx || overlay.height != heightPx) {
        overlay = TextOverlay(widthPx, heightPx);
    } else {
        overlay.clear();
    }
    overlay.boxOpacity = float(m_layout.boxOpacity);
    const double sizePx = std::max(4.0, m_layout.textHeight * heightPx);
    const LineMetrics m = m_font->metrics(sizePx);
    const int pad = int(std::lround(0.25 * sizePx));
    const int boxHeight = int(std::ceil(m.ascenderPx + m.descenderPx)) + 2 * pad;
    const int gap = std::max(1, pad / 2);
    const int margin = int(std::lround(m_layout.margin * heightPx));

    // Rows used so far at each position, counted from the edge the block is held against.
    std::array<int, 6> stacked{};
    std::array<int, 6> total{};
    for (const BurnInItem& item : m_layout.items)
        if (!valueOf(fields, item.field).empty()) ++total[std::size_t(item.position)];

    for (const BurnInItem& item : m_layout.items) {
        const std::string& value = valueOf(fields, item.field);
        if (value.empty()) continue;
        const ShapedLine line = m_font->shape(item.prefix + value, sizePx);
        const int boxWidth = int(std::ceil(line.advancePx)) + 2 * pad;
        const std::size_t slot = std::size_t(item.position);
        const int row = stacked[slot]++;
        int y0 = margin + row * (boxHeight + gap);
        if (!isTop(item.position))
            y0 = heightPx - margin - (total[slot] - row) * (boxHeight + gap) + gap;
        int x0 = margin;
        if (item.position == BurnInPosition::TopCentre ||
            item.position == BurnInPosition::BottomCentre) {
            x0 = (widthPx - boxWidth) / 2;
        } else if (item.position == BurnInPosition::TopRight ||
                   item.position == BurnInPosition::BottomRight) {
            x0 = widthPx - margin - boxWidth;
        }
        EMU_RETURN_IF_ERROR(overlay.addBox({x0, y0, x0 + boxWidth, y0 + boxHeight}));
        // Whole-pixel origin: static text stays crisp.
        m_font->draw(line, x0 + pad, y0 + pad + std::round(m.ascenderPx), overlay);
    }
    return Status::ok();
}

Status BurnInRenderer::apply(media::Image& frame, const BurnInFields& fields) {
    EMU_RETURN_IF_ERROR(layOut(frame.width(), frame.height(), fields, m_overlay));
    if (m_gpu) return m_gpu->composite(frame, m_overlay);
    return compositeCpu(frame, m_overlay);
}

}  // namespace emu::text
