#pragma once

#include "emulsion/core/Result.h"
#include "emulsion/graph/Grade.h"
#include "emulsion/graph/NodeRegistry.h"

namespace emu::station {

// Mid grey in ACEScct, the working space the station grades in (0.18 linear).
inline constexpr float kHighlightGrey = 0.4135884f;

// The viewer's highlight of a matte (Resolve's Shift+H): the grade's picture where the matte
// node `node` (a qualifier, a window, a key mixer) selects, flat mid grey where it does not,
// soft edges in between, so the colourist sees what the key takes. Made from `grade` with the
// engine's own Commands: 1 - the node's matte (a key mixer subtracting it from a qualifier
// with no range enabled, which selects everything) keys a CDL that turns the picture to
// kHighlightGrey (slope 0, saturation 0) just before the output. The node's own key, if any,
// counts: what it takes is what shows. The project's grade is never changed.
// InvalidArgument when `node` makes no matte. Thread: any (pure).
Result<graph::Grade> highlightGrade(const graph::Grade& grade, graph::NodeId node,
                                    const graph::NodeRegistry& registry);

}  // namespace emu::station
