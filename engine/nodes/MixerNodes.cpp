// Image mixers: parallel (sums each branch's change) and layer (ordered composite).
#include <algorithm>

#include "NodeBuilders.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::nodes {

using graph::NodeShape;
using graph::Rgba;

namespace {

// Each branch graded the same input (`image`); the result adds every branch's change to it,
// so two branches that each add 0.1 give 0.2, as colourists expect of a parallel mixer.
Rgba parallelCpu(const float*, const Rgba& base, const Rgba& a, const Rgba& b, const Rgba& c) {
    auto sum = [](float s, float x, float y, float z) { return x + y + z - 2.0f * s; };
    return {sum(base.r, a.r, b.r, c.r), sum(base.g, a.g, b.g, c.g), sum(base.b, a.b, b.b, c.b),
            base.a};
}

}  // namespace

graph::NodeType makeParallelNode() {
    auto t = makeType("parallel", 1, "Parallel Mixer", NodeShape::ImageMixer, {});
    t.imageMix = parallelCpu;
    return t;
}

}  // namespace emu::nodes
