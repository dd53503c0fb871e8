#pragma once

#include <memory>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/gpu/ComputeBatch.h"
#include "emulsion/gpu/KernelCache.h"
#include "emulsion/gpu/StorageImage.h"
#include "emulsion/graph/GradeRenderer.h"
#include "emulsion/media/Image.h"

namespace emu::cli {

// Grades frames one after another on the GPU, keeping its images between frames of one size
// so a sequence allocates once. Thread: one thread (the caller's) drives it.
class FrameGrader {
public:
    static Result<std::unique_ptr<FrameGrader>> create(gpu::Device& device);

    // `in` with exposure applied, in the same sample type: computed in fp32 on the GPU,
    // rounded to half on the CPU (to nearest even) when the input is half.
    Result<media::Image> exposure(const media::Image& in, float stops);

    // Renders `grade` (validated by setGrade first) over `in`: the grade graph's fused passes
    // in fp32, then rounding to the input's sample type as exposure() does.
    Status setGrade(const graph::Grade& grade, const graph::NodeRegistry& registry);
    Result<media::Image> grade(const media::Image& in);

    // GPU time of each dispatch of the last frame.
    const std::vector<gpu::DispatchTiming>& lastTimings() const { return m_batch.timings(); }

private:
    FrameGrader(gpu::Device& device, gpu::ComputeBatch batch);
    Status prepareImages(const media::Image& in);

    gpu::Device& m_device;
    gpu::KernelCache m_cache;
    gpu::ComputeBatch m_batch;
    gpu::StorageImage m_src;
    gpu::StorageImage m_dst;
    std::unique_ptr<graph::GradeRenderer> m_renderer;
};

}  // namespace emu::cli
