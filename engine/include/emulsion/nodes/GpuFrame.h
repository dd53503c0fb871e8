#pragma once

#include "emulsion/core/Result.h"
#include "emulsion/gpu/StorageImage.h"
#include "emulsion/media/Image.h"

namespace emu::gpu {
class Device;
}

namespace emu::nodes {

// Half images live in RGBA16F, float images in RGBA32F: the bits move unchanged both ways.
gpu::ImageFormat gpuFormatFor(media::PixelType type);
media::PixelType pixelTypeFor(gpu::ImageFormat format);

// A new storage image holding `image`. Thread: render thread.
Result<gpu::StorageImage> uploadImage(gpu::Device& device, const media::Image& image);

// The pixels of `image`, in the matching sample type. Thread: render thread.
Result<media::Image> downloadImage(gpu::Device& device, const gpu::StorageImage& image);

}  // namespace emu::nodes
