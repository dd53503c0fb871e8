#include <algorithm>
#include <cmath>

#include "../Script.h"
#include "Panes.h"

namespace emu::station {

namespace {

constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoCollapse |
                                    ImGuiWindowFlags_NoBringToFrontOnFocus;

// The thumbnail's frame: a 2 px border, then 1 px of clear colour, so that neither the border
// nor its anti-aliased edge ever touches the picture.
constexpr float kBorderPx = 3.0f;
constexpr float kTextWidthPx = 104.0f;

int activeVersionOf(const ShotEntry& shot, const Result<std::vector<timeline::Shot>>& all) {
    if (!all.isOk()) return 0;
    for (const timeline::Shot& s : *all) {
        if (s.id == shot.id) return s.activeVersion.value_or(0);
    }
    return 0;
}

}  // namespace

// Shots in record order as cards: the shot's graded thumbnail (an invisible button with a
// border: the picture goes into the swapchain image before ImGui draws, so nothing may be
// drawn over it), then number, name, record time code and version badge. A click selects the
// shot (the same session call as `select-shot`).
std::vector<ThumbnailPlacement> drawTimelinePane(StationState& state, ImVec2 pos, ImVec2 size) {
    std::vector<ThumbnailPlacement> placements;
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    const std::string title = "Timeline  " + state.session.timelineName() + "###Timeline";
    ImGui::Begin(title.c_str(), nullptr, kFixed | ImGuiWindowFlags_HorizontalScrollbar);
    // What of the pane is visible (inside its borders and scrollbar): thumbnails are cut to it.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 clipMin = draw->GetClipRectMin(), clipMax = draw->GetClipRectMax();
    const PixelRect clip{int(std::ceil(clipMin.x)), int(std::ceil(clipMin.y)),
                         int(std::floor(clipMax.x)), int(std::floor(clipMax.y))};
    const auto all = state.session.project().shots();
    const ImVec2 box(kThumbnailWidthPx + 2 * kBorderPx, kThumbnailHeightPx + 2 * kBorderPx);
    for (const ShotEntry& shot : state.session.shots()) {
        ImGui::PushID(shot.number);
        ImGui::BeginGroup();
        const bool selected = shot.number == state.session.current() + 1;
        const ImVec2 at(std::floor(ImGui::GetCursorScreenPos().x),
                        std::floor(ImGui::GetCursorScreenPos().y));
        ImGui::SetCursorScreenPos(at);
        if (ImGui::InvisibleButton("##thumbnail", box) && !selected) {
            if (state.report(state.session.selectShot(shot.number - 1)).isOk()) {
                state.selectedNode = 0;
                state.playOffset = 0;
                state.changed();
            }
        }
        const ImU32 border = selected                 ? IM_COL32(230, 160, 40, 255)
                             : ImGui::IsItemHovered() ? IM_COL32(150, 150, 160, 255)
                                                      : IM_COL32(70, 70, 76, 255);
        draw->AddRect(ImVec2(at.x + 1, at.y + 1), ImVec2(at.x + box.x - 1, at.y + box.y - 1),
                      border, 0.0f, 0, 2.0f);
        const auto t = state.thumbnails.find(shot.id);
        if (t != state.thumbnails.end() && !t->second.picture.empty()) {
            const Picture& p = t->second.picture;
            ThumbnailPlacement placed;
            placed.shotNumber = shot.number;
            placed.blit.x = int(at.x + kBorderPx) + (kThumbnailWidthPx - p.width) / 2;
            placed.blit.y = int(at.y + kBorderPx) + (kThumbnailHeightPx - p.height) / 2;
            placed.blit.picture = &p;
            placed.blit.clip = clip;
            placements.push_back(placed);
        } else {
            const char* note = t != state.thumbnails.end() ? "offline" : "...";
            draw->AddText(ImVec2(at.x + 8, at.y + 8), IM_COL32(140, 140, 140, 255), note);
        }
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + kTextWidthPx);
        ImGui::Text("%d  %s", shot.number, shot.name.c_str());
        ImGui::TextDisabled("%s", shot.recordTimecode.c_str());
        const int version = activeVersionOf(shot, all);
        ImGui::TextColored(version ? ImVec4(0.4f, 0.8f, 0.4f, 1) : ImVec4(0.6f, 0.6f, 0.6f, 1),
                           version ? "graded  v%d" : "ungraded", version);
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        ImGui::EndGroup();
        ImGui::SameLine(0.0f, 14.0f);
        ImGui::PopID();
    }
    ImGui::End();
    return placements;
}

}  // namespace emu::station
