#include "BlitRecorder.h"

#include <algorithm>

namespace emu::station {

namespace {

// The part of `b` that may be written: inside its picture, its clip and the image.
PixelRect visiblePart(const Blit& b, VkExtent2D extent) {
    PixelRect r;
    r.x0 = std::max({0, b.x, b.clip.x0});
    r.y0 = std::max({0, b.y, b.clip.y0});
    r.x1 = std::min({int(extent.width), b.x + b.picture->width, b.clip.x1});
    r.y1 = std::min({int(extent.height), b.y + b.picture->height, b.clip.y1});
    return r;
}

}  // namespace

Status HostBuffer::ensure(VkDevice device, VkPhysicalDevice physical, VkDeviceSize size,
                          VkBufferUsageFlags usage) {
    if (size <= capacity) return Status::ok();
    destroy(device);
    auto failed = [](const char* what, VkResult r) {
        return makeError(ErrorCode::GpuError,
                         std::string(what) + " failed (VkResult " + std::to_string(int(r)) + ")");
    };
    VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    info.size = size;
    info.usage = usage;
    if (VkResult r = vkCreateBuffer(device, &info, nullptr, &buffer); r != VK_SUCCESS) {
        return failed("buffer", r);
    }
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(device, buffer, &req);
    VkPhysicalDeviceMemoryProperties props;
    vkGetPhysicalDeviceMemoryProperties(physical, &props);
    const VkMemoryPropertyFlags want =
        VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    std::uint32_t type = UINT32_MAX;
    for (std::uint32_t i = 0; i < props.memoryTypeCount && type == UINT32_MAX; ++i) {
        if ((req.memoryTypeBits & (1u << i)) &&
            (props.memoryTypes[i].propertyFlags & want) == want) {
            type = i;
        }
    }
    if (type == UINT32_MAX) return makeError(ErrorCode::GpuError, "no host-visible memory");
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = type;
    if (VkResult r = vkAllocateMemory(device, &alloc, nullptr, &memory); r != VK_SUCCESS) {
        return failed("buffer memory", r);
    }
    if (VkResult r = vkBindBufferMemory(device, buffer, memory, 0); r != VK_SUCCESS) {
        return failed("bind", r);
    }
    if (VkResult r = vkMapMemory(device, memory, 0, VK_WHOLE_SIZE, 0, &mapped); r != VK_SUCCESS) {
        return failed("map", r);
    }
    capacity = size;
    return Status::ok();
}

void HostBuffer::destroy(VkDevice device) {
    if (buffer) vkDestroyBuffer(device, buffer, nullptr);
    if (memory) vkFreeMemory(device, memory, nullptr);  // unmaps too
    buffer = VK_NULL_HANDLE;
    memory = VK_NULL_HANDLE;
    mapped = nullptr;
    capacity = 0;
}

Status BlitRecorder::record(VkDevice device, VkPhysicalDevice physical, VkCommandBuffer cmd,
                            VkImage image, VkExtent2D extent, bool bgra,
                            const std::vector<Blit>& blits) {
    VkDeviceSize total = 0;
    for (const Blit& b : blits) {
        if (!b.picture || b.picture->empty()) continue;
        const PixelRect r = visiblePart(b, extent);
        if (r.x1 > r.x0 && r.y1 > r.y0) total += VkDeviceSize(r.x1 - r.x0) * (r.y1 - r.y0) * 4;
    }
    if (total == 0) return Status::ok();
    EMU_RETURN_IF_ERROR(m_upload.ensure(device, physical, total, VK_BUFFER_USAGE_TRANSFER_SRC_BIT));
    auto* staging = static_cast<std::uint8_t*>(m_upload.mapped);
    VkDeviceSize offset = 0;  // each region's 4-byte texels keep the offset aligned
    for (const Blit& b : blits) {
        if (!b.picture || b.picture->empty()) continue;
        const PixelRect r = visiblePart(b, extent);
        if (r.x1 <= r.x0 || r.y1 <= r.y0) continue;
        const int w = r.x1 - r.x0, h = r.y1 - r.y0;
        for (int y = 0; y < h; ++y) {
            const std::uint8_t* src = b.picture->pixel(r.x0 - b.x, r.y0 - b.y + y);
            std::uint8_t* row = staging + offset + std::size_t(y) * w * 4;
            for (int x = 0; x < w; ++x, src += 4, row += 4) {
                row[0] = bgra ? src[2] : src[0];
                row[1] = src[1];
                row[2] = bgra ? src[0] : src[2];
                row[3] = 255;
            }
        }
        VkBufferImageCopy region{};
        region.bufferOffset = offset;
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        region.imageOffset = {r.x0, r.y0, 0};
        region.imageExtent = {std::uint32_t(w), std::uint32_t(h), 1};
        // The blits never overlap (one per pane or card), so no barrier between the copies.
        vkCmdCopyBufferToImage(cmd, m_upload.buffer, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                               &region);
        offset += VkDeviceSize(w) * h * 4;
    }
    return Status::ok();
}

}  // namespace emu::station
