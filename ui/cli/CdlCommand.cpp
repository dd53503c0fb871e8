#include "CdlCommand.h"

#include <cstdio>

#include "CliContext.h"
#include "emulsion/color/CdlFile.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::cli {

namespace {

struct ExportArgs {
    std::string grade;
    std::string output;
};

std::vector<float> triple(const std::array<float, 3>& v) {
    return {v[0], v[1], v[2]};
}

std::array<float, 3> toTriple(const std::vector<float>& v) {
    return {v.at(0), v.at(1), v.at(2)};
}

// The node's correction, its parameters read with their defaults.
color::Cdl cdlOfNode(const graph::Grade& grade, const graph::GradeNode& node,
                     const graph::NodeDesc& desc) {
    color::Cdl cdl;
    cdl.id = node.label.empty() ? "node" + std::to_string(node.id) : node.label;
    for (const graph::ParamDesc& p : desc.params) {
        const std::vector<float> v = grade.paramValue(node, p);
        if (p.id == "slope") cdl.slope = toTriple(v);
        if (p.id == "offset") cdl.offset = toTriple(v);
        if (p.id == "power") cdl.power = toTriple(v);
        if (p.id == "saturation") cdl.saturation = v.at(0);
    }
    return cdl;
}

Status exportCdl(const ExportArgs& args) {
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    EMU_ASSIGN_OR_RETURN(graph::Grade grade, graph::loadGrade(args.grade));
    if (Status s = grade.validate(registry); !s.isOk()) return s.withContext(args.grade);
    EMU_ASSIGN_OR_RETURN(std::vector<graph::NodeId> order, grade.topologicalOrder());
    const graph::NodeType* type = registry.find("cdl");
    if (!type) return makeError(ErrorCode::Internal, "no cdl node type");
    std::vector<color::Cdl> cdls;
    for (graph::NodeId id : order) {
        const graph::GradeNode* node = grade.node(id);
        // A bypassed node is not part of the look.
        if (node->type == "cdl" && !node->bypass)
            cdls.push_back(cdlOfNode(grade, *node, type->desc));
    }
    if (cdls.empty()) {
        return makeError(ErrorCode::NotFound, args.grade + ": no (active) cdl node in the grade");
    }
    const std::string ext = std::filesystem::path(args.output).extension().string();
    if (ext == ".ccc") return color::writeCcc(args.output, cdls);
    if (ext != ".cc") {
        return makeError(ErrorCode::InvalidArgument,
                         args.output + ": the output must end in .cc or .ccc");
    }
    if (cdls.size() > 1) {
        return makeError(ErrorCode::InvalidArgument,
                         args.grade + " has " + std::to_string(cdls.size()) +
                             " cdl nodes: write a .ccc collection instead of a .cc");
    }
    return color::writeCc(args.output, cdls.front());
}

}  // namespace

Result<graph::Grade> withCdlBeforeOutput(graph::Grade grade, const std::string& cdlArgument,
                                         const graph::NodeRegistry& registry) {
    // FILE#id: the id is after the last '#', so a path may itself contain '#'.
    std::string file = cdlArgument;
    std::string id;
    if (const auto hash = cdlArgument.rfind('#'); hash != std::string::npos) {
        file = cdlArgument.substr(0, hash);
        id = cdlArgument.substr(hash + 1);
    }
    EMU_ASSIGN_OR_RETURN(std::vector<color::Cdl> cdls, color::readCdlFile(file));
    auto picked = color::pickCdl(cdls, id);
    if (!picked.isOk()) return picked.status().withContext(file);

    graph::NodeId output = 0;
    for (const graph::GradeNode& n : grade.nodes()) {
        if (n.type == graph::kOutputType) output = n.id;
    }
    const graph::Connection* feed = output ? grade.inputOf(output, "image") : nullptr;
    if (!feed) return makeError(ErrorCode::InvalidArgument, "the grade has no connected output");
    const graph::Connection before = *feed;

    graph::GradeNode node;
    node.type = "cdl";
    node.label = picked->id;
    node.params = {{"slope", triple(picked->slope)},
                   {"offset", triple(picked->offset)},
                   {"power", triple(picked->power)},
                   {"saturation", {picked->saturation}},
                   {"style", {1.0f}}};
    const graph::NodeId cdl = grade.addNode(node);
    grade.connect({before.fromNode, before.fromPort, cdl, "image"});
    grade.connect({cdl, "image", output, "image"});
    if (Status s = grade.validate(registry); !s.isOk()) return s.withContext(file);
    return grade;
}

void addCdlCommand(CLI::App& app, CliContext& context, int& exitCode) {
    CLI::App* cmd = app.add_subcommand("cdl", "ASC CDL files (.cc, .ccc, .cdl)");
    cmd->require_subcommand(1);
    auto args = std::make_shared<ExportArgs>();
    CLI::App* exp = cmd->add_subcommand(
        "export",
        "Write a grade's cdl nodes as a .cc (one node) or .ccc (each node's label, else "
        "node<N>, as its id)");
    exp->add_option("grade", args->grade, "Grade file (JSON)")->required();
    exp->add_option("output", args->output, "Output .cc or .ccc")->required();
    exp->callback([&context, &exitCode, args] {
        context.applyVerbosity();
        if (Status s = exportCdl(*args); !s.isOk()) {
            exitCode = reportError(s);
            return;
        }
        if (!context.quiet) std::printf("wrote %s\n", args->output.c_str());
    });
}

}  // namespace emu::cli
