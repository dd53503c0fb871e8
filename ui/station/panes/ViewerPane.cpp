#include <algorithm>
#include <cmath>
#include <cstdio>

#include "../widgets/WindowOutline.h"
#include "Panes.h"

namespace emu::station {

namespace {

constexpr ImGuiWindowFlags kFixed =
    ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoBringToFrontOnFocus |
    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;

// Rec.709 luma of display code values, in stops-like bands a DP reads at a glance.
void falseColour(std::uint8_t* p) {
    const float y = (0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2]) / 255.0f;
    struct Band {
        float upTo;
        std::uint8_t r, g, b;
    };
    static const Band bands[] = {
        {0.02f, 80, 0, 120},    {0.10f, 0, 60, 200},   {0.38f, 90, 90, 90},   {0.45f, 0, 190, 60},
        {0.55f, 150, 150, 150}, {0.70f, 230, 200, 80}, {0.97f, 230, 120, 40}, {2.0f, 230, 0, 0}};
    for (const Band& b : bands) {
        if (y > b.upTo) continue;
        p[0] = b.r, p[1] = b.g, p[2] = b.b;
        return;
    }
}

float hueOf(const std::uint8_t* p) {
    const float r = p[0] / 255.0f, g = p[1] / 255.0f, b = p[2] / 255.0f;
    const float mx = std::max({r, g, b}), mn = std::min({r, g, b}), d = mx - mn;
    if (d <= 0.0f) return 0.0f;
    float h = mx == r ? std::fmod((g - b) / d, 6.0f) : mx == g ? (b - r) / d + 2 : (r - g) / d + 4;
    h /= 6.0f;
    return h < 0 ? h + 1 : h;
}

// The selected window node drawn on the picture: its edge, the soft edge's inner and outer
// limits (dotted), a handle at the centre to move it and one on the edge to size it. Each drag
// is one undo step. Not in split screen, where the picture holds two frames.
void windowHandles(StationState& state, ImVec2 origin, float scale, const Picture& p) {
    const graph::GradeNode* node = state.session.grade().node(state.selectedNode);
    const graph::NodeType* type = node ? state.session.registry().find(node->type) : nullptr;
    const graph::NodeDesc* desc = type ? &type->desc : nullptr;
    if (state.view.split || !desc || !desc->findParam("x") || !desc->findParam("y") ||
        desc->findParam("x")->ui != graph::UiHint::Handles) {
        return;
    }
    const graph::Grade& grade = state.session.grade();
    auto value = [&](const char* id, float otherwise) {
        const graph::ParamDesc* d = desc->findParam(id);
        return d ? grade.paramValue(*node, *d)[0] : otherwise;
    };
    WindowOutline w;
    w.x = value("x", 0.5f);
    w.y = value("y", 0.5f);
    w.size = value("size", 0.0f);
    w.aspect = value("aspect", 1.0f);
    w.rotationDeg = value("rotation", 0.0f);
    const float soft = value("softness", 0.0f);
    const float widthPx = p.width * scale, heightPx = p.height * scale;
    const float frameAspect = float(p.width) / float(p.height);
    auto screen = [&](PicturePoint q) {
        return ImVec2(origin.x + q.x * widthPx, origin.y + q.y * heightPx);
    };
    auto picture = [&](ImVec2 m) {
        return PicturePoint{(m.x - origin.x) / widthPx, (m.y - origin.y) / heightPx};
    };
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 edge = IM_COL32(255, 255, 255, 220), faint = IM_COL32(255, 255, 255, 110);
    if (w.size > 0.0f) {
        constexpr int kSegments = 72;
        constexpr float kTurn = 6.2831853f;
        for (const float d : {1.0f - soft, 1.0f, 1.0f + soft}) {
            const bool outline = d == 1.0f;
            if (!outline && (soft <= 0.0f || d <= 0.0f)) continue;
            for (int i = 0; i < kSegments; ++i) {
                if (!outline && i % 2) continue;  // the soft edge's limits dotted
                const float t0 = kTurn * i / kSegments, t1 = kTurn * (i + 1) / kSegments;
                draw->AddLine(screen(windowPoint(w, frameAspect, d, t0)),
                              screen(windowPoint(w, frameAspect, d, t1)), outline ? edge : faint,
                              outline ? 1.5f : 1.0f);
            }
        }
    }
    const ImVec2 centre = screen({w.x, w.y});
    draw->AddCircle(centre, 7.0f, edge, 16, 2.0f);
    ImGui::SetCursorScreenPos(ImVec2(centre.x - 8, centre.y - 8));
    ImGui::InvisibleButton("##handle", ImVec2(16, 16));
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        const PicturePoint m = picture(ImGui::GetIO().MousePos);
        state.edit({graph::SetParam{node->id, "x", {std::clamp(m.x, 0.0f, 1.0f)}},
                    graph::SetParam{node->id, "y", {std::clamp(m.y, 0.0f, 1.0f)}}},
                   true);
    }
    if (ImGui::IsItemDeactivated()) state.endLiveEdit();  // one undo step per drag
    if (w.size <= 0.0f || !desc->findParam("size")) return;
    // The size handle sits on the edge along the window's own horizontal axis.
    const ImVec2 rim = screen(windowPoint(w, frameAspect, 1.0f, 0.0f));
    draw->AddRectFilled(ImVec2(rim.x - 4, rim.y - 4), ImVec2(rim.x + 4, rim.y + 4), edge);
    ImGui::SetCursorScreenPos(ImVec2(rim.x - 7, rim.y - 7));
    ImGui::InvisibleButton("##size", ImVec2(14, 14));
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        const float size = windowSizeAt(w, frameAspect, picture(ImGui::GetIO().MousePos));
        state.edit({graph::SetParam{node->id, "size", {size}}}, true);
    }
    if (ImGui::IsItemDeactivated()) state.endLiveEdit();
}

}  // namespace

ViewerPlacement ViewerPane::draw(StationState& state, ImVec2 pos, ImVec2 size) {
    ViewerPlacement out;
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("Viewer", nullptr, kFixed | ImGuiWindowFlags_NoBackground);
    const ShotEntry& shot = state.session.currentShot();
    const RenderedFrame* f = state.shown ? &*state.shown : nullptr;
    ImGui::Text("Shot %d  %s  v%d  %s", shot.number, shot.name.c_str(),
                state.session.activeVersion(), shot.recordTimecode.c_str());
    if (f) {
        ImGui::SameLine();
        ImGui::TextDisabled("  %dx%d  proxy 1/%d  %.1f ms  %s / %s", f->sourceWidthPx,
                            f->sourceHeightPx, f->proxyFactor, f->renderMs,
                            state.view.display.c_str(), state.view.view.c_str());
    }
    const float footer = ImGui::GetTextLineHeightWithSpacing() + 4;
    const ImVec2 roomPos = ImGui::GetCursorScreenPos();
    const ImVec2 room(ImGui::GetContentRegionAvail().x, ImGui::GetContentRegionAvail().y - footer);
    out.roomWidthPx = int(room.x);
    out.roomHeightPx = int(room.y);
    if (f && !f->picture.empty()) {
        const Picture& p = f->picture;
        const float fit = std::min(1.0f, std::min(room.x / p.width, room.y / p.height));
        const float scale = state.view.zoom > 0.0f ? state.view.zoom : fit;
        const int w = std::max(1, int(p.width * scale)), h = std::max(1, int(p.height * scale));
        out.x = int(std::floor(roomPos.x + (room.x - w) / 2 + state.view.panX));
        out.y = int(std::floor(roomPos.y + (room.y - h) / 2 + state.view.panY));
        if (scale == 1.0f && !state.view.falseColour && !state.view.clipping) {
            out.picture = &p;
        } else {
            m_scaled.width = w;
            m_scaled.height = h;
            m_scaled.rgba.resize(std::size_t(w) * h * 4);
            for (int y = 0; y < h; ++y) {
                for (int x = 0; x < w; ++x) {
                    const std::uint8_t* src = p.pixel(std::min(p.width - 1, int(x / scale)),
                                                      std::min(p.height - 1, int(y / scale)));
                    std::uint8_t* dst = m_scaled.rgba.data() + (std::size_t(y) * w + x) * 4;
                    std::copy(src, src + 4, dst);
                    if (state.view.falseColour) falseColour(dst);
                    if (state.view.clipping) {
                        const bool hi = std::max({dst[0], dst[1], dst[2]}) == 255;
                        const bool lo = std::min({dst[0], dst[1], dst[2]}) == 0;
                        if (hi)
                            dst[0] = 255, dst[1] = 0, dst[2] = 255;
                        else if (lo)
                            dst[0] = 0, dst[1] = 90, dst[2] = 255;
                    }
                }
            }
            out.picture = &m_scaled;
        }
        // Pan by dragging with the middle button; zoom with the wheel; qualifier picking with
        // a click when a qualifier is selected.
        ImGui::SetCursorScreenPos(roomPos);
        ImGui::InvisibleButton(
            "##viewer", ImVec2(std::max(1.0f, room.x), std::max(1.0f, room.y)),
            ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
        if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Middle)) {
            state.view.panX += ImGui::GetIO().MouseDelta.x;
            state.view.panY += ImGui::GetIO().MouseDelta.y;
        }
        if (ImGui::IsItemHovered() && ImGui::GetIO().MouseWheel != 0.0f) {
            state.view.zoom =
                std::clamp(scale * (ImGui::GetIO().MouseWheel > 0 ? 2.0f : 0.5f), 0.125f, 8.0f);
        }
        const graph::GradeNode* sel = state.session.grade().node(state.selectedNode);
        if (ImGui::IsItemClicked(ImGuiMouseButton_Left) && sel && sel->type == "qualifier") {
            const ImVec2 m = ImGui::GetIO().MousePos;
            const int px = int((m.x - out.x) / scale), py = int((m.y - out.y) / scale);
            if (px >= 0 && py >= 0 && px < p.width && py < p.height) {
                state.edit({graph::SetParam{sel->id, "hue", {hueOf(p.pixel(px, py))}}});
            }
        }
        windowHandles(state, ImVec2(float(out.x), float(out.y)), scale, p);
        // The wipe's split is marked above and below the picture, never across it.
        if (state.view.wipeSource != WipeSource::None && !state.view.split) {
            ImDrawList* draw = ImGui::GetWindowDrawList();
            const float sx = out.x + std::round(state.view.wipe * p.width) * scale;
            const ImU32 c = IM_COL32(255, 210, 0, 255);
            draw->AddTriangleFilled(ImVec2(sx - 6, out.y - 9.0f), ImVec2(sx + 6, out.y - 9.0f),
                                    ImVec2(sx, out.y - 1.0f), c);
            draw->AddTriangleFilled(ImVec2(sx - 6, out.y + h + 9.0f),
                                    ImVec2(sx + 6, out.y + h + 9.0f), ImVec2(sx, out.y + h + 1.0f),
                                    c);
        }
    } else {
        ImGui::SetCursorScreenPos(ImVec2(roomPos.x + 8, roomPos.y + 8));
        ImGui::TextDisabled(f && !f->error.empty() ? f->error.c_str() : "rendering...");
    }
    ImGui::SetCursorScreenPos(ImVec2(roomPos.x, roomPos.y + room.y + 2));
    // Split screen: A and B whole side by side (the same as the S key and `split on|off`).
    bool split = state.view.split;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, 1));
    if (ImGui::Checkbox("split", &split)) state.report(state.setSplit(split));
    ImGui::PopStyleVar();
    ImGui::SameLine();
    const char* wipe = state.view.wipeSource == WipeSource::Still     ? "wipe: still"
                       : state.view.wipeSource == WipeSource::Version ? "wipe: version"
                                                                      : "wipe: off";
    ImGui::TextDisabled("%s  |  zoom %s  |  %s%s%s%s", wipe, state.view.zoom > 0 ? "set" : "fit",
                        state.view.bypassGrade ? "GRADE BYPASSED  " : "",
                        state.view.falseColour ? "false colour  " : "",
                        state.view.highlight ? "highlight  " : "", state.message.c_str());
    ImGui::End();
    return out;
}

}  // namespace emu::station
