#pragma once

#include <imgui.h>

#include <vector>

#include "../BlitRecorder.h"
#include "../Picture.h"
#include "../StationState.h"

namespace emu::station {

// Where the viewer pane wants its picture: `picture` (owned by `ViewerPane`) at (x, y).
struct ViewerPlacement {
    int x = 0;
    int y = 0;
    const Picture* picture = nullptr;
    int roomWidthPx = 0;  // the space the pane has, for choosing the proxy size
    int roomHeightPx = 0;
};

// The viewer: fit, zoom and pan, false colour and clipping marks, the wipe's split marks
// (drawn outside the picture so its pixels stay the engine's), window handles.
// Thread: UI thread.
class ViewerPane {
public:
    ViewerPlacement draw(StationState& state, ImVec2 pos, ImVec2 size);

private:
    Picture m_scaled;  // the picture as shown when zoomed or false-coloured
};

// Where a shot's thumbnail goes: `blit.picture` is the state's thumbnail of that shot, cut to
// the timeline pane's visible area (the strip scrolls sideways).
struct ThumbnailPlacement {
    int shotNumber = 0;
    Blit blit;
};
// The timeline strip; the thumbnails it placed, to be copied in by the presenter.
std::vector<ThumbnailPlacement> drawTimelinePane(StationState& state, ImVec2 pos, ImVec2 size);
void drawNodeGraphPane(StationState& state, ImVec2 pos, ImVec2 size);

// The right-hand side: one tab per entry of paneNames().
struct DeliverStatus {
    const std::vector<std::string>* presets = nullptr;  // offered on the deliver page
    bool running = false;
    double progress = 0.0;  // 0..1
    std::string message;
};
// The surfaces page: each connected control surface and its state, the map and its page.
struct SurfaceStatus {
    std::vector<std::string> lines;
};
void drawSidePanes(StationState& state, const DeliverStatus& deliver, const SurfaceStatus& surfaces,
                   ImVec2 pos, ImVec2 size, bool& startRender);

void drawPrimariesPane(StationState& state);
void drawCurvesPane(StationState& state);
void drawNodeTypePane(StationState& state, const char* type, const char* what);
void drawScopesPane(StationState& state);
void drawGalleryPane(StationState& state);
void drawVersionsPane(StationState& state);
void drawMediaPane(StationState& state);

}  // namespace emu::station
