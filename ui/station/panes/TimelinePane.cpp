#include <algorithm>

#include "../Script.h"
#include "Panes.h"

namespace emu::station {

namespace {

constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoCollapse |
                                    ImGuiWindowFlags_NoBringToFrontOnFocus;

}  // namespace

// Shots in record order as cards: number, name, record time code, version and grade badges.
// A click selects the shot (the same session call as `select-shot`).
void drawTimelinePane(StationState& state, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("Timeline", nullptr, kFixed | ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::TextDisabled("%s", state.session.timelineName().c_str());
    const auto& shots = state.session.shots();
    auto all = state.session.project().shots();
    for (const ShotEntry& shot : shots) {
        ImGui::PushID(shot.number);
        ImGui::BeginGroup();
        const bool selected = shot.number == state.session.current() + 1;
        ImGui::PushStyleColor(ImGuiCol_Button, selected ? ImVec4(0.55f, 0.38f, 0.12f, 1.0f)
                                                        : ImVec4(0.20f, 0.20f, 0.22f, 1.0f));
        const std::string card = std::to_string(shot.number) + "\n" + shot.name;
        if (ImGui::Button(card.c_str(), ImVec2(120, 52)) && !selected) {
            if (state.report(state.session.selectShot(shot.number - 1)).isOk()) {
                state.selectedNode = 0;
                state.playOffset = 0;
                state.changed();
            }
        }
        ImGui::PopStyleColor();
        int version = 0;
        if (all.isOk()) {
            for (const timeline::Shot& s : *all) {
                if (s.id == shot.id) version = s.activeVersion.value_or(0);
            }
        }
        ImGui::TextDisabled("%s", shot.recordTimecode.c_str());
        ImGui::TextColored(version ? ImVec4(0.4f, 0.8f, 0.4f, 1) : ImVec4(0.6f, 0.6f, 0.6f, 1),
                           version ? "graded  v%d" : "ungraded", version);
        ImGui::EndGroup();
        ImGui::SameLine();
        ImGui::PopID();
    }
    ImGui::End();
}

}  // namespace emu::station
