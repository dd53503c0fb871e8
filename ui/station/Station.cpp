#include "Station.h"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_vulkan.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include "DeliverJob.h"
#include "FrameStats.h"
#include "Highlight.h"
#include "Keys.h"
#include "Presenter.h"
#include "RenderWorker.h"
#include "Script.h"
#include "Session.h"
#include "StationState.h"
#include "Surfaces.h"
#include "Thumbnails.h"
#include "emulsion/color/ColorConfig.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "panes/Panes.h"

namespace emu::station {

namespace {

using Clock = std::chrono::steady_clock;

// A render job's progress bar moves this often when nothing else on screen changes: drawing
// faster would only take the CPU from the render on a machine without a GPU.
constexpr auto kJobProgressEvery = std::chrono::milliseconds(100);

double msBetween(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

// Every message to the log file (when given); warnings and errors to stderr too.
class LogSinks {
public:
    LogSinks(core::Log& log, const std::optional<std::filesystem::path>& file) {
        if (file) m_file.open(*file, std::ios::out | std::ios::trunc);
        log.setSink([this](core::LogLevel level, std::string_view line) {
            if (m_file.is_open()) m_file << line << '\n' << std::flush;
            if (level >= core::LogLevel::Warning)
                std::fprintf(stderr, "%.*s\n", int(line.size()), line.data());
        });
    }
    bool fileOk(const std::optional<std::filesystem::path>& file) const {
        return !file || m_file.is_open();
    }

private:
    std::ofstream m_file;
};

class StationApp : public ScriptHost {
public:
    StationApp(const StationOptions& options, core::Log& log) : m_options(options), m_log(log) {}
    int run();

    void requestScreenshot(const std::filesystem::path& path) override { m_capturePath = path; }
    void startLatencyTest(int changes) override {
        m_latencyLeft = changes;
        m_latency = FrameStats();
    }
    void waitFrames(int frames) override { m_waitFrames = frames; }
    void waitThumbnails() override { m_waitThumbnails = true; }
    void startRenderJob(const std::string& preset) override;
    Status startPanelReplay(const std::filesystem::path& recording,
                            const std::string& map) override {
        return m_surfaces->replay(recording, map);
    }
    void takeSurfaceInput();
    SurfaceStatus surfaceStatus() const;
    void quit() override { m_quit = true; }

private:
    Status start();
    void frame();
    bool needsFrame() const;
    void watchInput();
    void postRequest(const ViewerPlacement& placement);
    void afterPresent(Clock::time_point frameStart, Clock::time_point drawStart);
    void stepScript();
    bool settled() const;
    void finishLatencyTest();
    int finish();

    const StationOptions& m_options;
    core::Log& m_log;
    graph::NodeRegistry m_registry = nodes::builtinRegistry();
    std::unique_ptr<Presenter> m_presenter;
    std::unique_ptr<RenderWorker> m_worker;  // the viewer's pictures
    // The timeline's thumbnails, on a thread and device of their own: building a thumbnail's
    // colour pipeline takes a third of a second on a CPU, which the viewer must never wait for.
    std::unique_ptr<RenderWorker> m_thumbnailWorker;
    std::unique_ptr<StationState> m_state;
    ViewerPane m_viewer;
    std::unique_ptr<Thumbnails> m_thumbnails;
    bool m_waitThumbnails = false;  // the script waits for every thumbnail to be current
    std::uint64_t m_posted = 0;
    int m_postedRoomW = 0, m_postedRoomH = 0;
    graph::NodeId m_postedHighlight = 0;  // the matte node the posted picture highlights
    std::vector<ScriptAction> m_script;
    std::size_t m_nextAction = 0;
    bool m_scriptDone = false;
    int m_waitFrames = 3;  // the first frames lay the panes out
    std::optional<std::filesystem::path> m_capturePath;
    bool m_quit = false;
    Status m_failure;
    // Latency: from a Command applied to the first presented frame showing it.
    int m_latencyLeft = 0;
    std::uint64_t m_latencySerial = 0;
    Clock::time_point m_latencyStart;
    FrameStats m_latency;
    std::map<int, int> m_latencyProxies;  // pictures shown per proxy factor
    // UI frame times, overall and while media loads or a render job runs.
    FrameStats m_frames, m_framesLoading, m_framesRendering;
    bool m_loading = false;  // the worker reads a shot's media not decoded before
    std::set<std::string> m_seenMedia;
    std::unique_ptr<DeliverJob> m_job;
    std::unique_ptr<Surfaces> m_surfaces;
    bool m_surfaceEditing = false;  // surface moves since the last saved edit
    Clock::time_point m_surfaceEditAt{};
    bool m_jobReported = true;
    int m_frameNumber = 0;
    bool m_input = false;                  // an input event arrived since the last frame
    int m_extraFrames = 0;                 // frames still to draw after a change
    std::uint64_t m_drawnSerial = 0;       // state serial of the last drawn frame
    std::uint64_t m_presentedSerial = 0;   // serial of the picture in the last drawn frame
    Clock::time_point m_lastFrameStart{};  // when the last drawn frame began
    Clock::duration m_refresh{};           // the display's refresh interval
    ViewerPlacement m_lastPlacement;
};

void StationApp::startRenderJob(const std::string& preset) {
    if (m_job && m_job->running()) return;
    // Beside the project, one folder for every deliverable rendered from the station.
    std::filesystem::path folder = m_options.project;
    folder += ".renders";
    m_job = std::make_unique<DeliverJob>(m_options.render, preset, folder, m_log);
    m_jobReported = false;
    m_log.info("render job (" + preset + ") started");
}

// Once per UI frame: what the surfaces did since the last frame becomes one live edit (so a
// trackball never queues renders), saved as one undo step once the hands have rested 0.4 s.
void StationApp::takeSurfaceInput() {
    StationState& s = *m_state;
    panels::FrameInput in = m_surfaces->take(s.session.grade(), s.editedNode());
    const Clock::time_point now = Clock::now();
    if (!in.commands.empty()) {
        (void)s.edit(in.commands, true);  // a refusal is shown on the status line
        m_surfaceEditing = true;
        m_surfaceEditAt = now;
    } else if (m_surfaceEditing && now - m_surfaceEditAt > std::chrono::milliseconds(400)) {
        s.endLiveEdit();
        m_surfaceEditing = false;
    }
    for (panels::Action a : in.stationActions) {
        m_log.info(std::string("surface action ") + panels::toString(a));
        switch (a) {
            case panels::Action::Undo:
            case panels::Action::Redo: {
                const Result<bool> done =
                    a == panels::Action::Undo ? s.session.undo() : s.session.redo();
                if (!done.isOk()) (void)s.report(done.status());
                s.changed();
                break;
            }
            case panels::Action::GrabStill:
                if (s.shown && !s.shown->picture.empty()) {
                    (void)s.report(s.session.grabStill(s.shown->picture).status());
                }
                break;
            default:  // node stepping, bypass, play: the keys' work, not wired to panels yet
                break;
        }
    }
}

SurfaceStatus StationApp::surfaceStatus() const {
    SurfaceStatus status;
    for (const Surfaces::Row& r : m_surfaces->rows()) {
        status.lines.push_back(
            r.name + ": " + r.state +
            (r.malformed ? ", " + std::to_string(r.malformed) + " malformed" : std::string()));
    }
    if (status.lines.empty()) status.lines.push_back("No control surface connected.");
    if (!m_surfaces->mapName().empty()) {
        status.lines.push_back("Map " + m_surfaces->mapName() + ", page " + m_surfaces->page());
    }
    for (const std::string& note : m_surfaces->scanNotes()) status.lines.push_back(note);
    return status;
}

void StationApp::watchInput() {
    GLFWwindow* w = m_presenter->window();
    glfwSetWindowUserPointer(w, this);
    glfwSetCursorPosCallback(w, [](GLFWwindow* win, double, double) {
        static_cast<StationApp*>(glfwGetWindowUserPointer(win))->m_input = true;
    });
    glfwSetMouseButtonCallback(w, [](GLFWwindow* win, int, int, int) {
        static_cast<StationApp*>(glfwGetWindowUserPointer(win))->m_input = true;
    });
    glfwSetScrollCallback(w, [](GLFWwindow* win, double, double) {
        static_cast<StationApp*>(glfwGetWindowUserPointer(win))->m_input = true;
    });
    glfwSetKeyCallback(w, [](GLFWwindow* win, int, int, int, int) {
        static_cast<StationApp*>(glfwGetWindowUserPointer(win))->m_input = true;
    });
    glfwSetCharCallback(w, [](GLFWwindow* win, unsigned) {
        static_cast<StationApp*>(glfwGetWindowUserPointer(win))->m_input = true;
    });
    glfwSetWindowSizeCallback(w, [](GLFWwindow* win, int, int) {
        static_cast<StationApp*>(glfwGetWindowUserPointer(win))->m_input = true;
    });
}

Status StationApp::start() {
    EMU_ASSIGN_OR_RETURN(Session session, Session::open(m_options.project, m_registry));
    m_state = std::make_unique<StationState>(std::move(session));
    EMU_ASSIGN_OR_RETURN(color::ColorConfig config, color::ColorConfig::load(std::nullopt));
    m_state->colours = std::make_shared<const color::ColorConfig>(std::move(config));
    m_state->view.display = m_state->colours->defaultDisplay();
    m_state->view.view = m_state->colours->defaultView(m_state->view.display);
    m_state->chooseInputSpaces();
    m_state->conform = m_options.conform;
    if (m_options.script) {
        EMU_ASSIGN_OR_RETURN(m_script, loadScript(*m_options.script));
    }
    const char* env = std::getenv("EMULSION_VALIDATION");
    const bool validation = env && std::string(env) == "1";
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed: nothing to remember
    ImGui::StyleColorsDark();
    // DejaVu Sans (Debian's fonts-dejavu-core) where installed; ImGui's own font otherwise.
    const char* font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    std::error_code noFont;
    if (std::filesystem::exists(font, noFont)) {
        ImGui::GetIO().Fonts->AddFontFromFileTTF(font, 15.0f);
    }
    EMU_ASSIGN_OR_RETURN(m_presenter, Presenter::create(m_options.widthPx, m_options.heightPx,
                                                        "Emulsion", validation, m_log));
    // The panes cover the window: their background is the window's clear colour rather than a
    // blended rectangle each, which a CPU rasteriser pays for over most of a million pixels
    // every frame. Pop-ups keep theirs (PopupBg).
    ImVec4& paneBg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    m_presenter->setBackground(paneBg.x, paneBg.y, paneBg.z);
    paneBg.w = 0.0f;
    m_refresh = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(m_presenter->refreshIntervalS()));
    watchInput();  // before ImGui's callbacks, which chain to these
    ImGui_ImplGlfw_InitForVulkan(m_presenter->window(), true);
    m_worker = std::make_unique<RenderWorker>(m_registry, m_log, [] { glfwPostEmptyEvent(); });
    m_thumbnailWorker =
        std::make_unique<RenderWorker>(m_registry, m_log, [] { glfwPostEmptyEvent(); });
    m_thumbnails = std::make_unique<Thumbnails>(m_log);
    m_surfaces = std::make_unique<Surfaces>(m_registry, m_log);
    // A scripted run uses only the surfaces its script replays: what is plugged in here must
    // not change its result.
    if (!m_options.script) m_surfaces->scanInBackground();
    m_log.info("station: project " + m_options.project.string() + ", " +
               std::to_string(m_state->session.shots().size()) + " shots, display '" +
               m_state->view.display + "' view '" + m_state->view.view + "', window on " +
               m_presenter->deviceName());
    return Status::ok();
}

void StationApp::postRequest(const ViewerPlacement& placement) {
    StationState& s = *m_state;
    // Highlighting follows the selection, which is not a change of the grade.
    const graph::NodeId highlighted = s.view.highlight ? s.selectedNode : 0;
    if (m_posted == s.serial && placement.roomWidthPx == m_postedRoomW &&
        placement.roomHeightPx == m_postedRoomH && m_postedHighlight == highlighted) {
        return;
    }
    const ShotEntry& shot = s.session.currentShot();
    RenderRequest r;
    r.serial = s.serial;
    r.mediaPath = shot.mediaPath;
    r.frame = shot.mediaFrame + s.playOffset;
    r.inputSpace = s.inputSpace();
    r.display = s.view.display;
    r.view = s.view.view;
    r.grade = s.view.bypassGrade ? graph::Grade::identity() : s.session.grade();
    if (highlighted && !s.view.bypassGrade) {
        auto shown = highlightGrade(r.grade, highlighted, m_registry);
        if (shown.isOk()) {
            r.grade = std::move(shown).value();
        } else {
            s.message = shown.status().message();
        }
    }
    if (s.view.wipeSource == WipeSource::Still) {
        if (auto g = s.session.stillGrade(s.view.wipeId); g.isOk()) r.wipeGrade = *g;
    } else if (s.view.wipeSource == WipeSource::Version) {
        if (auto g = s.session.versionGrade(int(s.view.wipeId)); g.isOk()) r.wipeGrade = *g;
    }
    r.wipe = s.view.wipe;
    r.split = s.view.split;
    r.viewerWidthPx = placement.roomWidthPx;
    r.viewerHeightPx = placement.roomHeightPx;
    r.fullResolution = s.view.fullResolution;
    r.parade = s.view.parade;
    const std::string key = r.mediaPath + "#" + std::to_string(r.frame);
    m_loading = !m_seenMedia.count(key);
    m_seenMedia.insert(key);
    m_worker->post(std::move(r));
    m_posted = s.serial;
    m_postedRoomW = placement.roomWidthPx;
    m_postedRoomH = placement.roomHeightPx;
    m_postedHighlight = highlighted;
}

bool StationApp::needsFrame() const {
    const StationState& s = *m_state;
    return m_input || s.serial != m_drawnSerial || m_extraFrames > 0 || m_capturePath ||
           m_waitFrames > 0 || s.shuttle != 0 ||
           (m_job && m_job->running() && Clock::now() - m_lastFrameStart >= kJobProgressEvery) ||
           m_worker->hasResult() ||
           (m_thumbnailWorker->hasThumbnails() && m_thumbnailWorker->thumbnailsIdle());
}

void StationApp::frame() {
    // Nothing to show: sleep until an event (input, or the worker's picture) arrives, leaving
    // the CPU to the engine on a machine without a GPU. Something to show: not sooner than the
    // display can show it. Frames closer together are never seen, and on a window drawn by the
    // CPU they queue in the X server, so that the next frame waits on the last.
    if (needsFrame()) {
        const Clock::time_point due = m_lastFrameStart + m_refresh;
        if (const Clock::time_point now = Clock::now(); now < due) {
            glfwWaitEventsTimeout(std::chrono::duration<double>(due - now).count());
            return;  // input that came meanwhile was taken by the callbacks
        }
        glfwPollEvents();
    } else {
        glfwWaitEventsTimeout(0.1);
    }
    const Clock::time_point frameStart = Clock::now();
    StationState& s = *m_state;
    bool dirty = m_input;
    m_input = false;
    if (std::optional<RenderedFrame> done = m_worker->take()) {
        if (!done->error.empty()) s.message = done->error;
        m_log.info("viewer frame " + std::to_string(done->serial) + ": " +
                   std::to_string(done->renderMs) + " ms to render, proxy 1/" +
                   std::to_string(done->proxyFactor));
        s.shown = std::move(done);
        if (m_worker->idle()) m_loading = false;
        dirty = true;
    }
    if (s.finishRelink()) dirty = true;
    if (std::optional<Status> conformed = s.finishConform()) {
        // The report goes to the log as the command prints it; a scripted conform that failed
        // fails the script, as a failing action does.
        for (const std::string& line : s.conformReport) m_log.info("conform: " + line);
        if (conformed->isOk()) {
            m_log.info("conform: showing timeline '" + s.session.timelineName() + "', " +
                       std::to_string(s.session.shots().size()) + " shots, shot " +
                       std::to_string(s.session.current() + 1) + " (" +
                       s.session.currentShot().name + ") selected");
        }
        if (!conformed->isOk() && m_options.script) {
            m_failure = *conformed;
            m_quit = true;
        }
        dirty = true;
    }
    takeSurfaceInput();
    if (m_job && !m_job->running() && !m_jobReported) {
        // The render recorded its own job in the project; the log says how it ended.
        const bool ok = m_job->error().empty();
        m_log.info("render job (" + m_job->preset() + ")" + (ok ? " done" : " failed"));
        m_jobReported = true;
        dirty = true;  // the deliver page shows how it ended
    }
    // Playback: the next frame once the last one is on screen.
    if (s.shuttle != 0 && s.shown && s.shown->serial == s.serial) {
        s.playOffset = (s.playOffset + s.shuttle + 12) % 12;
        s.changed();
    }
    if (dirty) m_extraFrames = 2;  // ImGui settles hover and tab changes over a frame or two
    // Thumbnails arrive together, once the worker has none left to do: one frame shows them all,
    // where one each (and ImGui's settling frames) would cost a CPU-drawn window several.
    if (m_thumbnailWorker->thumbnailsIdle() && m_thumbnails->take(s, *m_thumbnailWorker)) {
        dirty = true;
    }
    if (m_options.script) stepScript();
    if (s.paneRequested) {  // a tab asked for is selected a frame later
        dirty = true;
        m_extraFrames = 2;
    }
    if (m_lastPlacement.roomWidthPx > 0) postRequest(m_lastPlacement);  // render starts now
    m_thumbnails->update(s, *m_thumbnailWorker);
    if (!dirty && !needsFrame()) return;
    ImGui_ImplVulkan_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    handleKeys(s, *this);
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    const float sideW = std::floor(screen.x * 0.36f);
    const float stripH = 150.0f, graphH = 170.0f;
    const float viewerH = screen.y - stripH - graphH;
    const ViewerPlacement placement =
        m_viewer.draw(s, ImVec2(0, 0), ImVec2(screen.x - sideW, viewerH));
    const std::vector<ThumbnailPlacement> thumbnails =
        drawTimelinePane(s, ImVec2(0, viewerH), ImVec2(screen.x - sideW, stripH));
    drawNodeGraphPane(s, ImVec2(0, viewerH + stripH), ImVec2(screen.x - sideW, graphH));
    DeliverStatus deliver;
    deliver.presets = &m_options.presets;
    if (m_job) {
        deliver.running = m_job->running();
        deliver.progress = m_job->progress();
        deliver.message = m_job->error().empty()
                              ? std::to_string(m_job->framesDone()) + " of " +
                                    std::to_string(m_job->framesTotal()) + " frames"
                              : m_job->error();
    }
    bool startRender = false;
    drawSidePanes(s, deliver, surfaceStatus(), ImVec2(screen.x - sideW, 0), ImVec2(sideW, screen.y),
                  startRender);
    if (startRender && s.deliverPreset < int(m_options.presets.size())) {
        startRenderJob(m_options.presets[std::size_t(s.deliverPreset)]);
    }
    ImGui::Render();
    m_lastPlacement = placement;
    postRequest(placement);
    Picture capture;
    const bool capturing = m_capturePath.has_value();
    const Clock::time_point drawStart = Clock::now();
    std::vector<Blit> blits;
    if (placement.picture) blits.push_back({placement.x, placement.y, placement.picture, {}});
    for (const ThumbnailPlacement& t : thumbnails) blits.push_back(t.blit);
    m_thumbnails->logPlacements(thumbnails);
    Status drawn =
        m_presenter->drawFrame(ImGui::GetDrawData(), blits, capturing ? &capture : nullptr);
    if (!drawn.isOk()) {
        m_failure = drawn;
        m_quit = true;
        return;
    }
    if (capturing) {
        if (Status w = writePicture(*m_capturePath, capture); !w.isOk()) m_failure = w;
        m_log.info("screenshot " + m_capturePath->string());
        m_capturePath.reset();
    }
    afterPresent(frameStart, drawStart);
}

void StationApp::afterPresent(Clock::time_point frameStart, Clock::time_point drawStart) {
    StationState& s = *m_state;
    const Clock::time_point now = Clock::now();
    if (m_latencySerial && s.shown && s.shown->serial >= m_latencySerial) {
        m_latency.add(msBetween(m_latencyStart, now));
        ++m_latencyProxies[s.shown->proxyFactor];
        m_latencySerial = 0;
    }
    const double ms = msBetween(frameStart, now);
    m_lastFrameStart = frameStart;
    ++m_frameNumber;
    m_drawnSerial = s.serial;
    m_presentedSerial = s.shown ? s.shown->serial : 0;
    if (m_extraFrames > 0) --m_extraFrames;
    if (m_waitFrames > 0) --m_waitFrames;
    // The first frames build pipelines and fonts: not what a colourist waits on.
    if (m_frameNumber > 3) {
        m_frames.add(ms);
        if (m_loading) m_framesLoading.add(ms);
        if (m_job && m_job->running()) m_framesRendering.add(ms);
    }
    // Building the panes on the UI thread, then drawing and presenting them (on a machine
    // without a GPU, the driver's rasterising and the copy to the X server).
    char split[80];
    std::snprintf(split, sizeof split, " (panes %.1f ms, draw and present %.1f ms)",
                  msBetween(frameStart, drawStart), msBetween(drawStart, now));
    m_log.info("frame " + std::to_string(m_frameNumber) + " " + std::to_string(ms) + " ms" + split +
               (m_loading ? " (media loading)" : "") +
               (m_job && m_job->running() ? " (render job running)" : ""));
}

bool StationApp::settled() const {
    const StationState& s = *m_state;
    return s.shown && s.shown->serial == s.serial && m_presentedSerial == s.serial &&
           m_posted == s.serial && m_worker->idle() && !m_capturePath && m_extraFrames == 0 &&
           m_drawnSerial == s.serial && !s.relinking && !s.conforming;
}

void StationApp::stepScript() {
    StationState& s = *m_state;
    if (m_waitFrames > 0) return;
    if (m_latencySerial) return;  // a change is on its way to the screen
    // Changes follow each other as fast as the screen shows them, as when a ring is turned.
    if (m_latencyLeft > 0 && (m_latency.count() > 0 || settled())) {
        // Alternating nudges of the master gain keep it in range over any number of changes.
        const float delta = (m_latencyLeft % 2) ? 0.01f : -0.01f;
        graph::NudgeParam nudge{s.editedNode(), "gain", 3, delta};
        m_latencyStart = Clock::now();
        if (Status e = s.edit({nudge}); !e.isOk()) {
            m_failure = e;
            m_quit = true;
            return;
        }
        m_latencySerial = s.serial;
        if (--m_latencyLeft == 0) m_latencyLeft = -1;  // report once the last one shows
        return;
    }
    if (!settled()) return;
    if (m_latencyLeft < 0) {
        finishLatencyTest();
        m_latencyLeft = 0;
    }
    if (m_surfaces->replaying() || m_surfaceEditing) return;  // a replay plays out first
    // Thumbnails follow the state a moment after it rests: a screenshot shows them current.
    const bool thumbnailsDue = m_waitThumbnails || m_nextAction >= m_script.size();
    if (thumbnailsDue && !m_thumbnails->current(s, *m_thumbnailWorker)) return;
    m_waitThumbnails = false;
    if (m_nextAction < m_script.size()) {
        const ScriptAction& a = m_script[m_nextAction++];
        m_log.info("script: " + a.verb + " " + a.rest);
        if (Status e = runAction(a, s, *this, *m_options.script); !e.isOk()) {
            m_failure = e;
            m_quit = true;
        }
        return;
    }
    if (m_job && m_job->running()) return;  // a script ends once its render job is done
    if (!m_scriptDone) {
        m_scriptDone = true;
        if (m_options.screenshot) {
            m_capturePath = *m_options.screenshot;
            return;
        }
    }
    m_quit = true;
}

void StationApp::finishLatencyTest() {
    std::string proxies;
    for (const auto& [factor, count] : m_latencyProxies) {
        proxies += (proxies.empty() ? "" : ", ") + std::string("1/") + std::to_string(factor) +
                   " x" + std::to_string(count);
    }
    const RenderedFrame* f = m_state->shown ? &*m_state->shown : nullptr;
    char line[512];
    std::snprintf(line, sizeof line,
                  "latency over %zu changes: p50 %.1f ms, p95 %.1f ms, max %.1f ms (frame %dx%d; "
                  "proxies shown: %s; engine on %s)",
                  m_latency.count(), m_latency.quantile(0.5), m_latency.quantile(0.95),
                  m_latency.max(), f ? f->sourceWidthPx : 0, f ? f->sourceHeightPx : 0,
                  proxies.c_str(), m_worker->deviceName().c_str());
    std::printf("%s\n", line);
    m_log.info(line);
    m_latencyProxies.clear();
}

int StationApp::finish() {
    StationState& s = *m_state;
    if (Status saved = s.session.saveEdits(); !saved.isOk()) m_failure = saved;
    if (m_options.viewerImage && s.shown && !s.shown->picture.empty()) {
        if (Status w = writePicture(*m_options.viewerImage, s.shown->picture); !w.isOk()) {
            m_failure = w;
        }
    }
    if (m_options.thumbnailImages) {
        if (Status w = m_thumbnails->writeImages(s, *m_options.thumbnailImages); !w.isOk()) {
            m_failure = w;
        }
    }
    char line[640];
    const double refreshMs = std::chrono::duration<double, std::milli>(m_refresh).count();
    std::snprintf(line, sizeof line,
                  "frame times over %zu frames: median %.1f ms, p99 %.1f ms, max %.1f ms, %zu "
                  "over one refresh (%.1f ms); while media loads max %.1f ms (%zu frames, %zu "
                  "over); while a render job runs max %.1f ms (%zu frames, %zu over)",
                  m_frames.count(), m_frames.quantile(0.5), m_frames.quantile(0.99), m_frames.max(),
                  m_frames.countOver(refreshMs), refreshMs, m_framesLoading.max(),
                  m_framesLoading.count(), m_framesLoading.countOver(refreshMs),
                  m_framesRendering.max(), m_framesRendering.count(),
                  m_framesRendering.countOver(refreshMs));
    m_log.info(line);
    if (m_options.script) std::printf("%s\n", line);
    const std::uint32_t engineErrors =
        m_worker->validationErrors() + m_thumbnailWorker->validationErrors();
    const std::uint32_t errors = m_presenter->validationErrors() + engineErrors;
    std::snprintf(line, sizeof line, "validation errors: %u (window %u, engine %u), warnings %u",
                  errors, m_presenter->validationErrors(), engineErrors,
                  m_presenter->validationWarnings());
    m_log.info(line);
    if (m_options.script) std::printf("%s\n", line);
    if (s.shown) {
        std::snprintf(line, sizeof line, "viewer: %dx%d picture of a %dx%d frame (proxy 1/%d)",
                      s.shown->picture.width, s.shown->picture.height, s.shown->sourceWidthPx,
                      s.shown->sourceHeightPx, s.shown->proxyFactor);
        m_log.info(line);
    }
    if (!m_failure.isOk()) {
        std::fprintf(stderr, "emulsion: error: %s\n", m_failure.message().c_str());
        return 1;
    }
    return errors > 0 && m_options.script ? 2 : 0;
}

int StationApp::run() {
    if (Status s = start(); !s.isOk()) {
        std::fprintf(stderr, "emulsion: error: %s\n", s.message().c_str());
        return 1;
    }
    while (!m_quit && !m_presenter->shouldClose()) frame();
    m_job.reset();  // waits for a render in progress
    const int code = finish();
    m_worker.reset();
    m_thumbnailWorker.reset();
    ImGui_ImplGlfw_Shutdown();
    m_presenter.reset();
    ImGui::DestroyContext();
    return code;
}

}  // namespace

int runStation(const StationOptions& options) {
    core::Log log(core::LogLevel::Info);
    LogSinks sinks(log, options.logFile);
    if (!sinks.fileOk(options.logFile)) {
        std::fprintf(stderr, "emulsion: error: cannot write the log %s\n",
                     options.logFile->string().c_str());
        return 1;
    }
    StationApp app(options, log);
    return app.run();
}

}  // namespace emu::station
