#pragma once

#include <vulkan/vulkan.h>

#include <climits>
#include <vector>

#include "Picture.h"
#include "emulsion/core/Result.h"

namespace emu::station {

// A rectangle of the window [px], half-open (x0 <= x < x1). The default covers everything.
struct PixelRect {
    int x0 = INT_MIN;
    int y0 = INT_MIN;
    int x1 = INT_MAX;
    int y1 = INT_MAX;
};

// A picture copied 1:1 into the swapchain image at (x, y) before ImGui draws, so its pixels
// reach the screen exactly. Only the part inside `clip` and the window is written: a scrolled
// pane passes its visible area, so a picture half scrolled out is cut at the pane's edge.
struct Blit {
    int x = 0;  // [px] in the window
    int y = 0;
    const Picture* picture = nullptr;  // already scaled to what the pane shows
    PixelRect clip;
};

// A host-visible, coherent buffer, mapped while it lives, that grows on demand.
// Thread: the thread that owns its device.
struct HostBuffer {
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceMemory memory = VK_NULL_HANDLE;
    void* mapped = nullptr;
    VkDeviceSize capacity = 0;

    // At least `size` bytes; reallocating drops the contents. The GPU must not be using it.
    Status ensure(VkDevice device, VkPhysicalDevice physical, VkDeviceSize size,
                  VkBufferUsageFlags usage);
    void destroy(VkDevice device);
};

// Records the copies of one frame's blits into a swapchain image, through one staging buffer
// that holds every blit's visible part in turn.
// Thread: the presenter's (UI) thread.
class BlitRecorder {
public:
    // `image` is in TRANSFER_DST_OPTIMAL layout and `extent` big. The staging buffer is
    // rewritten, so the previous frame's copies must have finished (the caller waited for its
    // fence). `bgra`: the image stores blue first. Blits entirely outside are skipped.
    Status record(VkDevice device, VkPhysicalDevice physical, VkCommandBuffer cmd, VkImage image,
                  VkExtent2D extent, bool bgra, const std::vector<Blit>& blits);
    void destroy(VkDevice device) { m_upload.destroy(device); }

private:
    HostBuffer m_upload;
};

}  // namespace emu::station
