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
    const graph::NodeId id = state.editedNode();
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
    // Parade: each channel's code values down the picture's columns, sampled.
    const Picture& p = state.shown->picture;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const float ph = 120, pw = (w - 20) / 3;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(o, ImVec2(o.x + w - 20, o.y + ph), IM_COL32(15, 15, 15, 255));
    const int stepX = std::max(1, p.width / 128), stepY = std::max(1, p.height / 48);
    const ImU32 colours[] = {IM_COL32(255, 60, 60, 90), IM_COL32(60, 255, 60, 90),
                             IM_COL32(80, 120, 255, 90)};
    for (int c = 0; c < 3; ++c) {
        for (int x = 0; x < p.width; x += stepX) {
            for (int y = 0; y < p.height; y += stepY) {
                const float px = o.x + c * pw + float(x) / p.width * pw;
                const float py = o.y + ph - p.pixel(x, y)[c] / 255.0f * ph;
                draw->AddRectFilled(ImVec2(px, py), ImVec2(px + 1, py + 1), colours[c]);
            }
        }
    }
    ImGui::Dummy(ImVec2(w - 20, ph));
    ImGui::TextDisabled("Histograms and parade of the displayed picture (%dx%d)", p.width,
                        p.height);
}

void drawSidePanes(StationState& state, const DeliverStatus& deliver, ImVec2 pos, ImVec2 size,
                   bool& startRender) {
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
            if (name == "deliver") {
                ImGui::TextUnformatted(
                    "Render every shot through its grade to EXR (working space)");
                if (ImGui::Button("Queue render") && !deliver.running) startRender = true;
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
