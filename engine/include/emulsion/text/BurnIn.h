#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/media/Image.h"
#include "emulsion/text/Font.h"
#include "emulsion/text/TextOverlay.h"

namespace emu::text {

class GpuCompositor;

// What a review burn-in can show. Stable ids: "record_tc", "source_tc", "shot_name",
// "watermark".
enum class BurnInField { RecordTimecode, SourceTimecode, ShotName, Watermark };
// Where: the four corners, top and bottom centre. Ids: "top_left", "top_centre", "top_right",
// "bottom_left", "bottom_centre", "bottom_right".
enum class BurnInPosition { TopLeft, TopCentre, TopRight, BottomLeft, BottomCentre, BottomRight };

const char* toString(BurnInField field);
const char* toString(BurnInPosition position);
std::optional<BurnInField> burnInFieldFromString(std::string_view id);
std::optional<BurnInPosition> burnInPositionFromString(std::string_view id);

struct BurnInItem {
    BurnInField field = BurnInField::RecordTimecode;
    BurnInPosition position = BurnInPosition::BottomCentre;
    std::string prefix;  // drawn before the value, e.g. "SRC "
};

// The preset's part: which fields, where, how big. Items sharing a position stack downwards in
// their order, the block held against the top or bottom margin.
struct BurnInLayout {
    std::vector<BurnInItem> items;   // at most TextOverlay::kMaxBoxes
    double textHeight = 0.04;        // the font's em as a fraction of the frame height
    double margin = 0.03;            // from the frame's edges, as a fraction of its height
    double boxOpacity = 0.55;        // of the black box behind each field
    std::filesystem::path fontPath;  // empty: Font::kDefaultPath

    // Shot name top left, watermark top centre, source time code top right, record time code
    // bottom centre: the usual editorial review layout.
    static BurnInLayout review();
};

// The values of one frame.
struct BurnInFields {
    std::string recordTc;
    std::string sourceTc;
    std::string shotName;
    std::string watermark;
};

// Draws review burn-ins on display-referred RGBA frames: each non-empty field as one line of
// white text on a translucent black box. The renderer calls apply() once per frame.
// Thread: one thread at a time per renderer (it owns a Font).
class BurnInRenderer {
public:
    // Failure: InvalidArgument (no items, too many, sizes out of range), the Font's errors.
    static Result<BurnInRenderer> create(const BurnInLayout& layout);

    BurnInRenderer(BurnInRenderer&&) noexcept;
    BurnInRenderer& operator=(BurnInRenderer&&) noexcept;
    ~BurnInRenderer();

    // Composites on the GPU through `compositor` from now on (null: on the CPU again). The
    // compositor must outlive its use here.
    void useGpu(GpuCompositor* compositor) { m_gpu = compositor; }

    // Lays out the fields on a frame of that size into `overlay` (resized and cleared first).
    Status layOut(int widthPx, int heightPx, const BurnInFields& fields, TextOverlay& overlay);

    // Lays out and composites onto `frame` (Float or Half). Errors from the GPU path.
    Status apply(media::Image& frame, const BurnInFields& fields);

    const BurnInLayout& layout() const { return m_layout; }

private:
    BurnInRenderer(BurnInLayout layout, std::unique_ptr<Font> font);

    BurnInLayout m_layout;
    std::unique_ptr<Font> m_font;
    TextOverlay m_overlay;
    GpuCompositor* m_gpu = nullptr;
};

}  // namespace emu::text
