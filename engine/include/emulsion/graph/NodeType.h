#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "emulsion/color/OcioShader.h"
#include "emulsion/core/Result.h"
#include "emulsion/graph/NodeDesc.h"

namespace emu::graph {

// One pixel's RGBA as the CPU references see it.
struct Rgba {
    float r = 0, g = 0, b = 0, a = 1;
};

// Where a pixel is: its centre normalised to [0, 1] across and down the frame, and the frame's
// width / height (windows are round on screen, not in normalised units).
struct PixelPos {
    float x = 0.5f;
    float y = 0.5f;
    float aspect = 1.0f;
};

// The shapes a node can have. The shape fixes the ports and the signatures of both the CPU
// reference and the GLSL function, so the planner can stitch any node of a shape without
// knowing it; the per-node code is only the colour maths.
enum class NodeShape {
    Source,          // -> image: the grade's input
    Output,          // image ->: the grade's result
    Corrector,       // image, key? -> image, key. out = mix(in, f(in), key); key passes on
    MatteGenerator,  // image, key? -> matte. matte = f(in) * key
    KeyMixer,        // a, b? -> matte; an unconnected b reads as 1
    ImageMixer,      // image, a?, b?, c? -> image; unconnected inputs read as "image"
    Spatial,         // one input -> one output of the same type, reading neighbourhoods
};

// CPU references; `p` is the node's parameter block, exactly the floats the GPU reads.
// Pure functions in fp32, so they may run on any thread.
using CorrectorFn = Rgba (*)(const float* p, const Rgba& in, const PixelPos& pos);
using MatteFn = float (*)(const float* p, const Rgba& in, const PixelPos& pos);
using KeyMixFn = float (*)(const float* p, float a, float b);
using ImageMixFn = Rgba (*)(const float* p, const Rgba& base, const Rgba& a, const Rgba& b,
                            const Rgba& c);
// A spatial node over a whole image of `channels` floats per pixel (4 or 1). Non-finite
// samples must not spread to their neighbours.
using SpatialFn = void (*)(const float* p, const float* in, float* out, int widthPx, int heightPx,
                           int channels);

// The Text parameters of one node, defaults filled in.
using TextValues = std::map<std::string, std::string>;

// A Corrector whose maths OpenColorIO makes per node instance (a LUT file, a colour space
// conversion): the transform one node asks for, from its parameter block `p` and its texts.
// Relative file paths resolve against `baseFolder` (the working directory when empty).
// nullopt: the node has nothing to do yet (no file chosen) and passes its input through.
// Errors name the parameter; the caller adds the node.
using OcioRequestFn = Result<std::optional<color::OcioShaderRequest>> (*)(
    const float* p, const TextValues& text, const std::filesystem::path& baseFolder);

// A node type: its description, its shape and its implementations. Pointwise shapes name a
// GLSL function defined in shaders/nodes/<desc.id>.glsl with the shape's signature:
//   Corrector:      vec4  f(vec4 c, EmuPixel pix, uint base)
//   MatteGenerator: float f(vec4 c, EmuPixel pix, uint base)
//   KeyMixer:       float f(float a, float b, uint base)
//   ImageMixer:     vec4  f(vec4 base, vec4 a, vec4 b, vec4 c, uint pb)
// where parameter k of the block is read as P(base + k).
struct NodeType {
    NodeDesc desc;
    NodeShape shape = NodeShape::Corrector;
    CorrectorFn corrector = nullptr;
    MatteFn matte = nullptr;
    KeyMixFn keyMix = nullptr;
    ImageMixFn imageMix = nullptr;
    SpatialFn spatial = nullptr;
    // Spatial nodes run as this many dispatches (a separable blur: 2). Stage s reads the
    // node's input and stage s-1's output; the last stage writes the node's output. Their
    // GLSL function is  vec4 f(ivec2 px, ivec2 size, uint base, uint stage)  reading
    // emuSrc(p) and emuPrev(p) (clamped to the edge; mattes in .r).
    int spatialStages = 1;
    std::string glslFunction;  // "emu_cdl"
    // The result depends on where the pixel is (windows), not only on its colour: such a
    // node cannot be held by a LUT.
    bool readsPosition = false;
    // Set for OpenColorIO nodes (lut, cst): their GLSL, look-up textures and CPU reference come
    // from OCIO for each node, so `corrector` and `glslFunction` are unused.
    OcioRequestFn ocioRequest = nullptr;

    bool pointwise() const { return shape != NodeShape::Spatial; }
};

// The port lists a shape implies, filled into a description (spatial nodes: `matte` chooses
// whether they filter an image or a matte).
void setPortsForShape(NodeDesc& desc, NodeShape shape, bool matte = false);

}  // namespace emu::graph
