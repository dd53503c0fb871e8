#include "StationState.h"

#include "ThreadPriority.h"
#include "emulsion/color/ColorConfig.h"
#include "emulsion/conform/MediaIndex.h"
#include "emulsion/conform/Relink.h"
#include "emulsion/media/ClipRegistry.h"

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

Status StationState::setSplit(bool on) {
    if (on && view.wipeSource == WipeSource::None) {
        EMU_ASSIGN_OR_RETURN(std::vector<timeline::Still> stills, session.stills());
        if (stills.empty()) {
            return makeError(ErrorCode::InvalidArgument,
                             "nothing to split against: grab a still or wipe against a version");
        }
        view.wipeSource = WipeSource::Still;
        view.wipeId = stills.front().id;
    }
    view.split = on;
    changed();
    return Status::ok();
}

graph::NodeId StationState::editedNode() const {
    if (selectedNode && session.grade().node(selectedNode)) return selectedNode;
    return session.lastNode();
}

std::string StationState::inputSpace() const {
    return inputSpaceOf(session.currentShot().id);
}

std::string StationState::inputSpaceOf(timeline::ShotId shot) const {
    const auto it = inputSpaces.find(shot);
    return it != inputSpaces.end() ? it->second : std::string();
}

Status StationState::setInputSpace(const std::string& space) {
    if (!colours || !colours->hasColorSpace(space)) {
        return report(makeError(ErrorCode::InvalidArgument,
                                "'" + space + "' is not a colour space of the OCIO config"));
    }
    EMU_RETURN_IF_ERROR(report(session.setInputSpace(space)));
    inputSpaces[session.currentShot().id] = space;
    changed();
    return Status::ok();
}

void StationState::chooseInputSpaces() {
    if (!colours) return;
    // As renders choose it (TimelineRenderer::inputSpaceOf): the project's clip, then the header.
    for (const ShotEntry& s : session.shots()) {
        if (inputSpaces.count(s.id)) continue;
        for (const std::string& space : {s.clipSpace, s.mediaHint}) {
            if (space.empty() || !colours->hasColorSpace(space)) continue;
            inputSpaces[s.id] = space;
            break;
        }
    }
}

Status startRelink(StationState& state, const std::filesystem::path& folder) {
    if (state.relinking || state.conforming) {
        return makeError(ErrorCode::InvalidArgument, "a relink or conform is running");
    }
    EMU_ASSIGN_OR_RETURN(timeline::Timeline cut, state.session.timeline());
    // Scanning probes every file of the folder: off the UI thread. The timeline is a copy.
    state.relinking = std::async(
        std::launch::async, [cut = std::move(cut), folder]() mutable -> Result<RelinkResult> {
            yieldToTheWindow();  // probing media must not cost the window a frame
            EMU_ASSIGN_OR_RETURN(
                conform::MediaIndex index,
                conform::MediaIndex::scan({folder}, {}, media::builtinClipReaders()));
            const conform::RelinkReport report = conform::relink(cut, index, {});
            RelinkResult out{std::move(cut), {}};
            for (const conform::EventRelink& e : report.events) {
                out.lines.push_back(std::to_string(e.event) + "  " + e.clipName + "  " +
                                    conform::toString(e.status) + "  " +
                                    (e.media.empty() ? e.note : e.media.string()));
            }
            const conform::RelinkSummary& s = report.summary;
            out.lines.push_back(std::to_string(s.matched) + " matched, " +
                                std::to_string(s.missing) + " missing, " +
                                std::to_string(s.ambiguous) + " ambiguous, " +
                                std::to_string(s.shortEvents) + " short");
            return out;
        });
    return Status::ok();
}

bool StationState::finishRelink() {
    if (!relinking || relinking->wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        return false;
    }
    Result<RelinkResult> done = relinking->get();
    relinking.reset();
    if (!report(done.status()).isOk()) return true;
    relinkReport = done->lines;
    if (report(session.replaceTimeline(done->timeline)).isOk()) changed();
    return true;
}

Status startConform(StationState& state, const std::filesystem::path& cut, const std::string& rate,
                    const std::filesystem::path& folder) {
    if (!state.conform) {
        return makeError(ErrorCode::InvalidArgument, "this station was opened without a conform");
    }
    if (state.conforming || state.relinking) {
        return makeError(ErrorCode::InvalidArgument, "a conform or relink is running");
    }
    EMU_RETURN_IF_ERROR(state.session.saveEdits());
    state.conformReport = {"conforming " + cut.string() + "..."};
    state.conforming = std::async(std::launch::async, [conform = state.conform, cut, rate, folder,
                                                       project = state.session.project().path()] {
        yieldToTheWindow();  // reading the cut and probing media must not cost a frame
        return conform(cut, rate, folder, project);
    });
    return Status::ok();
}

std::optional<Status> StationState::finishConform() {
    if (!conforming || conforming->wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        return std::nullopt;
    }
    Result<ConformOutcome> done = conforming->get();
    conforming.reset();
    if (!done.isOk()) {
        conformReport = {done.status().message()};
        return report(done.status());
    }
    conformReport = done->lines;
    EMU_RETURN_IF_ERROR(report(session.openTimeline(done->timeline)));
    chooseInputSpaces();
    changed();
    return Status::ok();
}

}  // namespace emu::station
