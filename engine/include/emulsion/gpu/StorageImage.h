#pragma once

#include <vulkan/vulkan.h>

#include <cstddef>
#include <cstdint>

#include "emulsion/core/Result.h"
#include "emulsion/gpu/DeviceImage.h"

namespace emu::gpu {

class Device;

// The formats frames live in between passes: RGBA16F interactively, RGBA32F for mastering;
// mattes in the one-channel formats of the same precision; camera RAW mosaics as R16Uint
// (the sensor's integer samples, read in kernels as a uimage2D).
enum class ImageFormat { Rgba16f, Rgba32f, R16f, R32f, R16Uint };

VkFormat toVkFormat(ImageFormat format);
std::size_t bytesPerPixel(ImageFormat format);
// The GLSL layout qualifier for the format ("rgba16f"), for generated shaders.
const char* glslFormat(ImageFormat format);

// A 2D storage image in VK_IMAGE_LAYOUT_GENERAL, with its memory and view. Images, not
// buffers, hold frames: a 4K RGBA32F frame exceeds lavapipe's 128 MiB storage-buffer range.
// Thread: the owner's; the Device must outlive it.
class StorageImage {
public:
    // Creates the image and moves it to the GENERAL layout. Fails with GpuError.
    static Result<StorageImage> create(Device& device, int widthPx, int heightPx,
                                       ImageFormat format);

    StorageImage() = default;  // move-only, through DeviceImage

    // Copies tightly packed rows (top row first, sizeBytes() bytes in the image's format)
    // through a staging buffer; waits for completion. The pixels are copied, not kept.
    Status upload(Device& device, const void* pixels, std::size_t sizeBytes);
    // The reverse of upload(); waits for the GPU work that wrote the image to finish first
    // only in the sense that it is queued after it on the same queue.
    Status download(Device& device, void* pixels, std::size_t sizeBytes) const;

    VkImage handle() const { return m_image.image(); }
    VkImageView view() const { return m_image.view(); }
    int width() const { return m_width; }
    int height() const { return m_height; }
    ImageFormat format() const { return m_format; }
    std::size_t sizeBytes() const {
        return std::size_t(m_width) * std::size_t(m_height) * bytesPerPixel(m_format);
    }

private:
    DeviceImage m_image;
    int m_width = 0;
    int m_height = 0;
    ImageFormat m_format = ImageFormat::Rgba32f;
};

}  // namespace emu::gpu
