#pragma once

#include <vector>

#include "emulsion/color/OcioShader.h"
#include "emulsion/core/Result.h"
#include "emulsion/gpu/StorageImage.h"
#include "emulsion/gpu/Texture.h"

namespace emu::gpu {
class ComputeBatch;
class Device;
class Kernel;
class KernelCache;
}  // namespace emu::gpu

namespace emu::graph {

// One of an OCIO shader's look-up tables as a sampled texture (RGB tables widened to RGBA).
Result<gpu::Texture> uploadOcioTexture(gpu::Device& device, const color::OcioTexture& texture);

// One OpenColorIO transform as a compute pass: src (RGBA16F or RGBA32F) -> dst (RGBA32F), the
// transform applied to RGB and alpha passed through. Owns the shader's look-up textures.
// Kernel bindings: 0 src image, 1 dst image, 2.. the textures in OcioShader order, so the
// shader must be built with request.firstBinding == kFirstTextureBinding.
// Thread: the owner's; the Device and the KernelCache must outlive it.
class OcioPass {
public:
    static constexpr int kFirstTextureBinding = 2;

    // Uploads the textures and compiles the kernel for sources in `srcFormat`. InvalidArgument
    // for a shader built for other bindings or an unsupported source format; the texture and
    // compiler errors otherwise (the compiler's log for GLSL OCIO emitted and glslang refused).
    static Result<OcioPass> create(gpu::Device& device, gpu::KernelCache& cache,
                                   const color::OcioShader& shader, gpu::ImageFormat srcFormat);

    // Records the pass over all of `src` into `dst` (same size, RGBA32F).
    Status record(gpu::ComputeBatch& batch, const gpu::StorageImage& src,
                  const gpu::StorageImage& dst) const;

    const gpu::Kernel& kernel() const { return *m_kernel; }

private:
    const gpu::Kernel* m_kernel = nullptr;
    gpu::ImageFormat m_srcFormat = gpu::ImageFormat::Rgba32f;
    std::vector<gpu::Texture> m_textures;
};

}  // namespace emu::graph
