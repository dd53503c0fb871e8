#pragma once

#include <vulkan/vulkan.h>

#include <cstddef>

#include "emulsion/core/Result.h"

namespace emu::gpu {

class Device;

// A VkBuffer with its own memory. Host-visible buffers are persistently mapped.
// Thread: the owner's; the Device must outlive it.
class Buffer {
public:
    enum class Memory { DeviceLocal, HostVisible };

    // Fails with GpuError (naming the size) when Vulkan cannot allocate it.
    static Result<Buffer> create(Device& device, std::size_t sizeBytes, VkBufferUsageFlags usage,
                                 Memory memory);

    Buffer() = default;
    ~Buffer();
    Buffer(Buffer&& other) noexcept;
    Buffer& operator=(Buffer&& other) noexcept;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    VkBuffer handle() const { return m_buffer; }
    std::size_t sizeBytes() const { return m_size; }
    // Null unless host-visible.
    void* mapped() const { return m_mapped; }

private:
    void release();

    VkDevice m_device = VK_NULL_HANDLE;
    VkBuffer m_buffer = VK_NULL_HANDLE;
    VkDeviceMemory m_memory = VK_NULL_HANDLE;
    void* m_mapped = nullptr;
    std::size_t m_size = 0;
};

}  // namespace emu::gpu
