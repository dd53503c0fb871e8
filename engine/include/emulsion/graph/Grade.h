#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/graph/NodeRegistry.h"

namespace emu::graph {

using NodeId = int;

// One node of a grade: its type and version, and the values of the parameters that differ
// from or restate the defaults (a missing parameter has its default). Numeric parameters and
// Text parameters are kept apart; one id is never in both.
struct GradeNode {
    NodeId id = 0;
    std::string type;
    int version = 1;
    std::string label;
    bool bypass = false;  // passes its "image" input through (and a key of 1)
    std::map<std::string, std::vector<float>> params;
    std::map<std::string, std::string> texts;  // Text parameters

    bool operator==(const GradeNode&) const = default;
};

// An output port of one node to an input port of another, ports named by their ids.
struct Connection {
    NodeId fromNode = 0;
    std::string fromPort;
    NodeId toNode = 0;
    std::string toPort;

    bool operator==(const Connection&) const = default;
};

// A grade: a DAG of nodes from source to output. Plain data, edited through Commands
// (Commands.h) so every change can be undone; checked with validate().
// Thread: value type.
class Grade {
public:
    // A grade with a source (id 1) connected straight to an output (id 2).
    static Grade identity();

    const std::vector<GradeNode>& nodes() const { return m_nodes; }
    const std::vector<Connection>& connections() const { return m_connections; }

    const GradeNode* node(NodeId id) const;
    GradeNode* node(NodeId id);
    // The connection feeding an input port, if any (an input takes at most one).
    const Connection* inputOf(NodeId node, const std::string& port) const;
    NodeId nextId() const;

    // Low-level edits used by Commands and readers; they keep no invariants beyond ids being
    // unique (validate() checks the rest).
    NodeId addNode(GradeNode node);  // node.id 0 means "assign the next id"
    bool removeNode(NodeId id);      // and every connection touching it
    void connect(Connection c);      // replaces whatever fed c.toNode / c.toPort
    bool disconnect(NodeId toNode, const std::string& toPort);

    // Every problem, each naming the node (id, type, label) and, where it applies, the port
    // or parameter: unknown type or version, wrong parameter type/size, out-of-range value,
    // unknown parameter, port type mismatch, unknown port, missing required input, a cycle, no
    // or several sources/outputs. Ok when the grade can be planned and rendered.
    Status validate(const NodeRegistry& registry) const;

    // The parameter value, or the default from the registry's description.
    std::vector<float> paramValue(const GradeNode& node, const ParamDesc& param) const;
    // A Text parameter's value, or its default.
    std::string textValue(const GradeNode& node, const ParamDesc& param) const;

    // The same grade ending at `node`'s image output instead of at the output node: what a
    // viewer or scope shows when the colourist looks at one node. Nodes after it drop out at
    // planning. Fails with NotFound for an unknown node, InvalidArgument for a node without
    // an image output (a matte generator).
    Result<Grade> viewAt(NodeId node, const NodeRegistry& registry) const;

    // Node ids ordered so every node comes after the nodes feeding it; error on a cycle.
    Result<std::vector<NodeId>> topologicalOrder() const;

    bool operator==(const Grade&) const = default;

private:
    std::vector<GradeNode> m_nodes;
    std::vector<Connection> m_connections;
};

// Whether `value` is valid for parameter `id` of `desc` (known, right size, finite, in range,
// whole where it must be); the error names the node and the parameter.
Status checkParam(const GradeNode& node, const NodeDesc& desc, const std::string& id,
                  const std::vector<float>& value);

// Whether `text` is valid for Text parameter `id` of `desc` (known, a Text parameter, at most
// kMaxTextBytes, no control characters); the error names the node and the parameter.
Status checkText(const GradeNode& node, const NodeDesc& desc, const std::string& id,
                 const std::string& text);
inline constexpr std::size_t kMaxTextBytes = 4096;

// "node 4 (cdl 'Balance')" for messages.
std::string describeNode(const GradeNode& node);

}  // namespace emu::graph
