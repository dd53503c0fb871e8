#include "PanelsCommand.h"

#include <cstdio>
#include <filesystem>

#include "CliContext.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/nodes/BuiltinNodes.h"
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
    for (const panels::FoundDevice& d : report.devices) {
        std::printf("  %-42s %-15s", d.model.c_str(), d.driver.c_str());
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

std::string defaultMapFor(const std::string& driver) {
    if (driver == "speed-editor") return "speed-editor";
    if (driver.rfind("loupedeck", 0) == 0) return "loupedeck";
    if (driver.rfind("midi", 0) == 0) return "midi";
    return "resolve-micro";
}

// A built-in mapping by name, else a mapping file.
Result<panels::Mapping> mappingFor(const std::string& arg) {
    if (auto text = panels::builtinMappingText(arg)) return panels::parseMapping(*text, arg);
    return panels::loadMapping(arg);
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

Status replay(const ReplayArgs& args) {
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    EMU_ASSIGN_OR_RETURN(panels::Recording recording, panels::loadRecording(args.recording));
    EMU_ASSIGN_OR_RETURN(graph::Grade grade, graph::loadGrade(args.grade));
    if (Status s = grade.validate(registry); !s.isOk()) return s.withContext(args.grade);
    const std::string mapName = args.map.empty() ? defaultMapFor(recording.driver) : args.map;
    EMU_ASSIGN_OR_RETURN(panels::Mapping mapping, mappingFor(mapName));
    if (Status s = panels::validateMapping(mapping, registry, mapName); !s.isOk()) return s;
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
    rep->callback([args, &context, &exitCode] {
        context.applyVerbosity();
        if (Status s = replay(*args); !s.isOk()) exitCode = reportError(s);
    });
}

}  // namespace emu::cli
