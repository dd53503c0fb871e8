#pragma once

#include <vulkan/vulkan.h>

#include <string>

#include "emulsion/core/Result.h"

namespace emu::gpu {

class Device;

// A VkImage with its own device-local memory and one view of the whole image: what storage
// images and textures both hold. Move-only; the Device must outlive it.
// Thread: the owner's.
class DeviceImage {
public:
    // `what` names the image in errors ("a 4096x2160 image"). The view covers every texel.
    // Fails with GpuError when Vulkan refuses (out of memory included).
    static Result<DeviceImage> create(Device& device, const VkImageCreateInfo& info,
                                      VkImageViewType viewType, const std::string& what);

    DeviceImage() = default;
    ~DeviceImage();
    DeviceImage(DeviceImage&& other) noexcept;
    DeviceImage& operator=(DeviceImage&& other) noexcept;
    DeviceImage(const DeviceImage&) = delete;
    DeviceImage& operator=(const DeviceImage&) = delete;

    VkImage image() const { return m_image; }
    VkImageView view() const { return m_view; }

private:
    void release();

    VkDevice m_device = VK_NULL_HANDLE;
    VkImage m_image = VK_NULL_HANDLE;
    VkDeviceMemory m_memory = VK_NULL_HANDLE;
    VkImageView m_view = VK_NULL_HANDLE;
};

}  // namespace emu::gpu
