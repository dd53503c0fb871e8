#pragma once

#include <vulkan/vulkan.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "BlitRecorder.h"
#include "Picture.h"
#include "emulsion/core/Log.h"
#include "emulsion/core/Result.h"

struct GLFWwindow;
struct ImDrawData;

namespace emu::station {

// The window, its Vulkan swapchain and Dear ImGui's Vulkan renderer. Each frame: the engine's
// pictures (the viewer's, the timeline's thumbnails) are copied into the acquired image, then ImGui
// renders over it (load op LOAD), then the image is presented; a capture reads the presented image
// back. Thread: the UI thread only. Presentation waits on the GPU drawing the UI (milliseconds),
// never on the engine rendering a grade (that is the RenderWorker's device).
class Presenter {
public:
    // Opens a window of the given size. Validation (VK_LAYER_KHRONOS_validation) when
    // `validation`; its messages go to `log` and are counted. NotFound when there is no display
    // or no Vulkan device that can present to it.
    static Result<std::unique_ptr<Presenter>> create(int widthPx, int heightPx,
                                                     const std::string& title, bool validation,
                                                     core::Log& log);
    ~Presenter();
    Presenter(const Presenter&) = delete;
    Presenter& operator=(const Presenter&) = delete;

    GLFWwindow* window() const { return m_window; }
    bool shouldClose() const;

    // Copies `blits` (which must not overlap) into the image, renders ImGui's draw data over
    // them and presents. With `capture`, the presented image is read back into `*capture` (RGBA).
    Status drawFrame(ImDrawData* drawData, const std::vector<Blit>& blits,
                     Picture* capture = nullptr);

    // Validation messages at error (and warning) severity so far.
    std::uint32_t validationErrors() const { return m_validationErrors.load(); }
    std::uint32_t validationWarnings() const { return m_validationWarnings.load(); }
    const std::string& deviceName() const { return m_deviceName; }
    // What the window shows where nothing is drawn (linear 0..1 as ImGui's colours are given).
    void setBackground(float r, float g, float b) { m_background = {{r, g, b, 1.0f}}; }
    // The display's refresh interval [s]: the monitor's mode, 1/60 s where it reports none
    // (a virtual X server). Frames are started no closer together than this.
    double refreshIntervalS() const;

private:
    Presenter(core::Log& log) : m_log(log) {}
    Status init(int widthPx, int heightPx, const std::string& title, bool validation);
    Status createInstance(bool validation);
    Status pickDevice();
    Status createSwapchain();
    void destroySwapchain();
    Status createRenderPass();
    Status initImGui();
    static VKAPI_ATTR VkBool32 VKAPI_CALL onMessage(VkDebugUtilsMessageSeverityFlagBitsEXT,
                                                    VkDebugUtilsMessageTypeFlagsEXT,
                                                    const VkDebugUtilsMessengerCallbackDataEXT*,
                                                    void*);

    core::Log& m_log;
    VkClearColorValue m_background{{0.09f, 0.09f, 0.10f, 1.0f}};
    GLFWwindow* m_window = nullptr;
    VkInstance m_instance = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT m_messenger = VK_NULL_HANDLE;
    VkSurfaceKHR m_surface = VK_NULL_HANDLE;
    VkPhysicalDevice m_physical = VK_NULL_HANDLE;
    VkDevice m_device = VK_NULL_HANDLE;
    std::uint32_t m_queueFamily = 0;
    VkQueue m_queue = VK_NULL_HANDLE;
    VkCommandPool m_pool = VK_NULL_HANDLE;
    VkCommandBuffer m_cmd = VK_NULL_HANDLE;
    VkFence m_fence = VK_NULL_HANDLE;
    VkSemaphore m_acquired = VK_NULL_HANDLE;
    VkDescriptorPool m_descriptorPool = VK_NULL_HANDLE;
    VkRenderPass m_renderPass = VK_NULL_HANDLE;
    VkSwapchainKHR m_swapchain = VK_NULL_HANDLE;
    VkFormat m_format = VK_FORMAT_UNDEFINED;
    bool m_bgra = true;  // the swapchain stores blue first
    VkExtent2D m_extent{};
    std::vector<VkImage> m_images;
    std::vector<VkImageView> m_views;
    std::vector<VkFramebuffer> m_framebuffers;
    std::vector<VkSemaphore> m_rendered;  // one per swapchain image
    BlitRecorder m_blits;                 // the engine's pictures going up
    HostBuffer m_readback;                // a capture coming down
    bool m_imguiReady = false;
    std::string m_deviceName;
    std::atomic<std::uint32_t> m_validationErrors{0};
    std::atomic<std::uint32_t> m_validationWarnings{0};
};

}  // namespace emu::station
