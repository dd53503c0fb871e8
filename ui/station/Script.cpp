#include "Script.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace emu::station {

namespace {

struct VerbRule {
    std::string verb;
    std::size_t minArgs;
};

const std::vector<VerbRule>& rules() {
    static const std::vector<VerbRule> r{
        {"select-shot", 1}, {"add-node", 2},      {"select-node", 1},     {"set-param", 2},
        {"set", 2},         {"nudge", 3},         {"bypass", 0},          {"bypass-grade", 0},
        {"undo", 0},        {"redo", 0},          {"grab-still", 0},      {"apply-still", 1},
        {"wipe", 1},        {"wipe-position", 1}, {"add-version", 0},     {"select-version", 1},
        {"open-pane", 1},   {"input-space", 1},   {"display", 1},         {"view", 1},
        {"zoom", 1},        {"false-colour", 1},  {"clipping", 1},        {"wait-frames", 1},
        {"screenshot", 0},  {"latency-test", 1},  {"render-job", 1},      {"relink", 1},
        {"conform", 3},     {"panel-replay", 1},  {"label-node", 1},      {"connect", 2},
        {"scope", 1},       {"split", 1},         {"wait-thumbnails", 0}, {"highlight", 1},
        {"quit", 0}};
    return r;
}

bool parseFloat(const std::string& text, float& out) {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end;
}

bool parseInt(const std::string& text, int& out) {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end;
}

bool isOnOff(const std::string& w, bool& on) {
    if (w == "on" || w == "1") return (on = true), true;
    if (w == "off" || w == "0") return (on = false), true;
    return false;
}

// `set-param [NODE] PARAM V...`: a leading whole number followed by a name is the node.
Status parseSetParam(const ScriptAction& a, const StationState& state, graph::SetParam& out) {
    std::size_t i = 0;
    int node = 0;
    out.node = state.editedNode();
    if (a.args.size() >= 3 && parseInt(a.args[0], node)) {
        float probe;
        if (!parseFloat(a.args[1], probe)) {
            out.node = node;
            i = 1;
        }
    }
    out.param = a.args[i++];
    out.value.clear();
    for (; i < a.args.size(); ++i) {
        float v;
        if (!parseFloat(a.args[i], v)) {
            return makeError(ErrorCode::InvalidArgument, "'" + a.args[i] + "' is not a number");
        }
        out.value.push_back(v);
    }
    if (out.value.empty()) return makeError(ErrorCode::InvalidArgument, "no value given");
    return Status::ok();
}

Status needInt(const std::string& word, int& out) {
    if (!parseInt(word, out)) {
        return makeError(ErrorCode::InvalidArgument, "'" + word + "' is not a whole number");
    }
    return Status::ok();
}

Status stillByNumber(StationState& state, int number, std::int64_t& id) {
    EMU_ASSIGN_OR_RETURN(std::vector<timeline::Still> stills, state.session.stills());
    if (number < 1 || number > int(stills.size())) {
        return makeError(ErrorCode::InvalidArgument, "no still " + std::to_string(number) +
                                                         " (the gallery has " +
                                                         std::to_string(stills.size()) + ")");
    }
    id = stills[std::size_t(number - 1)].id;
    return Status::ok();
}

Status perform(const ScriptAction& a, StationState& state, ScriptHost& host,
               const std::filesystem::path& scriptPath) {
    const std::string& v = a.verb;
    int n = 0;
    bool on = false;
    if (v == "select-shot") {
        EMU_RETURN_IF_ERROR(needInt(a.args[0], n));
        EMU_RETURN_IF_ERROR(state.session.selectShot(n - 1));
        state.selectedNode = 0;
        state.playOffset = 0;
        state.changed();
    } else if (v == "add-node") {
        const std::string& how = a.args[0];
        Result<graph::NodeId> id =
            makeError(ErrorCode::InvalidArgument, "add-node takes serial, parallel or layer");
        const graph::NodeId after = state.editedNode();
        if (how == "serial") id = state.session.addSerialNode(after, a.args[1]);
        if (how == "parallel" || how == "layer") {
            id = state.session.addParallelNode(after, a.args[1], how);
        }
        if (!id.isOk()) return id.status();
        state.selectedNode = *id;
        state.changed();
    } else if (v == "select-node") {
        EMU_RETURN_IF_ERROR(needInt(a.args[0], n));
        if (!state.session.grade().node(n)) {
            return makeError(ErrorCode::InvalidArgument, "no node " + a.args[0]);
        }
        state.selectedNode = n;
    } else if (v == "label-node") {  // ID [TEXT]: no text gives the node its type's name back
        EMU_RETURN_IF_ERROR(needInt(a.args[0], n));
        std::string text = a.rest.substr(a.rest.find(a.args[0]) + a.args[0].size());
        text.erase(0, text.find_first_not_of(" \t"));
        EMU_RETURN_IF_ERROR(state.edit({graph::SetLabel{n, text}}));
    } else if (v == "connect") {  // FROM TO [PORT]
        int to = 0;
        EMU_RETURN_IF_ERROR(needInt(a.args[0], n));
        EMU_RETURN_IF_ERROR(needInt(a.args[1], to));
        const std::string port = a.args.size() > 2 ? a.args[2] : std::string();
        EMU_RETURN_IF_ERROR(state.report(state.session.connectNodes(n, to, port)));
        state.changed();
    } else if (v == "set-param" || v == "set") {
        graph::SetParam set;
        EMU_RETURN_IF_ERROR(parseSetParam(a, state, set));
        EMU_RETURN_IF_ERROR(state.edit({set}));
    } else if (v == "nudge") {
        graph::NudgeParam nudge{state.editedNode(), a.args[0], 0, 0.0f};
        EMU_RETURN_IF_ERROR(needInt(a.args[1], nudge.component));
        if (!parseFloat(a.args[2], nudge.delta)) {
            return makeError(ErrorCode::InvalidArgument, "'" + a.args[2] + "' is not a number");
        }
        EMU_RETURN_IF_ERROR(state.edit({nudge}));
    } else if (v == "bypass") {
        const graph::NodeId node = state.editedNode();
        const graph::GradeNode* g = state.session.grade().node(node);
        EMU_RETURN_IF_ERROR(state.edit({graph::Bypass{node, !(g && g->bypass)}}));
    } else if (v == "bypass-grade") {
        state.view.bypassGrade = !state.view.bypassGrade;
        state.changed();
    } else if (v == "undo" || v == "redo") {
        EMU_ASSIGN_OR_RETURN(bool done, v == "undo" ? state.session.undo() : state.session.redo());
        if (!done) return makeError(ErrorCode::InvalidArgument, "nothing to " + v);
        state.changed();
    } else if (v == "grab-still") {
        if (!state.shown || state.shown->picture.empty()) {
            return makeError(ErrorCode::InvalidArgument, "no picture in the viewer yet");
        }
        EMU_RETURN_IF_ERROR(state.session.grabStill(state.shown->picture).status());
    } else if (v == "apply-still") {
        std::int64_t id = 0;
        EMU_RETURN_IF_ERROR(needInt(a.args[0], n));
        EMU_RETURN_IF_ERROR(stillByNumber(state, n, id));
        EMU_RETURN_IF_ERROR(state.session.applyStill(id));
        state.changed();
    } else if (v == "wipe") {
        if (a.args[0] == "off") {
            state.view.wipeSource = WipeSource::None;
            state.view.split = false;  // nothing left to split against
        } else if (a.args.size() >= 2 && (a.args[0] == "still" || a.args[0] == "version")) {
            EMU_RETURN_IF_ERROR(needInt(a.args[1], n));
            if (a.args[0] == "still") {
                std::int64_t id = 0;
                EMU_RETURN_IF_ERROR(stillByNumber(state, n, id));
                state.view.wipeSource = WipeSource::Still;
                state.view.wipeId = id;
            } else {
                EMU_RETURN_IF_ERROR(state.session.versionGrade(n).status());
                state.view.wipeSource = WipeSource::Version;
                state.view.wipeId = n;
            }
        } else {
            return makeError(ErrorCode::InvalidArgument, "wipe takes still N, version N or off");
        }
        state.changed();
    } else if (v == "split") {
        if (!isOnOff(a.args[0], on)) return makeError(ErrorCode::InvalidArgument, "on or off");
        EMU_RETURN_IF_ERROR(state.setSplit(on));
    } else if (v == "highlight") {
        if (!isOnOff(a.args[0], on)) return makeError(ErrorCode::InvalidArgument, "on or off");
        state.view.highlight = on;
        state.changed();
    } else if (v == "wipe-position") {
        if (!parseFloat(a.args[0], state.view.wipe)) {
            return makeError(ErrorCode::InvalidArgument, "'" + a.args[0] + "' is not a number");
        }
        state.changed();
    } else if (v == "add-version") {
        EMU_RETURN_IF_ERROR(state.session.addVersion().status());
        state.changed();
    } else if (v == "select-version") {
        EMU_RETURN_IF_ERROR(needInt(a.args[0], n));
        EMU_RETURN_IF_ERROR(state.session.selectVersion(n));
        state.changed();
    } else if (v == "open-pane") {
        bool known = false;
        for (const std::string& p : paneNames()) known = known || p == a.args[0];
        if (!known) return makeError(ErrorCode::InvalidArgument, "no pane '" + a.args[0] + "'");
        state.openPane = a.args[0];
        state.paneRequested = true;
    } else if (v == "input-space") {
        EMU_RETURN_IF_ERROR(state.setInputSpace(a.rest));
    } else if (v == "display" || v == "view") {
        (v == "display" ? state.view.display : state.view.view) = a.rest;
        state.changed();
    } else if (v == "zoom") {
        if (a.args[0] == "fit") {
            state.view.zoom = 0.0f;
        } else if (!parseFloat(a.args[0], state.view.zoom) || state.view.zoom <= 0.0f) {
            return makeError(ErrorCode::InvalidArgument, "zoom takes fit or a factor");
        }
    } else if (v == "scope") {  // the scopes pane's trace
        if (a.args[0] != "waveform" && a.args[0] != "parade") {
            return makeError(ErrorCode::InvalidArgument, "scope takes waveform or parade");
        }
        state.view.parade = a.args[0] == "parade";
        state.changed();
    } else if (v == "false-colour" || v == "clipping") {
        if (!isOnOff(a.args[0], on)) return makeError(ErrorCode::InvalidArgument, "on or off");
        (v == "clipping" ? state.view.clipping : state.view.falseColour) = on;
    } else if (v == "wait-frames") {
        EMU_RETURN_IF_ERROR(needInt(a.args[0], n));
        host.waitFrames(n);
    } else if (v == "wait-thumbnails") {
        host.waitThumbnails();
    } else if (v == "screenshot") {
        std::filesystem::path out = a.args.empty() ? std::filesystem::path("screenshot.png")
                                                   : std::filesystem::path(a.rest);
        if (out.is_relative()) out = scriptPath.parent_path() / out;
        host.requestScreenshot(out);
    } else if (v == "latency-test") {
        EMU_RETURN_IF_ERROR(needInt(a.args[0], n));
        host.startLatencyTest(n);
    } else if (v == "render-job") {
        host.startRenderJob(a.args[0]);
    } else if (v == "panel-replay") {  // FILE [MAP]: a recorded surface session, at its pace
        std::filesystem::path file = a.args[0];
        if (file.is_relative()) file = scriptPath.parent_path() / file;
        // MAP: a built-in map's name, or a mapping file beside the script.
        std::string map = a.args.size() > 1 ? a.args[1] : "resolve-micro";
        std::error_code ec;
        const std::filesystem::path beside = scriptPath.parent_path() / map;
        if (std::filesystem::path(map).is_relative() && std::filesystem::exists(beside, ec)) {
            map = beside.string();
        }
        EMU_RETURN_IF_ERROR(host.startPanelReplay(file, map));
    } else if (v == "relink") {
        EMU_RETURN_IF_ERROR(startRelink(state, a.rest));
    } else if (v == "conform") {  // CUT RATE FOLDER: the next action waits for it to finish
        std::filesystem::path cut = a.args[0], folder = a.args[2];
        if (cut.is_relative()) cut = scriptPath.parent_path() / cut;
        if (folder.is_relative()) folder = scriptPath.parent_path() / folder;
        EMU_RETURN_IF_ERROR(startConform(state, cut, a.args[1], folder));
    } else if (v == "quit") {
        host.quit();
    }
    return Status::ok();
}

}  // namespace

const std::vector<std::string>& scriptVerbs() {
    static const std::vector<std::string> verbs = [] {
        std::vector<std::string> out;
        for (const VerbRule& r : rules()) out.push_back(r.verb);
        return out;
    }();
    return verbs;
}

Result<std::vector<ScriptAction>> loadScript(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) return makeError(ErrorCode::NotFound, path.string() + ": cannot read the script");
    std::vector<ScriptAction> actions;
    std::string text;
    for (int line = 1; std::getline(in, text); ++line) {
        if (const auto hash = text.find('#'); hash != std::string::npos) text.resize(hash);
        std::istringstream words(text);
        ScriptAction a;
        a.line = line;
        if (!(words >> a.verb)) continue;
        for (std::string w; words >> w;) a.args.push_back(w);
        const std::size_t at = text.find(a.verb) + a.verb.size();
        a.rest = text.substr(at);
        a.rest.erase(0, a.rest.find_first_not_of(" \t"));
        a.rest.erase(a.rest.find_last_not_of(" \t\r") + 1);
        const std::string where = path.string() + ":" + std::to_string(line) + ": ";
        auto rule = std::find_if(rules().begin(), rules().end(),
                                 [&](const VerbRule& r) { return r.verb == a.verb; });
        if (rule == rules().end()) {
            return makeError(ErrorCode::InvalidArgument, where + "unknown action '" + a.verb + "'");
        }
        if (a.args.size() < rule->minArgs) {
            return makeError(ErrorCode::InvalidArgument,
                             where + a.verb + " needs " + std::to_string(rule->minArgs) +
                                 " argument" + (rule->minArgs == 1 ? "" : "s"));
        }
        actions.push_back(std::move(a));
    }
    return actions;
}

Status runAction(const ScriptAction& action, StationState& state, ScriptHost& host,
                 const std::filesystem::path& scriptPath) {
    Status s = perform(action, state, host, scriptPath);
    if (s.isOk() || action.line == 0) return s;  // line 0: a key, not a script
    return makeError(s.code(), scriptPath.string() + ":" + std::to_string(action.line) + ": " +
                                   action.verb + ": " + s.message());
}

}  // namespace emu::station
