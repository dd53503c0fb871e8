#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>

#include "Panes.h"

namespace emu::station {

namespace {

constexpr ImGuiWindowFlags kFixed =
    ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_HorizontalScrollbar;
constexpr float kNodeW = 96, kNodeH = 34, kGapX = 30, kGapY = 10;

// Columns by the longest path from the source, rows in id order within a column.
std::map<graph::NodeId, ImVec2> layout(const graph::Grade& grade) {
    std::map<graph::NodeId, int> depth;
    std::map<int, int> rows;
    std::map<graph::NodeId, ImVec2> at;
    auto order = grade.topologicalOrder();
    if (!order.isOk()) return at;
    for (graph::NodeId id : *order) {
        int d = 0;
        for (const graph::Connection& c : grade.connections()) {
            if (c.toNode == id) d = std::max(d, depth[c.fromNode] + 1);
        }
        depth[id] = d;
        at[id] = ImVec2(d * (kNodeW + kGapX), float(rows[d]++) * (kNodeH + kGapY));
    }
    return at;
}

constexpr const char* kNodePayload = "EMU_NODE";

// A node box is a drag source (its id) and a drop target: dropping node A on node B feeds A's
// output into B, replacing what fed it, as one edit. Call right after the node's button.
void dragToConnect(StationState& state, graph::NodeId id, const std::string& text) {
    if (ImGui::BeginDragDropSource()) {
        ImGui::SetDragDropPayload(kNodePayload, &id, sizeof id);
        ImGui::Text("connect %s to...", text.c_str());
        ImGui::EndDragDropSource();
    }
    if (ImGui::BeginDragDropTarget()) {
        if (const ImGuiPayload* p = ImGui::AcceptDragDropPayload(kNodePayload)) {
            graph::NodeId from = 0;
            std::memcpy(&from, p->Data, sizeof from);
            // The session refuses cycles and grades that would not render; the status line
            // says why.
            if (state.report(state.session.connectNodes(from, id)).isOk()) state.changed();
        }
        ImGui::EndDragDropTarget();
    }
}

// The label editor: opened for `open` (0: none this frame), applied on Enter or OK as one
// edit; an empty label shows the node's type again.
void labelPopup(StationState& state, graph::NodeId open) {
    char* text = state.labelText.data();
    if (open) {
        const graph::GradeNode* n = state.session.grade().node(open);
        state.labelling = open;
        std::snprintf(text, state.labelText.size(), "%s", n ? n->label.c_str() : "");
        ImGui::OpenPopup("Label node");
    }
    if (!ImGui::BeginPopup("Label node")) return;
    ImGui::Text("Label of node %d", state.labelling);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    bool done = ImGui::InputText("##label", text, state.labelText.size(),
                                 ImGuiInputTextFlags_EnterReturnsTrue);
    done = ImGui::Button("OK") || done;
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    if (done && state.edit({graph::SetLabel{state.labelling, text}}).isOk()) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace

void drawNodeGraphPane(StationState& state, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("Nodes", nullptr, kFixed);
    static int typeIndex = 0;
    std::vector<const char*> types;
    for (const graph::NodeType& t : state.session.registry().types()) {
        if (t.desc.id != graph::kSourceType && t.desc.id != graph::kOutputType) {
            types.push_back(t.desc.id.c_str());
        }
    }
    ImGui::SetNextItemWidth(110);
    ImGui::Combo("##type", &typeIndex, types.data(), int(types.size()));
    const std::string type = types.empty() ? "lgg" : types[std::size_t(typeIndex) % types.size()];
    const graph::NodeId at = state.editedNode();
    auto added = [&](Result<graph::NodeId> id) {
        if (state.report(id.status()).isOk()) {
            state.selectedNode = *id;
            state.changed();
        }
    };
    ImGui::SameLine();
    if (ImGui::Button("+ Serial")) added(state.session.addSerialNode(at, type));
    ImGui::SameLine();
    if (ImGui::Button("+ Parallel")) added(state.session.addParallelNode(at, type, "parallel"));
    ImGui::SameLine();
    if (ImGui::Button("+ Layer")) added(state.session.addParallelNode(at, type, "layer"));
    ImGui::SameLine();
    const graph::GradeNode* sel = state.session.grade().node(at);
    if (ImGui::Button("Bypass") && sel) state.edit({graph::Bypass{at, !sel->bypass}});
    ImGui::SameLine();
    if (ImGui::Button("Remove") && sel && sel->type != graph::kSourceType &&
        sel->type != graph::kOutputType) {
        // Removing a serial node reconnects what it fed to what fed it.
        std::vector<graph::Command> commands;
        const graph::Connection* in = state.session.grade().inputOf(at, "image");
        for (const graph::Connection& c : state.session.grade().connections()) {
            if (in && c.fromNode == at && c.fromPort == "image") {
                commands.push_back(
                    graph::Connect{{in->fromNode, in->fromPort, c.toNode, c.toPort}});
            }
        }
        commands.push_back(graph::RemoveNode{at});
        if (state.edit(commands).isOk()) state.selectedNode = 0;
    }
    graph::NodeId labelling = 0;  // the node whose label popup opens this frame
    const graph::Grade& grade = state.session.grade();
    const std::map<graph::NodeId, ImVec2> place = layout(grade);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const graph::Connection& c : grade.connections()) {
        if (!place.count(c.fromNode) || !place.count(c.toNode)) continue;
        const ImVec2 a = place.at(c.fromNode), b = place.at(c.toNode);
        const ImVec2 p0(origin.x + a.x + kNodeW, origin.y + a.y + kNodeH / 2);
        const ImVec2 p1(origin.x + b.x, origin.y + b.y + kNodeH / 2);
        const ImU32 colour =
            c.fromPort == "matte" ? IM_COL32(90, 160, 230, 255) : IM_COL32(200, 200, 90, 255);
        draw->AddBezierCubic(p0, ImVec2(p0.x + 15, p0.y), ImVec2(p1.x - 15, p1.y), p1, colour,
                             1.5f);
    }
    float maxX = 0, maxY = 0;
    for (const graph::GradeNode& n : grade.nodes()) {
        if (!place.count(n.id)) continue;
        const ImVec2 p = place.at(n.id);
        maxX = std::max(maxX, p.x + kNodeW);
        maxY = std::max(maxY, p.y + kNodeH);
        ImGui::SetCursorScreenPos(ImVec2(origin.x + p.x, origin.y + p.y));
        ImGui::PushID(n.id);
        const bool selected = n.id == at;
        ImGui::PushStyleColor(ImGuiCol_Button, n.bypass   ? ImVec4(0.25f, 0.25f, 0.25f, 1)
                                               : selected ? ImVec4(0.55f, 0.38f, 0.12f, 1)
                                                          : ImVec4(0.18f, 0.26f, 0.36f, 1));
        const std::string text = std::to_string(n.id) + " " + (n.label.empty() ? n.type : n.label);
        if (ImGui::Button(text.c_str(), ImVec2(kNodeW, kNodeH))) state.selectedNode = n.id;
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
            labelling = n.id;
        }
        if (ImGui::BeginPopupContextItem("node menu")) {
            if (ImGui::MenuItem("Label...")) labelling = n.id;
            ImGui::EndPopup();
        }
        dragToConnect(state, n.id, text);
        ImGui::PopID();
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x + maxX, origin.y + maxY));
    ImGui::Dummy(ImVec2(1, 1));
    labelPopup(state, labelling);
    ImGui::End();
}

}  // namespace emu::station
