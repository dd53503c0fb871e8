#include "StationState.h"

namespace emu::station {

Status StationState::edit(const std::vector<graph::Command>& commands, bool live) {
    Status s = session.apply(commands, nullptr, !live);
    if (s.isOk()) changed();
    return report(s);
}

void StationState::endLiveEdit() {
    report(session.saveEdits());
}

Status StationState::report(Status s) {
    message = s.isOk() ? std::string() : s.message();
    return s;
}

void StationState::changed() {
    ++serial;
    changedAt = std::chrono::steady_clock::now();
}

graph::NodeId StationState::editedNode() const {
    if (selectedNode && session.grade().node(selectedNode)) return selectedNode;
    return session.lastNode();
}

std::string StationState::inputSpace() const {
    const auto it = inputSpaces.find(session.currentShot().id);
    return it != inputSpaces.end() ? it->second : std::string();
}

}  // namespace emu::station
