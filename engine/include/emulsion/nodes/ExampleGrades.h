#pragma once

#include "emulsion/core/Result.h"
#include "emulsion/graph/Grade.h"

namespace emu::nodes {

// A typical grade of 12 nodes, as a colourist builds one: balance (CDL), primaries (LGG, log
// wheels), a light diffusion (blur), contrast, a custom curve, then in parallel a saturation
// keyed by a skin qualifier limited by a window, and a hue-vs-saturation curve keyed by a
// second qualifier. It plans into 3 passes. The benchmark, the tests and the demo use it.
// Fails only if a node type it needs is missing from the registry.
Result<graph::Grade> typicalGrade(const graph::NodeRegistry& registry);

}  // namespace emu::nodes
