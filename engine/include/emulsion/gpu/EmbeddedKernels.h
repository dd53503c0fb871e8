#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace emu::gpu {

// SPIR-V compiled from shaders/ by glslc at build time and linked into the binary.
struct SpirvBlob {
    const char* name;
    const unsigned* words;
    std::size_t wordCount;
};

// GLSL text of a file of shaders/include/, for the runtime compiler's #include.
struct ShaderText {
    const char* name;  // file name, e.g. "common.glsl"
    const char* text;
};

namespace embedded {
// The build-time kernel of that name (the .comp file's stem plus a variant suffix, e.g.
// "exposure_rgba16f"); null if there is none. Thread: any.
const SpirvBlob* findKernel(std::string_view name);
std::span<const SpirvBlob* const> kernels();
std::span<const ShaderText> shaderIncludes();
// The texts of shaders/nodes/*.glsl ("cdl.glsl"): one GLSL function per pointwise node.
std::span<const ShaderText> nodeFunctions();
}  // namespace embedded

}  // namespace emu::gpu
