#include "emulsion/render/BurnInOverlay.h"

#include <algorithm>

#include "emulsion/text/BurnIn.h"
#include "emulsion/text/SubtitleRenderer.h"

namespace emu::render {

namespace {

// Draws on the frame the renderer has already brought back for its writer, on the CPU: the
// text touches a few bands of rows (about a millisecond a 1080p frame, docs/PERFORMANCE.md),
// less than a round trip to the GPU and back would cost.
class BurnInOverlay final : public FrameOverlay {
public:
    BurnInOverlay(text::BurnInRenderer renderer, std::string watermark)
        : m_renderer(std::move(renderer)), m_watermark(std::move(watermark)) {}

    Status apply(media::Image& displayFrame, const FrameContext& ctx) override {
        text::BurnInFields fields;
        fields.recordTc = ctx.recordTimecode;
        fields.sourceTc = ctx.sourceTimecode;
        fields.shotName = ctx.shotName;
        fields.watermark = m_watermark;
        return m_renderer.apply(displayFrame, fields);
    }

private:
    text::BurnInRenderer m_renderer;
    std::string m_watermark;
};

class SubtitleOverlay final : public FrameOverlay {
public:
    SubtitleOverlay(text::SubtitleRenderer renderer, timeline::Frames start)
        : m_renderer(std::move(renderer)), m_start(start) {}

    Status apply(media::Image& displayFrame, const FrameContext& ctx) override {
        return m_renderer.apply(displayFrame, ctx.recordFrame - m_start);
    }

private:
    text::SubtitleRenderer m_renderer;
    timeline::Frames m_start;
};

}  // namespace

Result<std::unique_ptr<FrameOverlay>> makeSubtitleOverlay(const std::filesystem::path& srt,
                                                          timeline::Frames timelineStart,
                                                          media::FrameRate rate) {
    EMU_ASSIGN_OR_RETURN(std::vector<text::SubtitleCue> cues, text::readSrt(srt));
    EMU_ASSIGN_OR_RETURN(text::SubtitleRenderer renderer,
                         text::SubtitleRenderer::create(std::move(cues), rate));
    return std::unique_ptr<FrameOverlay>(new SubtitleOverlay(std::move(renderer), timelineStart));
}

Result<std::unique_ptr<FrameOverlay>> makeBurnInOverlay(const std::vector<BurninField>& fields) {
    text::BurnInLayout layout = text::BurnInLayout::review();
    layout.items.clear();
    std::string watermark;
    for (const BurninField& f : fields) {
        const auto field = text::burnInFieldFromString(f.field);
        if (!field) {
            return makeError(ErrorCode::InvalidArgument, "burn-in field '" + f.field +
                                                             "': the text renderer knows "
                                                             "record_tc, source_tc, shot_name "
                                                             "and watermark");
        }
        // Presets spell positions with hyphens ("top-left"), the text module with underscores.
        std::string position = f.position.empty() ? "bottom-centre" : f.position;
        std::replace(position.begin(), position.end(), '-', '_');
        const auto where = text::burnInPositionFromString(position);
        if (!where) {
            return makeError(ErrorCode::InvalidArgument,
                             "burn-in position '" + f.position +
                                 "' is not one of top-left, "
                                 "top-centre, top-right, bottom-left, bottom-centre, bottom-right");
        }
        if (*field == text::BurnInField::Watermark) {
            if (!watermark.empty()) {
                return makeError(ErrorCode::InvalidArgument,
                                 "a preset takes one watermark burn-in, it has two");
            }
            watermark = f.text;
        }
        layout.items.push_back({*field, *where, ""});
    }
    EMU_ASSIGN_OR_RETURN(text::BurnInRenderer renderer, text::BurnInRenderer::create(layout));
    return std::unique_ptr<FrameOverlay>(new BurnInOverlay(std::move(renderer), watermark));
}

RenderCapabilities builtinCapabilities() {
    RenderCapabilities c;
    c.burnins = makeBurnInOverlay;
    c.reviewCodecs = true;
    c.audioMux = true;
    return c;
}

}  // namespace emu::render
