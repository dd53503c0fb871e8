#include "../widgets/ParamWidgets.h"
#include "Panes.h"
#include "emulsion/color/ColorConfig.h"

#include <cstdio>
#include <filesystem>

namespace emu::station {

void drawGalleryPane(StationState& state) {
    if (ImGui::Button("Grab still (G)") && state.shown) {
        state.report(state.session.grabStill(state.shown->picture).status());
    }
    auto stills = state.session.stills();
    if (!stills.isOk()) {
        ImGui::TextUnformatted(stills.status().message().c_str());
        return;
    }
    int number = 0;
    for (const timeline::Still& s : *stills) {
        ++number;
        ImGui::PushID(int(s.id));
        ImGui::Text("%d  %s  (%zu-byte thumbnail)", number, s.label.c_str(), s.image.size());
        ImGui::SameLine();
        if (ImGui::SmallButton("apply") && state.report(state.session.applyStill(s.id)).isOk()) {
            state.changed();
        }
        ImGui::SameLine();
        const bool wiping = state.view.wipeSource == WipeSource::Still && state.view.wipeId == s.id;
        if (ImGui::SmallButton(wiping ? "wipe off" : "wipe")) {
            state.view.wipeSource = wiping ? WipeSource::None : WipeSource::Still;
            state.view.wipeId = s.id;
            state.changed();
        }
        ImGui::PopID();
    }
    if (state.view.wipeSource != WipeSource::None &&
        ImGui::SliderFloat("wipe position", &state.view.wipe, 0.0f, 1.0f)) {
        state.changed();
    }
}

void drawVersionsPane(StationState& state) {
    if (ImGui::Button("New version")) {
        if (state.report(state.session.addVersion().status()).isOk()) state.changed();
    }
    auto versions = state.session.versions();
    if (!versions.isOk()) return;
    for (const timeline::GradeVersion& v : *versions) {
        ImGui::PushID(v.version);
        const bool active = v.version == state.session.activeVersion();
        if (ImGui::RadioButton(v.name.c_str(), active) && !active) {
            if (state.report(state.session.selectVersion(v.version)).isOk()) state.changed();
        }
        ImGui::SameLine();
        if (ImGui::SmallButton("wipe")) {
            state.view.wipeSource = WipeSource::Version;
            state.view.wipeId = v.version;
            state.changed();
        }
        ImGui::PopID();
    }
    auto log = state.session.project().commandLog();
    auto pointer = state.session.project().undoPointer();
    if (log.isOk() && pointer.isOk()) {
        ImGui::Separator();
        ImGui::Text("History: %zu edits, %lld applied", log->size(), (long long)*pointer);
    }
}

namespace {

// The timeline's rate as the EDL rate field starts: "24", "25", "24000/1001".
std::string defaultEdlRate(StationState& state) {
    auto cut = state.session.timeline();
    if (!cut.isOk() || !cut->rate.valid()) return "24";
    const timeline::Rate r = cut->rate;
    return r.denominator == 1 ? std::to_string(r.numerator)
                              : std::to_string(r.numerator) + "/" + std::to_string(r.denominator);
}

// Conform an edit list into the project (the command's code, off the UI thread) and show the
// timeline it stored; the originals are looked for under the media folder above.
void drawConformControls(StationState& state, const char* folder) {
    static char cut[512] = "";
    static char rate[32] = "";
    if (!rate[0]) std::snprintf(rate, sizeof rate, "%s", defaultEdlRate(state).c_str());
    ImGui::InputText("edit list (.edl .xml .fcpxml .otio)", cut, sizeof cut);
    ImGui::InputText("EDL frame rate", rate, sizeof rate);
    if (state.conforming) {
        ImGui::TextDisabled("conforming...");
    } else if (ImGui::Button("Conform")) {
        if (!state.report(startConform(state, cut, rate, folder)).isOk()) {
            state.conformReport = {state.message};
        }
    }
    for (const std::string& line : state.conformReport) ImGui::TextUnformatted(line.c_str());
}

}  // namespace

void drawMediaPane(StationState& state) {
    const ShotEntry& shot = state.session.currentShot();
    ImGui::Text("Media: %s", shot.mediaPath.c_str());
    ImGui::Text("Frame %d (+%d), header says '%s', project says '%s'", shot.mediaFrame,
                state.playOffset, shot.mediaHint.c_str(), shot.clipSpace.c_str());
    const color::ColorConfig* config = state.colours.get();
    if (!config) return;
    const std::string current = state.inputSpace();
    if (ImGui::BeginCombo("input colour space",
                          current.empty() ? "(working space)" : current.c_str())) {
        for (const std::string& name : config->colorSpaceNames()) {
            if (ImGui::Selectable(name.c_str(), name == current)) state.setInputSpace(name);
        }
        ImGui::EndCombo();
    }
    if (ImGui::BeginCombo("display", state.view.display.c_str())) {
        for (const std::string& d : config->displays()) {
            if (ImGui::Selectable(d.c_str(), d == state.view.display)) {
                state.view.display = d;
                state.view.view = config->defaultView(d);
                state.changed();
            }
        }
        ImGui::EndCombo();
    }
    if (ImGui::BeginCombo("view", state.view.view.c_str())) {
        for (const color::ViewInfo& v : config->views(state.view.display)) {
            if (ImGui::Selectable(v.name.c_str(), v.name == state.view.view)) {
                state.view.view = v.name;
                state.changed();
            }
        }
        ImGui::EndCombo();
    }
    if (ImGui::Checkbox("full resolution", &state.view.fullResolution)) state.changed();
    // Conform: relink the timeline to the camera originals under a folder, or conform an edit
    // list to them; see the report.
    ImGui::Separator();
    static char folder[512] = "";
    if (!folder[0]) {
        const std::filesystem::path media = std::filesystem::path(shot.mediaPath).parent_path();
        std::snprintf(folder, sizeof folder, "%s", media.parent_path().string().c_str());
    }
    ImGui::InputText("camera originals folder", folder, sizeof folder);
    if (state.relinking) {
        ImGui::TextDisabled("scanning and relinking...");
    } else if (ImGui::Button("Relink timeline")) {
        state.report(startRelink(state, folder));
    }
    for (const std::string& line : state.relinkReport) ImGui::TextUnformatted(line.c_str());
    drawConformControls(state, folder);
    for (const ShotEntry& s : state.session.shots()) {
        std::error_code ec;
        const bool there =
            std::filesystem::exists(std::filesystem::path(s.mediaPath).parent_path(), ec);
        if (!there)
            ImGui::TextColored(ImVec4(1, 0.4f, 0.3f, 1), "shot %d: media offline (%s)", s.number,
                               s.mediaPath.c_str());
    }
    ImGui::Checkbox("false colour", &state.view.falseColour);
    ImGui::Checkbox("clipping", &state.view.clipping);
}

}  // namespace emu::station
