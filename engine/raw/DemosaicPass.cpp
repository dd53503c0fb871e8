#include "emulsion/gpu/ComputeBatch.h"
#include "emulsion/gpu/Device.h"
#include "emulsion/gpu/EmbeddedKernels.h"
#include "emulsion/gpu/KernelCache.h"
#include "emulsion/raw/Demosaic.h"

namespace emu::raw {

namespace {

Result<const gpu::Kernel*> kernel(gpu::KernelCache& cache, const char* name) {
    const gpu::SpirvBlob* blob = gpu::embedded::findKernel(name);
    if (!blob)
        return makeError(ErrorCode::Internal, std::string("kernel ") + name + " was not built");
    gpu::KernelLayout layout;
    layout.bindings = {gpu::BindingKind::StorageImage, gpu::BindingKind::StorageImage};
    layout.pushConstantBytes = sizeof(RawConstants);
    return cache.fromBlob(*blob, layout);
}

}  // namespace

Result<DemosaicPass> DemosaicPass::create(gpu::Device& device, gpu::KernelCache& cache) {
    DemosaicPass pass(device);
    EMU_ASSIGN_OR_RETURN(pass.m_bilinear, kernel(cache, "raw_bilinear"));
    EMU_ASSIGN_OR_RETURN(pass.m_green, kernel(cache, "raw_green"));
    EMU_ASSIGN_OR_RETURN(pass.m_rbDiagonal, kernel(cache, "raw_rb_diag"));
    EMU_ASSIGN_OR_RETURN(pass.m_rbGreen, kernel(cache, "raw_rb_green"));
    return pass;
}

Result<gpu::StorageImage> DemosaicPass::upload(const media::RawMosaic& mosaic) {
    if (mosaic.samples.size() != std::size_t(mosaic.width) * std::size_t(mosaic.height)) {
        return makeError(ErrorCode::InvalidArgument, "demosaic: the mosaic has no samples");
    }
    EMU_ASSIGN_OR_RETURN(gpu::StorageImage image,
                         gpu::StorageImage::create(*m_device, mosaic.width, mosaic.height,
                                                   gpu::ImageFormat::R16Uint));
    EMU_RETURN_IF_ERROR(image.upload(*m_device, mosaic.samples.data(), mosaic.samples.size() * 2));
    return image;
}

Status DemosaicPass::ensureScratch(int width, int height) {
    if (m_scratchA.width() == width && m_scratchA.height() == height) return Status::ok();
    EMU_ASSIGN_OR_RETURN(
        m_scratchA, gpu::StorageImage::create(*m_device, width, height, gpu::ImageFormat::Rgba32f));
    EMU_ASSIGN_OR_RETURN(
        m_scratchB, gpu::StorageImage::create(*m_device, width, height, gpu::ImageFormat::Rgba32f));
    return Status::ok();
}

Status DemosaicPass::record(gpu::ComputeBatch& batch, const gpu::StorageImage& mosaicImage,
                            const media::RawMosaic& mosaic, const DemosaicParams& params,
                            const gpu::StorageImage& dst) {
    if (mosaicImage.format() != gpu::ImageFormat::R16Uint ||
        dst.format() != gpu::ImageFormat::Rgba32f || mosaicImage.width() != mosaic.width ||
        mosaicImage.height() != mosaic.height || dst.width() != mosaic.width ||
        dst.height() != mosaic.height) {
        return makeError(ErrorCode::InvalidArgument,
                         "demosaic: an R16Uint mosaic and an RGBA32F destination of its size");
    }
    EMU_ASSIGN_OR_RETURN(const RawConstants k, rawConstants(mosaic, params));
    const int w = mosaic.width, h = mosaic.height;
    if (params.method == DemosaicMethod::Bilinear) {
        return batch.dispatch(*m_bilinear, {mosaicImage, dst}, &k, sizeof k, w, h, "raw_bilinear");
    }
    EMU_RETURN_IF_ERROR(ensureScratch(w, h));
    EMU_RETURN_IF_ERROR(
        batch.dispatch(*m_green, {mosaicImage, m_scratchA}, &k, sizeof k, w, h, "raw_green"));
    EMU_RETURN_IF_ERROR(
        batch.dispatch(*m_rbDiagonal, {m_scratchA, m_scratchB}, &k, sizeof k, w, h, "raw_rb_diag"));
    return batch.dispatch(*m_rbGreen, {m_scratchB, dst}, &k, sizeof k, w, h, "raw_rb_green");
}

Result<media::Image> DemosaicPass::run(const media::RawMosaic& mosaic,
                                       const DemosaicParams& params) {
    EMU_ASSIGN_OR_RETURN(gpu::StorageImage src, upload(mosaic));
    EMU_ASSIGN_OR_RETURN(gpu::StorageImage dst,
                         gpu::StorageImage::create(*m_device, mosaic.width, mosaic.height,
                                                   gpu::ImageFormat::Rgba32f));
    EMU_ASSIGN_OR_RETURN(gpu::ComputeBatch batch, gpu::ComputeBatch::create(*m_device, 8));
    EMU_RETURN_IF_ERROR(record(batch, src, mosaic, params, dst));
    EMU_RETURN_IF_ERROR(batch.submitAndWait());
    media::Image out(mosaic.width, mosaic.height, media::PixelType::Float);
    EMU_RETURN_IF_ERROR(dst.download(*m_device, out.data(), out.sizeBytes()));
    return out;
}

}  // namespace emu::raw
