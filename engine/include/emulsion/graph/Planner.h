#pragma once

#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/graph/Grade.h"

namespace emu::graph {

// A node's output value.
struct ValueRef {
    NodeId node = 0;
    int output = 0;  // index into the node type's outputs
    bool operator==(const ValueRef&) const = default;
    auto operator<=>(const ValueRef&) const = default;
};

// A value that lives in a GPU image between passes. Slots are reused once a value's last
// reader has run (aliasing by last use); images and mattes have separate slot pools.
struct Materialised {
    ValueRef value;
    PortType type = PortType::Image;
    int slot = 0;
};

struct Pass {
    enum class Kind { Fused, Spatial };
    Kind kind = Kind::Fused;
    std::vector<NodeId> nodes;      // evaluation order; one node for a spatial pass
    std::vector<ValueRef> inputs;   // materialised values read
    std::vector<ValueRef> outputs;  // values this pass writes to images
};

// How a grade runs: fused pointwise passes separated by spatial passes. Depends only on the
// grade's structure (nodes, types, connections, bypass), never on parameter values, so a
// parameter edit keeps the plan and its pipelines.
struct Plan {
    std::vector<Pass> passes;
    std::vector<Materialised> values;  // every materialised value, the source's included
    ValueRef source;                   // the source node's image
    ValueRef result;                   // what the output node reads
    int imageSlots = 0;
    int matteSlots = 0;
    std::vector<NodeId> liveNodes;  // nodes that reach the output, topological order

    const Materialised* find(const ValueRef& v) const;
    // Parameter-block offset of each live node (in floats), and the block's size.
    std::vector<std::pair<NodeId, int>> paramOffsets;
    int paramBlockSize = 0;
    int paramOffset(NodeId node) const;

    // "2 passes: fused [3 cdl, 4 lgg] -> spatial [5 blur] -> ..." for people.
    std::string describe(const Grade& grade) const;
};

struct PlanOptions {
    // false: one pass per node, every value through an image, as an unfused renderer would
    // run it (benchmarks compare the two).
    bool fuse = true;
};

// Validates the grade, drops nodes that do not reach the output, and fuses. Bypassed nodes
// cost nothing: their image output is their image input (a bypassed matte node gives 1).
Result<Plan> planGrade(const Grade& grade, const NodeRegistry& registry,
                       const PlanOptions& options = {});

// The value an input port of a node reads, looking through bypassed nodes; nullopt when
// the port is unconnected (or fed by a bypassed matte node, which reads as 1).
std::optional<ValueRef> resolveInput(const Grade& grade, const NodeRegistry& registry, NodeId node,
                                     const std::string& port);

}  // namespace emu::graph
