#include "emulsion/render/TimelineRenderer.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "Compositing.h"
#include "emulsion/graph/OcioPass.h"
#include "emulsion/raw/Demosaic.h"

namespace emu::render {

using timeline::Clip;
using timeline::Frames;

struct TimelineRenderer::Source {
    const Clip* clip = nullptr;
    std::filesystem::path file;
    std::unique_ptr<media::ClipReader> reader;
    std::unique_ptr<FrameGrader> grader;
    bool graded = false;       // a shot grade is set
    bool transformed = false;  // an input transform is set
    Frames mediaOffset = 0;    // media frame = source frame - mediaOffset
    gpu::KernelCache rawKernels;
    std::optional<raw::DemosaicPass> demosaic;
    explicit Source(gpu::Device& device) : rawKernels(device) {}
};

namespace {

bool isProxy(const timeline::MediaReference& ref) {
    std::string name = ref.name;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return name.find("proxy") != std::string::npos;
}

// The camera original of a clip: the active reference unless it is a proxy, else the first
// reference that is neither a proxy nor missing.
const timeline::MediaReference* originalOf(const Clip& clip) {
    const int active = clip.activeMedia;
    if (active >= 0 && std::size_t(active) < clip.media.size() && !isProxy(clip.media[active]) &&
        clip.media[active].kind != timeline::MediaReference::Kind::Missing) {
        return &clip.media[active];
    }
    for (const auto& ref : clip.media) {
        if (!isProxy(ref) && ref.kind != timeline::MediaReference::Kind::Missing) return &ref;
    }
    return nullptr;
}

std::string clipLabel(const Clip& clip) {
    return "clip " + (clip.name.empty() ? std::string("(unnamed)") : clip.name) +
           (clip.event ? " (event " + std::to_string(clip.event) + ")" : std::string());
}

Frames sourceFrameAt(const Clip& clip, Frames record) {
    const double offset = double(record - clip.record.start);
    const double speed = clip.speed.speed;
    if (speed >= 0) return clip.source.start + Frames(std::floor(offset * speed + 1e-9));
    return clip.source.end() - 1 - Frames(std::floor(offset * -speed + 1e-9));
}

Frames recordStartOf(const timeline::Item& item) {
    if (const Clip* c = std::get_if<Clip>(&item)) return c->record.start;
    if (const timeline::Gap* g = std::get_if<timeline::Gap>(&item)) return g->record.start;
    return 0;
}

bool coversRecord(const timeline::Item& item, Frames f) {
    if (const Clip* c = std::get_if<Clip>(&item)) return c->record.contains(f);
    if (const timeline::Gap* g = std::get_if<timeline::Gap>(&item)) return g->record.contains(f);
    return false;
}

}  // namespace

TimelineRenderer::TimelineRenderer(gpu::Device& device, color::ColorConfig config,
                                   timeline::Timeline timeline, media::ClipRegistry clips,
                                   graph::NodeRegistry nodes, TimelineRenderOptions options)
    : m_device(device),
      m_config(std::move(config)),
      m_timeline(std::move(timeline)),
      m_clips(std::move(clips)),
      m_nodes(std::move(nodes)),
      m_options(std::move(options)) {}

TimelineRenderer::~TimelineRenderer() = default;

Result<std::unique_ptr<TimelineRenderer>> TimelineRenderer::create(
    gpu::Device& device, color::ColorConfig config, timeline::Timeline timeline,
    media::ClipRegistry clips, graph::NodeRegistry nodes, TimelineRenderOptions options) {
    std::unique_ptr<TimelineRenderer> r(new TimelineRenderer(device, std::move(config),
                                                             std::move(timeline), std::move(clips),
                                                             std::move(nodes), std::move(options)));
    EMU_RETURN_IF_ERROR(r->prepare());
    return r;
}

timeline::FrameRange TimelineRenderer::range() const {
    Frames end = m_timeline.startFrame;
    for (const timeline::Track& track : m_timeline.tracks) {
        if (track.kind != timeline::Track::Kind::Video) continue;
        for (const timeline::Item& item : track.items) {
            if (const Clip* c = std::get_if<Clip>(&item)) end = std::max(end, c->record.end());
            if (const auto* g = std::get_if<timeline::Gap>(&item))
                end = std::max(end, g->record.end());
        }
    }
    return {m_timeline.startFrame, end - m_timeline.startFrame};
}

Status TimelineRenderer::prepare() {
    m_working = m_options.workingSpace;
    if (m_working.empty()) {
        m_working = m_config.hasColorSpace("color_timing") ? "color_timing"
                    : m_config.hasColorSpace("ACEScct")    ? "ACEScct"
                                                           : "";
    }
    if (!m_working.empty() && !m_config.hasColorSpace(m_working)) {
        return makeError(
            ErrorCode::InvalidArgument,
            "working space '" + m_working + "' is not in OCIO config " + m_config.source());
    }
    // Every clip must have an original before anything renders: a master is complete.
    const Clip* first = nullptr;
    for (const timeline::Track& track : m_timeline.tracks) {
        if (track.kind != timeline::Track::Kind::Video) continue;
        for (const timeline::Item& item : track.items) {
            const Clip* clip = std::get_if<Clip>(&item);
            if (!clip) continue;
            const timeline::MediaReference* ref = originalOf(*clip);
            if (!ref) {
                return makeError(ErrorCode::NotFound,
                                 clipLabel(*clip) +
                                     ": no camera original to render from (media "
                                     "missing, or only proxies); relink it first");
            }
            if (ref->kind == timeline::MediaReference::Kind::Generator) continue;
            if (!first) first = clip;
            // Every clip's media opens and has a known colour space before the first frame, so
            // a long render does not stop on the shot that lacks one.
            auto opened = m_clips.open(ref->path);
            if (!opened.isOk()) return opened.status().withContext(clipLabel(*clip));
            EMU_RETURN_IF_ERROR(inputSpaceOf(*clip, (*opened)->info(), ref->path).status());
        }
    }
    m_width = m_options.widthPx;
    m_height = m_options.heightPx;
    if (m_width <= 0 || m_height <= 0) {
        if (!first)
            return makeError(ErrorCode::InvalidArgument,
                             "the timeline has no clips to size the render by");
        auto opened = m_clips.open(originalOf(*first)->path);
        if (!opened.isOk()) return opened.status().withContext(clipLabel(*first));
        m_width = (*opened)->info().width;
        m_height = (*opened)->info().height;
    }
    // The output stage: the timeline grade, then the output transform.
    EMU_ASSIGN_OR_RETURN(m_output, FrameGrader::create(m_device));
    if (m_options.timelineGrade) {
        EMU_RETURN_IF_ERROR(m_output->setGrade(*m_options.timelineGrade, m_nodes, m_options.ocio)
                                .withContext("timeline grade"));
        m_outputGrade = true;
    }
    const OutputColour& out = m_options.output;
    if (!out.colourSpace.empty() || !out.display.empty()) {
        if (m_working.empty()) {
            return makeError(ErrorCode::InvalidArgument,
                             "an output colour needs a working space: the config has no "
                             "color_timing role; name one");
        }
        color::OcioShaderRequest request;
        request.from = m_working;
        request.to = out.colourSpace;
        request.display = out.display;
        request.view = out.view;
        request.looks = out.look;
        request.firstBinding = graph::OcioPass::kFirstTextureBinding;
        auto shader = color::OcioShader::build(m_config, request);
        if (!shader.isOk()) return shader.status().withContext("output colour");
        EMU_RETURN_IF_ERROR(m_output->setOutputTransform(*shader));
        m_outputTransform = true;
    }
    return Status::ok();
}

Result<std::string> TimelineRenderer::inputSpaceOf(const Clip& clip, const media::ClipInfo& info,
                                                   const std::filesystem::path& file) const {
    // The clip's metadata, else what the header says, else the default.
    std::string space;
    if (auto m = clip.metadata.find("colour_space"); m != clip.metadata.end()) space = m->second;
    if (space.empty() && info.raw) space = "ACES2065-1";  // the demosaic develops into it
    if (space.empty() && m_config.hasColorSpace(info.colourSpaceHint)) space = info.colourSpaceHint;
    if (space.empty()) space = m_options.defaultInputSpace;
    if (space.empty() || !m_config.hasColorSpace(space)) {
        return makeError(ErrorCode::InvalidArgument,
                         clipLabel(clip) + " (" + file.string() + "): colour space '" + space +
                             "' is not in the OCIO config; name one (the clip's colour_space, or "
                             "the default input space: `render --input-space`)");
    }
    return space;
}

Result<TimelineRenderer::Source*> TimelineRenderer::source(std::size_t track, std::size_t item) {
    auto found = m_sources.find({track, item});
    if (found != m_sources.end()) return found->second.get();
    // Sources of clips that ended are closed: renders run forward, so few are open at once.
    for (auto it = m_sources.begin(); it != m_sources.end();) {
        it = m_sources.size() >= 8 ? m_sources.erase(it) : std::next(it);
    }
    const Clip& clip = std::get<Clip>(m_timeline.tracks[track].items[item]);
    auto s = std::make_unique<Source>(m_device);
    s->clip = &clip;
    s->file = originalOf(clip)->path;
    auto opened = m_clips.open(s->file);
    if (!opened.isOk()) return opened.status().withContext(clipLabel(clip));
    s->reader = std::move(opened).value();
    const media::ClipInfo& info = s->reader->info();
    Frames tcStart = info.firstFrame;
    if (!info.startTimecode.empty()) {
        auto tc = timeline::timecodeToFrames(info.startTimecode, clip.sourceRate);
        if (tc.isOk()) tcStart = *tc;
    }
    s->mediaOffset = tcStart - info.firstFrame;
    EMU_ASSIGN_OR_RETURN(const std::string space, inputSpaceOf(clip, info, s->file));
    EMU_ASSIGN_OR_RETURN(s->grader, FrameGrader::create(m_device));
    if (!m_working.empty() && space != m_working) {
        color::OcioShaderRequest request;
        request.from = space;
        request.to = m_working;
        request.firstBinding = graph::OcioPass::kFirstTextureBinding;
        auto shader = color::OcioShader::build(m_config, request);
        if (!shader.isOk()) return shader.status().withContext(clipLabel(clip));
        EMU_RETURN_IF_ERROR(s->grader->setInputTransform(*shader));
        s->transformed = true;
    }
    if (m_options.shotGrade) {
        EMU_ASSIGN_OR_RETURN(std::optional<graph::Grade> grade, m_options.shotGrade(clip));
        if (grade) {
            EMU_RETURN_IF_ERROR(
                s->grader->setGrade(*grade, m_nodes, m_options.ocio).withContext(clipLabel(clip)));
            s->graded = true;
        }
    }
    Source* raw = s.get();
    m_sources[{track, item}] = std::move(s);
    return raw;
}

Result<media::Image> TimelineRenderer::clipLayer(std::size_t track, std::size_t item,
                                                 Frames recordFrame) {
    EMU_ASSIGN_OR_RETURN(Source * s, source(track, item));
    const media::ClipInfo& info = s->reader->info();
    const Frames wanted = sourceFrameAt(*s->clip, recordFrame) - s->mediaOffset;
    const Frames last = Frames(info.firstFrame) + std::max(info.frameCount, 1) - 1;
    const Frames mediaFrame = std::clamp<Frames>(wanted, info.firstFrame, last);
    if (mediaFrame != wanted) {
        m_warnings.push_back(clipLabel(*s->clip) + ": source frame beyond the media at record " +
                             std::to_string(recordFrame) + "; held the nearest frame");
    }
    auto decoded = s->reader->read(int(mediaFrame));
    if (!decoded.isOk()) return decoded.status().withContext(clipLabel(*s->clip));
    media::Image image = std::move(decoded->image);
    if (decoded->mosaic) {
        if (!s->demosaic) {
            EMU_ASSIGN_OR_RETURN(raw::DemosaicPass pass,
                                 raw::DemosaicPass::create(m_device, s->rawKernels));
            s->demosaic = std::move(pass);
        }
        EMU_ASSIGN_OR_RETURN(image, s->demosaic->run(*decoded->mosaic, raw::DemosaicParams{}));
    }
    if (image.type() != media::PixelType::Float) image = image.converted(media::PixelType::Float);
    Result<media::Image> graded = s->graded        ? s->grader->grade(image)
                                  : s->transformed ? s->grader->transform(image)
                                                   : Result<media::Image>(std::move(image));
    if (!graded.isOk()) return graded.status().withContext(clipLabel(*s->clip));
    return resized(*graded, m_width, m_height);
}

Result<media::Image> TimelineRenderer::trackLayer(std::size_t t, Frames recordFrame,
                                                  const Clip** top) {
    const std::vector<timeline::Item>& items = m_timeline.tracks[t].items;
    auto layerOf = [&](std::size_t i) -> Result<media::Image> {
        const Clip* clip = std::get_if<Clip>(&items[i]);
        if (!clip) return media::Image();
        // Generators ("black", "bars", ...) render as black: the slate of a master.
        if (originalOf(*clip)->kind == timeline::MediaReference::Kind::Generator) {
            return blackFrame(m_width, m_height);
        }
        return clipLayer(t, i, recordFrame);
    };
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto* tr = std::get_if<timeline::Transition>(&items[i]);
        if (!tr || i == 0 || i + 1 >= items.size()) continue;
        const Frames cut = recordStartOf(items[i + 1]);
        const timeline::FrameRange span{cut - tr->inOffset, tr->inOffset + tr->outOffset};
        if (!span.contains(recordFrame) || span.duration <= 0) continue;
        const double mix = (double(recordFrame - span.start) + 0.5) / double(span.duration);
        EMU_ASSIGN_OR_RETURN(media::Image from, layerOf(i - 1));
        EMU_ASSIGN_OR_RETURN(media::Image to, layerOf(i + 1));
        const std::size_t shown = mix < 0.5 ? i - 1 : i + 1;
        if (const Clip* c = std::get_if<Clip>(&items[shown])) *top = c;
        return tr->kind == timeline::Transition::Kind::Wipe
                   ? wipe(from, to, float(mix), m_width, m_height)
                   : dissolve(from, to, float(mix), m_width, m_height);
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!coversRecord(items[i], recordFrame)) continue;
        if (const Clip* c = std::get_if<Clip>(&items[i])) *top = c;
        return layerOf(i);
    }
    return media::Image();
}

Result<media::Image> TimelineRenderer::finish(media::Image composite) {
    if (m_outputGrade) return m_output->grade(composite);
    if (m_outputTransform) return m_output->transform(composite);
    return composite;
}

Result<RenderedFrame> TimelineRenderer::render(Frames recordFrame) {
    media::Image composite = blackFrame(m_width, m_height);
    const Clip* top = nullptr;
    for (std::size_t t = 0; t < m_timeline.tracks.size(); ++t) {
        if (m_timeline.tracks[t].kind != timeline::Track::Kind::Video) continue;
        const Clip* shown = nullptr;
        EMU_ASSIGN_OR_RETURN(media::Image layer, trackLayer(t, recordFrame, &shown));
        if (layer.empty()) continue;
        over(composite, layer);
        if (shown) top = shown;
    }
    RenderedFrame out;
    EMU_ASSIGN_OR_RETURN(out.image, finish(std::move(composite)));
    FrameContext& ctx = out.context;
    ctx.recordFrame = recordFrame;
    EMU_ASSIGN_OR_RETURN(
        ctx.recordTimecode,
        timeline::framesToTimecode(recordFrame, m_timeline.rate, m_timeline.dropFrame));
    if (top) {
        ctx.shotName = top->name;
        ctx.reel = top->reel;
        auto tc =
            timeline::framesToTimecode(sourceFrameAt(*top, recordFrame), top->sourceRate, false);
        if (tc.isOk()) ctx.sourceTimecode = *tc;
    }
    return out;
}

}  // namespace emu::render
