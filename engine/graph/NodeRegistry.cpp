#include "emulsion/graph/NodeRegistry.h"

#include <stdexcept>

namespace emu::graph {

void NodeRegistry::add(NodeType type) {
    // Registration is code, not input: a duplicate id is a programming error.
    if (find(type.desc.id)) throw std::logic_error("node type registered twice: " + type.desc.id);
    m_types.push_back(std::move(type));
}

const NodeType* NodeRegistry::find(const std::string& id) const {
    for (const NodeType& t : m_types) {
        if (t.desc.id == id) return &t;
    }
    return nullptr;
}

}  // namespace emu::graph
