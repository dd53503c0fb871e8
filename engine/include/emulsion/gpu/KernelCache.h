#pragma once

#include <vulkan/vulkan.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "emulsion/core/Result.h"
#include "emulsion/gpu/EmbeddedKernels.h"
#include "emulsion/gpu/Kernel.h"
#include "emulsion/gpu/ShaderCompiler.h"

namespace emu::gpu {

class Device;

// Pipelines keyed by a hash of their source (includes expanded), layout and compiler version:
// in memory for the process, and on disk as SPIR-V under <cache dir>/spirv/ plus the driver's
// VkPipelineCache blob under <cache dir>/pipelines/, so a second run compiles nothing.
// A cache directory that cannot be written only costs speed: a warning, never an error.
// Thread: get*() may be called from several threads (a mutex serialises them); returned
// pointers stay valid for the cache's lifetime.
class KernelCache {
public:
    struct Stats {
        int glslCompiles = 0;      // GLSL -> SPIR-V runs of the runtime compiler
        int diskHits = 0;          // SPIR-V found on disk
        int memoryHits = 0;        // pipeline found in memory
        int pipelinesCreated = 0;  // vkCreateComputePipelines calls
    };

    // `directory` empty means core::cacheDirectory().
    KernelCache(Device& device, std::filesystem::path directory = {});
    ~KernelCache();  // writes the pipeline cache blob back
    KernelCache(const KernelCache&) = delete;
    KernelCache& operator=(const KernelCache&) = delete;

    // Keeps everything in memory only (tests of the compile path use it).
    void disableDisk() { m_disk = false; }

    // A kernel compiled at run time from GLSL. Fails with the compiler's log.
    Result<const Kernel*> fromSource(const std::string& name, std::string_view glsl,
                                     const KernelLayout& layout);
    // A kernel compiled at build time (embedded SPIR-V).
    Result<const Kernel*> fromBlob(const SpirvBlob& blob, const KernelLayout& layout);

    Stats stats() const;
    const std::filesystem::path& directory() const { return m_directory; }

private:
    Result<const Kernel*> create(const std::string& key, const std::string& name,
                                 std::span<const std::uint32_t> spirv, const KernelLayout& layout);
    std::optional<std::vector<std::uint32_t>> loadSpirv(const std::string& key) const;
    void storeSpirv(const std::string& key, const std::vector<std::uint32_t>& spirv);
    std::filesystem::path pipelineCachePath() const;
    void loadPipelineCache();
    void savePipelineCache();

    Device& m_device;
    ShaderCompiler m_compiler;
    std::filesystem::path m_directory;
    bool m_disk = true;
    VkPipelineCache m_pipelineCache = VK_NULL_HANDLE;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, std::unique_ptr<Kernel>> m_kernels;
    Stats m_stats;
};

}  // namespace emu::gpu
