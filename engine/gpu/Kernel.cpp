#include "emulsion/gpu/Kernel.h"

#include <utility>

#include "emulsion/gpu/Device.h"

namespace emu::gpu {

namespace {
VkDescriptorType descriptorType(BindingKind kind) {
    switch (kind) {
        case BindingKind::StorageImage:
            return VK_DESCRIPTOR_TYPE_STORAGE_IMAGE;
        case BindingKind::UniformBuffer:
            return VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
        case BindingKind::StorageBuffer:
            return VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        case BindingKind::SampledTexture:
            return VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    }
    return VK_DESCRIPTOR_TYPE_STORAGE_IMAGE;
}
}  // namespace

Result<Kernel> Kernel::create(Device& device, std::string name,
                              std::span<const std::uint32_t> spirv, const KernelLayout& layout,
                              VkPipelineCache cache) {
    if (layout.pushConstantBytes > 128) {
        return makeError(ErrorCode::InvalidArgument,
                         name + ": push constants over 128 bytes are not portable");
    }
    Kernel k;
    k.m_device = device.handle();
    k.m_name = std::move(name);
    k.m_layout = layout;

    std::vector<VkDescriptorSetLayoutBinding> bindings;
    for (std::size_t i = 0; i < layout.bindings.size(); ++i) {
        VkDescriptorSetLayoutBinding b{};
        b.binding = static_cast<std::uint32_t>(i);
        b.descriptorType = descriptorType(layout.bindings[i]);
        b.descriptorCount = 1;
        b.stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
        bindings.push_back(b);
    }
    VkDescriptorSetLayoutCreateInfo setInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    setInfo.bindingCount = static_cast<std::uint32_t>(bindings.size());
    setInfo.pBindings = bindings.data();
    EMU_VK_CHECK("vkCreateDescriptorSetLayout",
                 vkCreateDescriptorSetLayout(k.m_device, &setInfo, nullptr, &k.m_setLayout));

    VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, layout.pushConstantBytes};
    VkPipelineLayoutCreateInfo layoutInfo{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    layoutInfo.setLayoutCount = 1;
    layoutInfo.pSetLayouts = &k.m_setLayout;
    layoutInfo.pushConstantRangeCount = layout.pushConstantBytes > 0 ? 1 : 0;
    layoutInfo.pPushConstantRanges = &push;
    EMU_VK_CHECK("vkCreatePipelineLayout",
                 vkCreatePipelineLayout(k.m_device, &layoutInfo, nullptr, &k.m_pipelineLayout));

    VkShaderModuleCreateInfo moduleInfo{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    moduleInfo.codeSize = spirv.size_bytes();
    moduleInfo.pCode = spirv.data();
    VkShaderModule module = VK_NULL_HANDLE;
    EMU_VK_CHECK("vkCreateShaderModule",
                 vkCreateShaderModule(k.m_device, &moduleInfo, nullptr, &module));

    VkComputePipelineCreateInfo pipelineInfo{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    pipelineInfo.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
    pipelineInfo.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    pipelineInfo.stage.module = module;
    pipelineInfo.stage.pName = "main";
    pipelineInfo.layout = k.m_pipelineLayout;
    VkResult r =
        vkCreateComputePipelines(k.m_device, cache, 1, &pipelineInfo, nullptr, &k.m_pipeline);
    vkDestroyShaderModule(k.m_device, module, nullptr);
    if (r != VK_SUCCESS) return vkError(("creating pipeline " + k.m_name).c_str(), r);
    return k;
}

Kernel::~Kernel() {
    release();
}

Kernel::Kernel(Kernel&& other) noexcept {
    *this = std::move(other);
}

Kernel& Kernel::operator=(Kernel&& other) noexcept {
    if (this != &other) {
        release();
        m_device = std::exchange(other.m_device, VK_NULL_HANDLE);
        m_name = std::move(other.m_name);
        m_layout = other.m_layout;
        m_setLayout = std::exchange(other.m_setLayout, VK_NULL_HANDLE);
        m_pipelineLayout = std::exchange(other.m_pipelineLayout, VK_NULL_HANDLE);
        m_pipeline = std::exchange(other.m_pipeline, VK_NULL_HANDLE);
    }
    return *this;
}

void Kernel::release() {
    if (!m_device) return;
    if (m_pipeline) vkDestroyPipeline(m_device, m_pipeline, nullptr);
    if (m_pipelineLayout) vkDestroyPipelineLayout(m_device, m_pipelineLayout, nullptr);
    if (m_setLayout) vkDestroyDescriptorSetLayout(m_device, m_setLayout, nullptr);
    m_pipeline = VK_NULL_HANDLE;
    m_pipelineLayout = VK_NULL_HANDLE;
    m_setLayout = VK_NULL_HANDLE;
}

}  // namespace emu::gpu
