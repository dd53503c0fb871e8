#pragma once

#include <filesystem>
#include <memory>

#include "emulsion/core/Result.h"
#include "emulsion/media/Image.h"
#include "emulsion/text/Font.h"
#include "emulsion/text/TextOverlay.h"
#include "emulsion/text/TitleSequence.h"

namespace emu::text {

class GpuCompositor;

// Draws a title sequence's frames: white text, no boxes, over whatever frame it is given
// (black for title cards on their own, the picture for credits over an end scene).
//   Card:    lines centred, the block centred vertically; opacity at block frame f is
//            min(1, f / fade_in, (frames - 1 - f) / fade_out), a term dropped when its fade
//            is 0 frames: the first frame of a fade-in and the last of a fade-out are clear.
//   Credits: the block's top at y(f) = H - f * (H + blockHeight) / frames: it enters from
//            below on its first frame and has all but left the top after its last, moving at
//            a constant rate with sub-pixel precision (rasterised at fractional offsets).
// blockHeight = lines x spacing x the font's line height at the block's size.
// Thread: one thread at a time per renderer.
class TitleRenderer {
public:
    // Fails with the Font's errors.
    static Result<TitleRenderer> create(TitleSequence sequence,
                                        const std::filesystem::path& fontPath = {});

    TitleRenderer(TitleRenderer&&) noexcept;
    TitleRenderer& operator=(TitleRenderer&&) noexcept;
    ~TitleRenderer();

    const TitleSequence& sequence() const { return m_sequence; }
    void useGpu(GpuCompositor* compositor) { m_gpu = compositor; }

    // The layout of sequence frame `frame` (0 .. totalFrames() - 1) on a frame of that size.
    // InvalidArgument outside the sequence.
    Status layOut(int widthPx, int heightPx, int frame, TextOverlay& overlay);
    Status apply(media::Image& image, int frame);

    // The formulas above, for callers and tests.
    static double cardOpacity(const TitleBlock& block, int blockFrame);
    static double creditsTopPx(const TitleBlock& block, int blockFrame, double frameHeightPx,
                               double blockHeightPx);
    double blockHeightPx(const TitleBlock& block, int frameHeightPx);

private:
    TitleRenderer(TitleSequence sequence, std::unique_ptr<Font> font);

    TitleSequence m_sequence;
    std::unique_ptr<Font> m_font;
    TextOverlay m_overlay;
    GpuCompositor* m_gpu = nullptr;
};

}  // namespace emu::text
