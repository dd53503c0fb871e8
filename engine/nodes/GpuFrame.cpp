#include "emulsion/nodes/GpuFrame.h"

#include "emulsion/gpu/Device.h"

namespace emu::nodes {

gpu::ImageFormat gpuFormatFor(media::PixelType type) {
    return type == media::PixelType::Half ? gpu::ImageFormat::Rgba16f : gpu::ImageFormat::Rgba32f;
}

media::PixelType pixelTypeFor(gpu::ImageFormat format) {
    return format == gpu::ImageFormat::Rgba16f ? media::PixelType::Half : media::PixelType::Float;
}

Result<gpu::StorageImage> uploadImage(gpu::Device& device, const media::Image& image) {
    EMU_ASSIGN_OR_RETURN(gpu::StorageImage gpuImage,
                         gpu::StorageImage::create(device, image.width(), image.height(),
                                                   gpuFormatFor(image.type())));
    EMU_RETURN_IF_ERROR(gpuImage.upload(device, image.data(), image.sizeBytes()));
    return gpuImage;
}

Result<media::Image> downloadImage(gpu::Device& device, const gpu::StorageImage& image) {
    media::Image out(image.width(), image.height(), pixelTypeFor(image.format()));
    EMU_RETURN_IF_ERROR(image.download(device, out.data(), out.sizeBytes()));
    return out;
}

}  // namespace emu::nodes
