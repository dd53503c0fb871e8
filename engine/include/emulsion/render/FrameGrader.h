#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "emulsion/color/OcioShader.h"
#include "emulsion/core/Result.h"
#include "emulsion/gpu/ComputeBatch.h"
#include "emulsion/gpu/KernelCache.h"
#include "emulsion/gpu/StorageImage.h"
#include "emulsion/graph/GradeRenderer.h"
#include "emulsion/graph/OcioPass.h"
#include "emulsion/media/Image.h"

namespace emu::render {

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
    // `ocio` is what its OCIO nodes (lut, cst) use.
    Status setGrade(const graph::Grade& grade, const graph::NodeRegistry& registry,
                    const graph::OcioContext& ocio = {});
    Result<media::Image> grade(const media::Image& in);

    // Colour transforms around the work of exposure() and grade(): the input transform runs
    // before it (e.g. camera log -> working space), the output transform after it (e.g. the
    // working space shown on a display). Each shader must be built with
    // firstBinding == graph::OcioPass::kFirstTextureBinding. Its pass is compiled on the first
    // frame, for the format of the image it reads.
    Status setInputTransform(const color::OcioShader& shader);
    Status setOutputTransform(const color::OcioShader& shader);
    // LUT transforms between the work of exposure() and grade() and the output transform, in
    // the order added. Same rules as the transforms above.
    Status addLutTransform(const color::OcioShader& shader);
    // `in` through the transforms alone (no exposure, no grade), rounded like exposure().
    Result<media::Image> transform(const media::Image& in);

    // GPU time of each dispatch of the last frame.
    const std::vector<gpu::DispatchTiming>& lastTimings() const { return m_batch.timings(); }

private:
    FrameGrader(gpu::Device& device, gpu::ComputeBatch batch);
    // Records one step from src into dst (RGBA32F, same size).
    using Step = std::function<Status(const gpu::StorageImage& src, const gpu::StorageImage& dst)>;

    Status prepareImages(const media::Image& in);
    // Uploads `in`, records the input transform, `middle` (when set) and the output transform,
    // runs them and downloads the result in the input's sample type.
    Result<media::Image> run(const media::Image& in, const Step& middle);
    // A colour transform and its pass, compiled for the format it last read.
    struct Transform {
        std::optional<color::OcioShader> shader;
        std::optional<graph::OcioPass> pass;
        gpu::ImageFormat passFormat = gpu::ImageFormat::Rgba32f;
    };
    Step transformStep(Transform& transform);

    gpu::Device& m_device;
    gpu::KernelCache m_cache;
    gpu::ComputeBatch m_batch;
    gpu::StorageImage m_src;
    gpu::StorageImage m_dst;
    gpu::StorageImage m_tmp;  // between steps when there are more than one
    Transform m_input;
    std::vector<Transform> m_luts;
    Transform m_output;
    std::unique_ptr<graph::GradeRenderer> m_renderer;
};

}  // namespace emu::render
