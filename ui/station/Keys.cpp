#include "Keys.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

namespace emu::station {

namespace {

void act(StationState& state, ScriptHost& host, const std::string& verb,
         std::vector<std::string> args = {}) {
    ScriptAction a;
    a.verb = verb;
    a.args = std::move(args);
    for (const std::string& w : a.args) a.rest += (a.rest.empty() ? "" : " ") + w;
    state.report(runAction(a, state, host, {}));
}

}  // namespace

void handleKeys(StationState& state, ScriptHost& host) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;
    auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
    const bool ctrl = io.KeyCtrl, alt = io.KeyAlt, shift = io.KeyShift;
    if (pressed(GLFW_KEY_SPACE)) state.shuttle = state.shuttle ? 0 : 1;
    if (pressed(GLFW_KEY_J)) state.shuttle = -1;
    if (pressed(GLFW_KEY_K)) state.shuttle = 0;
    if (pressed(GLFW_KEY_L) && !alt) state.shuttle = 1;
    const int shot = state.session.current() + 1;
    const int shots = int(state.session.shots().size());
    if (pressed(GLFW_KEY_UP) && shot > 1)
        act(state, host, "select-shot", {std::to_string(shot - 1)});
    if (pressed(GLFW_KEY_DOWN) && shot < shots) {
        act(state, host, "select-shot", {std::to_string(shot + 1)});
    }
    if (alt && pressed(GLFW_KEY_S)) act(state, host, "add-node", {"serial", "lgg"});
    if (alt && pressed(GLFW_KEY_P)) act(state, host, "add-node", {"parallel", "lgg"});
    if (alt && pressed(GLFW_KEY_L)) act(state, host, "add-node", {"layer", "lgg"});
    if (ctrl && pressed(GLFW_KEY_D)) act(state, host, "bypass-grade");
    if (ctrl && pressed(GLFW_KEY_Z)) act(state, host, shift ? "redo" : "undo");
    if (ctrl && pressed(GLFW_KEY_Y)) act(state, host, "redo");
    if (!ctrl && !alt && pressed(GLFW_KEY_G)) act(state, host, "grab-still");
    if (!ctrl && !alt && pressed(GLFW_KEY_W)) {
        act(state, host, "wipe",
            state.view.wipeSource == WipeSource::None ? std::vector<std::string>{"still", "1"}
                                                      : std::vector<std::string>{"off"});
    }
    if (!ctrl && !alt && pressed(GLFW_KEY_S)) {
        act(state, host, "split", {state.view.split ? "off" : "on"});
    }
    if (ctrl && pressed(GLFW_KEY_B)) act(state, host, "bypass");
    if (shift && !ctrl && !alt && pressed(GLFW_KEY_H)) {
        act(state, host, "highlight", {state.view.highlight ? "off" : "on"});
    }
    if (!ctrl && !alt && pressed(GLFW_KEY_F)) act(state, host, "zoom", {"fit"});
    if (!ctrl && !alt && pressed(GLFW_KEY_1)) act(state, host, "zoom", {"1"});
    if (!ctrl && !alt && pressed(GLFW_KEY_2)) act(state, host, "zoom", {"2"});
}

}  // namespace emu::station
