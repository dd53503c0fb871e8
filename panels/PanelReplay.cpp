#include "emulsion/panels/PanelReplay.h"

#include <chrono>
#include <thread>

#include "emulsion/panels/DeviceRunner.h"

namespace emu::panels {

namespace {

// One frame: drain the panels and apply their commands. Returns false when nothing waited.
Result<bool> frame(PanelSession& session, graph::GradeEditor& editor, ReplayResult& result,
                   graph::NodeId currentNode, const FrameHook& onFrame, bool recordLatency,
                   std::uint64_t tick) {
    FrameInput in = session.takeFrame(editor.grade(), currentNode);
    if (in.commands.empty() && in.stationActions.empty()) return false;
    for (const graph::Command& c : in.commands) {
        if (editor.apply(c).isOk())
            ++result.commandsApplied;
        else
            ++result.commandsRefused;
    }
    result.stationActions.insert(result.stationActions.end(), in.stationActions.begin(),
                                 in.stationActions.end());
    if (recordLatency && in.oldestNs != 0) {
        result.applyLatenciesNs.push_back(steadyNowNs() - in.oldestNs);
    }
    ++result.frames;
    result.frameTicks.push_back(tick);
    if (onFrame) EMU_RETURN_IF_ERROR(onFrame(editor.grade()));
    return true;
}

Result<ReplayResult> virtualClock(const Recording& recording, Driver& driver, PanelSession& session,
                                  graph::GradeEditor& editor, const ReplayOptions& options,
                                  const FrameHook& onFrame) {
    ReplayResult result;
    const double periodUs = 1e6 / options.refreshHz;
    std::uint64_t tick = 0;  // the refresh whose frame comes next
    std::vector<SurfaceEvent> events;
    for (const Recording::Report& r : recording.reports) {
        // Every refresh boundary passed before this report shows one frame, if anything
        // waited; ticks with nothing new render nothing.
        const auto reportTick = static_cast<std::uint64_t>(r.timeUs / periodUs);
        if (reportTick > tick) {
            EMU_RETURN_IF_ERROR(
                frame(session, editor, result, options.currentNode, onFrame, false, reportTick)
                    .status());
            tick = reportTick;
        }
        events.clear();
        driver.decode(r.bytes, r.timeUs * 1000, events);
        for (const SurfaceEvent& e : events) session.handle(e);
    }
    // The refresh after the last report shows what it brought: refreshes 1..tick+1 could
    // each show one frame.
    EMU_RETURN_IF_ERROR(
        frame(session, editor, result, options.currentNode, onFrame, false, tick + 1).status());
    result.refreshTicks = tick + 1;
    return result;
}

Result<ReplayResult> realClock(const Recording& recording, std::unique_ptr<Driver> driver,
                               PanelSession& session, graph::GradeEditor& editor,
                               const ReplayOptions& options, const FrameHook& onFrame) {
    ReplayResult result;
    DeviceRunner runner(
        "replay",
        [&recording]() -> Result<std::unique_ptr<Transport>> {
            return std::unique_ptr<Transport>(std::make_unique<ReplayTransport>(recording, true));
        },
        std::move(driver), session, DeviceRunner::Options{5, 250, true, false});
    runner.recordLatencies(true);
    const auto period =
        std::chrono::nanoseconds(static_cast<std::int64_t>(1e9 / options.refreshHz));
    const auto start = std::chrono::steady_clock::now();
    // A recording ends on time; a replay still running long after has a stuck device thread.
    const std::int64_t lengthUs = recording.reports.empty() ? 0 : recording.reports.back().timeUs;
    const auto overdue = std::chrono::microseconds(lengthUs) + std::chrono::seconds(10);
    runner.start();
    std::uint64_t tick = 0;
    for (;;) {
        const bool done = runner.state() == DeviceState::Finished;
        // Wait for the next refresh; a frame that overran skips the refreshes it covered
        // rather than catching up, so there is never more than one frame per refresh.
        ++tick;
        const auto due = start + period * static_cast<std::int64_t>(tick);
        std::this_thread::sleep_until(due);
        const auto now = std::chrono::steady_clock::now();
        tick = static_cast<std::uint64_t>((now - start) / period);
        auto f = frame(session, editor, result, options.currentNode, onFrame, true, tick);
        if (!f.isOk()) {
            runner.stop();
            return f.status();
        }
        if (done && session.deltas().pendingSlots() == 0 && session.actions().size() == 0) break;
        if (now - start > overdue) {
            runner.stop();
            return makeError(ErrorCode::Internal, "replay did not finish: the device thread is " +
                                                      std::string(toString(runner.state())));
        }
    }
    runner.stop();
    result.refreshTicks = tick;
    result.decode = runner.stats();
    result.routeLatenciesNs = runner.latencies();
    result.inputRealTime = runner.realTimeScheduled();
    return result;
}

}  // namespace

Result<ReplayResult> replayRecording(const Recording& recording, const Mapping& mapping,
                                     const graph::NodeRegistry& registry, graph::Grade grade,
                                     const ReplayOptions& options, const FrameHook& onFrame) {
    EMU_ASSIGN_OR_RETURN(std::unique_ptr<Driver> driver, makeDriver(recording.driver));
    EMU_RETURN_IF_ERROR(validateMapping(mapping, registry, mapping.name));
    if (options.refreshHz <= 0 || options.refreshHz > 1000) {
        return makeError(ErrorCode::InvalidArgument, "refresh rate must be in (0, 1000] Hz");
    }
    PanelSession session(mapping);
    graph::GradeEditor editor(registry, std::move(grade));
    Result<ReplayResult> r = options.realTime ? realClock(recording, std::move(driver), session,
                                                          editor, options, onFrame)
                                              : [&]() -> Result<ReplayResult> {
        EMU_ASSIGN_OR_RETURN(ReplayResult v,
                             virtualClock(recording, *driver, session, editor, options, onFrame));
        v.decode = driver->stats();
        return v;
    }();
    if (!r.isOk()) return r;
    r->grade = editor.grade();
    r->pendingAfter = session.deltas().pendingSlots();
    r->queuedAfter = session.actions().size();
    return r;
}

}  // namespace emu::panels
