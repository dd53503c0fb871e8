#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::gpu {

class Device;

// New kinds go last: the values are part of KernelCache's on-disk keys.
enum class BindingKind {
    StorageImage,
    UniformBuffer,
    StorageBuffer,
    SampledTexture,  // a combined image sampler: a gpu::Texture
};

// The resources a kernel takes: binding i of set 0 is bindings[i]; plus a push-constant block.
struct KernelLayout {
    std::vector<BindingKind> bindings;
    std::uint32_t pushConstantBytes = 0;  // at most 128, the minimum every device offers
    std::uint32_t localSizeX = 16;        // the workgroup shape the shader declares
    std::uint32_t localSizeY = 16;

    bool operator==(const KernelLayout&) const = default;
};

// One compute pipeline with its descriptor-set layout and pipeline layout.
// Thread: immutable after creation; the Device must outlive it.
class Kernel {
public:
    // `cache` may be VK_NULL_HANDLE. Fails with GpuError when the driver rejects the SPIR-V.
    static Result<Kernel> create(Device& device, std::string name,
                                 std::span<const std::uint32_t> spirv, const KernelLayout& layout,
                                 VkPipelineCache cache);

    Kernel() = default;
    ~Kernel();
    Kernel(Kernel&& other) noexcept;
    Kernel& operator=(Kernel&& other) noexcept;
    Kernel(const Kernel&) = delete;
    Kernel& operator=(const Kernel&) = delete;

    const std::string& name() const { return m_name; }
    const KernelLayout& layout() const { return m_layout; }
    VkPipeline pipeline() const { return m_pipeline; }
    VkPipelineLayout pipelineLayout() const { return m_pipelineLayout; }
    VkDescriptorSetLayout setLayout() const { return m_setLayout; }

private:
    void release();

    VkDevice m_device = VK_NULL_HANDLE;
    std::string m_name;
    KernelLayout m_layout;
    VkDescriptorSetLayout m_setLayout = VK_NULL_HANDLE;
    VkPipelineLayout m_pipelineLayout = VK_NULL_HANDLE;
    VkPipeline m_pipeline = VK_NULL_HANDLE;
};

}  // namespace emu::gpu
