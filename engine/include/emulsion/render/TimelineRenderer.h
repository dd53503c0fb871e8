#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emulsion/color/ColorConfig.h"
#include "emulsion/core/Result.h"
#include "emulsion/gpu/Device.h"
#include "emulsion/graph/Grade.h"
#include "emulsion/graph/NodeRegistry.h"
#include "emulsion/graph/OcioNode.h"
#include "emulsion/media/ClipRegistry.h"
#include "emulsion/media/Image.h"
#include "emulsion/render/FrameGrader.h"
#include "emulsion/render/FrameOverlay.h"
#include "emulsion/timeline/Timeline.h"

namespace emu::render {

// The grade of the shot a clip shows (the project's active version), or none.
using ShotGradeLookup =
    std::function<Result<std::optional<graph::Grade>>(const timeline::Clip& clip)>;

// Where a render's pixels end up: a colour space of the config, or a display and view (with
// looks). All empty: the working space itself.
struct OutputColour {
    std::string colourSpace;
    std::string display;
    std::string view;
    std::string look;
};

struct TimelineRenderOptions {
    // The space shots are graded in: "" = the config's color_timing role (ACEScct in the
    // built-in config), else ACEScct, else each clip's own space.
    std::string workingSpace;
    int widthPx = 0;  // 0: the size of the first clip's media
    int heightPx = 0;
    ShotGradeLookup shotGrade;                  // empty: shots are ungraded
    std::optional<graph::Grade> timelineGrade;  // over the composite, before the output
    OutputColour output;
    // The input space of media whose clip metadata ("colour_space") and header name no colour
    // space of the config; "" makes such media an error.
    std::string defaultInputSpace;
    graph::OcioContext ocio;  // for the OCIO nodes of the grades
};

// One rendered frame: float RGBA of the output size, in the output encoding.
struct RenderedFrame {
    media::Image image;
    FrameContext context;
};

// Renders a timeline frame by frame from the camera originals at full resolution: for each
// video track, bottom to top, the clip (or the two sides of a transition) at the record frame
// is read from its original (never a proxy reference), developed when raw, converted to the
// working space and graded with its shot's grade on the GPU; the layers are composited over
// black in RGBA32F (media of another size fitted inside, centred, aspect kept; alpha "over";
// dissolves mix linearly, wipes move left to right); the
// timeline grade and the output transform run over the composite on the GPU.
// Speed effects map record to source frames: speed s shows source.start + floor(offset * s);
// a freeze (0) holds source.start; reverse runs back from the last source frame. Source frames
// beyond the media (short handles) hold its first or last frame and are counted in warnings().
// Thread: one thread drives it.
class TimelineRenderer {
public:
    // Fails naming the clip when a clip has no camera original, its media does not open, or
    // its colour space is unknown to the config: all checked before the first frame.
    static Result<std::unique_ptr<TimelineRenderer>> create(
        gpu::Device& device, color::ColorConfig config, timeline::Timeline timeline,
        media::ClipRegistry clips, graph::NodeRegistry nodes, TimelineRenderOptions options);
    ~TimelineRenderer();

    // The record frames the video tracks cover: [startFrame, the last item's end).
    timeline::FrameRange range() const;
    int widthPx() const { return m_width; }
    int heightPx() const { return m_height; }
    const timeline::Timeline& timeline() const { return m_timeline; }

    // Failure names the clip and its media file (missing or damaged frames, GPU errors).
    Result<RenderedFrame> render(timeline::Frames recordFrame);

    const std::vector<std::string>& warnings() const { return m_warnings; }

    struct Source;  // an opened clip and its grader; defined in TimelineRenderer.cpp

private:
    TimelineRenderer(gpu::Device& device, color::ColorConfig config, timeline::Timeline timeline,
                     media::ClipRegistry clips, graph::NodeRegistry nodes,
                     TimelineRenderOptions options);
    Status prepare();
    // The graded layer of one track at `recordFrame` (empty image for a gap); `top` receives
    // the clip shown, when any.
    Result<media::Image> trackLayer(std::size_t track, timeline::Frames recordFrame,
                                    const timeline::Clip** top);
    Result<media::Image> clipLayer(std::size_t track, std::size_t item,
                                   timeline::Frames recordFrame);
    Result<Source*> source(std::size_t track, std::size_t item);
    Result<std::string> inputSpaceOf(const timeline::Clip& clip, const media::ClipInfo& info,
                                     const std::filesystem::path& file) const;
    Result<media::Image> finish(media::Image composite);

    gpu::Device& m_device;
    color::ColorConfig m_config;
    timeline::Timeline m_timeline;
    media::ClipRegistry m_clips;
    graph::NodeRegistry m_nodes;
    TimelineRenderOptions m_options;
    std::string m_working;
    int m_width = 0;
    int m_height = 0;
    std::map<std::pair<std::size_t, std::size_t>, std::unique_ptr<Source>> m_sources;
    std::unique_ptr<FrameGrader> m_output;
    bool m_outputGrade = false;
    bool m_outputTransform = false;
    std::vector<std::string> m_warnings;
};

}  // namespace emu::render
