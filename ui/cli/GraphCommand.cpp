#include "GraphCommand.h"

#include <cstdio>

#include "CliContext.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/graph/Planner.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::cli {

namespace {

// Builds every OCIO node's transform, so a missing LUT or an unknown colour space shows here.
Status checkOcioNodes(const CliContext& context, const graph::Grade& grade,
                      const graph::NodeRegistry& registry, const std::string& file) {
    EMU_ASSIGN_OR_RETURN(graph::OcioContext ocio, context.ocioContextFor(grade, registry, file));
    if (!ocio.config) return Status::ok();  // no OCIO node
    for (const graph::GradeNode& n : grade.nodes()) {
        const graph::NodeType* type = registry.find(n.type);
        if (!type->ocioRequest || n.bypass) continue;
        auto id = graph::ocioCacheIdOf(grade, n, *type, *ocio.config, ocio);
        if (!id.isOk()) return id.status();
    }
    return Status::ok();
}

int runGraph(const CliContext& context, const std::string& file) {
    auto grade = graph::loadGrade(file);
    if (!grade.isOk()) return reportError(grade.status());
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    auto plan = graph::planGrade(*grade, registry);
    if (!plan.isOk()) return reportError(plan.status().withContext(file));
    if (Status s = checkOcioNodes(context, *grade, registry, file); !s.isOk()) {
        return reportError(s.withContext(file));
    }

    std::printf("%s: %zu nodes, %zu connections\n", file.c_str(), grade->nodes().size(),
                grade->connections().size());
    for (const graph::GradeNode& n : grade->nodes()) {
        const graph::NodeType* t = registry.find(n.type);
        std::printf("  %3d  %-10s v%d  %-22s%s", n.id, n.type.c_str(), n.version,
                    n.label.empty() ? t->desc.label.c_str() : n.label.c_str(),
                    n.bypass ? "  (bypassed)" : "");
        for (const auto& [id, value] : n.params) {
            std::printf("  %s=", id.c_str());
            for (std::size_t i = 0; i < value.size(); ++i) {
                std::printf("%s%g", i ? "," : "", value[i]);
            }
        }
        for (const auto& [id, text] : n.texts) std::printf("  %s=\"%s\"", id.c_str(), text.c_str());
        std::printf("\n");
    }
    std::printf("plan: %s\n", plan->describe(*grade).c_str());
    return 0;
}

}  // namespace

void addGraphCommand(CLI::App& app, CliContext& context, int& exitCode) {
    auto file = std::make_shared<std::string>();
    CLI::App* cmd =
        app.add_subcommand("graph", "Validate a grade and print its nodes and planned passes");
    cmd->add_option("grade", *file, "Grade file (JSON)")->required();
    cmd->callback([&context, &exitCode, file] {
        context.applyVerbosity();
        exitCode = runGraph(context, *file);
    });
}

}  // namespace emu::cli
