#include "emulsion/gpu/DeviceImage.h"

#include <utility>

#include "emulsion/gpu/Device.h"

namespace emu::gpu {

Result<DeviceImage> DeviceImage::create(Device& device, const VkImageCreateInfo& info,
                                        VkImageViewType viewType, const std::string& what) {
    DeviceImage img;
    img.m_device = device.handle();
    EMU_VK_CHECK("vkCreateImage", vkCreateImage(img.m_device, &info, nullptr, &img.m_image));

    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(img.m_device, img.m_image, &req);
    EMU_ASSIGN_OR_RETURN(
        std::uint32_t type,
        device.findMemoryType(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT));
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = type;
    VkResult r = vkAllocateMemory(img.m_device, &alloc, nullptr, &img.m_memory);
    if (r != VK_SUCCESS) return vkError(("allocating memory for " + what).c_str(), r);
    EMU_VK_CHECK("vkBindImageMemory",
                 vkBindImageMemory(img.m_device, img.m_image, img.m_memory, 0));

    VkImageViewCreateInfo viewInfo{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    viewInfo.image = img.m_image;
    viewInfo.viewType = viewType;
    viewInfo.format = info.format;
    viewInfo.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    EMU_VK_CHECK("vkCreateImageView",
                 vkCreateImageView(img.m_device, &viewInfo, nullptr, &img.m_view));
    return img;
}

DeviceImage::~DeviceImage() {
    release();
}

DeviceImage::DeviceImage(DeviceImage&& other) noexcept {
    *this = std::move(other);
}

DeviceImage& DeviceImage::operator=(DeviceImage&& other) noexcept {
    if (this != &other) {
        release();
        m_device = std::exchange(other.m_device, VK_NULL_HANDLE);
        m_image = std::exchange(other.m_image, VK_NULL_HANDLE);
        m_memory = std::exchange(other.m_memory, VK_NULL_HANDLE);
        m_view = std::exchange(other.m_view, VK_NULL_HANDLE);
    }
    return *this;
}

void DeviceImage::release() {
    if (!m_device) return;
    if (m_view) vkDestroyImageView(m_device, m_view, nullptr);
    if (m_image) vkDestroyImage(m_device, m_image, nullptr);
    if (m_memory) vkFreeMemory(m_device, m_memory, nullptr);
    m_view = VK_NULL_HANDLE;
    m_image = VK_NULL_HANDLE;
    m_memory = VK_NULL_HANDLE;
}

}  // namespace emu::gpu
