#pragma once

#include <string>
#include <vector>

#include "emulsion/color/ColorConfig.h"
#include "emulsion/core/Result.h"

namespace emu::color {

// How a LUT file's samples are interpolated. Tetrahedral applies to 3D LUTs; 1D LUTs in the
// same file are then interpolated linearly (OCIO's best for them).
enum class LutInterpolation { Tetrahedral, Linear, Nearest, Best };

// What an OcioShader converts: colour space `from` to colour space `to`, or `from` shown on
// `display` through `view` when display is not empty; `looks` (comma-separated) are applied on
// the way in either case. When `lutFile` is set, the transform is that file alone (any format
// OCIO reads: .cube, .3dl, .csp, .spi1d, .spi3d, .clf, .ctf, ...) and the colour space fields
// are ignored. The names keep several shaders apart in one GLSL program.
struct OcioShaderRequest {
    std::string from;
    std::string to;       // ignored when display is set
    std::string display;  // empty: a colour space conversion
    std::string view;
    std::string looks;
    std::string lutFile;  // a LUT file applied on its own; best given as an absolute path
    LutInterpolation lutInterpolation = LutInterpolation::Tetrahedral;
    bool inverse = false;                   // the LUT file applied backwards (lutFile only)
    std::string functionName = "emu_ocio";  // the GLSL function: vec4 name(vec4 rgba)
    std::string resourcePrefix = "ocio_";   // prefixes every global the shader declares
    int firstBinding = 0;                   // set-0 binding of the first look-up texture
};

// One look-up table the shader samples.
struct OcioTexture {
    std::string samplerName;  // as declared in the GLSL
    int binding = 0;          // set-0 binding in the GLSL
    int dimensions = 1;       // 1, 2 or 3
    int width = 1;            // [texels]
    int height = 1;           // [texels]
    int depth = 1;            // [texels]
    int channels = 1;         // 1 (red only) or 3 (RGB)
    bool linear = true;       // linear filtering; nearest when false
    // width * height * depth * channels floats, x fastest, then y, then z, exactly as the shader
    // expects them (it swizzles its own coordinates): upload as-is.
    std::vector<float> values;
};

// OpenColorIO's GPU shader for one transform, made ready for a Vulkan compute kernel: texture
// samplers carry explicit set-0 bindings and sample with an explicit LOD of 0. Free of any GPU
// API; a graph pass turns it into a kernel.
struct OcioShader {
    std::string functionName;
    std::string glsl;                   // declarations, helpers and the function; no #version line
    std::vector<OcioTexture> textures;  // in binding order, from request.firstBinding on
    std::string cacheId;                // OCIO's id of the processor: same id, same shader

    // Builds the processor and extracts its shader. NotFound names an unknown colour space,
    // display, view or look; InvalidArgument carries OCIO's reason for any other refusal;
    // Unsupported when the shader needs uniforms (dynamic transforms, which this does not
    // handle) or declares a sampler it cannot rebind. For a LUT file: NotFound names a missing
    // file, CorruptData is "FILE: " followed by OCIO's reason (which names the line when it
    // knows it). No exception leaves it.
    // Cost: milliseconds (OCIO caches processors). Thread: any.
    static Result<OcioShader> build(const ColorConfig& config, const OcioShaderRequest& request);
};

// OCIO's cache id of the processor `request` describes, without extracting a shader: equal ids,
// equal transforms (the id covers the ops and their data, the interpolation included). Errors
// as OcioShader::build. Cost: microseconds once OCIO has cached the processor. Thread: any.
Result<std::string> ocioCacheId(const ColorConfig& config, const OcioShaderRequest& request);

}  // namespace emu::color
