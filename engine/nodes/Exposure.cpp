#include "emulsion/nodes/Exposure.h"

#include <cmath>
#include <cstring>
#include <string>

#include "emulsion/gpu/ComputeBatch.h"
#include "emulsion/gpu/KernelCache.h"

namespace emu::nodes {

float exposureGain(float stops) {
    return std::exp2(stops);
}

void applyExposure(media::Image& image, float stops) {
    const float gain = exposureGain(stops);
    const std::size_t pixels = image.pixelCount();
    if (image.type() == media::PixelType::Float) {
        auto* p = reinterpret_cast<float*>(image.data());
        for (std::size_t i = 0; i < pixels; ++i) {
            for (int c = 0; c < 3; ++c) p[i * 4 + c] *= gain;
        }
        return;
    }
    auto* p = reinterpret_cast<std::uint16_t*>(image.data());
    for (std::size_t i = 0; i < pixels; ++i) {
        for (int c = 0; c < 3; ++c) {
            p[i * 4 + c] = media::floatToHalf(media::halfToFloat(p[i * 4 + c]) * gain);
        }
    }
}

Result<ExposurePass> ExposurePass::create(gpu::KernelCache& cache, gpu::ImageFormat srcFormat) {
    const std::string name = std::string("exposure_") + gpu::glslFormat(srcFormat);
    const gpu::SpirvBlob* blob = gpu::embedded::findKernel(name);
    if (!blob) return makeError(ErrorCode::Internal, "kernel " + name + " was not built");
    gpu::KernelLayout layout;
    layout.bindings = {gpu::BindingKind::StorageImage, gpu::BindingKind::StorageImage};
    layout.pushConstantBytes = sizeof(float);
    EMU_ASSIGN_OR_RETURN(const gpu::Kernel* kernel, cache.fromBlob(*blob, layout));
    return ExposurePass(kernel, srcFormat);
}

Status ExposurePass::record(gpu::ComputeBatch& batch, const gpu::StorageImage& src,
                            const gpu::StorageImage& dst, float stops) const {
    if (src.format() != m_format || dst.format() != gpu::ImageFormat::Rgba32f ||
        src.width() != dst.width() || src.height() != dst.height()) {
        return makeError(ErrorCode::InvalidArgument,
                         "exposure: source and destination must share format and size");
    }
    const float gain = exposureGain(stops);
    return batch.dispatch(*m_kernel, {src, dst}, &gain, sizeof gain, src.width(), src.height(),
                          "exposure");
}

}  // namespace emu::nodes
