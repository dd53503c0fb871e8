#pragma once

#include "emulsion/core/Result.h"
#include "emulsion/gpu/StorageImage.h"
#include "emulsion/media/Image.h"
#include "emulsion/text/TextOverlay.h"

namespace emu::gpu {
class ComputeBatch;
class Device;
class Kernel;
class KernelCache;
}  // namespace emu::gpu

namespace emu::text {

// Composites a TextOverlay over a frame in a compute kernel (text_composite): the coverage
// mask is uploaded as an R32F image, the boxes and colours go in push constants. Matches
// compositeCpu() within 1e-6 (the same operations in fp32, `precise` in the kernel).
// Thread: one owner; the Device and the KernelCache must outlive it.
class GpuCompositor {
public:
    // Failure: Internal (kernel not built), GpuError.
    static Result<GpuCompositor> create(gpu::Device& device, gpu::KernelCache& cache);

    // Records the composite over `frame` (RGBA32F, the overlay's size) into `batch`, after
    // uploading the coverage mask now: one dispatch per band of TextOverlay::regions(), at most
    // kMaxBoxes + 1 (the batch needs room for them). The batch must be submitted before the
    // next record(): the mask image is reused. InvalidArgument on a size or format mismatch.
    Status record(gpu::ComputeBatch& batch, const gpu::StorageImage& frame,
                  const TextOverlay& overlay);

    // Uploads `frame` (Float or Half), composites and downloads it back in place.
    Status composite(media::Image& frame, const TextOverlay& overlay);

private:
    GpuCompositor(gpu::Device& device, const gpu::Kernel& kernel)
        : m_device(&device), m_kernel(&kernel) {}
    Status ensureImages(int widthPx, int heightPx);

    gpu::Device* m_device = nullptr;
    const gpu::Kernel* m_kernel = nullptr;
    gpu::StorageImage m_frame;
    gpu::StorageImage m_coverage;
};

}  // namespace emu::text
