#pragma once

#include <string>
#include <vector>

#include "emulsion/graph/NodeType.h"

namespace emu::graph {

// The node types a grade may use, in registration order (which is also the order menus show).
// Built explicitly by whoever owns the set (nodes::builtinRegistry()); no static registration.
// Thread: immutable once built; share it by const reference.
class NodeRegistry {
public:
    // Adds a type; a second type with the same id replaces nothing and is an Internal error.
    void add(NodeType type);

    // Null when unknown.
    const NodeType* find(const std::string& id) const;
    const std::vector<NodeType>& types() const { return m_types; }

private:
    std::vector<NodeType> m_types;
};

// The two node types every grade has: where the image enters and where it leaves.
inline constexpr const char* kSourceType = "source";
inline constexpr const char* kOutputType = "output";

}  // namespace emu::graph
