#include "emulsion/gpu/Device.h"

#include <cstdlib>
#include <cstring>

namespace emu::gpu {

namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

DeviceKind kindOf(VkPhysicalDeviceType type) {
    switch (type) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
            return DeviceKind::Discrete;
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
            return DeviceKind::Integrated;
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
            return DeviceKind::Virtual;
        case VK_PHYSICAL_DEVICE_TYPE_CPU:
            return DeviceKind::Cpu;
        default:
            return DeviceKind::Other;
    }
}

std::optional<std::uint32_t> computeQueueFamily(VkPhysicalDevice physical) {
    std::uint32_t count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, nullptr);
    std::vector<VkQueueFamilyProperties> families(count);
    vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, families.data());
    for (std::uint32_t i = 0; i < count; ++i) {
        if (families[i].queueFlags & VK_QUEUE_COMPUTE_BIT) return i;
    }
    return std::nullopt;
}

DeviceInfo describe(VkPhysicalDevice physical, int index) {
    VkPhysicalDeviceDriverProperties driver{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
    VkPhysicalDeviceProperties2 props{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, &driver};
    vkGetPhysicalDeviceProperties2(physical, &props);
    DeviceInfo info;
    info.index = index;
    info.name = props.properties.deviceName;
    info.kind = kindOf(props.properties.deviceType);
    info.apiVersion = props.properties.apiVersion;
    info.driverName = driver.driverName;
    info.driverInfo = driver.driverInfo;
    info.hasComputeQueue = computeQueueFamily(physical).has_value();
    return info;
}

bool layerAvailable(const char* name) {
    std::uint32_t count = 0;
    vkEnumerateInstanceLayerProperties(&count, nullptr);
    std::vector<VkLayerProperties> layers(count);
    vkEnumerateInstanceLayerProperties(&count, layers.data());
    for (const VkLayerProperties& l : layers) {
        if (std::strcmp(l.layerName, name) == 0) return true;
    }
    return false;
}

bool validationWanted(const DeviceOptions& options) {
    if (options.validation) return *options.validation;
    if (const char* env = std::getenv("EMULSION_VALIDATION"); env && *env) {
        return std::strcmp(env, "0") != 0;
    }
#ifdef NDEBUG
    return false;
#else
    return true;
#endif
}

// A bare instance, only to enumerate devices.
Result<VkInstance> createBareInstance() {
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "emulsion";
    app.apiVersion = VK_API_VERSION_1_2;
    VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    info.pApplicationInfo = &app;
    VkInstance instance = VK_NULL_HANDLE;
    VkResult r = vkCreateInstance(&info, nullptr, &instance);
    if (r == VK_ERROR_INCOMPATIBLE_DRIVER) {
        return makeError(ErrorCode::NotFound, "no Vulkan driver is installed");
    }
    if (r != VK_SUCCESS) return vkError("vkCreateInstance", r);
    return instance;
}

std::vector<VkPhysicalDevice> physicalDevices(VkInstance instance) {
    std::uint32_t count = 0;
    vkEnumeratePhysicalDevices(instance, &count, nullptr);
    std::vector<VkPhysicalDevice> devices(count);
    vkEnumeratePhysicalDevices(instance, &count, devices.data());
    devices.resize(count);
    return devices;
}

}  // namespace

Result<std::vector<DeviceInfo>> Device::enumerate() {
    EMU_ASSIGN_OR_RETURN(VkInstance instance, createBareInstance());
    std::vector<DeviceInfo> infos;
    std::vector<VkPhysicalDevice> devices = physicalDevices(instance);
    for (std::size_t i = 0; i < devices.size(); ++i) {
        infos.push_back(describe(devices[i], static_cast<int>(i)));
    }
    vkDestroyInstance(instance, nullptr);
    return infos;
}

Result<std::unique_ptr<Device>> Device::create(const DeviceOptions& options) {
    std::unique_ptr<Device> device(new Device());
    EMU_RETURN_IF_ERROR(device->init(options));
    return device;
}

Status Device::init(const DeviceOptions& options) {
    m_log = options.log;
    bool validation = validationWanted(options);
    if (validation && !layerAvailable(kValidationLayer)) {
        if (m_log) m_log->warning("Vulkan validation layer not installed; running without it");
        validation = false;
    }
    EMU_RETURN_IF_ERROR(createInstance(validation));

    std::vector<VkPhysicalDevice> devices = physicalDevices(m_instance);
    std::vector<DeviceInfo> infos;
    for (std::size_t i = 0; i < devices.size(); ++i) {
        infos.push_back(describe(devices[i], static_cast<int>(i)));
    }
    std::optional<int> requested = options.index;
    if (!requested) {
        EMU_ASSIGN_OR_RETURN(requested, deviceIndexFromEnvironment());
    }
    EMU_ASSIGN_OR_RETURN(int chosen, chooseDevice(infos, requested));
    m_physical = devices[chosen];
    m_info = infos[chosen];
    vkGetPhysicalDeviceProperties(m_physical, &m_properties);
    vkGetPhysicalDeviceMemoryProperties(m_physical, &m_memory);
    m_queueFamily = *computeQueueFamily(m_physical);
    if (m_log) {
        m_log->info("Vulkan device " + std::to_string(chosen) + ": " + m_info.name + " (" +
                    toString(m_info.kind) + ")" + (m_validation ? ", validation on" : ""));
    }
    return createLogicalDevice();
}

Status Device::createInstance(bool validation) {
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "emulsion";
    app.pEngineName = "emulsion";
    app.apiVersion = VK_API_VERSION_1_2;

    std::vector<const char*> layers;
    std::vector<const char*> extensions;
    VkDebugUtilsMessengerCreateInfoEXT messengerInfo{
        VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
    messengerInfo.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                                    VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    messengerInfo.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                                VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                                VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    messengerInfo.pfnUserCallback = &Device::onDebugMessage;
    messengerInfo.pUserData = this;

    VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    info.pApplicationInfo = &app;
    if (validation) {
        layers.push_back(kValidationLayer);
        extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
        // Chained so that instance creation and destruction are validated too.
        info.pNext = &messengerInfo;
    }
    info.enabledLayerCount = static_cast<std::uint32_t>(layers.size());
    info.ppEnabledLayerNames = layers.data();
    info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
    info.ppEnabledExtensionNames = extensions.data();
    VkResult r = vkCreateInstance(&info, nullptr, &m_instance);
    if (r == VK_ERROR_INCOMPATIBLE_DRIVER) {
        return makeError(ErrorCode::NotFound, "no Vulkan driver is installed");
    }
    EMU_VK_CHECK("vkCreateInstance", r);
    m_validation = validation;
    if (validation) {
        auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(m_instance, "vkCreateDebugUtilsMessengerEXT"));
        if (create) {
            EMU_VK_CHECK("vkCreateDebugUtilsMessengerEXT",
                         create(m_instance, &messengerInfo, nullptr, &m_messenger));
        }
    }
    return Status::ok();
}

Status Device::createLogicalDevice() {
    float priority = 1.0f;
    VkDeviceQueueCreateInfo queueInfo{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    queueInfo.queueFamilyIndex = m_queueFamily;
    queueInfo.queueCount = 1;
    queueInfo.pQueuePriorities = &priority;

    VkDeviceCreateInfo info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    info.queueCreateInfoCount = 1;
    info.pQueueCreateInfos = &queueInfo;
    EMU_VK_CHECK("vkCreateDevice", vkCreateDevice(m_physical, &info, nullptr, &m_device));
    vkGetDeviceQueue(m_device, m_queueFamily, 0, &m_queue);

    std::uint32_t count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(m_physical, &count, nullptr);
    std::vector<VkQueueFamilyProperties> families(count);
    vkGetPhysicalDeviceQueueFamilyProperties(m_physical, &count, families.data());
    if (families[m_queueFamily].timestampValidBits > 0) {
        m_timestampPeriodNs = m_properties.limits.timestampPeriod;
    }

    VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    poolInfo.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    poolInfo.queueFamilyIndex = m_queueFamily;
    EMU_VK_CHECK("vkCreateCommandPool",
                 vkCreateCommandPool(m_device, &poolInfo, nullptr, &m_commandPool));
    return Status::ok();
}

Device::~Device() {
    if (m_device) {
        vkDeviceWaitIdle(m_device);
        if (m_commandPool) vkDestroyCommandPool(m_device, m_commandPool, nullptr);
        vkDestroyDevice(m_device, nullptr);
    }
    if (m_messenger) {
        auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(m_instance, "vkDestroyDebugUtilsMessengerEXT"));
        if (destroy) destroy(m_instance, m_messenger, nullptr);
    }
    if (m_instance) vkDestroyInstance(m_instance, nullptr);
}

Result<std::uint32_t> Device::findMemoryType(std::uint32_t typeBits,
                                             VkMemoryPropertyFlags required) const {
    for (std::uint32_t i = 0; i < m_memory.memoryTypeCount; ++i) {
        if ((typeBits & (1u << i)) &&
            (m_memory.memoryTypes[i].propertyFlags & required) == required) {
            return i;
        }
    }
    return makeError(ErrorCode::GpuError, "no suitable Vulkan memory type");
}

Status Device::beginOneShot(VkCommandBuffer& cmd) {
    VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    alloc.commandPool = m_commandPool;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    EMU_VK_CHECK("vkAllocateCommandBuffers", vkAllocateCommandBuffers(m_device, &alloc, &cmd));
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    VkResult r = vkBeginCommandBuffer(cmd, &begin);
    if (r != VK_SUCCESS) {
        vkFreeCommandBuffers(m_device, m_commandPool, 1, &cmd);
        return vkError("vkBeginCommandBuffer", r);
    }
    return Status::ok();
}

Status Device::endOneShot(VkCommandBuffer cmd) {
    VkResult r = vkEndCommandBuffer(cmd);
    VkFence fence = VK_NULL_HANDLE;
    if (r == VK_SUCCESS) {
        VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
        r = vkCreateFence(m_device, &fenceInfo, nullptr, &fence);
    }
    if (r == VK_SUCCESS) {
        VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
        submit.commandBufferCount = 1;
        submit.pCommandBuffers = &cmd;
        r = vkQueueSubmit(m_queue, 1, &submit, fence);
    }
    if (r == VK_SUCCESS) r = vkWaitForFences(m_device, 1, &fence, VK_TRUE, UINT64_MAX);
    if (fence) vkDestroyFence(m_device, fence, nullptr);
    vkFreeCommandBuffers(m_device, m_commandPool, 1, &cmd);
    if (r != VK_SUCCESS) return vkError("submitting GPU work", r);
    return Status::ok();
}

VKAPI_ATTR VkBool32 VKAPI_CALL Device::onDebugMessage(
    VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT types,
    const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
    // Performance hints (e.g. GENERAL layouts for copies, which frames use on purpose so that
    // one image serves compute and transfer) are only of interest when debugging.
    const bool performance = types & VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    auto* self = static_cast<Device*>(user);
    const char* text = data && data->pMessage ? data->pMessage : "(no message)";
    if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
        self->m_validationErrors++;
        self->m_lastValidationError = text;
        if (self->m_log) self->m_log->error(std::string("Vulkan validation: ") + text);
    } else if (self->m_log) {
        self->m_log->write(performance ? core::LogLevel::Debug : core::LogLevel::Warning,
                           std::string("Vulkan validation: ") + text);
    }
    return VK_FALSE;
}

const char* vkResultName(VkResult result) {
    switch (result) {
        case VK_SUCCESS:
            return "VK_SUCCESS";
        case VK_NOT_READY:
            return "VK_NOT_READY";
        case VK_TIMEOUT:
            return "VK_TIMEOUT";
        case VK_ERROR_OUT_OF_HOST_MEMORY:
            return "VK_ERROR_OUT_OF_HOST_MEMORY";
        case VK_ERROR_OUT_OF_DEVICE_MEMORY:
            return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
        case VK_ERROR_INITIALIZATION_FAILED:
            return "VK_ERROR_INITIALIZATION_FAILED";
        case VK_ERROR_DEVICE_LOST:
            return "VK_ERROR_DEVICE_LOST";
        case VK_ERROR_MEMORY_MAP_FAILED:
            return "VK_ERROR_MEMORY_MAP_FAILED";
        case VK_ERROR_LAYER_NOT_PRESENT:
            return "VK_ERROR_LAYER_NOT_PRESENT";
        case VK_ERROR_EXTENSION_NOT_PRESENT:
            return "VK_ERROR_EXTENSION_NOT_PRESENT";
        case VK_ERROR_FEATURE_NOT_PRESENT:
            return "VK_ERROR_FEATURE_NOT_PRESENT";
        case VK_ERROR_INCOMPATIBLE_DRIVER:
            return "VK_ERROR_INCOMPATIBLE_DRIVER";
        case VK_ERROR_TOO_MANY_OBJECTS:
            return "VK_ERROR_TOO_MANY_OBJECTS";
        case VK_ERROR_FORMAT_NOT_SUPPORTED:
            return "VK_ERROR_FORMAT_NOT_SUPPORTED";
        case VK_ERROR_OUT_OF_POOL_MEMORY:
            return "VK_ERROR_OUT_OF_POOL_MEMORY";
        case VK_ERROR_INVALID_SHADER_NV:
            return "VK_ERROR_INVALID_SHADER_NV";
        default:
            return "VK_ERROR (unnamed)";
    }
}

Status vkError(const char* what, VkResult result) {
    ErrorCode code = ErrorCode::GpuError;
    return makeError(code, std::string(what) + ": " + vkResultName(result));
}

}  // namespace emu::gpu
