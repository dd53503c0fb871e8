#include <algorithm>
#include <cmath>

#include "../widgets/ParamWidgets.h"
#include "Panes.h"

namespace emu::station {

namespace {

const graph::NodeDesc* descOf(const StationState& state, const graph::GradeNode& node) {
    const graph::NodeType* t = state.session.registry().find(node.type);
    return t ? &t->desc : nullptr;
}

// The CDL numbers of the grade's first cdl node, as a colourist reads them back to a DIT.
void cdlNumbers(StationState& state) {
    for (const graph::GradeNode& n : state.session.grade().nodes()) {
        if (n.type != "cdl") continue;
        const graph::NodeDesc* d = descOf(state, n);
        if (!d) return;
        ImGui::Separator();
        ImGui::Text("CDL (node %d)", n.id);
        for (const graph::ParamDesc& p : d->params) {
            const std::vector<float> v = state.session.grade().paramValue(n, p);
            std::string line = p.label + ":";
            for (float x : v) {
                char b[24];
                std::snprintf(b, sizeof b, " %.4f", x);
                line += b;
            }
            ImGui::TextUnformatted(line.c_str());
        }
        return;
    }
}

}  // namespace

void drawPrimariesPane(StationState& state) {
    // Two pages as on a grading panel: the selected node's wheels, or the grade's log wheels.
    static int page = 0;
    ImGui::RadioButton("Wheels", &page, 0);
    ImGui::SameLine();
    ImGui::RadioButton("Log wheels", &page, 1);
    graph::NodeId id = state.editedNode();
    if (page == 1) {
        id = 0;
        for (const graph::GradeNode& n : state.session.grade().nodes()) {
            if (n.type == "logwheels" && !id) id = n.id;
        }
        if (!id) {
            ImGui::TextDisabled("No log wheels node: add one (logwheels) from the node graph.");
            return;
        }
    }
    const graph::GradeNode* found = state.session.grade().node(id);
    if (!found) return;
    const graph::GradeNode node = *found;
    const graph::NodeDesc* d = descOf(state, node);
    ImGui::Text("Node %d: %s", node.id, d ? d->label.c_str() : node.type.c_str());
    if (!d) return;
    // Wheels first (lift, gamma, gain, offset; the log wheels' shadow, midtone, highlight),
    // side by side as on a panel, then every other parameter as numbers.
    const float radius = std::min(70.0f, (ImGui::GetContentRegionAvail().x - 30) / 8);
    int wheels = 0;
    for (const graph::ParamDesc& p : d->params) {
        if (p.ui != graph::UiHint::Wheel && p.type != graph::ParamType::Rgba) continue;
        if (wheels++ % 4) ImGui::SameLine();
        colourWheel(state, node, p, radius);
    }
    for (const graph::ParamDesc& p : d->params) {
        if (p.ui == graph::UiHint::Wheel || p.type == graph::ParamType::Rgba) continue;
        paramWidget(state, node, p);
    }
    cdlNumbers(state);
}

void drawCurvesPane(StationState& state) {
    const graph::GradeNode* found = state.session.grade().node(state.editedNode());
    const graph::GradeNode* curves = found;
    if (!curves || !descOf(state, *curves) ||
        std::none_of(descOf(state, *curves)->params.begin(), descOf(state, *curves)->params.end(),
                     [](const graph::ParamDesc& p) { return p.type == graph::ParamType::Curve; })) {
        curves = nullptr;
        for (const graph::GradeNode& n : state.session.grade().nodes()) {
            if (n.type == "curves" || n.type == "huesat") curves = &n;
            if (curves) break;
        }
    }
    if (!curves) {
        ImGui::TextDisabled("No curves node: add one (curves, huesat) from the node graph.");
        return;
    }
    const graph::GradeNode node = *curves;
    ImGui::Text("Node %d: %s", node.id, node.type.c_str());
    int shown = 0;
    for (const graph::ParamDesc& p : descOf(state, node)->params) {
        if (p.type != graph::ParamType::Curve) continue;
        if (shown++ % 2) ImGui::SameLine();
        ImGui::BeginGroup();
        curveEditor(state, node, p, 170.0f);
        ImGui::EndGroup();
    }
}

void drawNodeTypePane(StationState& state, const char* type, const char* what) {
    bool any = false;
    for (const graph::GradeNode& n : state.session.grade().nodes()) {
        const bool match = n.type == type || (std::string(type) == "window" &&
                                              (n.type == "rectwindow" || n.type == "gradient" ||
                                               n.type == "polygon" || n.type == "window"));
        if (!match) continue;
        any = true;
        ImGui::PushID(n.id);
        if (ImGui::CollapsingHeader((std::to_string(n.id) + " " + n.type).c_str(),
                                    ImGuiTreeNodeFlags_DefaultOpen)) {
            if (ImGui::SmallButton("select")) state.selectedNode = n.id;
            nodeParams(state, n.id);
        }
        ImGui::PopID();
    }
    if (!any) ImGui::TextDisabled("No %s in this grade.", what);
}

void drawScopesPane(StationState& state) {
    if (!state.shown || state.shown->picture.empty()) return;
    const Scopes& s = state.shown->scopes;
    const char* names[] = {"Red", "Green", "Blue"};
    const float w = ImGui::GetContentRegionAvail().x;
    for (int c = 0; c < 3; ++c) {
        ImGui::PlotHistogram(names[c], s.histogram[std::size_t(c)].data(), 256, 0, nullptr, 0.0f,
                             FLT_MAX, ImVec2(w - 60, 70));
    }
    // The worker computes the trace chosen here; a change asks it for a new frame.
    if (ImGui::RadioButton("Waveform", !state.view.parade)) {
        state.view.parade = false;
        state.changed();
    }
    ImGui::SameLine();
    if (ImGui::RadioButton("Parade", state.view.parade)) {
        state.view.parade = true;
        state.changed();
    }
    // Waveform (or parade) and vectorscope side by side: each bin drawn with a brightness that
    // grows with its count (log scale, so sparse traces stay visible).
    const float side = std::min(200.0f, (w - 30) / 2);
    auto plot = [&](const scopes::ScopeData& d, int plane, ImVec2 o, float wPx, float hPx,
                    ImU32 rgb) {
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->AddRectFilled(o, ImVec2(o.x + wPx, o.y + hPx), IM_COL32(12, 12, 12, 255));
        std::uint32_t most = 1;
        for (std::uint32_t c : d.counts) most = std::max(most, c);
        const float cw = wPx / d.width, ch = hPx / d.height;
        for (int y = 0; y < d.height; ++y) {
            for (int x = 0; x < d.width; ++x) {
                const std::uint32_t c = d.at(plane, x, y);
                if (!c) continue;
                const float a = 0.25f + 0.75f * std::log1p(float(c)) / std::log1p(float(most));
                const ImVec2 p(o.x + x * cw, o.y + hPx - (y + 1) * ch);
                draw->AddRectFilled(p, ImVec2(p.x + cw, p.y + ch),
                                    (rgb & 0x00ffffffu) | (ImU32(a * 255) << 24));
            }
        }
    };
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const float traceW = side * 1.4f;
    if (!state.view.parade && s.waveform) {
        plot(*s.waveform, 0, o, traceW, side, IM_COL32(120, 255, 140, 255));
    }
    if (state.view.parade && s.parade) {
        const ImU32 colours[] = {IM_COL32(255, 80, 80, 255), IM_COL32(80, 255, 80, 255),
                                 IM_COL32(90, 140, 255, 255)};
        const float gap = 4, planeW = (traceW - 2 * gap) / 3;
        for (int c = 0; c < 3; ++c) {
            plot(*s.parade, c, ImVec2(o.x + c * (planeW + gap), o.y), planeW, side, colours[c]);
        }
    }
    if (s.vectorscope) {
        const ImVec2 vo(o.x + traceW + 10, o.y);
        plot(*s.vectorscope, 0, vo, side, side, IM_COL32(255, 255, 255, 255));
        ImGui::GetWindowDrawList()->AddCircle(ImVec2(vo.x + side / 2, vo.y + side / 2), side / 2,
                                              IM_COL32(90, 90, 90, 255), 48);
    }
    ImGui::Dummy(ImVec2(w - 20, side));
    const Picture& p = state.shown->picture;
    ImGui::TextDisabled("Histograms, %s and vectorscope of the displayed %dx%d picture",
                        state.view.parade ? "RGB parade" : "waveform (luma)", p.width, p.height);
}

void drawSidePanes(StationState& state, const DeliverStatus& deliver, const SurfaceStatus& surfaces,
                   ImVec2 pos, ImVec2 size, bool& startRender) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("Colour", nullptr,
                 ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    if (ImGui::BeginTabBar("panes")) {
        for (const std::string& name : paneNames()) {
            const ImGuiTabItemFlags flags =
                state.paneRequested && state.openPane == name ? ImGuiTabItemFlags_SetSelected : 0;
            if (!ImGui::BeginTabItem(name.c_str(), nullptr, flags)) continue;
            if (!state.paneRequested) state.openPane = name;
            if (name == "primaries") drawPrimariesPane(state);
            if (name == "curves") drawCurvesPane(state);
            if (name == "qualifier") drawNodeTypePane(state, "qualifier", "qualifier");
            if (name == "windows") drawNodeTypePane(state, "window", "window");
            if (name == "scopes") drawScopesPane(state);
            if (name == "gallery") drawGalleryPane(state);
            if (name == "versions") drawVersionsPane(state);
            if (name == "media") drawMediaPane(state);
            if (name == "surfaces") {
                for (const std::string& line : surfaces.lines) {
                    ImGui::TextUnformatted(line.c_str());
                }
            }
            if (name == "deliver") {
                ImGui::TextUnformatted("Render the timeline from the camera originals");
                const std::vector<std::string> none;
                const std::vector<std::string>& presets = deliver.presets ? *deliver.presets : none;
                for (int i = 0; i < int(presets.size()); ++i) {
                    if (ImGui::RadioButton(presets[std::size_t(i)].c_str(),
                                           state.deliverPreset == i)) {
                        state.deliverPreset = i;
                    }
                }
                if (ImGui::Button("Queue render") && !deliver.running && !presets.empty()) {
                    startRender = true;
                }
                ImGui::ProgressBar(float(deliver.progress), ImVec2(-1, 0));
                ImGui::TextUnformatted(deliver.message.c_str());
            }
            ImGui::EndTabItem();
        }
        state.paneRequested = false;
        ImGui::EndTabBar();
    }
    ImGui::End();
}

}  // namespace emu::station
