#pragma once

#include <vulkan/vulkan.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulsion/core/Log.h"
#include "emulsion/core/Result.h"
#include "emulsion/gpu/DeviceChoice.h"

namespace emu::gpu {

struct DeviceOptions {
    // Which device to use; empty means EMULSION_DEVICE, then the automatic choice.
    std::optional<int> index;
    // Khronos validation layer. Empty means: on in debug builds or when EMULSION_VALIDATION=1.
    std::optional<bool> validation;
    // Where validation messages and device choice are reported; may be null.
    core::Log* log = nullptr;
};

// A Vulkan instance, the chosen physical device, a logical device with one compute queue and a
// command pool for it. Owns every handle; destroying it waits for the device to be idle.
// Thread: the queue and command pool are used by one thread at a time (the render thread);
// validationErrorCount() may be read from any thread.
class Device {
public:
    // Fails with NotFound when no Vulkan device exists (tests skip on that), GpuError when
    // Vulkan refuses, InvalidArgument for a bad --device / EMULSION_DEVICE.
    static Result<std::unique_ptr<Device>> create(const DeviceOptions& options = {});

    // Every device the loader reports, without creating one. Empty when Vulkan has none.
    static Result<std::vector<DeviceInfo>> enumerate();

    ~Device();
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;

    const DeviceInfo& info() const { return m_info; }
    VkInstance instance() const { return m_instance; }
    VkPhysicalDevice physical() const { return m_physical; }
    VkDevice handle() const { return m_device; }
    VkQueue queue() const { return m_queue; }
    std::uint32_t queueFamily() const { return m_queueFamily; }
    VkCommandPool commandPool() const { return m_commandPool; }
    const VkPhysicalDeviceProperties& properties() const { return m_properties; }
    const VkPhysicalDeviceMemoryProperties& memoryProperties() const { return m_memory; }
    bool validationEnabled() const { return m_validation; }
    // Nanoseconds per timestamp tick; 0 when the queue has no timestamps.
    double timestampPeriodNs() const { return m_timestampPeriodNs; }

    // Errors reported by the validation layer so far. Tests fail when this is not zero.
    std::uint32_t validationErrorCount() const { return m_validationErrors.load(); }
    const std::string& lastValidationError() const { return m_lastValidationError; }

    // A memory type index with all `required` flags among `typeBits`, or an error.
    Result<std::uint32_t> findMemoryType(std::uint32_t typeBits,
                                         VkMemoryPropertyFlags required) const;

    // Records commands with `record` into a one-time command buffer, submits it and waits.
    template <typename Fn>
    Status submitAndWait(Fn&& record);

    core::Log* log() const { return m_log; }

private:
    Device() = default;
    Status init(const DeviceOptions& options);
    Status createInstance(bool validation);
    Status createLogicalDevice();
    Status beginOneShot(VkCommandBuffer& cmd);
    Status endOneShot(VkCommandBuffer cmd);
    static VKAPI_ATTR VkBool32 VKAPI_CALL onDebugMessage(
        VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT types,
        const VkDebugUtilsMessengerCallbackDataEXT* data, void* user);

    core::Log* m_log = nullptr;
    VkInstance m_instance = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT m_messenger = VK_NULL_HANDLE;
    VkPhysicalDevice m_physical = VK_NULL_HANDLE;
    VkDevice m_device = VK_NULL_HANDLE;
    VkQueue m_queue = VK_NULL_HANDLE;
    std::uint32_t m_queueFamily = 0;
    VkCommandPool m_commandPool = VK_NULL_HANDLE;
    VkPhysicalDeviceProperties m_properties{};
    VkPhysicalDeviceMemoryProperties m_memory{};
    DeviceInfo m_info;
    bool m_validation = false;
    double m_timestampPeriodNs = 0.0;
    std::atomic<std::uint32_t> m_validationErrors{0};
    std::string m_lastValidationError;
};

// Names a VkResult for error messages.
const char* vkResultName(VkResult result);

// Status for a failed Vulkan call: "what: VK_ERROR_...".
Status vkError(const char* what, VkResult result);

template <typename Fn>
Status Device::submitAndWait(Fn&& record) {
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    EMU_RETURN_IF_ERROR(beginOneShot(cmd));
    record(cmd);
    return endOneShot(cmd);
}

}  // namespace emu::gpu

#define EMU_VK_CHECK(what, call)                                                        \
    do {                                                                                \
        VkResult emuVkResult_ = (call);                                                 \
        if (emuVkResult_ != VK_SUCCESS) return ::emu::gpu::vkError(what, emuVkResult_); \
    } while (false)
