#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "StationState.h"

namespace emu::station {

// One line of a station script: a verb and its words ("set-param 2 slope 1.2 1.1 1.0").
struct ScriptAction {
    int line = 0;
    std::string verb;
    std::vector<std::string> args;
    std::string rest;  // everything after the verb, as written (colour space names have spaces)
};

// Reads a script: one action per line, '#' starts a comment. Unknown verbs and missing
// arguments are refused up front as "file:line: what is wrong".
Result<std::vector<ScriptAction>> loadScript(const std::filesystem::path& path);

// The verbs loadScript() accepts, for the README and error messages.
const std::vector<std::string>& scriptVerbs();

// What an action needs from the running station beyond its state.
class ScriptHost {
public:
    virtual ~ScriptHost() = default;
    virtual void requestScreenshot(const std::filesystem::path& path) = 0;
    virtual void startLatencyTest(int changes) = 0;
    virtual void waitFrames(int frames) = 0;
    // The script's next action waits until every shot's thumbnail shows the current state.
    virtual void waitThumbnails() = 0;
    virtual void startRenderJob(const std::string& preset) = 0;
    // The script's next action waits until the recording has been played.
    virtual Status startPanelReplay(const std::filesystem::path& recording,
                                    const std::string& map) = 0;
    virtual void quit() = 0;
};

// Performs one action through the same Commands and session calls as the panes and keys.
// Errors name the script line.
Status runAction(const ScriptAction& action, StationState& state, ScriptHost& host,
                 const std::filesystem::path& scriptPath);

}  // namespace emu::station
