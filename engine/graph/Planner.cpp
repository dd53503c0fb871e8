#include "emulsion/graph/Planner.h"

#include <algorithm>
#include <map>
#include <set>

namespace emu::graph {

const Materialised* Plan::find(const ValueRef& v) const {
    for (const Materialised& m : values) {
        if (m.value == v) return &m;
    }
    return nullptr;
}

int Plan::paramOffset(NodeId node) const {
    for (const auto& [id, offset] : paramOffsets) {
        if (id == node) return offset;
    }
    return -1;
}

std::optional<ValueRef> resolveInput(const Grade& grade, const NodeRegistry& registry, NodeId node,
                                     const std::string& port) {
    const Connection* c = grade.inputOf(node, port);
    for (int hops = 0; c && hops < 10000; ++hops) {
        const GradeNode* from = grade.node(c->fromNode);
        const NodeType* type = from ? registry.find(from->type) : nullptr;
        if (!type) return std::nullopt;
        const int out = type->desc.outputIndex(c->fromPort);
        if (!from->bypass || type->shape == NodeShape::Source) return ValueRef{from->id, out};
        // A bypassed node hands on the input of the same name as the output asked for, and
        // reads as unconnected when it has none (a matte generator's matte).
        if (type->desc.inputIndex(c->fromPort) < 0) return std::nullopt;
        c = grade.inputOf(from->id, c->fromPort);
    }
    return std::nullopt;
}

namespace {

struct Planning {
    const Grade& grade;
    const NodeRegistry& registry;
    std::map<NodeId, const NodeType*> types;
    std::map<NodeId, int> level;  // fused level of a pointwise node, stage of a spatial one
    std::map<NodeId, std::vector<ValueRef>> inputsOf;  // resolved, connected inputs only

    std::vector<ValueRef> resolvedInputs(NodeId id) {
        std::vector<ValueRef> values;
        for (const PortDesc& p : types[id]->desc.inputs) {
            if (auto v = resolveInput(grade, registry, id, p.id)) values.push_back(*v);
        }
        return values;
    }
};

// Nodes the output depends on, following resolved inputs (so bypassed branches drop out).
std::set<NodeId> liveNodes(Planning& pl, NodeId outputId) {
    std::set<NodeId> live;
    std::vector<NodeId> stack{outputId};
    while (!stack.empty()) {
        NodeId id = stack.back();
        stack.pop_back();
        if (!live.insert(id).second) continue;
        pl.inputsOf[id] = pl.resolvedInputs(id);
        for (const ValueRef& v : pl.inputsOf[id]) stack.push_back(v.node);
    }
    return live;
}

void allocateSlots(Plan& plan) {
    // The pass index after which each value is no longer read.
    std::map<ValueRef, int> lastRead;
    for (std::size_t i = 0; i < plan.passes.size(); ++i) {
        for (const ValueRef& v : plan.passes[i].inputs) lastRead[v] = static_cast<int>(i);
    }
    std::set<int> freeImages, freeMattes;
    auto take = [&](PortType type) {
        std::set<int>& pool = type == PortType::Image ? freeImages : freeMattes;
        int& count = type == PortType::Image ? plan.imageSlots : plan.matteSlots;
        if (pool.empty()) return count++;
        int slot = *pool.begin();
        pool.erase(pool.begin());
        return slot;
    };
    for (std::size_t i = 0; i < plan.passes.size(); ++i) {
        for (const ValueRef& v : plan.passes[i].outputs) {
            for (Materialised& m : plan.values) {
                // The result is written straight into the caller's target image.
                if (m.value == v) m.slot = v == plan.result ? -1 : take(m.type);
            }
        }
        for (Materialised& m : plan.values) {
            auto it = lastRead.find(m.value);
            if (m.slot >= 0 && !(m.value == plan.result) && it != lastRead.end() &&
                it->second == static_cast<int>(i)) {
                (m.type == PortType::Image ? freeImages : freeMattes).insert(m.slot);
            }
        }
    }
}

}  // namespace

Result<Plan> planGrade(const Grade& grade, const NodeRegistry& registry,
                       const PlanOptions& options) {
    EMU_RETURN_IF_ERROR(grade.validate(registry));
    EMU_ASSIGN_OR_RETURN(std::vector<NodeId> order, grade.topologicalOrder());
    Planning pl{grade, registry, {}, {}, {}};
    NodeId outputId = 0, sourceId = 0;
    for (const GradeNode& n : grade.nodes()) {
        pl.types[n.id] = registry.find(n.type);
        if (n.type == kOutputType) outputId = n.id;
        if (n.type == kSourceType) sourceId = n.id;
    }
    std::set<NodeId> live = liveNodes(pl, outputId);

    Plan plan;
    plan.source = {sourceId, 0};
    std::optional<ValueRef> result = resolveInput(grade, registry, outputId, "image");
    plan.result = result.value_or(plan.source);

    // Levels: pointwise nodes join the fused pass of their latest input; a spatial node runs
    // in the stage after its input's level, and its output feeds the fused pass of that stage.
    int maxLevel = 0;
    for (NodeId id : order) {
        if (!live.count(id) || id == outputId) continue;
        plan.liveNodes.push_back(id);
        int in = 0;
        for (const ValueRef& v : pl.inputsOf[id]) in = std::max(in, pl.level[v.node]);
        const bool spatial = pl.types[id]->shape == NodeShape::Spatial;
        pl.level[id] = id == sourceId ? 0 : in + (spatial ? 1 : 0);
        maxLevel = std::max(maxLevel, pl.level[id]);
    }

    std::map<NodeId, int> passOf;
    if (!options.fuse) maxLevel = -1;  // skip the fusing loop
    for (NodeId id : options.fuse ? std::vector<NodeId>{} : plan.liveNodes) {
        if (id == sourceId) continue;
        const bool spatial = pl.types[id]->shape == NodeShape::Spatial;
        passOf[id] = static_cast<int>(plan.passes.size());
        plan.passes.push_back({spatial ? Pass::Kind::Spatial : Pass::Kind::Fused, {id}, {}, {}});
    }
    for (int level = 0; level <= maxLevel; ++level) {
        if (level > 0) {
            for (NodeId id : plan.liveNodes) {
                if (pl.types[id]->shape != NodeShape::Spatial || pl.level[id] != level) continue;
                passOf[id] = static_cast<int>(plan.passes.size());
                plan.passes.push_back({Pass::Kind::Spatial, {id}, {}, {}});
            }
        }
        Pass fused{Pass::Kind::Fused, {}, {}, {}};
        for (NodeId id : plan.liveNodes) {
            if (id == sourceId || pl.types[id]->shape == NodeShape::Spatial) continue;
            if (pl.level[id] == level) fused.nodes.push_back(id);
        }
        if (!fused.nodes.empty()) {
            for (NodeId id : fused.nodes) passOf[id] = static_cast<int>(plan.passes.size());
            plan.passes.push_back(std::move(fused));
        }
    }

    // Inputs and outputs of each pass: a value crosses a pass boundary through an image.
    std::set<ValueRef> materialised{plan.source, plan.result};
    for (std::size_t i = 0; i < plan.passes.size(); ++i) {
        Pass& pass = plan.passes[i];
        for (NodeId id : pass.nodes) {
            for (const ValueRef& v : pl.inputsOf[id]) {
                const bool inside = passOf.count(v.node) && passOf[v.node] == static_cast<int>(i) &&
                                    pass.kind == Pass::Kind::Fused;
                if (inside) continue;
                materialised.insert(v);
                if (std::find(pass.inputs.begin(), pass.inputs.end(), v) == pass.inputs.end()) {
                    pass.inputs.push_back(v);
                }
            }
        }
    }
    for (const ValueRef& v : materialised) {
        const NodeType* t = pl.types[v.node];
        plan.values.push_back({v, t->desc.outputs[v.output].type, v == plan.source ? -1 : 0});
        if (v == plan.source) continue;
        plan.passes[passOf[v.node]].outputs.push_back(v);
    }
    allocateSlots(plan);

    for (NodeId id : plan.liveNodes) {
        if (id == sourceId) continue;
        plan.paramOffsets.emplace_back(id, plan.paramBlockSize);
        plan.paramBlockSize += pl.types[id]->desc.blockSize();
    }
    return plan;
}

std::string Plan::describe(const Grade& grade) const {
    std::string text = std::to_string(passes.size()) + (passes.size() == 1 ? " pass" : " passes");
    for (std::size_t i = 0; i < passes.size(); ++i) {
        text += "\n  " + std::to_string(i + 1) + ". " +
                (passes[i].kind == Pass::Kind::Fused ? "fused  " : "spatial") + " [";
        for (std::size_t k = 0; k < passes[i].nodes.size(); ++k) {
            const GradeNode* n = grade.node(passes[i].nodes[k]);
            text += (k ? ", " : "") + std::to_string(n->id) + " " + n->type;
        }
        text += "] reads " + std::to_string(passes[i].inputs.size()) + ", writes " +
                std::to_string(passes[i].outputs.size());
    }
    text += "\n  intermediate images: " + std::to_string(imageSlots) + " image, " +
            std::to_string(matteSlots) + " matte";
    return text;
}

}  // namespace emu::graph
