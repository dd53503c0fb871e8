#pragma once

#include "emulsion/core/Result.h"
#include "emulsion/gpu/StorageImage.h"
#include "emulsion/media/Image.h"

namespace emu::gpu {
class ComputeBatch;
class Kernel;
class KernelCache;
}  // namespace emu::gpu

namespace emu::nodes {

// Exposure in stops on scene-linear RGB: rgb * 2^stops, alpha untouched. NaN and Inf pass
// through as IEEE arithmetic makes them (Inf * gain = Inf, NaN stays NaN).
float exposureGain(float stops);

// The CPU reference, in place, computed in fp32 and rounded to the image's sample type.
void applyExposure(media::Image& image, float stops);

// The GPU version: one dispatch of the build-time kernel for the source format, writing an
// RGBA32F image (a caller that wants half rounds on the CPU, to nearest even).
// Thread: render thread; the cache must outlive the pass.
class ExposurePass {
public:
    static Result<ExposurePass> create(gpu::KernelCache& cache, gpu::ImageFormat srcFormat);

    // Records dst = exposure(src). src has the pass's format, dst is RGBA32F, sizes equal.
    Status record(gpu::ComputeBatch& batch, const gpu::StorageImage& src,
                  const gpu::StorageImage& dst, float stops) const;

private:
    explicit ExposurePass(const gpu::Kernel* kernel, gpu::ImageFormat format)
        : m_kernel(kernel), m_format(format) {}
    const gpu::Kernel* m_kernel;
    gpu::ImageFormat m_format;
};

}  // namespace emu::nodes
