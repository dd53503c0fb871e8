#pragma once

#include "emulsion/graph/NodeRegistry.h"

namespace emu::nodes {

// Every node type this build knows, in menu order. Thread: build once, share by const ref.
graph::NodeRegistry builtinRegistry();

// One maker per node type; each lives in the file of its family.
graph::NodeType makeExposureNode();
graph::NodeType makeCdlNode();
graph::NodeType makeLggNode();
graph::NodeType makeContrastNode();
graph::NodeType makeSaturationNode();
graph::NodeType makeHueNode();
graph::NodeType makeWhiteBalanceNode();
graph::NodeType makePrinterLightsNode();
graph::NodeType makeRgbMixerNode();
graph::NodeType makeLogWheelsNode();
graph::NodeType makeClampNode();
graph::NodeType makeWindowNode();
graph::NodeType makeKeyMixerNode();
graph::NodeType makeParallelNode();
graph::NodeType makeCurvesNode();
graph::NodeType makeHueHueNode();
graph::NodeType makeHueSatNode();
graph::NodeType makeHueLumNode();
graph::NodeType makeLumSatNode();
graph::NodeType makeSatSatNode();
graph::NodeType makeQualifierNode();
graph::NodeType makeRectWindowNode();
graph::NodeType makeGradientNode();
graph::NodeType makePolygonNode();
graph::NodeType makeLayerNode();
graph::NodeType makeBlurNode();
graph::NodeType makeSharpenNode();
graph::NodeType makeDenoiseNode();
graph::NodeType makeMatteFinesseNode();
graph::NodeType makeLutNode();
graph::NodeType makeCstNode();

}  // namespace emu::nodes
