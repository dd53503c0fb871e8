#include "emulsion/nodes/BuiltinNodes.h"

#include "NodeBuilders.h"

namespace emu::nodes {

graph::NodeRegistry builtinRegistry() {
    graph::NodeRegistry r;
    r.add(makeType(graph::kSourceType, 1, "Source", graph::NodeShape::Source, {}));
    r.add(makeType(graph::kOutputType, 1, "Output", graph::NodeShape::Output, {}));
    r.add(makeExposureNode());
    r.add(makeCdlNode());
    r.add(makeLggNode());
    r.add(makeContrastNode());
    r.add(makeSaturationNode());
    r.add(makeHueNode());
    r.add(makeWhiteBalanceNode());
    r.add(makePrinterLightsNode());
    r.add(makeRgbMixerNode());
    r.add(makeLogWheelsNode());
    r.add(makeClampNode());
    r.add(makeLutNode());
    r.add(makeCstNode());
    r.add(makeCurvesNode());
    r.add(makeHueHueNode());
    r.add(makeHueSatNode());
    r.add(makeHueLumNode());
    r.add(makeLumSatNode());
    r.add(makeSatSatNode());
    r.add(makeWindowNode());
    r.add(makeKeyMixerNode());
    r.add(makeParallelNode());
    r.add(makeQualifierNode());
    r.add(makeRectWindowNode());
    r.add(makeGradientNode());
    r.add(makePolygonNode());
    r.add(makeLayerNode());
    r.add(makeBlurNode());
    r.add(makeSharpenNode());
    r.add(makeDenoiseNode());
    r.add(makeMatteFinesseNode());
    return r;
}

}  // namespace emu::nodes
