#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/media/Clip.h"
#include "emulsion/media/Image.h"
#include "emulsion/text/Font.h"
#include "emulsion/text/SrtFile.h"
#include "emulsion/text/TextOverlay.h"

namespace emu::text {

class GpuCompositor;

struct SubtitleStyle {
    double textHeight = 0.045;       // em as a fraction of the frame height
    double bottomMargin = 0.08;      // from the bottom edge to the block, of the frame height
    double boxOpacity = 0.45;        // of the black box behind the block (0: none)
    std::filesystem::path fontPath;  // empty: Font::kDefaultPath
};

// Burns SRT cues into frames: frame n (from the timeline's start, at `rate`) shows the cue
// whose [start, end) holds the frame's start time n / rate, exactly (integer arithmetic), its
// lines centred above the bottom margin on one translucent box.
// Thread: one thread at a time per renderer.
class SubtitleRenderer {
public:
    // InvalidArgument for a bad rate or style; the Font's errors.
    static Result<SubtitleRenderer> create(std::vector<SubtitleCue> cues, media::FrameRate rate,
                                           const SubtitleStyle& style = {});

    SubtitleRenderer(SubtitleRenderer&&) noexcept;
    SubtitleRenderer& operator=(SubtitleRenderer&&) noexcept;
    ~SubtitleRenderer();

    void useGpu(GpuCompositor* compositor) { m_gpu = compositor; }

    // The cue on frame `frame`, or null.
    const SubtitleCue* cueAt(std::int64_t frame) const;

    Status layOut(int widthPx, int heightPx, std::int64_t frame, TextOverlay& overlay);
    // Leaves frames without a cue untouched.
    Status apply(media::Image& image, std::int64_t frame);

private:
    SubtitleRenderer(std::vector<SubtitleCue> cues, media::FrameRate rate, SubtitleStyle style,
                     std::unique_ptr<Font> font);

    std::vector<SubtitleCue> m_cues;
    media::FrameRate m_rate;
    SubtitleStyle m_style;
    std::unique_ptr<Font> m_font;
    TextOverlay m_overlay;
    GpuCompositor* m_gpu = nullptr;
};

}  // namespace emu::text
