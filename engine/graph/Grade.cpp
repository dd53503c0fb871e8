#include "emulsion/graph/Grade.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace emu::graph {

std::string describeNode(const GradeNode& node) {
    std::string text = "node " + std::to_string(node.id) + " (" + node.type;
    if (!node.label.empty()) text += " '" + node.label + "'";
    return text + ")";
}

Grade Grade::identity() {
    Grade g;
    g.addNode({1, kSourceType, 1, "", false, {}, {}});
    g.addNode({2, kOutputType, 1, "", false, {}, {}});
    g.connect({1, "image", 2, "image"});
    return g;
}

const GradeNode* Grade::node(NodeId id) const {
    for (const GradeNode& n : m_nodes) {
        if (n.id == id) return &n;
    }
    return nullptr;
}

GradeNode* Grade::node(NodeId id) {
    return const_cast<GradeNode*>(static_cast<const Grade*>(this)->node(id));
}

const Connection* Grade::inputOf(NodeId id, const std::string& port) const {
    for (const Connection& c : m_connections) {
        if (c.toNode == id && c.toPort == port) return &c;
    }
    return nullptr;
}

NodeId Grade::nextId() const {
    NodeId next = 1;
    for (const GradeNode& n : m_nodes) next = std::max(next, n.id + 1);
    return next;
}

NodeId Grade::addNode(GradeNode node) {
    if (node.id == 0) node.id = nextId();
    // Kept in id order (and connections in input order) so equal grades compare equal
    // whatever order they were built in.
    const NodeId id = node.id;
    auto at = std::upper_bound(m_nodes.begin(), m_nodes.end(), id,
                               [](NodeId v, const GradeNode& n) { return v < n.id; });
    m_nodes.insert(at, std::move(node));
    return id;
}

bool Grade::removeNode(NodeId id) {
    auto it = std::find_if(m_nodes.begin(), m_nodes.end(), [&](auto& n) { return n.id == id; });
    if (it == m_nodes.end()) return false;
    m_nodes.erase(it);
    std::erase_if(m_connections,
                  [&](const Connection& c) { return c.fromNode == id || c.toNode == id; });
    return true;
}

void Grade::connect(Connection c) {
    disconnect(c.toNode, c.toPort);
    auto at =
        std::upper_bound(m_connections.begin(), m_connections.end(), c,
                         [](const Connection& a, const Connection& b) {
                             return std::tie(a.toNode, a.toPort) < std::tie(b.toNode, b.toPort);
                         });
    m_connections.insert(at, std::move(c));
}

bool Grade::disconnect(NodeId toNode, const std::string& toPort) {
    return std::erase_if(m_connections, [&](const Connection& c) {
               return c.toNode == toNode && c.toPort == toPort;
           }) > 0;
}

std::vector<float> Grade::paramValue(const GradeNode& node, const ParamDesc& param) const {
    auto it = node.params.find(param.id);
    return it == node.params.end() ? param.defaultValue : it->second;
}

std::string Grade::textValue(const GradeNode& node, const ParamDesc& param) const {
    auto it = node.texts.find(param.id);
    return it == node.texts.end() ? param.defaultText : it->second;
}

Result<Grade> Grade::viewAt(NodeId id, const NodeRegistry& registry) const {
    const GradeNode* target = node(id);
    if (!target) return makeError(ErrorCode::NotFound, "no node " + std::to_string(id));
    const NodeType* type = registry.find(target->type);
    if (!type || type->desc.outputIndex("image") < 0) {
        return makeError(ErrorCode::InvalidArgument,
                         describeNode(*target) + " has no image output");
    }
    Grade view = *this;
    for (const GradeNode& n : m_nodes) {
        if (n.type == kOutputType) view.connect({id, "image", n.id, "image"});
    }
    return view;
}

Result<std::vector<NodeId>> Grade::topologicalOrder() const {
    std::map<NodeId, int> pending;  // inputs not yet placed
    for (const GradeNode& n : m_nodes) pending[n.id] = 0;
    for (const Connection& c : m_connections) {
        if (pending.count(c.toNode) && pending.count(c.fromNode)) pending[c.toNode]++;
    }
    std::vector<NodeId> order;
    std::vector<NodeId> ready;
    for (const GradeNode& n : m_nodes) {
        if (pending[n.id] == 0) ready.push_back(n.id);
    }
    while (!ready.empty()) {
        // Smallest id first: a stable order, so planning and serialising are deterministic.
        auto smallest = std::min_element(ready.begin(), ready.end());
        NodeId id = *smallest;
        ready.erase(smallest);
        order.push_back(id);
        for (const Connection& c : m_connections) {
            if (c.fromNode == id && pending.count(c.toNode) && --pending[c.toNode] == 0) {
                ready.push_back(c.toNode);
            }
        }
    }
    if (order.size() != m_nodes.size()) {
        std::string members;
        for (const GradeNode& n : m_nodes) {
            if (std::find(order.begin(), order.end(), n.id) == order.end()) {
                members += (members.empty() ? "" : ", ") + describeNode(n);
            }
        }
        return makeError(ErrorCode::InvalidArgument, "the grade has a cycle through " + members);
    }
    return order;
}

namespace {
// "0.5", "16", "-4": numbers as a person writes them in a message.
std::string shortNumber(float v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}
}  // namespace

Status checkParam(const GradeNode& node, const NodeDesc& desc, const std::string& id,
                  const std::vector<float>& value) {
    const std::string where = describeNode(node) + ": parameter '" + id + "'";
    auto bad = [&](const std::string& what) {
        return makeError(ErrorCode::InvalidArgument, where + what);
    };
    const ParamDesc* p = desc.findParam(id);
    if (!p) {
        return bad(" is not a parameter of " + desc.id + " v" + std::to_string(desc.version));
    }
    if (p->isText()) return bad(" takes text (" + p->label + "), not numbers");
    if (!p->validSize(value.size())) {
        return bad(" has " + std::to_string(value.size()) + " values; " + desc.id + " " + id +
                   (p->type == ParamType::Curve || p->type == ParamType::Points
                        ? " takes up to " + std::to_string(kMaxCurvePoints) + " (x, y) pairs"
                        : " needs " + std::to_string(p->blockSize())));
    }
    const bool whole =
        p->type == ParamType::Int || p->type == ParamType::Bool || p->type == ParamType::Enum;
    for (float v : value) {
        if (!std::isfinite(v)) return bad(" is not a finite number");
        if (v < p->min || v > p->max) {
            return bad(" = " + shortNumber(v) + " is outside [" + shortNumber(p->min) + ", " +
                       shortNumber(p->max) + "]");
        }
        if (whole && v != std::floor(v)) return bad(" must be a whole number");
    }
    return Status::ok();
}

Status checkText(const GradeNode& node, const NodeDesc& desc, const std::string& id,
                 const std::string& text) {
    const std::string where = describeNode(node) + ": parameter '" + id + "'";
    const ParamDesc* p = desc.findParam(id);
    if (!p) {
        return makeError(ErrorCode::InvalidArgument, where + " is not a parameter of " + desc.id +
                                                         " v" + std::to_string(desc.version));
    }
    if (!p->isText())
        return makeError(ErrorCode::InvalidArgument, where + " takes numbers, not text");
    if (text.size() > kMaxTextBytes) {
        return makeError(ErrorCode::InvalidArgument,
                         where + " is longer than " + std::to_string(kMaxTextBytes) + " bytes");
    }
    // Paths and colour space names never hold control characters; a newline in one is a
    // damaged file or a paste gone wrong.
    for (char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            return makeError(ErrorCode::InvalidArgument, where + " holds a control character");
        }
    }
    return Status::ok();
}

namespace {

void checkParams(const GradeNode& node, const NodeDesc& desc, std::vector<std::string>& problems) {
    for (const auto& [id, value] : node.params) {
        if (Status s = checkParam(node, desc, id, value); !s.isOk()) {
            problems.push_back(s.message());
        }
    }
    for (const auto& [id, text] : node.texts) {
        if (Status s = checkText(node, desc, id, text); !s.isOk()) {
            problems.push_back(s.message());
        }
    }
}

void checkPorts(const Grade& grade, const GradeNode& node, const NodeDesc& desc,
                const NodeRegistry& registry, std::vector<std::string>& problems) {
    for (const PortDesc& in : desc.inputs) {
        const Connection* c = grade.inputOf(node.id, in.id);
        if (!c) {
            if (!in.optional) {
                problems.push_back(describeNode(node) + ": input '" + in.id + "' is not connected");
            }
            continue;
        }
        const GradeNode* from = grade.node(c->fromNode);
        const NodeType* fromType = from ? registry.find(from->type) : nullptr;
        if (!fromType) continue;  // reported for that node or as a dangling connection
        int out = fromType->desc.outputIndex(c->fromPort);
        if (out < 0) {
            problems.push_back(describeNode(*from) + " has no output '" + c->fromPort + "'");
        } else if (fromType->desc.outputs[out].type != in.type) {
            problems.push_back(describeNode(node) + ": input '" + in.id + "' takes " +
                               (in.type == PortType::Image ? "an image" : "a matte") + " but " +
                               describeNode(*from) + " '" + c->fromPort + "' gives " +
                               (in.type == PortType::Image ? "a matte" : "an image"));
        }
    }
}

}  // namespace

Status Grade::validate(const NodeRegistry& registry) const {
    std::vector<std::string> problems;
    std::set<NodeId> ids;
    int sources = 0, outputs = 0;
    for (const GradeNode& n : m_nodes) {
        if (!ids.insert(n.id).second)
            problems.push_back("two nodes have id " + std::to_string(n.id));
        const NodeType* type = registry.find(n.type);
        if (!type) {
            problems.push_back(describeNode(n) + ": unknown node type '" + n.type + "'");
            continue;
        }
        if (n.version != type->desc.version) {
            problems.push_back(describeNode(n) + ": version " + std::to_string(n.version) +
                               " is not known (this build has " + n.type + " v" +
                               std::to_string(type->desc.version) + ")");
        }
        sources += n.type == kSourceType;
        outputs += n.type == kOutputType;
        checkParams(n, type->desc, problems);
        checkPorts(*this, n, type->desc, registry, problems);
    }
    for (const Connection& c : m_connections) {
        const GradeNode* to = node(c.toNode);
        if (!node(c.fromNode) || !to) {
            problems.push_back("a connection names a missing node (" + std::to_string(c.fromNode) +
                               " -> " + std::to_string(c.toNode) + ")");
        } else if (const NodeType* t = registry.find(to->type);
                   t && t->desc.inputIndex(c.toPort) < 0) {
            problems.push_back(describeNode(*to) + " has no input '" + c.toPort + "'");
        }
    }
    if (sources != 1)
        problems.push_back("a grade needs exactly one source node, not " + std::to_string(sources));
    if (outputs != 1)
        problems.push_back("a grade needs exactly one output node, not " + std::to_string(outputs));
    if (auto order = topologicalOrder(); !order.isOk())
        problems.push_back(order.status().message());
    if (problems.empty()) return Status::ok();
    std::string text = problems.front();
    for (std::size_t i = 1; i < problems.size(); ++i) text += "\n" + problems[i];
    return makeError(ErrorCode::InvalidArgument, text);
}

}  // namespace emu::graph
