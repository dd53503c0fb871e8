#include "PanelsCommand.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "CliContext.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/panels/DeviceRunner.h"
#include "emulsion/panels/DeviceScan.h"
#include "emulsion/panels/PanelReplay.h"

namespace emu::cli {

namespace {

struct ReplayArgs {
    std::string recording;
    std::string grade;
    std::string map;
    std::string output;
    bool realTime = false;
    double refreshHz = 60.0;
    int node = 0;
};

int listPanels() {
    const panels::ScanReport report = panels::scanDevices();
    if (report.devices.empty()) {
        std::printf("No control surface found.\n");
    } else {
        std::printf("Control surfaces:\n");
    }
    int number = 0;
    for (const panels::FoundDevice& d : report.devices) {
        std::printf("  %d. %-44s %-20s", ++number, d.model.c_str(), d.driver.c_str());
        if (d.vendorId != 0) std::printf(" %04x:%04x", d.vendorId, d.productId);
        std::printf("  %s  %s\n", d.path.c_str(), d.usable ? "ready" : "NOT USABLE");
        if (!d.problem.empty()) std::printf("      %s\n", d.problem.c_str());
    }
    for (const std::string& n : report.notes) std::printf("  note: %s\n", n.c_str());
    std::printf("Built-in mappings:");
    for (const std::string& m : panels::builtinMappingNames()) std::printf(" %s", m.c_str());
    std::printf("\n");
    return 0;
}

struct RecordArgs {
    std::string device;
    std::string output;
    double seconds = 10.0;
};

// The device `panels list` numbered `which`, or the first whose driver is `which`.
Result<panels::FoundDevice> pickDevice(const std::string& which) {
    const panels::ScanReport report = panels::scanDevices();
    int number = 0;
    for (const panels::FoundDevice& d : report.devices) {
        ++number;
        if (which == std::to_string(number) || which == d.driver) return d;
    }
    return makeError(ErrorCode::NotFound,
                     "no control surface '" + which + "' (see `emulsion panels list`)");
}

// Captures the raw reports of one device with their times, as `panels replay` reads them.
Status record(const RecordArgs& args) {
    EMU_ASSIGN_OR_RETURN(panels::FoundDevice device, pickDevice(args.device));
    if (!device.usable) return makeError(ErrorCode::IoError, device.path + ": " + device.problem);
    EMU_ASSIGN_OR_RETURN(panels::DeviceConnection c, panels::connectionFor(device));
    EMU_ASSIGN_OR_RETURN(std::unique_ptr<panels::Transport> t, c.open());
    EMU_RETURN_IF_ERROR(c.driver->start(*t, panels::steadyNowNs()));
    panels::Recording rec;
    rec.driver = device.driver;
    std::vector<std::uint8_t> buffer;
    std::vector<panels::SurfaceEvent> events;
    const std::int64_t start = panels::steadyNowNs();
    const auto end = start + static_cast<std::int64_t>(args.seconds * 1e9);
    std::int64_t first = -1;
    Status status;
    while (panels::steadyNowNs() < end) {
        Result<std::size_t> n = t->read(buffer, 20);
        if (!n.isOk()) {
            status = n.status().withContext("recording stopped");
            break;
        }
        const std::int64_t now = panels::steadyNowNs();
        if (*n > 0) {
            if (first < 0) first = now;
            rec.reports.push_back({(now - first) / 1000, {buffer.begin(), buffer.begin() + *n}});
            events.clear();
            c.driver->decode({buffer.data(), *n}, now, events);
            for (const auto& reply : c.driver->takeReplies()) EMU_RETURN_IF_ERROR(t->write(reply));
        }
        EMU_RETURN_IF_ERROR(c.driver->upkeep(*t, now));
    }
    EMU_RETURN_IF_ERROR(panels::saveRecording(args.output, rec));
    std::printf("recorded %zu reports from %s (%s) to %s\n", rec.reports.size(),
                device.model.c_str(), device.driver.c_str(), args.output.c_str());
    return status;
}

struct WatchArgs {
    std::string grade;
    std::string map;
    std::string output;
    double seconds = 0.0;  // 0: until interrupted
    double refreshHz = 60.0;
    int tangentPort = 64246;
};

// Set by SIGINT/SIGTERM: a signal handler can only reach a flag like this one.
std::atomic<bool> g_stopWatching{false};

void printChanges(const graph::Grade& before, const graph::Grade& after,
                  const graph::NodeRegistry& registry);

// Drives a grade live from every usable surface, printing what changes, as the station would
// show it; writes the grade at the end.
Status watch(const WatchArgs& args) {
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    EMU_ASSIGN_OR_RETURN(graph::Grade grade, graph::loadGrade(args.grade));
    if (Status s = grade.validate(registry); !s.isOk()) return s.withContext(args.grade);
    const panels::ScanReport scan =
        panels::scanDevices(150, static_cast<std::uint16_t>(args.tangentPort));
    std::vector<panels::FoundDevice> usable;
    for (const panels::FoundDevice& d : scan.devices) {
        if (d.usable) usable.push_back(d);
    }
    if (usable.empty()) {
        return makeError(ErrorCode::NotFound,
                         "no usable control surface (see `emulsion panels list`)");
    }
    const std::string mapName =
        args.map.empty() ? panels::defaultMapFor(usable.front().driver) : args.map;
    EMU_ASSIGN_OR_RETURN(panels::Mapping mapping, panels::loadMappingByName(mapName));
    EMU_RETURN_IF_ERROR(panels::validateMapping(mapping, registry, mapName));
    panels::PanelSession session(mapping);
    std::vector<std::unique_ptr<panels::DeviceRunner>> runners;
    for (const panels::FoundDevice& d : usable) {
        EMU_ASSIGN_OR_RETURN(panels::DeviceConnection c, panels::connectionFor(d));
        auto runner = std::make_unique<panels::DeviceRunner>(
            d.model, c.open, std::move(c.driver), session, panels::DeviceRunner::Options{});
        runner->setStateCallback([model = d.model](panels::DeviceState s, const std::string& why) {
            std::printf("surface %s: %s%s%s\n", model.c_str(), panels::toString(s),
                        why.empty() ? "" : ": ", why.c_str());
            std::fflush(stdout);
        });
        runners.push_back(std::move(runner));
    }
    std::signal(SIGINT, [](int) { g_stopWatching = true; });
    std::signal(SIGTERM, [](int) { g_stopWatching = true; });
    std::printf("map '%s', page %s\n", mapName.c_str(), session.router().currentPageName().c_str());
    for (auto& r : runners) r->start();
    graph::GradeEditor editor(registry, grade);
    const auto period = std::chrono::duration<double>(1.0 / args.refreshHz);
    const auto start = std::chrono::steady_clock::now();
    std::string page = session.router().currentPageName();
    while (!g_stopWatching &&
           (args.seconds <= 0 || std::chrono::steady_clock::now() - start <
                                     std::chrono::duration<double>(args.seconds))) {
        std::this_thread::sleep_for(period);
        panels::FrameInput in = session.takeFrame(editor.grade(), 0);
        const graph::Grade before = editor.grade();
        for (const graph::Command& c : in.commands) (void)editor.apply(c);
        for (panels::Action a : in.stationActions) std::printf("action %s\n", panels::toString(a));
        if (!in.commands.empty()) printChanges(before, editor.grade(), registry);
        if (session.router().currentPageName() != page) {
            page = session.router().currentPageName();
            std::printf("page %s\n", page.c_str());
        }
        std::fflush(stdout);
    }
    for (auto& r : runners) r->stop();
    if (!args.output.empty()) return graph::saveGrade(args.output, editor.grade());
    return Status::ok();
}

void printChanges(const graph::Grade& before, const graph::Grade& after,
                  const graph::NodeRegistry& registry) {
    for (const graph::GradeNode& n : after.nodes()) {
        const graph::NodeType* type = registry.find(n.type);
        const graph::GradeNode* old = before.node(n.id);
        if (!type || !old) continue;
        if (n.bypass != old->bypass) {
            std::printf("%s bypass = %s\n", graph::describeNode(n).c_str(),
                        n.bypass ? "on" : "off");
        }
        for (const graph::ParamDesc& p : type->desc.params) {
            if (p.isText()) continue;
            const std::vector<float> v = after.paramValue(n, p);
            if (v == before.paramValue(*old, p)) continue;
            std::printf("%s %s =", graph::describeNode(n).c_str(), p.id.c_str());
            for (float x : v) std::printf(" %.9g", x);
            std::printf("\n");
        }
    }
}

// The p-th percentile of `ns` in milliseconds (nearest rank).
double percentileMs(std::vector<std::int64_t> ns, double p) {
    if (ns.empty()) return 0.0;
    std::sort(ns.begin(), ns.end());
    const auto i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(ns.size() - 1) + 0.5);
    return static_cast<double>(ns[std::min(i, ns.size() - 1)]) / 1e6;
}

Status replay(const ReplayArgs& args) {
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    EMU_ASSIGN_OR_RETURN(panels::Recording recording, panels::loadRecording(args.recording));
    EMU_ASSIGN_OR_RETURN(graph::Grade grade, graph::loadGrade(args.grade));
    if (Status s = grade.validate(registry); !s.isOk()) return s.withContext(args.grade);
    const std::string mapName =
        args.map.empty() ? panels::defaultMapFor(recording.driver) : args.map;
    EMU_ASSIGN_OR_RETURN(panels::Mapping mapping, panels::loadMappingByName(mapName));
    if (Status s = panels::validateMapping(mapping, registry, mapName); !s.isOk()) return s;
    EMU_ASSIGN_OR_RETURN(std::unique_ptr<panels::Driver> driver,
                         panels::makeDriver(recording.driver));
    for (const std::string& w : panels::bindingsBeyondLayout(mapping, driver->layout())) {
        std::fprintf(stderr, "emulsion: warning: map '%s': %s\n", mapName.c_str(), w.c_str());
    }
    panels::ReplayOptions options;
    options.realTime = args.realTime;
    options.refreshHz = args.refreshHz;
    options.currentNode = args.node;
    EMU_ASSIGN_OR_RETURN(panels::ReplayResult r,
                         panels::replayRecording(recording, mapping, registry, grade, options));
    std::printf(
        "replayed %zu reports from %s with map '%s': %llu decoded, %llu malformed, "
        "%llu undecoded\n",
        recording.reports.size(), recording.driver.c_str(), mapName.c_str(),
        static_cast<unsigned long long>(r.decode.reports),
        static_cast<unsigned long long>(r.decode.malformed),
        static_cast<unsigned long long>(r.decode.undecoded));
    std::printf(
        "%llu frames over %llu refreshes at %g Hz; %llu commands applied, %llu refused; "
        "%zu pending after the last report\n",
        static_cast<unsigned long long>(r.frames), static_cast<unsigned long long>(r.refreshTicks),
        args.refreshHz, static_cast<unsigned long long>(r.commandsApplied),
        static_cast<unsigned long long>(r.commandsRefused), r.pendingAfter);
    if (args.realTime) {
        std::printf(
            "report -> parameter: p50 %.3f ms, p99 %.3f ms; oldest report of a frame -> "
            "applied: p50 %.3f ms, p99 %.3f ms\n",
            percentileMs(r.routeLatenciesNs, 50), percentileMs(r.routeLatenciesNs, 99),
            percentileMs(r.applyLatenciesNs, 50), percentileMs(r.applyLatenciesNs, 99));
    }
    for (panels::Action a : r.stationActions) std::printf("action %s\n", panels::toString(a));
    printChanges(grade, r.grade, registry);
    if (!args.output.empty()) return graph::saveGrade(args.output, r.grade);
    return Status::ok();
}

}  // namespace

void addPanelsCommand(CLI::App& app, CliContext& context, int& exitCode) {
    CLI::App* cmd = app.add_subcommand("panels", "Control surfaces: list them, replay sessions");
    cmd->require_subcommand(1);
    CLI::App* list = cmd->add_subcommand(
        "list", "The control surfaces found, and what keeps any from being used");
    list->callback([&context, &exitCode] {
        context.applyVerbosity();
        exitCode = listPanels();
    });
    auto args = std::make_shared<ReplayArgs>();
    CLI::App* rep = cmd->add_subcommand(
        "replay", "Apply a recorded panel session to a grade and print what it changed");
    rep->add_option("recording", args->recording, "Panel recording (docs/PANELS.md)")->required();
    rep->add_option("--grade", args->grade, "Grade file (JSON)")->required();
    rep->add_option("--map", args->map,
                    "Built-in mapping name or mapping file (default: the device's own)");
    rep->add_option("-o,--output", args->output, "Write the resulting grade here");
    rep->add_flag("--realtime", args->realTime,
                  "Play at the recorded pace (default: as fast as possible)");
    rep->add_option("--refresh", args->refreshHz, "Display refresh rate [Hz]")
        ->check(CLI::Range(1.0, 1000.0));
    rep->add_option("--node", args->node, "The current node (default: first of each type)");
    auto rec = std::make_shared<RecordArgs>();
    CLI::App* recCmd = cmd->add_subcommand(
        "record", "Capture a surface's reports with their timing, for `panels replay`");
    recCmd->add_option("device", rec->device, "Number in `panels list`, or a driver name")
        ->required();
    recCmd->add_option("-o,--output", rec->output, "Recording to write")->required();
    recCmd->add_option("--seconds", rec->seconds, "How long to record")
        ->check(CLI::Range(0.1, 86400.0));
    recCmd->callback([rec, &context, &exitCode] {
        context.applyVerbosity();
        if (Status s = record(*rec); !s.isOk()) exitCode = reportError(s);
    });
    auto w = std::make_shared<WatchArgs>();
    CLI::App* watchCmd = cmd->add_subcommand(
        "watch", "Drive a grade live from the connected surfaces, printing what changes");
    watchCmd->add_option("--grade", w->grade, "Grade file (JSON)")->required();
    watchCmd->add_option("--map", w->map, "Built-in mapping name or mapping file");
    watchCmd->add_option("-o,--output", w->output, "Write the grade here at the end");
    watchCmd->add_option("--seconds", w->seconds, "Stop after this long (default: Ctrl-C)");
    watchCmd->add_option("--refresh", w->refreshHz, "Frames per second [Hz]")
        ->check(CLI::Range(1.0, 1000.0));
    watchCmd->add_option("--tangent-port", w->tangentPort, "Where the Tangent Hub listens")
        ->check(CLI::Range(1, 65535));
    watchCmd->callback([w, &context, &exitCode] {
        context.applyVerbosity();
        if (Status s = watch(*w); !s.isOk()) exitCode = reportError(s);
    });
    rep->callback([args, &context, &exitCode] {
        context.applyVerbosity();
        if (Status s = replay(*args); !s.isOk()) exitCode = reportError(s);
    });
}

}  // namespace emu::cli
