#include "ParamWidgets.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace emu::station {

namespace {

const graph::NodeDesc* descOf(const StationState& state, const graph::GradeNode& node) {
    const graph::NodeType* t = state.session.registry().find(node.type);
    return t ? &t->desc : nullptr;
}

bool send(StationState& state, const graph::GradeNode& node, const graph::ParamDesc& param,
          std::vector<float> value, bool live = false) {
    return state.edit({graph::SetParam{node.id, param.id, std::move(value)}}, live).isOk();
}

// A drag (or typing into a drag field) is one undo step: saved when the widget lets go.
void endDrag(StationState& state) {
    if (ImGui::IsItemDeactivated()) state.endLiveEdit();
}

}  // namespace

bool colourWheel(StationState& state, const graph::GradeNode& node, const graph::ParamDesc& param,
                 float radius) {
    std::vector<float> v = state.session.grade().paramValue(node, param);
    if (v.size() < 4) return false;
    ImGui::PushID(param.id.c_str());
    ImGui::BeginGroup();
    ImGui::TextUnformatted(param.label.c_str());
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const ImVec2 centre(top.x + radius, top.y + radius);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (int i = 0; i < 36; ++i) {
        const float a0 = float(i) / 36 * 6.2832f, a1 = float(i + 1) / 36 * 6.2832f;
        // Red at the top-right as on a grading panel's trackball.
        const ImVec4 c = ImColor::HSV(std::fmod(1.0f - (a0 / 6.2832f) + 0.25f, 1.0f), 0.6f, 0.7f);
        draw->AddLine(ImVec2(centre.x + std::cos(a0) * radius, centre.y - std::sin(a0) * radius),
                      ImVec2(centre.x + std::cos(a1) * radius, centre.y - std::sin(a1) * radius),
                      ImGui::ColorConvertFloat4ToU32(c), 3.0f);
    }
    draw->AddCircleFilled(centre, radius - 3, IM_COL32(30, 30, 32, 255), 32);
    // Balance: the channels' departure from their mean, on two opponent axes.
    const float mean = (v[0] + v[1] + v[2]) / 3.0f;
    // The puck's reach: a quarter of the range, at most half a unit (gain runs to 16).
    const float span = std::clamp((param.max - param.min) * 0.25f, 0.05f, 0.5f);
    const float u = (2 * v[0] - v[1] - v[2]) / std::sqrt(6.0f), w = (v[1] - v[2]) / std::sqrt(2.0f);
    const ImVec2 puck(centre.x + std::clamp(u / span, -1.0f, 1.0f) * (radius - 6),
                      centre.y - std::clamp(w / span, -1.0f, 1.0f) * (radius - 6));
    draw->AddCircleFilled(puck, 4.0f, IM_COL32(240, 240, 240, 255));
    ImGui::InvisibleButton("##wheel", ImVec2(radius * 2, radius * 2));
    bool changed = false;
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
        const ImVec2 d = ImGui::GetIO().MouseDelta;
        const float nu = u + d.x / (radius - 6) * span, nw = w - d.y / (radius - 6) * span;
        std::vector<float> next = v;
        next[0] = mean + nu * 2 / std::sqrt(6.0f);
        next[1] = mean - nu / std::sqrt(6.0f) + nw / std::sqrt(2.0f);
        next[2] = mean - nu / std::sqrt(6.0f) - nw / std::sqrt(2.0f);
        for (int c = 0; c < 3; ++c) next[c] = std::clamp(next[c], param.min, param.max);
        changed = send(state, node, param, next, true);
    }
    endDrag(state);
    ImGui::SetNextItemWidth(radius * 2);
    float master = v[3];
    if (ImGui::DragFloat("##master", &master, param.step, param.min, param.max, "%.3f")) {
        v[3] = master;
        changed = send(state, node, param, v, true) || changed;
    }
    endDrag(state);
    ImGui::SetNextItemWidth(radius * 2);
    float rgb[3] = {v[0], v[1], v[2]};
    if (ImGui::InputFloat3("##rgb", rgb, "%.3f", ImGuiInputTextFlags_EnterReturnsTrue)) {
        std::vector<float> next{rgb[0], rgb[1], rgb[2], v[3]};
        changed = send(state, node, param, next) || changed;
    }
    ImGui::EndGroup();
    ImGui::PopID();
    return changed;
}

bool curveEditor(StationState& state, const graph::GradeNode& node, const graph::ParamDesc& param,
                 float size) {
    std::vector<float> v = state.session.grade().paramValue(node, param);
    ImGui::PushID(param.id.c_str());
    ImGui::TextUnformatted(param.label.c_str());
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(o, ImVec2(o.x + size, o.y + size), IM_COL32(25, 25, 28, 255));
    for (int i = 1; i < 4; ++i) {
        const float t = size * i / 4;
        draw->AddLine(ImVec2(o.x + t, o.y), ImVec2(o.x + t, o.y + size), IM_COL32(60, 60, 60, 255));
        draw->AddLine(ImVec2(o.x, o.y + t), ImVec2(o.x + size, o.y + t), IM_COL32(60, 60, 60, 255));
    }
    const float lo = param.min, hi = param.max;
    auto toScreen = [&](float x, float y) {
        return ImVec2(o.x + (x - lo) / (hi - lo) * size, o.y + size - (y - lo) / (hi - lo) * size);
    };
    for (std::size_t i = 0; i + 3 < v.size(); i += 2) {
        draw->AddLine(toScreen(v[i], v[i + 1]), toScreen(v[i + 2], v[i + 3]),
                      IM_COL32(220, 220, 220, 255), 1.5f);
    }
    ImGui::InvisibleButton("##curve", ImVec2(size, size));
    const ImVec2 m = ImGui::GetIO().MousePos;
    const float mx = lo + (m.x - o.x) / size * (hi - lo),
                my = lo + (o.y + size - m.y) / size * (hi - lo);
    static int dragging = -1;  // the point being dragged (one mouse, one drag at a time)
    int nearest = -1;
    float best = 8.0f;
    for (std::size_t i = 0; i + 1 < v.size(); i += 2) {
        const ImVec2 p = toScreen(v[i], v[i + 1]);
        draw->AddCircleFilled(p, 3.5f, IM_COL32(255, 255, 255, 255));
        const float d = std::hypot(p.x - m.x, p.y - m.y);
        if (d < best) best = d, nearest = int(i / 2);
    }
    bool changed = false;
    if (ImGui::IsItemActivated()) dragging = nearest;
    if (!ImGui::IsItemActive()) dragging = -1;
    if (dragging >= 0 && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
        std::vector<float> next = v;
        const std::size_t i = std::size_t(dragging) * 2;
        const float left = i >= 2 ? next[i - 2] + 0.001f : lo;
        const float right = i + 2 < next.size() ? next[i + 2] - 0.001f : hi;
        next[i] = std::clamp(mx, left, right);
        next[i + 1] = std::clamp(my, lo, hi);
        changed = send(state, node, param, next, true);
    }
    endDrag(state);
    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) &&
        v.size() / 2 < std::size_t(graph::kMaxCurvePoints)) {
        std::vector<float> next = v;
        std::size_t at = 0;
        while (at < next.size() && next[at] < mx) at += 2;
        next.insert(next.begin() + long(at), {std::clamp(mx, lo, hi), std::clamp(my, lo, hi)});
        changed = send(state, node, param, next);
    }
    if (ImGui::IsItemClicked(ImGuiMouseButton_Right) && nearest >= 0 && v.size() > 4) {
        std::vector<float> next = v;
        next.erase(next.begin() + nearest * 2, next.begin() + nearest * 2 + 2);
        changed = send(state, node, param, next);
    }
    ImGui::PopID();
    return changed;
}

bool paramWidget(StationState& state, const graph::GradeNode& node, const graph::ParamDesc& param) {
    if (param.isText()) {
        ImGui::Text("%s: %s", param.label.c_str(),
                    state.session.grade().textValue(node, param).c_str());
        return false;
    }
    std::vector<float> v = state.session.grade().paramValue(node, param);
    ImGui::PushID(param.id.c_str());
    bool changed = false;
    switch (param.type) {
        case graph::ParamType::Bool: {
            bool on = v[0] > 0.5f;
            if (ImGui::Checkbox(param.label.c_str(), &on))
                changed = send(state, node, param, {on ? 1.0f : 0.0f});
            break;
        }
        case graph::ParamType::Enum: {
            int index = int(v[0]);
            std::vector<const char*> names;
            for (const std::string& n : param.enumNames) names.push_back(n.c_str());
            if (ImGui::Combo(param.label.c_str(), &index, names.data(), int(names.size()))) {
                changed = send(state, node, param, {float(index)});
            }
            break;
        }
        case graph::ParamType::Curve:
            changed = curveEditor(state, node, param, 180.0f);
            break;
        case graph::ParamType::Points:
            ImGui::Text("%s: %zu points", param.label.c_str(), v.size() / 2);
            break;
        default: {
            // Float, Int, Rgb, Rgba: numbers dragged or typed.
            const int n = int(std::min<std::size_t>(v.size(), 4));
            const char* fmt = param.type == graph::ParamType::Int ? "%.0f" : "%.3f";
            if (ImGui::DragScalarN(param.label.c_str(), ImGuiDataType_Float, v.data(), n,
                                   param.step, &param.min, &param.max, fmt)) {
                changed = send(state, node, param, v, true);
            }
            endDrag(state);
        }
    }
    ImGui::PopID();
    return changed;
}

void nodeParams(StationState& state, graph::NodeId id) {
    const graph::GradeNode* node = state.session.grade().node(id);
    if (!node) return;
    const graph::NodeDesc* desc = descOf(state, *node);
    if (!desc) return;
    const graph::GradeNode copy = *node;  // an edit may move the grade's nodes
    for (const graph::ParamDesc& p : desc->params) paramWidget(state, copy, p);
}

}  // namespace emu::station
