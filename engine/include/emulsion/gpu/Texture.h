#pragma once

#include <vulkan/vulkan.h>

#include <cstddef>

#include "emulsion/core/Result.h"
#include "emulsion/gpu/DeviceImage.h"

namespace emu::gpu {

class Device;

// Texel formats of sampled look-up tables. There is no three-channel format: few devices can
// sample VK_FORMAT_R32G32B32_SFLOAT, so RGB tables are widened to Rgba32f (createFromRgb).
enum class TextureFormat { R32f, Rgba32f };

VkFormat toVkFormat(TextureFormat format);
std::size_t channelCount(TextureFormat format);

struct TextureDesc {
    int dimensions = 1;  // 1, 2 or 3: VK_IMAGE_TYPE_1D, 2D or 3D
    int width = 1;       // [texels]
    int height = 1;      // [texels]; must be 1 for a 1D texture
    int depth = 1;       // [texels]; must be 1 for a 1D or 2D texture
    TextureFormat format = TextureFormat::Rgba32f;
    bool linear = true;  // linear filtering (trilinear in 3D); nearest when false
};

// A read-only 1D, 2D or 3D image sampled by kernels, with its memory, view and its own sampler
// (the filter chosen at creation, clamp-to-edge addressing, normalised coordinates, one mip
// level). It holds its texels in VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL from creation on and is
// bound as BindingKind::SampledTexture (a combined image sampler: `uniform sampler3D lut;`).
// Kernels should sample it with textureLod(..., 0.0): compute shaders have no derivatives.
// Filtering weights are only as exact as the device's subTexelPrecisionBits (often 8).
// Thread: the owner's; the Device must outlive it.
class Texture {
public:
    // Creates the texture and uploads `data`: floatCount floats, width * height * depth texels of
    // the format's channels, x fastest, then y, then z. The data is copied, not kept; waits for
    // the upload to finish. Fails with InvalidArgument for a bad shape or a floatCount that does
    // not match it, Unsupported when the device cannot sample the format (with linear filtering
    // when asked) or the size exceeds its limits, GpuError when Vulkan refuses.
    static Result<Texture> create(Device& device, const TextureDesc& desc, const float* data,
                                  std::size_t floatCount);

    // As create(), from three floats per texel (floatCount = texels * 3): the texture is Rgba32f
    // whatever desc.format says, and every alpha is 1.
    static Result<Texture> createFromRgb(Device& device, const TextureDesc& desc, const float* rgb,
                                         std::size_t floatCount);

    // Ok when the device can sample `format` with optimal tiling, and filter it linearly if
    // `linear`; Unsupported naming the format and the missing feature otherwise.
    static Status checkFormatSupport(const Device& device, VkFormat format, bool linear);

    Texture() = default;
    ~Texture();
    Texture(Texture&& other) noexcept;
    Texture& operator=(Texture&& other) noexcept;
    Texture(const Texture&) = delete;
    Texture& operator=(const Texture&) = delete;

    VkImage image() const { return m_image.image(); }
    VkImageView view() const { return m_image.view(); }
    VkSampler sampler() const { return m_sampler; }
    const TextureDesc& desc() const { return m_desc; }

private:
    Status allocate(Device& device);
    Status upload(Device& device, const float* data, std::size_t floatCount);
    void release();

    VkDevice m_device = VK_NULL_HANDLE;
    DeviceImage m_image;
    VkSampler m_sampler = VK_NULL_HANDLE;
    TextureDesc m_desc;
};

}  // namespace emu::gpu
