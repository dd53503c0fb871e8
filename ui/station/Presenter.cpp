#include "Presenter.h"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_vulkan.h>

#include <algorithm>
#include <cstring>

namespace emu::station {

namespace {

Status vkFailed(const char* what, VkResult r) {
    return makeError(ErrorCode::GpuError,
                     std::string(what) + " failed (VkResult " + std::to_string(int(r)) + ")");
}

#define EMU_VK(call, what)                                 \
    do {                                                   \
        VkResult r_ = (call);                              \
        if (r_ != VK_SUCCESS) return vkFailed((what), r_); \
    } while (0)

bool hasLayer(const char* name) {
    std::uint32_t count = 0;
    vkEnumerateInstanceLayerProperties(&count, nullptr);
    std::vector<VkLayerProperties> layers(count);
    vkEnumerateInstanceLayerProperties(&count, layers.data());
    return std::any_of(layers.begin(), layers.end(), [&](const VkLayerProperties& l) {
        return std::strcmp(l.layerName, name) == 0;
    });
}

void barrier(VkCommandBuffer cmd, VkImage image, VkImageLayout from, VkImageLayout to,
             VkAccessFlags srcAccess, VkAccessFlags dstAccess, VkPipelineStageFlags srcStage,
             VkPipelineStageFlags dstStage) {
    VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    b.oldLayout = from;
    b.newLayout = to;
    b.srcAccessMask = srcAccess;
    b.dstAccessMask = dstAccess;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = image;
    b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    vkCmdPipelineBarrier(cmd, srcStage, dstStage, 0, 0, nullptr, 0, nullptr, 1, &b);
}

}  // namespace

Result<std::unique_ptr<Presenter>> Presenter::create(int widthPx, int heightPx,
                                                     const std::string& title, bool validation,
                                                     core::Log& log) {
    std::unique_ptr<Presenter> p(new Presenter(log));
    EMU_RETURN_IF_ERROR(p->init(widthPx, heightPx, title, validation));
    return p;
}

Status Presenter::init(int widthPx, int heightPx, const std::string& title, bool validation) {
    if (!glfwInit()) {
        return makeError(ErrorCode::NotFound, "no display: GLFW could not start (is DISPLAY set?)");
    }
    if (!glfwVulkanSupported()) {
        return makeError(ErrorCode::NotFound, "no Vulkan loader or driver for presenting windows");
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
    m_window = glfwCreateWindow(widthPx, heightPx, title.c_str(), nullptr, nullptr);
    if (!m_window) return makeError(ErrorCode::NotFound, "the display refused a window");
    EMU_RETURN_IF_ERROR(createInstance(validation));
    EMU_VK(glfwCreateWindowSurface(m_instance, m_window, nullptr, &m_surface), "window surface");
    EMU_RETURN_IF_ERROR(pickDevice());
    EMU_RETURN_IF_ERROR(createRenderPass());
    EMU_RETURN_IF_ERROR(createSwapchain());
    return initImGui();
}

Status Presenter::createInstance(bool validation) {
    std::uint32_t glfwCount = 0;
    const char** glfwExtensions = glfwGetRequiredInstanceExtensions(&glfwCount);
    std::vector<const char*> extensions(glfwExtensions, glfwExtensions + glfwCount);
    std::vector<const char*> layers;
    if (validation) {
        if (hasLayer("VK_LAYER_KHRONOS_validation")) {
            layers.push_back("VK_LAYER_KHRONOS_validation");
            extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
        } else {
            m_log.warning("validation asked for, but VK_LAYER_KHRONOS_validation is not installed");
            validation = false;
        }
    }
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "emulsion station";
    app.apiVersion = VK_API_VERSION_1_1;
    VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    info.pApplicationInfo = &app;
    info.enabledExtensionCount = std::uint32_t(extensions.size());
    info.ppEnabledExtensionNames = extensions.data();
    info.enabledLayerCount = std::uint32_t(layers.size());
    info.ppEnabledLayerNames = layers.data();
    VkResult r = vkCreateInstance(&info, nullptr, &m_instance);
    if (r == VK_ERROR_INCOMPATIBLE_DRIVER) {
        return makeError(ErrorCode::NotFound, "no Vulkan driver");
    }
    EMU_VK(r, "vkCreateInstance");
    if (!validation) return Status::ok();
    auto createMessenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(m_instance, "vkCreateDebugUtilsMessengerEXT"));
    VkDebugUtilsMessengerCreateInfoEXT m{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
    m.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                        VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    m.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                    VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                    VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    m.pfnUserCallback = &Presenter::onMessage;
    m.pUserData = this;
    if (createMessenger)
        EMU_VK(createMessenger(m_instance, &m, nullptr, &m_messenger), "messenger");
    return Status::ok();
}

VKAPI_ATTR VkBool32 VKAPI_CALL Presenter::onMessage(
    VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT,
    const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
    auto* self = static_cast<Presenter*>(user);
    const std::string text = std::string("Vulkan validation (station): ") +
                             (data && data->pMessage ? data->pMessage : "");
    if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
        ++self->m_validationErrors;
        self->m_log.error(text);
    } else {
        ++self->m_validationWarnings;
        self->m_log.warning(text);
    }
    return VK_FALSE;
}

Status Presenter::pickDevice() {
    std::uint32_t count = 0;
    vkEnumeratePhysicalDevices(m_instance, &count, nullptr);
    std::vector<VkPhysicalDevice> devices(count);
    vkEnumeratePhysicalDevices(m_instance, &count, devices.data());
    for (VkPhysicalDevice d : devices) {
        std::uint32_t families = 0;
        vkGetPhysicalDeviceQueueFamilyProperties(d, &families, nullptr);
        std::vector<VkQueueFamilyProperties> props(families);
        vkGetPhysicalDeviceQueueFamilyProperties(d, &families, props.data());
        for (std::uint32_t f = 0; f < families; ++f) {
            VkBool32 present = VK_FALSE;
            vkGetPhysicalDeviceSurfaceSupportKHR(d, f, m_surface, &present);
            if (!(props[f].queueFlags & VK_QUEUE_GRAPHICS_BIT) || !present) continue;
            m_physical = d;
            m_queueFamily = f;
            break;
        }
        if (m_physical) break;
    }
    if (!m_physical) {
        return makeError(ErrorCode::NotFound, "no Vulkan device can present to this display");
    }
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(m_physical, &props);
    m_deviceName = props.deviceName;
    const float priority = 1.0f;
    VkDeviceQueueCreateInfo queue{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    queue.queueFamilyIndex = m_queueFamily;
    queue.queueCount = 1;
    queue.pQueuePriorities = &priority;
    const char* extensions[] = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
    VkDeviceCreateInfo info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    info.queueCreateInfoCount = 1;
    info.pQueueCreateInfos = &queue;
    info.enabledExtensionCount = 1;
    info.ppEnabledExtensionNames = extensions;
    EMU_VK(vkCreateDevice(m_physical, &info, nullptr, &m_device), "vkCreateDevice");
    vkGetDeviceQueue(m_device, m_queueFamily, 0, &m_queue);
    VkCommandPoolCreateInfo pool{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pool.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pool.queueFamilyIndex = m_queueFamily;
    EMU_VK(vkCreateCommandPool(m_device, &pool, nullptr, &m_pool), "command pool");
    VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    alloc.commandPool = m_pool;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    EMU_VK(vkAllocateCommandBuffers(m_device, &alloc, &m_cmd), "command buffer");
    VkFenceCreateInfo fence{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    fence.flags = VK_FENCE_CREATE_SIGNALED_BIT;
    EMU_VK(vkCreateFence(m_device, &fence, nullptr, &m_fence), "fence");
    VkSemaphoreCreateInfo sem{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    EMU_VK(vkCreateSemaphore(m_device, &sem, nullptr, &m_acquired), "semaphore");

    std::uint32_t formatCount = 0;
    vkGetPhysicalDeviceSurfaceFormatsKHR(m_physical, m_surface, &formatCount, nullptr);
    std::vector<VkSurfaceFormatKHR> formats(formatCount);
    vkGetPhysicalDeviceSurfaceFormatsKHR(m_physical, m_surface, &formatCount, formats.data());
    // UNORM, not SRGB: the viewer's bytes are already display-encoded and must land unchanged.
    for (VkFormat want : {VK_FORMAT_B8G8R8A8_UNORM, VK_FORMAT_R8G8B8A8_UNORM}) {
        for (const VkSurfaceFormatKHR& f : formats) {
            if (f.format == want && m_format == VK_FORMAT_UNDEFINED) m_format = want;
        }
    }
    if (m_format == VK_FORMAT_UNDEFINED) {
        return makeError(ErrorCode::Unsupported, "the display offers no 8-bit UNORM swapchain");
    }
    m_bgra = m_format == VK_FORMAT_B8G8R8A8_UNORM;
    return Status::ok();
}

Status Presenter::createRenderPass() {
    VkAttachmentDescription colour{};
    colour.format = m_format;
    colour.samples = VK_SAMPLE_COUNT_1_BIT;
    colour.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;  // keeps the viewer picture copied in first
    colour.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    colour.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    colour.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    colour.initialLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    colour.finalLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    VkAttachmentReference ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    VkSubpassDescription subpass{};
    subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    subpass.colorAttachmentCount = 1;
    subpass.pColorAttachments = &ref;
    VkRenderPassCreateInfo info{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
    info.attachmentCount = 1;
    info.pAttachments = &colour;
    info.subpassCount = 1;
    info.pSubpasses = &subpass;
    EMU_VK(vkCreateRenderPass(m_device, &info, nullptr, &m_renderPass), "render pass");
    return Status::ok();
}

Status Presenter::createSwapchain() {
    VkSurfaceCapabilitiesKHR caps;
    EMU_VK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(m_physical, m_surface, &caps), "caps");
    const VkImageUsageFlags usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT |
                                    VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                                    VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    if ((caps.supportedUsageFlags & usage) != usage) {
        return makeError(ErrorCode::Unsupported,
                         "the swapchain cannot be copied to and from (TRANSFER usage)");
    }
    if (caps.currentExtent.width != 0xffffffffu) {
        m_extent = caps.currentExtent;
    } else {
        int w = 0, h = 0;
        glfwGetFramebufferSize(m_window, &w, &h);
        m_extent = {std::uint32_t(w), std::uint32_t(h)};
    }
    std::uint32_t count = std::max(2u, caps.minImageCount);
    if (caps.maxImageCount) count = std::min(count, caps.maxImageCount);
    VkSwapchainCreateInfoKHR info{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
    info.surface = m_surface;
    info.minImageCount = count;
    info.imageFormat = m_format;
    info.imageColorSpace = VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
    info.imageExtent = m_extent;
    info.imageArrayLayers = 1;
    info.imageUsage = usage;
    info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
    info.preTransform = caps.currentTransform;
    info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
    info.presentMode = VK_PRESENT_MODE_FIFO_KHR;  // always there
    info.clipped = VK_TRUE;
    info.oldSwapchain = m_swapchain;
    VkSwapchainKHR created = VK_NULL_HANDLE;
    EMU_VK(vkCreateSwapchainKHR(m_device, &info, nullptr, &created), "swapchain");
    destroySwapchain();
    m_swapchain = created;
    std::uint32_t n = 0;
    vkGetSwapchainImagesKHR(m_device, m_swapchain, &n, nullptr);
    m_images.resize(n);
    vkGetSwapchainImagesKHR(m_device, m_swapchain, &n, m_images.data());
    for (VkImage image : m_images) {
        VkImageViewCreateInfo v{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
        v.image = image;
        v.viewType = VK_IMAGE_VIEW_TYPE_2D;
        v.format = m_format;
        v.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
        VkImageView view;
        EMU_VK(vkCreateImageView(m_device, &v, nullptr, &view), "image view");
        m_views.push_back(view);
        VkFramebufferCreateInfo fb{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
        fb.renderPass = m_renderPass;
        fb.attachmentCount = 1;
        fb.pAttachments = &view;
        fb.width = m_extent.width;
        fb.height = m_extent.height;
        fb.layers = 1;
        VkFramebuffer framebuffer;
        EMU_VK(vkCreateFramebuffer(m_device, &fb, nullptr, &framebuffer), "framebuffer");
        m_framebuffers.push_back(framebuffer);
        VkSemaphoreCreateInfo sem{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
        VkSemaphore rendered;
        EMU_VK(vkCreateSemaphore(m_device, &sem, nullptr, &rendered), "semaphore");
        m_rendered.push_back(rendered);
    }
    return Status::ok();
}

void Presenter::destroySwapchain() {
    for (VkFramebuffer f : m_framebuffers) vkDestroyFramebuffer(m_device, f, nullptr);
    for (VkImageView v : m_views) vkDestroyImageView(m_device, v, nullptr);
    for (VkSemaphore s : m_rendered) vkDestroySemaphore(m_device, s, nullptr);
    m_framebuffers.clear();
    m_views.clear();
    m_rendered.clear();
    m_images.clear();
    if (m_swapchain) vkDestroySwapchainKHR(m_device, m_swapchain, nullptr);
    m_swapchain = VK_NULL_HANDLE;
}

Status Presenter::initImGui() {
    VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16};
    VkDescriptorPoolCreateInfo pool{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    pool.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    pool.maxSets = 16;
    pool.poolSizeCount = 1;
    pool.pPoolSizes = &size;
    EMU_VK(vkCreateDescriptorPool(m_device, &pool, nullptr, &m_descriptorPool), "descriptors");
    ImGui_ImplVulkan_InitInfo info{};
    info.Instance = m_instance;
    info.PhysicalDevice = m_physical;
    info.Device = m_device;
    info.QueueFamily = m_queueFamily;
    info.Queue = m_queue;
    info.DescriptorPool = m_descriptorPool;
    info.MinImageCount = 2;
    info.ImageCount = std::max<std::uint32_t>(2, std::uint32_t(m_images.size()));
    info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
    if (!ImGui_ImplVulkan_Init(&info, m_renderPass)) {
        return makeError(ErrorCode::GpuError, "ImGui's Vulkan renderer did not start");
    }
    m_imguiReady = true;
    EMU_VK(vkResetFences(m_device, 1, &m_fence), "fence");
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    EMU_VK(vkBeginCommandBuffer(m_cmd, &begin), "begin");
    ImGui_ImplVulkan_CreateFontsTexture(m_cmd);
    EMU_VK(vkEndCommandBuffer(m_cmd), "end");
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &m_cmd;
    EMU_VK(vkQueueSubmit(m_queue, 1, &submit, m_fence), "font upload");
    EMU_VK(vkWaitForFences(m_device, 1, &m_fence, VK_TRUE, UINT64_MAX), "font upload wait");
    ImGui_ImplVulkan_DestroyFontUploadObjects();
    return Status::ok();
}

Presenter::~Presenter() {
    if (m_device) vkDeviceWaitIdle(m_device);
    if (m_imguiReady) ImGui_ImplVulkan_Shutdown();
    if (m_device) {
        destroySwapchain();
        m_blits.destroy(m_device);
        m_readback.destroy(m_device);
        if (m_renderPass) vkDestroyRenderPass(m_device, m_renderPass, nullptr);
        if (m_descriptorPool) vkDestroyDescriptorPool(m_device, m_descriptorPool, nullptr);
        if (m_acquired) vkDestroySemaphore(m_device, m_acquired, nullptr);
        if (m_fence) vkDestroyFence(m_device, m_fence, nullptr);
        if (m_pool) vkDestroyCommandPool(m_device, m_pool, nullptr);
        vkDestroyDevice(m_device, nullptr);
    }
    if (m_surface) vkDestroySurfaceKHR(m_instance, m_surface, nullptr);
    if (m_messenger) {
        auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(m_instance, "vkDestroyDebugUtilsMessengerEXT"));
        if (destroy) destroy(m_instance, m_messenger, nullptr);
    }
    if (m_instance) vkDestroyInstance(m_instance, nullptr);
    if (m_window) glfwDestroyWindow(m_window);
    glfwTerminate();
}

double Presenter::refreshIntervalS() const {
    constexpr double kFallbackHz = 60.0;
    GLFWmonitor* monitor = glfwGetWindowMonitor(m_window);  // full screen
    if (!monitor) monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    const double hz = mode && mode->refreshRate > 0 ? mode->refreshRate : kFallbackHz;
    return 1.0 / hz;
}

bool Presenter::shouldClose() const {
    return glfwWindowShouldClose(m_window);
}

Status Presenter::drawFrame(ImDrawData* drawData, const std::vector<Blit>& blits,
                            Picture* capture) {
    EMU_VK(vkWaitForFences(m_device, 1, &m_fence, VK_TRUE, UINT64_MAX), "frame wait");
    std::uint32_t index = 0;
    VkResult acquired = vkAcquireNextImageKHR(m_device, m_swapchain, UINT64_MAX, m_acquired,
                                              VK_NULL_HANDLE, &index);
    if (acquired == VK_ERROR_OUT_OF_DATE_KHR) {
        vkDeviceWaitIdle(m_device);
        return createSwapchain();  // this frame is dropped; the next one fits the new size
    }
    if (acquired != VK_SUCCESS && acquired != VK_SUBOPTIMAL_KHR) {
        return vkFailed("vkAcquireNextImageKHR", acquired);
    }
    EMU_VK(vkResetFences(m_device, 1, &m_fence), "fence");
    VkImage image = m_images[index];
    const bool reading = capture != nullptr;
    if (reading) {
        EMU_RETURN_IF_ERROR(m_readback.ensure(m_device, m_physical,
                                              VkDeviceSize(m_extent.width) * m_extent.height * 4,
                                              VK_BUFFER_USAGE_TRANSFER_DST_BIT));
    }
    VkCommandBuffer cmd = m_cmd;
    EMU_VK(vkResetCommandBuffer(cmd, 0), "reset");
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    EMU_VK(vkBeginCommandBuffer(cmd, &begin), "begin");
    barrier(cmd, image, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 0,
            VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
            VK_PIPELINE_STAGE_TRANSFER_BIT);
    const VkImageSubresourceRange all{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    vkCmdClearColorImage(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &m_background, 1, &all);
    if (!blits.empty()) {
        VkMemoryBarrier clearDone{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
        clearDone.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        clearDone.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0,
                             1, &clearDone, 0, nullptr, 0, nullptr);
        // A picture that cannot go up this frame leaves its place empty; the UI goes on.
        if (Status s = m_blits.record(m_device, m_physical, cmd, image, m_extent, m_bgra, blits);
            !s.isOk()) {
            m_log.warning("pictures not shown this frame: " + s.message());
        }
    }
    barrier(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
            VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_ACCESS_TRANSFER_WRITE_BIT,
            VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT,
            VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT);
    VkRenderPassBeginInfo pass{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
    pass.renderPass = m_renderPass;
    pass.framebuffer = m_framebuffers[index];
    pass.renderArea.extent = m_extent;
    vkCmdBeginRenderPass(cmd, &pass, VK_SUBPASS_CONTENTS_INLINE);
    if (drawData) ImGui_ImplVulkan_RenderDrawData(drawData, cmd);
    vkCmdEndRenderPass(cmd);
    if (reading) {
        barrier(cmd, image, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT,
                VK_ACCESS_TRANSFER_READ_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                VK_PIPELINE_STAGE_TRANSFER_BIT);
        VkBufferImageCopy region{};
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        region.imageExtent = {m_extent.width, m_extent.height, 1};
        vkCmdCopyImageToBuffer(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, m_readback.buffer,
                               1, &region);
        VkBufferMemoryBarrier host{VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER};
        host.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
        host.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
        host.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
        host.buffer = m_readback.buffer;
        host.size = VK_WHOLE_SIZE;
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 0,
                             nullptr, 1, &host, 0, nullptr);
        barrier(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR,
                VK_ACCESS_TRANSFER_READ_BIT, 0, VK_PIPELINE_STAGE_TRANSFER_BIT,
                VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT);
    } else {
        barrier(cmd, image, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT, 0,
                VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT);
    }
    EMU_VK(vkEndCommandBuffer(cmd), "end");
    const VkPipelineStageFlags waitStage = VK_PIPELINE_STAGE_TRANSFER_BIT;
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.waitSemaphoreCount = 1;
    submit.pWaitSemaphores = &m_acquired;
    submit.pWaitDstStageMask = &waitStage;
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &cmd;
    submit.signalSemaphoreCount = 1;
    submit.pSignalSemaphores = &m_rendered[index];
    EMU_VK(vkQueueSubmit(m_queue, 1, &submit, m_fence), "submit");
    VkPresentInfoKHR present{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
    present.waitSemaphoreCount = 1;
    present.pWaitSemaphores = &m_rendered[index];
    present.swapchainCount = 1;
    present.pSwapchains = &m_swapchain;
    present.pImageIndices = &index;
    const VkResult presented = vkQueuePresentKHR(m_queue, &present);
    if (presented == VK_ERROR_OUT_OF_DATE_KHR || presented == VK_SUBOPTIMAL_KHR) {
        vkDeviceWaitIdle(m_device);
        EMU_RETURN_IF_ERROR(createSwapchain());
    } else if (presented != VK_SUCCESS) {
        return vkFailed("vkQueuePresentKHR", presented);
    }
    if (!reading) return Status::ok();
    EMU_VK(vkWaitForFences(m_device, 1, &m_fence, VK_TRUE, UINT64_MAX), "capture wait");
    capture->width = int(m_extent.width);
    capture->height = int(m_extent.height);
    capture->rgba.resize(std::size_t(capture->width) * capture->height * 4);
    const auto* src = static_cast<const std::uint8_t*>(m_readback.mapped);
    for (std::size_t i = 0, n = capture->rgba.size(); i < n; i += 4) {
        capture->rgba[i + 0] = m_bgra ? src[i + 2] : src[i + 0];
        capture->rgba[i + 1] = src[i + 1];
        capture->rgba[i + 2] = m_bgra ? src[i + 0] : src[i + 2];
        capture->rgba[i + 3] = 255;
    }
    return Status::ok();
}

}  // namespace emu::station
