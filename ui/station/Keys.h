#pragma once

#include "Script.h"
#include "StationState.h"

namespace emu::station {

// The keys colourists expect (docs/KEYS.md), each doing what the matching script action does.
// Ignored while a text field has the keyboard. Thread: UI thread, inside an ImGui frame.
void handleKeys(StationState& state, ScriptHost& host);

}  // namespace emu::station
