#include "emulsion/text/GpuCompositor.h"

#include <cstdint>

#include "emulsion/gpu/ComputeBatch.h"
#include "emulsion/gpu/Device.h"
#include "emulsion/gpu/EmbeddedKernels.h"
#include "emulsion/gpu/KernelCache.h"

namespace emu::text {

namespace {

// The kernel's push-constant block, std430.
struct CompositeConstants {
    float text[4];
    float box[4];
    std::int32_t boxes[TextOverlay::kMaxBoxes][4];
    std::int32_t origin[2];
    std::int32_t extent[2];
    std::int32_t boxCount;
    std::int32_t pad[3];
};
static_assert(sizeof(CompositeConstants) == 128);

CompositeConstants constantsOf(const TextOverlay& o) {
    CompositeConstants k{};
    for (int c = 0; c < 3; ++c) {
        k.text[c] = o.textColour[c];
        k.box[c] = o.boxColour[c];
    }
    k.text[3] = o.textOpacity;
    k.box[3] = o.boxOpacity;
    k.boxCount = std::int32_t(o.boxes.size());
    for (std::size_t i = 0; i < o.boxes.size(); ++i) {
        const OverlayBox& b = o.boxes[i];
        k.boxes[i][0] = b.x0;
        k.boxes[i][1] = b.y0;
        k.boxes[i][2] = b.x1;
        k.boxes[i][3] = b.y1;
    }
    return k;
}

}  // namespace

Result<GpuCompositor> GpuCompositor::create(gpu::Device& device, gpu::KernelCache& cache) {
    const gpu::SpirvBlob* blob = gpu::embedded::findKernel("text_composite");
    if (!blob) return makeError(ErrorCode::Internal, "kernel text_composite was not built");
    gpu::KernelLayout layout;
    layout.bindings = {gpu::BindingKind::StorageImage, gpu::BindingKind::StorageImage};
    layout.pushConstantBytes = sizeof(CompositeConstants);
    EMU_ASSIGN_OR_RETURN(const gpu::Kernel* kernel, cache.fromBlob(*blob, layout));
    return GpuCompositor(device, *kernel);
}

Status GpuCompositor::ensureImages(int widthPx, int heightPx) {
    if (m_coverage.width() != widthPx || m_coverage.height() != heightPx) {
        EMU_ASSIGN_OR_RETURN(m_coverage, gpu::StorageImage::create(*m_device, widthPx, heightPx,
                                                                   gpu::ImageFormat::R32f));
    }
    return Status::ok();
}

Status GpuCompositor::record(gpu::ComputeBatch& batch, const gpu::StorageImage& frame,
                             const TextOverlay& overlay) {
    if (frame.format() != gpu::ImageFormat::Rgba32f || frame.width() != overlay.width ||
        frame.height() != overlay.height || int(overlay.boxes.size()) > TextOverlay::kMaxBoxes) {
        return makeError(ErrorCode::InvalidArgument,
                         "text composite: an RGBA32F frame of the overlay's size");
    }
    EMU_RETURN_IF_ERROR(ensureImages(overlay.width, overlay.height));
    EMU_RETURN_IF_ERROR(m_coverage.upload(*m_device, overlay.coverage.data(),
                                          overlay.coverage.size() * sizeof(float)));
    CompositeConstants k = constantsOf(overlay);
    // One dispatch per band of rows holding boxes or ink: the rest of the frame is untouched.
    for (const OverlayBox& r : overlay.regions()) {
        k.origin[0] = r.x0;
        k.origin[1] = r.y0;
        k.extent[0] = r.x1 - r.x0;
        k.extent[1] = r.y1 - r.y0;
        EMU_RETURN_IF_ERROR(batch.dispatch(*m_kernel, {frame, m_coverage}, &k, sizeof k,
                                           k.extent[0], k.extent[1], "text_composite"));
    }
    return Status::ok();
}

Status GpuCompositor::composite(media::Image& frame, const TextOverlay& overlay) {
    if (frame.width() != overlay.width || frame.height() != overlay.height) {
        return makeError(ErrorCode::InvalidArgument, "text overlay: frame of another size");
    }
    const bool half = frame.type() == media::PixelType::Half;
    media::Image floats = half ? frame.converted(media::PixelType::Float) : media::Image();
    media::Image& work = half ? floats : frame;
    if (m_frame.width() != frame.width() || m_frame.height() != frame.height()) {
        EMU_ASSIGN_OR_RETURN(m_frame,
                             gpu::StorageImage::create(*m_device, frame.width(), frame.height(),
                                                       gpu::ImageFormat::Rgba32f));
    }
    EMU_RETURN_IF_ERROR(m_frame.upload(*m_device, work.data(), work.sizeBytes()));
    EMU_ASSIGN_OR_RETURN(
        gpu::ComputeBatch batch,
        gpu::ComputeBatch::create(*m_device, 2 * TextOverlay::kMaxBoxes + 2, false));
    EMU_RETURN_IF_ERROR(record(batch, m_frame, overlay));
    EMU_RETURN_IF_ERROR(batch.submitAndWait());
    EMU_RETURN_IF_ERROR(m_frame.download(*m_device, work.data(), work.sizeBytes()));
    if (half) frame = floats.converted(media::PixelType::Half);
    return Status::ok();
}

}  // namespace emu::text
