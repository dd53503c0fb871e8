#include "emulsion/gpu/ComputeBatch.h"

#include <utility>

#include "emulsion/gpu/Buffer.h"
#include "emulsion/gpu/Device.h"
#include "emulsion/gpu/Kernel.h"
#include "emulsion/gpu/StorageImage.h"
#include "emulsion/gpu/Texture.h"

namespace emu::gpu {

Result<ComputeBatch> ComputeBatch::create(Device& device, std::uint32_t maxDispatches,
                                          bool timestamps) {
    ComputeBatch b;
    b.m_device = &device;
    b.m_maxDispatches = maxDispatches;
    VkDevice dev = device.handle();

    // Generous per-set counts: a fused pass binds a few images, a few look-up tables and one
    // parameter block.
    VkDescriptorPoolSize sizes[] = {
        {VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, maxDispatches * 8},
        {VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, maxDispatches * 4},
        {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, maxDispatches * 4},
        {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, maxDispatches * 8},
    };
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.maxSets = maxDispatches;
    poolInfo.poolSizeCount = 4;
    poolInfo.pPoolSizes = sizes;
    EMU_VK_CHECK("vkCreateDescriptorPool",
                 vkCreateDescriptorPool(dev, &poolInfo, nullptr, &b.m_pool));

    if (timestamps && device.timestampPeriodNs() > 0) {
        VkQueryPoolCreateInfo q{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
        q.queryType = VK_QUERY_TYPE_TIMESTAMP;
        q.queryCount = maxDispatches * 2;
        EMU_VK_CHECK("vkCreateQueryPool", vkCreateQueryPool(dev, &q, nullptr, &b.m_queries));
    }
    VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    alloc.commandPool = device.commandPool();
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    EMU_VK_CHECK("vkAllocateCommandBuffers", vkAllocateCommandBuffers(dev, &alloc, &b.m_cmd));
    VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    EMU_VK_CHECK("vkCreateFence", vkCreateFence(dev, &fenceInfo, nullptr, &b.m_fence));
    return b;
}

Status ComputeBatch::begin() {
    VkCommandBufferBeginInfo info{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    info.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    EMU_VK_CHECK("vkBeginCommandBuffer", vkBeginCommandBuffer(m_cmd, &info));
    if (m_queries) vkCmdResetQueryPool(m_cmd, m_queries, 0, m_maxDispatches * 2);
    m_recording = true;
    return Status::ok();
}

Status ComputeBatch::dispatch(const Kernel& kernel, std::span<const Resource> resources,
                              const void* pushConstants, std::uint32_t pushBytes, int widthPx,
                              int heightPx, std::string label) {
    const KernelLayout& layout = kernel.layout();
    if (resources.size() != layout.bindings.size() || pushBytes != layout.pushConstantBytes) {
        return makeError(ErrorCode::InvalidArgument,
                         kernel.name() + ": dispatch does not match the kernel's layout");
    }
    if (m_dispatches >= m_maxDispatches) {
        return makeError(ErrorCode::InvalidArgument, "compute batch is full");
    }
    if (!m_recording) EMU_RETURN_IF_ERROR(begin());
    VkDevice dev = m_device->handle();

    VkDescriptorSetLayout setLayout = kernel.setLayout();
    VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    alloc.descriptorPool = m_pool;
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &setLayout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    EMU_VK_CHECK("vkAllocateDescriptorSets", vkAllocateDescriptorSets(dev, &alloc, &set));

    std::vector<VkDescriptorImageInfo> images(resources.size());
    std::vector<VkDescriptorBufferInfo> buffers(resources.size());
    std::vector<VkWriteDescriptorSet> writes;
    std::uint32_t i = 0;
    for (const Resource& r : resources) {
        VkWriteDescriptorSet w{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        w.dstSet = set;
        w.dstBinding = i;
        w.descriptorCount = 1;
        BindingKind kind = layout.bindings[i];
        if (kind == BindingKind::StorageImage) {
            if (!r.image) {
                return makeError(
                    ErrorCode::InvalidArgument,
                    kernel.name() + ": binding " + std::to_string(i) + " needs an image");
            }
            images[i] = {VK_NULL_HANDLE, r.image->view(), VK_IMAGE_LAYOUT_GENERAL};
            w.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_IMAGE;
            w.pImageInfo = &images[i];
        } else if (kind == BindingKind::SampledTexture) {
            if (!r.texture) {
                return makeError(
                    ErrorCode::InvalidArgument,
                    kernel.name() + ": binding " + std::to_string(i) + " needs a texture");
            }
            images[i] = {r.texture->sampler(), r.texture->view(),
                         VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
            w.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
            w.pImageInfo = &images[i];
        } else {
            if (!r.buffer) {
                return makeError(
                    ErrorCode::InvalidArgument,
                    kernel.name() + ": binding " + std::to_string(i) + " needs a buffer");
            }
            buffers[i] = {r.buffer->handle(), 0, VK_WHOLE_SIZE};
            w.descriptorType = kind == BindingKind::UniformBuffer
                                   ? VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER
                                   : VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
            w.pBufferInfo = &buffers[i];
        }
        writes.push_back(w);
        ++i;
    }
    vkUpdateDescriptorSets(dev, static_cast<std::uint32_t>(writes.size()), writes.data(), 0,
                           nullptr);

    vkCmdBindPipeline(m_cmd, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.pipeline());
    vkCmdBindDescriptorSets(m_cmd, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.pipelineLayout(), 0, 1,
                            &set, 0, nullptr);
    if (pushBytes > 0) {
        vkCmdPushConstants(m_cmd, kernel.pipelineLayout(), VK_SHADER_STAGE_COMPUTE_BIT, 0,
                           pushBytes, pushConstants);
    }
    if (m_queries) {
        vkCmdWriteTimestamp(m_cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, m_queries, m_dispatches * 2);
    }
    auto groups = [](int size, std::uint32_t local) {
        return (static_cast<std::uint32_t>(size) + local - 1) / local;
    };
    vkCmdDispatch(m_cmd, groups(widthPx, layout.localSizeX), groups(heightPx, layout.localSizeY),
                  1);
    if (m_queries) {
        vkCmdWriteTimestamp(m_cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, m_queries,
                            m_dispatches * 2 + 1);
    }
    VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
    barrier.dstAccessMask =
        VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_READ_BIT;
    vkCmdPipelineBarrier(m_cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                         VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT, 0,
                         1, &barrier, 0, nullptr, 0, nullptr);
    m_labels.push_back(label.empty() ? kernel.name() : std::move(label));
    m_dispatches++;
    return Status::ok();
}

Status ComputeBatch::submitAndWait() {
    if (!m_recording) return Status::ok();
    VkDevice dev = m_device->handle();
    m_recording = false;
    EMU_VK_CHECK("vkEndCommandBuffer", vkEndCommandBuffer(m_cmd));
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &m_cmd;
    EMU_VK_CHECK("vkQueueSubmit", vkQueueSubmit(m_device->queue(), 1, &submit, m_fence));
    EMU_VK_CHECK("waiting for the GPU", vkWaitForFences(dev, 1, &m_fence, VK_TRUE, UINT64_MAX));
    EMU_VK_CHECK("vkResetFences", vkResetFences(dev, 1, &m_fence));

    m_timings.clear();
    if (m_queries && m_dispatches > 0) {
        std::vector<std::uint64_t> ticks(m_dispatches * 2);
        EMU_VK_CHECK("vkGetQueryPoolResults",
                     vkGetQueryPoolResults(dev, m_queries, 0, m_dispatches * 2,
                                           ticks.size() * sizeof(std::uint64_t), ticks.data(),
                                           sizeof(std::uint64_t),
                                           VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT));
        for (std::uint32_t i = 0; i < m_dispatches; ++i) {
            double ns = double(ticks[2 * i + 1] - ticks[2 * i]) * m_device->timestampPeriodNs();
            m_timings.push_back({m_labels[i], ns * 1e-6});
        }
    }
    EMU_VK_CHECK("vkResetDescriptorPool", vkResetDescriptorPool(dev, m_pool, 0));
    EMU_VK_CHECK("vkResetCommandBuffer", vkResetCommandBuffer(m_cmd, 0));
    m_dispatches = 0;
    m_labels.clear();
    return Status::ok();
}

ComputeBatch::~ComputeBatch() {
    release();
}

ComputeBatch::ComputeBatch(ComputeBatch&& other) noexcept {
    *this = std::move(other);
}

ComputeBatch& ComputeBatch::operator=(ComputeBatch&& other) noexcept {
    if (this != &other) {
        release();
        m_device = std::exchange(other.m_device, nullptr);
        m_cmd = std::exchange(other.m_cmd, VK_NULL_HANDLE);
        m_pool = std::exchange(other.m_pool, VK_NULL_HANDLE);
        m_queries = std::exchange(other.m_queries, VK_NULL_HANDLE);
        m_fence = std::exchange(other.m_fence, VK_NULL_HANDLE);
        m_maxDispatches = other.m_maxDispatches;
        m_dispatches = std::exchange(other.m_dispatches, 0);
        m_recording = std::exchange(other.m_recording, false);
        m_labels = std::move(other.m_labels);
        m_timings = std::move(other.m_timings);
    }
    return *this;
}

void ComputeBatch::release() {
    if (!m_device) return;
    VkDevice dev = m_device->handle();
    if (m_recording) vkEndCommandBuffer(m_cmd);
    if (m_cmd) vkFreeCommandBuffers(dev, m_device->commandPool(), 1, &m_cmd);
    if (m_fence) vkDestroyFence(dev, m_fence, nullptr);
    if (m_queries) vkDestroyQueryPool(dev, m_queries, nullptr);
    if (m_pool) vkDestroyDescriptorPool(dev, m_pool, nullptr);
    m_device = nullptr;
}

}  // namespace emu::gpu
