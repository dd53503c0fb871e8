#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::gpu {

class Buffer;
class Device;
class Kernel;
class StorageImage;
class Texture;

// What one binding of a dispatch points at: an image, a buffer or a sampled texture.
struct Resource {
    Resource(const StorageImage& image) : image(&image) {}   // NOLINT: implicit by design
    Resource(const Buffer& buffer) : buffer(&buffer) {}      // NOLINT: implicit by design
    Resource(const Texture& texture) : texture(&texture) {}  // NOLINT: implicit by design
    const StorageImage* image = nullptr;
    const Buffer* buffer = nullptr;
    const Texture* texture = nullptr;
};

// GPU time of one dispatch, from timestamps written before and after it.
struct DispatchTiming {
    std::string label;
    double milliseconds = 0.0;
};

// Records compute dispatches into one command buffer, each followed by a barrier so the next
// sees its writes, then submits them together and waits. With timestamps on, each dispatch is
// timed on the GPU. Thread: one owner; the Device and the kernels must outlive it.
class ComputeBatch {
public:
    // maxDispatches bounds the descriptor sets and timestamp queries allocated up front.
    static Result<ComputeBatch> create(Device& device, std::uint32_t maxDispatches = 64,
                                       bool timestamps = true);

    ComputeBatch() = default;
    ~ComputeBatch();
    ComputeBatch(ComputeBatch&& other) noexcept;
    ComputeBatch& operator=(ComputeBatch&& other) noexcept;
    ComputeBatch(const ComputeBatch&) = delete;
    ComputeBatch& operator=(const ComputeBatch&) = delete;

    // Records `kernel` over a grid covering widthPx x heightPx pixels (rounded up to whole
    // workgroups). Fails with InvalidArgument when the resources do not match the kernel's
    // layout or the batch is full.
    Status dispatch(const Kernel& kernel, std::span<const Resource> resources,
                    const void* pushConstants, std::uint32_t pushBytes, int widthPx, int heightPx,
                    std::string label = {});
    Status dispatch(const Kernel& kernel, std::initializer_list<Resource> resources,
                    const void* pushConstants, std::uint32_t pushBytes, int widthPx, int heightPx,
                    std::string label = {}) {
        return dispatch(kernel, std::span<const Resource>(resources.begin(), resources.size()),
                        pushConstants, pushBytes, widthPx, heightPx, std::move(label));
    }

    // Submits what was recorded and waits; the batch can then record again.
    Status submitAndWait();

    // Timings of the last submitted batch, in dispatch order; empty without timestamps.
    const std::vector<DispatchTiming>& timings() const { return m_timings; }

private:
    Status begin();
    void release();

    Device* m_device = nullptr;
    VkCommandBuffer m_cmd = VK_NULL_HANDLE;
    VkDescriptorPool m_pool = VK_NULL_HANDLE;
    VkQueryPool m_queries = VK_NULL_HANDLE;
    VkFence m_fence = VK_NULL_HANDLE;
    std::uint32_t m_maxDispatches = 0;
    std::uint32_t m_dispatches = 0;
    bool m_recording = false;
    std::vector<std::string> m_labels;
    std::vector<DispatchTiming> m_timings;
};

}  // namespace emu::gpu
