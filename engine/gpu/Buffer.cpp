#include "emulsion/gpu/Buffer.h"

#include <utility>

#include "emulsion/gpu/Device.h"

namespace emu::gpu {

Result<Buffer> Buffer::create(Device& device, std::size_t sizeBytes, VkBufferUsageFlags usage,
                              Memory memory) {
    Buffer b;
    b.m_device = device.handle();
    b.m_size = sizeBytes;
    VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    info.size = sizeBytes;
    info.usage = usage;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    EMU_VK_CHECK("vkCreateBuffer", vkCreateBuffer(b.m_device, &info, nullptr, &b.m_buffer));

    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(b.m_device, b.m_buffer, &req);
    VkMemoryPropertyFlags flags =
        memory == Memory::HostVisible
            ? VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
            : VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
    EMU_ASSIGN_OR_RETURN(std::uint32_t type, device.findMemoryType(req.memoryTypeBits, flags));
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = type;
    VkResult r = vkAllocateMemory(b.m_device, &alloc, nullptr, &b.m_memory);
    if (r != VK_SUCCESS) {
        return vkError(("allocating a " + std::to_string(sizeBytes) + "-byte buffer").c_str(), r);
    }
    EMU_VK_CHECK("vkBindBufferMemory", vkBindBufferMemory(b.m_device, b.m_buffer, b.m_memory, 0));
    if (memory == Memory::HostVisible) {
        EMU_VK_CHECK("vkMapMemory",
                     vkMapMemory(b.m_device, b.m_memory, 0, VK_WHOLE_SIZE, 0, &b.m_mapped));
    }
    return b;
}

Buffer::~Buffer() {
    release();
}

Buffer::Buffer(Buffer&& other) noexcept {
    *this = std::move(other);
}

Buffer& Buffer::operator=(Buffer&& other) noexcept {
    if (this != &other) {
        release();
        m_device = std::exchange(other.m_device, VK_NULL_HANDLE);
        m_buffer = std::exchange(other.m_buffer, VK_NULL_HANDLE);
        m_memory = std::exchange(other.m_memory, VK_NULL_HANDLE);
        m_mapped = std::exchange(other.m_mapped, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

void Buffer::release() {
    if (!m_device) return;
    if (m_buffer) vkDestroyBuffer(m_device, m_buffer, nullptr);
    if (m_memory) vkFreeMemory(m_device, m_memory, nullptr);  // also unmaps
    m_buffer = VK_NULL_HANDLE;
    m_memory = VK_NULL_HANDLE;
    m_mapped = nullptr;
}

}  // namespace emu::gpu
