#pragma once

#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/gpu/Buffer.h"
#include "emulsion/gpu/ComputeBatch.h"
#include "emulsion/gpu/StorageImage.h"
#include "emulsion/scopes/ScopeData.h"

namespace emu::gpu {
class Device;
class KernelCache;
}  // namespace emu::gpu

namespace emu::scopes {

// One scope computed on the GPU: a kernel per scope type and image format (compiled on first
// use through the kernel cache), one invocation per pixel counting into a buffer with
// atomicAdd. The counts equal computeScopeCpu()'s. The station keeps one GpuScope per scope
// it shows and records them all into the batch that renders the frame.
// Cost: one pass over the frame; the counts buffer is host-visible and read without a copy.
// Thread: render thread only; the Device and the KernelCache must outlive it.
class GpuScope {
public:
    GpuScope(gpu::Device& device, gpu::KernelCache& cache);

    // Zeroes this scope's counts and records its dispatch over `image` (RGBA16F or RGBA32F)
    // into `batch`. The batch must have finished any earlier work of this GpuScope, and this
    // GpuScope records at most once per batch.
    // Failure: InvalidArgument for a one-channel image or settings makeEmptyScope refuses;
    // GpuError when the counts buffer cannot be allocated; the compiler's log for a kernel
    // that does not build.
    Status record(gpu::ComputeBatch& batch, const gpu::StorageImage& image,
                  const ScopeSettings& settings);

    // The counts of the last record(), once its batch has been submitted and waited for.
    // Failure: InvalidArgument when nothing was recorded.
    Result<ScopeData> result() const;

private:
    gpu::Device& m_device;
    gpu::KernelCache& m_cache;
    gpu::Buffer m_counts;
    ScopeData m_shape;  // of the last record(); counts left empty
    bool m_recorded = false;
};

// One scope of `image` in a batch of its own; waits for it. `timings`, when not null,
// receives the GPU time of the dispatch. Failure: as GpuScope::record and the batch.
// Thread: render thread only.
Result<ScopeData> computeScope(gpu::Device& device, gpu::KernelCache& cache,
                               const gpu::StorageImage& image, const ScopeSettings& settings,
                               std::vector<gpu::DispatchTiming>* timings = nullptr);

}  // namespace emu::scopes
