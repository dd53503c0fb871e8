#include "RenderWorker.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <list>
#include <utility>

#include "ThreadPriority.h"
#include "emulsion/color/ColorConfig.h"
#include "emulsion/color/OcioShader.h"
#include "emulsion/gpu/Device.h"
#include "emulsion/graph/OcioPass.h"
#include "emulsion/media/ClipRegistry.h"
#include "emulsion/raw/Demosaic.h"
#include "emulsion/render/FrameGrader.h"
#include "emulsion/scopes/CpuScope.h"

namespace emu::station {

namespace {

// A picture should reach the screen within this; slower renders drop to a smaller proxy.
constexpr double kFrameBudgetMs = 33.0;
constexpr int kMaxProxyFactor = 8;
constexpr std::size_t kCachedFrames = 8;
constexpr std::chrono::milliseconds kQuietBeforeRefine{250};
// Thumbnails' colour pipelines kept (one per input space, display and view), and their shrunk
// source frames: a grade change re-renders a thumbnail without decoding its media again.
constexpr std::size_t kThumbnailGraders = 4;
constexpr std::size_t kThumbnailSources = 64;
// A proxy is never narrower than this (or the frame); it only lasts while edits keep coming.
constexpr int kMinProxyWidthPx = 64;
// Black columns between the two pictures of a split screen.
constexpr int kSplitGapPx = 8;

// What makes the engine build pipelines: node types, bypasses and wiring, not values.
std::string structureOf(const graph::Grade& grade) {
    std::string key;
    for (const graph::GradeNode& n : grade.nodes()) {
        key += std::to_string(n.id) + n.type + (n.bypass ? "b" : "") + ";";
        for (const auto& [id, text] : n.texts) key += id + "=" + text + ";";
    }
    for (const graph::Connection& c : grade.connections()) {
        key += std::to_string(c.fromNode) + c.fromPort + ">" + std::to_string(c.toNode) + c.toPort;
    }
    return key;
}

// Every `factor`-th pixel of `in`: a pointwise grade of the result equals the same pixels of
// the graded full frame, so a proxy shows exactly the colours of the full render.
media::Image decimateImage(const media::Image& in, int factor) {
    if (factor <= 1) return in;
    const int w = (in.width() + factor - 1) / factor;
    const int h = (in.height() + factor - 1) / factor;
    media::Image out(w, h, in.type());
    const std::size_t bpp = in.bytesPerPixel();
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const std::byte* src =
                in.data() + (std::size_t(y) * factor * in.width() + std::size_t(x) * factor) * bpp;
            std::copy(src, src + bpp, out.data() + (std::size_t(y) * w + x) * bpp);
        }
    }
    return out;
}

std::uint8_t encode8(float v) {
    if (!(v > 0.0f)) return 0;  // NaN too
    if (v >= 1.0f) return 255;
    return std::uint8_t(std::lround(v * 255.0f));
}

Picture encodePicture(const media::Image& image) {
    Picture p;
    p.width = image.width();
    p.height = image.height();
    p.rgba.resize(std::size_t(p.width) * p.height * 4);
    const media::Image f =
        image.type() == media::PixelType::Float ? image : image.converted(media::PixelType::Float);
    const auto* src = reinterpret_cast<const float*>(f.data());
    for (std::size_t i = 0, n = p.rgba.size(); i < n; i += 4) {
        for (int c = 0; c < 3; ++c) p.rgba[i + c] = encode8(src[i + c]);
        p.rgba[i + 3] = 255;
    }
    return p;
}

// The right part of `b`, from the fraction `wipe` of the width on, over the same part of `a`.
void wipeInto(Picture& a, const Picture& b, float wipe) {
    const int split = std::clamp(int(std::lround(wipe * a.width)), 0, a.width);
    for (int y = 0; y < b.height; ++y) {
        const std::size_t row = std::size_t(y) * b.width * 4;
        std::copy(b.rgba.begin() + row + split * 4, b.rgba.begin() + row + b.width * 4,
                  a.rgba.begin() + row + split * 4);
    }
}

Scopes measure(const Picture& p) {
    Scopes s;
    for (std::size_t i = 0, n = p.rgba.size(); i < n; i += 4) {
        for (int c = 0; c < 3; ++c) s.histogram[c][p.rgba[i + c]] += 1.0f;
    }
    return s;
}

double msSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

struct RenderWorker::Engine {
    std::unique_ptr<gpu::Device> device;
    std::optional<color::ColorConfig> config;
    std::unique_ptr<render::FrameGrader> a;
    std::unique_ptr<render::FrameGrader> b;
    std::string colourKey;  // input|display|view the graders were built for
    std::unique_ptr<gpu::KernelCache> rawKernels;
    std::optional<raw::DemosaicPass> demosaic;
    std::list<std::pair<std::string, media::Image>> cache;  // most recent first
    int speedFactor = 1;
    std::string structure;  // of the last grade rendered
    bool compiled = false;  // the last frame built pipelines: its time says nothing of speed

    std::map<std::string, std::unique_ptr<render::FrameGrader>> thumbnailGraders;
    std::map<std::string, media::Image> thumbnailSources;  // path#frame -> shrunk frame

    Result<media::Image> source(const std::string& path, int frame);
    Status ensureConfig();
    Status prepareColour(const RenderRequest& r);
    Result<std::unique_ptr<render::FrameGrader>> makeGrader(const std::string& inputSpace,
                                                            const std::string& display,
                                                            const std::string& view);
    Result<Picture> thumbnail(const ThumbnailRequest& r, const graph::NodeRegistry& registry);
};

Result<media::Image> RenderWorker::Engine::source(const std::string& path, int frame) {
    const std::string key = path + "#" + std::to_string(frame);
    for (auto it = cache.begin(); it != cache.end(); ++it) {
        if (it->first != key) continue;
        cache.splice(cache.begin(), cache, it);
        return cache.front().second;
    }
    EMU_ASSIGN_OR_RETURN(std::unique_ptr<media::ClipReader> reader,
                         media::builtinClipReaders().open(path));
    EMU_ASSIGN_OR_RETURN(media::Frame decoded, reader->read(frame));
    media::Image image = std::move(decoded.image);
    if (decoded.mosaic) {
        if (!rawKernels) rawKernels = std::make_unique<gpu::KernelCache>(*device);
        if (!demosaic) {
            EMU_ASSIGN_OR_RETURN(raw::DemosaicPass pass,
                                 raw::DemosaicPass::create(*device, *rawKernels));
            demosaic = std::move(pass);
        }
        raw::DemosaicParams params;
        params.method = raw::DemosaicMethod::Bilinear;  // the viewer's speed over detail
        EMU_ASSIGN_OR_RETURN(image, demosaic->run(*decoded.mosaic, params));
    }
    cache.emplace_front(key, image);
    if (cache.size() > kCachedFrames) cache.pop_back();
    return image;
}

Result<std::unique_ptr<render::FrameGrader>> RenderWorker::Engine::makeGrader(
    const std::string& inputSpace, const std::string& display, const std::string& view) {
    EMU_ASSIGN_OR_RETURN(std::unique_ptr<render::FrameGrader> grader,
                         render::FrameGrader::create(*device));
    // As `emulsion grade --from SPACE --display D --view V` does: media -> the config's
    // colour-timing space (the grade's working space) -> display.
    const std::string working =
        config->hasColorSpace("color_timing") ? std::string("color_timing") : inputSpace;
    auto build = [&](color::OcioShaderRequest request) -> Result<color::OcioShader> {
        request.firstBinding = graph::OcioPass::kFirstTextureBinding;
        return color::OcioShader::build(*config, request);
    };
    if (!inputSpace.empty() && !working.empty()) {
        color::OcioShaderRequest in;
        in.from = inputSpace;
        in.to = working;
        EMU_ASSIGN_OR_RETURN(color::OcioShader shader, build(in));
        EMU_RETURN_IF_ERROR(grader->setInputTransform(shader));
    }
    if (!display.empty() && !working.empty()) {
        color::OcioShaderRequest out;
        out.from = working;
        out.display = display;
        out.view = view;
        EMU_ASSIGN_OR_RETURN(color::OcioShader shader, build(out));
        EMU_RETURN_IF_ERROR(grader->setOutputTransform(shader));
    }
    return grader;
}

Status RenderWorker::Engine::ensureConfig() {
    if (config) return Status::ok();
    EMU_ASSIGN_OR_RETURN(color::ColorConfig c, color::ColorConfig::load(std::nullopt));
    config = std::move(c);
    return Status::ok();
}

Status RenderWorker::Engine::prepareColour(const RenderRequest& r) {
    const std::string key = r.inputSpace + "|" + r.display + "|" + r.view;
    if (a && key == colourKey) return Status::ok();
    EMU_RETURN_IF_ERROR(ensureConfig());
    compiled = true;
    EMU_ASSIGN_OR_RETURN(a, makeGrader(r.inputSpace, r.display, r.view));
    EMU_ASSIGN_OR_RETURN(b, makeGrader(r.inputSpace, r.display, r.view));
    colourKey = key;
    return Status::ok();
}

// The thumbnails have graders of their own: shots differ in input space, and sharing the
// viewer's would rebuild its pipelines each time the two alternate.
Result<Picture> RenderWorker::Engine::thumbnail(const ThumbnailRequest& r,
                                                const graph::NodeRegistry& registry) {
    const std::string sourceKey = r.mediaPath + "#" + std::to_string(r.frame);
    auto small = thumbnailSources.find(sourceKey);
    if (small == thumbnailSources.end()) {
        EMU_ASSIGN_OR_RETURN(media::Image full, source(r.mediaPath, r.frame));
        int factor = 1;
        while ((full.width() + factor - 1) / factor > kThumbnailWidthPx ||
               (full.height() + factor - 1) / factor > kThumbnailHeightPx) {
            ++factor;
        }
        if (thumbnailSources.size() >= kThumbnailSources) thumbnailSources.clear();
        small = thumbnailSources.emplace(sourceKey, decimateImage(full, factor)).first;
    }
    EMU_RETURN_IF_ERROR(ensureConfig());
    const std::string colour = r.inputSpace + "|" + r.display + "|" + r.view;
    if (!thumbnailGraders.count(colour) && thumbnailGraders.size() >= kThumbnailGraders) {
        thumbnailGraders.erase(thumbnailGraders.begin());
    }
    std::unique_ptr<render::FrameGrader>& grader = thumbnailGraders[colour];
    if (!grader) {
        EMU_ASSIGN_OR_RETURN(grader, makeGrader(r.inputSpace, r.display, r.view));
    }
    EMU_RETURN_IF_ERROR(grader->setGrade(r.grade, registry));
    EMU_ASSIGN_OR_RETURN(media::Image graded, grader->grade(small->second));
    return encodePicture(graded);
}

RenderWorker::RenderWorker(const graph::NodeRegistry& registry, core::Log& log,
                           std::function<void()> onDone)
    : m_registry(registry), m_log(log), m_onDone(std::move(onDone)), m_thread([this] { run(); }) {}

bool RenderWorker::hasResult() const {
    std::lock_guard lock(m_mutex);
    return m_done.has_value();
}

RenderWorker::~RenderWorker() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void RenderWorker::post(RenderRequest request) {
    {
        std::lock_guard lock(m_mutex);
        m_pending = std::move(request);
    }
    m_wake.notify_all();
}

void RenderWorker::postThumbnails(std::vector<ThumbnailRequest> requests) {
    {
        std::lock_guard lock(m_mutex);
        for (ThumbnailRequest& r : requests) {
            auto same = std::find_if(m_thumbnailQueue.begin(), m_thumbnailQueue.end(),
                                     [&](const ThumbnailRequest& q) { return q.shot == r.shot; });
            if (same != m_thumbnailQueue.end()) {
                *same = std::move(r);
            } else {
                m_thumbnailQueue.push_back(std::move(r));
            }
        }
    }
    m_wake.notify_all();
}

std::vector<Thumbnail> RenderWorker::takeThumbnails() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_thumbnailsDone, {});
}

bool RenderWorker::hasThumbnails() const {
    std::lock_guard lock(m_mutex);
    return !m_thumbnailsDone.empty();
}

bool RenderWorker::thumbnailsIdle() const {
    std::lock_guard lock(m_mutex);
    return m_thumbnailQueue.empty() && !m_thumbnailBusy;
}

std::optional<RenderedFrame> RenderWorker::take() {
    std::lock_guard lock(m_mutex);
    std::optional<RenderedFrame> out = std::move(m_done);
    m_done.reset();
    return out;
}

bool RenderWorker::idle() const {
    std::lock_guard lock(m_mutex);
    return !m_busy && !m_pending && !m_refinePending;
}

std::string RenderWorker::deviceName() const {
    std::lock_guard lock(m_mutex);
    return m_deviceName;
}

void RenderWorker::run() {
    yieldToTheWindow();
    m_engine = std::make_unique<Engine>();
    gpu::DeviceOptions options;
    options.log = &m_log;
    auto device = gpu::Device::create(options);
    std::string deviceError;
    if (device.isOk()) {
        m_engine->device = std::move(device).value();
        std::lock_guard lock(m_mutex);
        m_deviceName = m_engine->device->info().name;
    } else {
        deviceError = device.status().message();
    }
    std::optional<RenderRequest> refine;  // a proxied frame to redo at full size when idle
    for (;;) {
        std::optional<RenderRequest> request;
        std::optional<ThumbnailRequest> thumbnail;
        {
            std::unique_lock lock(m_mutex);
            // A refinement waits for a quiet moment: while a ring is turning, the next edit
            // comes within a few frames and should not queue behind a full-size render.
            // Thumbnails wait for both.
            if (refine) {
                m_wake.wait_for(lock, kQuietBeforeRefine, [&] { return m_stop || m_pending; });
            } else {
                m_wake.wait(lock, [&] { return m_stop || m_pending || !m_thumbnailQueue.empty(); });
            }
            if (m_stop) break;
            if (m_pending) {
                request = std::move(*m_pending);
                m_pending.reset();
            } else if (refine) {
                request = std::move(*refine);
                request->fullResolution = true;
            } else {
                thumbnail = std::move(m_thumbnailQueue.front());
                m_thumbnailQueue.pop_front();
                m_thumbnailBusy = true;
            }
            if (request) {
                refine.reset();
                m_refinePending = false;
                m_busy = true;
            }
        }
        if (thumbnail) {
            serveThumbnail(*thumbnail, deviceError);
        } else {
            serveViewer(std::move(*request), refine, deviceError);
        }
    }
    m_engine.reset();
}

void RenderWorker::serveViewer(RenderRequest request, std::optional<RenderRequest>& refine,
                               const std::string& deviceError) {
    RenderedFrame frame;
    frame.serial = request.serial;
    const auto start = std::chrono::steady_clock::now();
    Status s = deviceError.empty() ? Status::ok() : makeError(ErrorCode::NotFound, deviceError);
    if (s.isOk()) s = render(request, frame);
    frame.renderMs = msSince(start);
    // While edits keep coming the proxy keeps up; once they stop, the same state is rendered
    // again at full size so what stays on screen is exact.
    if (s.isOk() && !request.fullResolution && frame.proxyFactor > frame.fitFactor) {
        refine = request;
    }
    if (!s.isOk()) {
        frame.error = s.message();
        m_log.error("viewer: " + s.message());
    } else if (!request.fullResolution && !m_engine->compiled) {
        // The proxy follows measured speed: halve the size when a frame misses the budget,
        // grow back when there is plenty of room.
        Engine& e = *m_engine;
        if (frame.renderMs > kFrameBudgetMs && e.speedFactor < kMaxProxyFactor) {
            e.speedFactor *= 2;
        } else if (frame.renderMs * 6 < kFrameBudgetMs && e.speedFactor > 1) {
            e.speedFactor /= 2;
        }
    }
    if (m_engine->device) m_validationErrors = m_engine->device->validationErrorCount();
    {
        std::lock_guard lock(m_mutex);
        m_done = std::move(frame);
        m_busy = false;
        m_refinePending = refine.has_value();
    }
    if (m_onDone) m_onDone();
}

void RenderWorker::serveThumbnail(const ThumbnailRequest& request, const std::string& deviceError) {
    Thumbnail t;
    t.shot = request.shot;
    t.key = request.key;
    t.serial = request.serial;
    const auto start = std::chrono::steady_clock::now();
    Result<Picture> picture = deviceError.empty()
                                  ? m_engine->thumbnail(request, m_registry)
                                  : Result<Picture>(makeError(ErrorCode::NotFound, deviceError));
    t.renderMs = msSince(start);
    if (picture.isOk()) {
        t.picture = std::move(picture).value();
        m_log.info("thumbnail of shot id " + std::to_string(t.shot) + " (state " +
                   std::to_string(t.serial) + "): " + std::to_string(t.picture.width) + "x" +
                   std::to_string(t.picture.height) + " in " + std::to_string(t.renderMs) + " ms");
    } else {
        // An offline shot has no thumbnail: its card says so, the log says why.
        t.error = picture.status().message();
        m_log.info("thumbnail of shot id " + std::to_string(t.shot) + ": " + t.error);
    }
    if (m_engine->device) m_validationErrors = m_engine->device->validationErrorCount();
    {
        std::lock_guard lock(m_mutex);
        m_thumbnailsDone.push_back(std::move(t));
        m_thumbnailBusy = false;
    }
    if (m_onDone) m_onDone();
}

Status RenderWorker::render(const RenderRequest& request, RenderedFrame& frame) {
    Engine& e = *m_engine;
    EMU_ASSIGN_OR_RETURN(media::Image full, e.source(request.mediaPath, request.frame));
    frame.sourceWidthPx = full.width();
    frame.sourceHeightPx = full.height();
    // A split screen fits both pictures and the gap into the viewer.
    const bool split = request.split && request.wipeGrade;
    const int roomW = split ? (request.viewerWidthPx - kSplitGapPx) / 2 : request.viewerWidthPx;
    int fit = 1;
    if (roomW > 0 && request.viewerHeightPx > 0) {
        while (fit < kMaxProxyFactor &&
               ((full.width() + fit - 1) / fit > roomW ||
                (full.height() + fit - 1) / fit > request.viewerHeightPx)) {
            ++fit;
        }
    }
    int speed = request.fullResolution ? 1 : e.speedFactor;
    while (speed > 1 && full.width() / speed < std::min(full.width(), kMinProxyWidthPx)) speed /= 2;
    frame.proxyFactor = std::max(fit, speed);
    frame.fitFactor = fit;
    const media::Image proxy = decimateImage(full, frame.proxyFactor);
    e.compiled = false;
    EMU_RETURN_IF_ERROR(e.prepareColour(request));
    const std::string structure = structureOf(request.grade) + "|" +
                                  (request.wipeGrade ? structureOf(*request.wipeGrade) : "");
    if (structure != e.structure) e.compiled = true;
    e.structure = structure;
    EMU_RETURN_IF_ERROR(e.a->setGrade(request.grade, m_registry));
    const auto t0 = std::chrono::steady_clock::now();
    EMU_ASSIGN_OR_RETURN(media::Image graded, e.a->grade(proxy));
    std::string kernels;
    for (const auto& t : e.a->lastTimings())
        kernels += " " + t.label + " " + std::to_string(t.milliseconds);
    m_log.info("grade " + std::to_string(msSince(t0)) + " ms:" + kernels);
    frame.picture = encodePicture(graded);
    frame.scopes = measure(frame.picture);
    if (request.wipeGrade) {
        EMU_RETURN_IF_ERROR(e.b->setGrade(*request.wipeGrade, m_registry));
        EMU_ASSIGN_OR_RETURN(media::Image other, e.b->grade(proxy));
        const Picture b = encodePicture(other);
        if (split) {
            // Each side whole, as the engine rendered it; the scopes stay A's.
            frame.picture = sideBySide(frame.picture, b, kSplitGapPx);
        } else {
            wipeInto(frame.picture, b, request.wipe);
            frame.scopes = measure(frame.picture);  // what the viewer shows
        }
    }
    // Only the trace the pane shows: each is a pass over the frame on this thread.
    const scopes::ScopeType trace =
        request.parade ? scopes::ScopeType::Parade : scopes::ScopeType::Waveform;
    scopes::ScopeSettings wave{trace, 128, 64, 64};
    scopes::ScopeSettings vector{scopes::ScopeType::Vectorscope, 128, 64, 64};
    if (auto w = scopes::computeScopeCpu(graded, wave); w.isOk()) {
        (request.parade ? frame.scopes.parade : frame.scopes.waveform) = *w;
    }
    if (auto v = scopes::computeScopeCpu(graded, vector); v.isOk()) {
        frame.scopes.vectorscope = *v;
    }
    return Status::ok();
}

}  // namespace emu::station
