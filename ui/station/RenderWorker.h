#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "Picture.h"
#include "emulsion/core/Log.h"
#include "emulsion/graph/Grade.h"
#include "emulsion/graph/NodeRegistry.h"
#include "emulsion/scopes/ScopeData.h"

namespace emu::station {

// What the viewer should show: one frame of a shot's media through its grade, on a display.
struct RenderRequest {
    std::uint64_t serial = 0;  // increases with every change the UI makes
    std::string mediaPath;     // a file or a sequence pattern
    int frame = 0;             // in the media's own numbering
    std::string inputSpace;    // OCIO colour space of the media; empty: already the working space
    std::string display;
    std::string view;
    graph::Grade grade;
    std::optional<graph::Grade> wipeGrade;  // B side of a wipe (a still or another version)
    float wipe = 0.5f;                      // fraction of the width showing A
    bool split = false;     // with a B side: A and B whole, side by side, instead of the wipe
    int viewerWidthPx = 0;  // room in the viewer, for choosing a proxy size
    int viewerHeightPx = 0;
    bool fullResolution = false;  // never shrink for speed (it may still shrink to fit)
    bool parade = false;          // the scopes pane shows the RGB parade, not the luma waveform
};

// Scopes of the displayed picture, for the scopes pane: histograms of its 256 code values
// per channel, and the engine's waveform or parade (as the request asks) and vectorscope
// (scopes::computeScopeCpu) of the graded, display-referred frame.
struct Scopes {
    std::array<std::array<float, 256>, 3> histogram{};
    std::optional<scopes::ScopeData> waveform;     // 128 columns x 64 levels
    std::optional<scopes::ScopeData> parade;       // 128 columns x 64 levels x R, G, B
    std::optional<scopes::ScopeData> vectorscope;  // 64 x 64 (Cb, Cr) bins
};

struct RenderedFrame {
    std::uint64_t serial = 0;
    Picture picture;      // display-encoded RGBA8 at proxy size
    int proxyFactor = 1;  // source pixels per picture pixel
    int fitFactor = 1;    // the factor that just fits the viewer (the full-size render)
    int sourceWidthPx = 0;
    int sourceHeightPx = 0;
    double renderMs = 0.0;  // media read + GPU grade + encode of this frame
    std::string error;      // why nothing was rendered ("" on success)
    Scopes scopes;
};

// A shot's thumbnail for the timeline strip: the shot's first frame through its active grade,
// input colour space and the viewer's display and view, small.
struct ThumbnailRequest {
    std::int64_t shot = 0;     // the project's shot id
    std::uint64_t key = 0;     // a hash of everything below: a new key asks for a new picture
    std::uint64_t serial = 0;  // the UI state serial it was asked at (for the log)
    std::string mediaPath;
    int frame = 0;
    std::string inputSpace;
    std::string display;
    std::string view;
    graph::Grade grade;
};

struct Thumbnail {
    std::int64_t shot = 0;
    std::uint64_t key = 0;  // of the request it was made from
    std::uint64_t serial = 0;
    Picture picture;  // display-encoded RGBA8, at most kThumbnailWidthPx x kThumbnailHeightPx
    double renderMs = 0.0;
    std::string error;  // why nothing was rendered ("" on success)
};

// The room a thumbnail is shrunk into (every n-th pixel of the frame, as the viewer's proxies).
constexpr int kThumbnailWidthPx = 112;
constexpr int kThumbnailHeightPx = 63;

// Grades the latest request on its own engine device, on its own thread: the UI posts
// requests and picks up results without ever waiting for the GPU. Requests are a mailbox of
// one: a newer request replaces one not yet started. Media is decoded here too, so a slow read
// stalls the picture, never the UI. Thumbnails are rendered one at a time only when no viewer
// request (nor a refinement) waits. The station gives the thumbnails a worker of their own, so
// that building a thumbnail's colour pipeline never delays the viewer at all.
// Thread: post(), take() and the counters from the UI thread; everything else on the worker.
class RenderWorker {
public:
    // `onDone` is called on the worker thread after each frame (to wake the UI).
    RenderWorker(const graph::NodeRegistry& registry, core::Log& log,
                 std::function<void()> onDone = {});
    ~RenderWorker();
    RenderWorker(const RenderWorker&) = delete;
    RenderWorker& operator=(const RenderWorker&) = delete;

    void post(RenderRequest request);
    // The newest finished frame not taken yet.
    std::optional<RenderedFrame> take();
    bool hasResult() const;
    // Queues thumbnails; a request for a shot already queued and not started replaces it.
    void postThumbnails(std::vector<ThumbnailRequest> requests);
    // The thumbnails finished since the last call, oldest first.
    std::vector<Thumbnail> takeThumbnails();
    bool hasThumbnails() const;
    // No thumbnail queued or being rendered.
    bool thumbnailsIdle() const;
    // Whether the worker is idle with nothing queued (scripts wait for this).
    bool idle() const;
    // Engine-side Vulkan validation errors, and the engine device's name once it exists.
    std::uint32_t validationErrors() const { return m_validationErrors.load(); }
    std::string deviceName() const;

private:
    struct Engine;
    void run();
    Status render(const RenderRequest& request, RenderedFrame& frame);
    void serveViewer(RenderRequest request, std::optional<RenderRequest>& refine,
                     const std::string& deviceError);
    void serveThumbnail(const ThumbnailRequest& request, const std::string& deviceError);

    const graph::NodeRegistry& m_registry;
    core::Log& m_log;
    std::function<void()> m_onDone;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<RenderRequest> m_pending;
    std::optional<RenderedFrame> m_done;
    std::deque<ThumbnailRequest> m_thumbnailQueue;
    std::vector<Thumbnail> m_thumbnailsDone;
    bool m_thumbnailBusy = false;
    bool m_busy = false;
    bool m_refinePending = false;  // a proxied frame waits to be redone at full size
    bool m_stop = false;
    std::string m_deviceName;
    std::atomic<std::uint32_t> m_validationErrors{0};
    std::unique_ptr<Engine> m_engine;  // worker thread only
    std::thread m_thread;
};

}  // namespace emu::station
