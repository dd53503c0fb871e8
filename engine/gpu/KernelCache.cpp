#include "emulsion/gpu/KernelCache.h"

#include <cstring>
#include <fstream>
#include <iterator>

#include "emulsion/core/AtomicFile.h"
#include "emulsion/core/Hash.h"
#include "emulsion/core/Paths.h"
#include "emulsion/gpu/Device.h"

namespace emu::gpu {

namespace fs = std::filesystem;

namespace {

void hashLayout(core::Hasher& h, const KernelLayout& layout) {
    for (BindingKind b : layout.bindings) h.add(static_cast<std::uint64_t>(b));
    h.add(std::uint64_t(layout.pushConstantBytes));
    h.add(std::uint64_t(layout.localSizeX) << 32 | layout.localSizeY);
}

std::vector<char> readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    return std::vector<char>(std::istreambuf_iterator<char>(in), {});
}

bool writeAll(const fs::path& path, const void* data, std::size_t size) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    core::AtomicFile file(path);
    {
        std::ofstream out(file.temporaryPath(), std::ios::binary);
        out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
        if (!out.good()) return false;
    }
    return file.commit().isOk();
}

}  // namespace

KernelCache::KernelCache(Device& device, fs::path directory)
    : m_device(device),
      m_directory(directory.empty() ? core::cacheDirectory() : std::move(directory)) {
    loadPipelineCache();
}

KernelCache::~KernelCache() {
    savePipelineCache();
    m_kernels.clear();
    if (m_pipelineCache) vkDestroyPipelineCache(m_device.handle(), m_pipelineCache, nullptr);
}

fs::path KernelCache::pipelineCachePath() const {
    // The driver rejects a blob from another device or driver version on its own; naming the
    // file by device keeps two GPUs from overwriting each other's.
    core::Hasher h;
    h.add(m_device.properties().pipelineCacheUUID, VK_UUID_SIZE);
    h.add(std::uint64_t(m_device.properties().deviceID));
    return m_directory / "pipelines" / (h.hex() + ".bin");
}

void KernelCache::loadPipelineCache() {
    std::vector<char> blob = m_disk ? readAll(pipelineCachePath()) : std::vector<char>();
    VkPipelineCacheCreateInfo info{VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO};
    info.initialDataSize = blob.size();
    info.pInitialData = blob.empty() ? nullptr : blob.data();
    if (vkCreatePipelineCache(m_device.handle(), &info, nullptr, &m_pipelineCache) != VK_SUCCESS) {
        // A blob the driver refuses is no reason to fail: start empty.
        info.initialDataSize = 0;
        info.pInitialData = nullptr;
        vkCreatePipelineCache(m_device.handle(), &info, nullptr, &m_pipelineCache);
    }
}

void KernelCache::savePipelineCache() {
    if (!m_disk || !m_pipelineCache || m_stats.pipelinesCreated == 0) return;
    std::size_t size = 0;
    if (vkGetPipelineCacheData(m_device.handle(), m_pipelineCache, &size, nullptr) != VK_SUCCESS) {
        return;
    }
    std::vector<char> blob(size);
    if (vkGetPipelineCacheData(m_device.handle(), m_pipelineCache, &size, blob.data()) !=
        VK_SUCCESS) {
        return;
    }
    if (!writeAll(pipelineCachePath(), blob.data(), size) && m_device.log()) {
        m_device.log()->warning("cannot write the pipeline cache under " + m_directory.string());
    }
}

std::optional<std::vector<std::uint32_t>> KernelCache::loadSpirv(const std::string& key) const {
    if (!m_disk) return std::nullopt;
    std::vector<char> bytes = readAll(m_directory / "spirv" / (key + ".spv"));
    // A valid module starts with the SPIR-V magic number; anything else is a damaged entry.
    if (bytes.size() < 20 || bytes.size() % 4 != 0) return std::nullopt;
    std::vector<std::uint32_t> words(bytes.size() / 4);
    std::memcpy(words.data(), bytes.data(), bytes.size());
    if (words[0] != 0x07230203u) return std::nullopt;
    return words;
}

void KernelCache::storeSpirv(const std::string& key, const std::vector<std::uint32_t>& spirv) {
    if (!m_disk) return;
    if (!writeAll(m_directory / "spirv" / (key + ".spv"), spirv.data(), spirv.size() * 4) &&
        m_device.log()) {
        m_device.log()->warning("cannot write the shader cache under " + m_directory.string());
    }
}

Result<const Kernel*> KernelCache::fromSource(const std::string& name, std::string_view glsl,
                                              const KernelLayout& layout) {
    EMU_ASSIGN_OR_RETURN(std::string expanded, ShaderCompiler::expandIncludes(name, glsl));
    core::Hasher h;
    h.add(ShaderCompiler::versionTag()).add(expanded);
    hashLayout(h, layout);
    const std::string key = h.hex();

    std::lock_guard lock(m_mutex);
    if (auto it = m_kernels.find(key); it != m_kernels.end()) {
        m_stats.memoryHits++;
        return it->second.get();
    }
    std::optional<std::vector<std::uint32_t>> spirv = loadSpirv(key);
    if (spirv) {
        m_stats.diskHits++;
    } else {
        EMU_ASSIGN_OR_RETURN(std::vector<std::uint32_t> compiled,
                             m_compiler.compileCompute(name, expanded));
        m_stats.glslCompiles++;
        storeSpirv(key, compiled);
        spirv = std::move(compiled);
    }
    return create(key, name, *spirv, layout);
}

Result<const Kernel*> KernelCache::fromBlob(const SpirvBlob& blob, const KernelLayout& layout) {
    core::Hasher h;
    h.add("blob").add(blob.name).add(blob.words, blob.wordCount * 4);
    hashLayout(h, layout);
    const std::string key = h.hex();
    std::lock_guard lock(m_mutex);
    if (auto it = m_kernels.find(key); it != m_kernels.end()) {
        m_stats.memoryHits++;
        return it->second.get();
    }
    return create(key, blob.name, {blob.words, blob.wordCount}, layout);
}

Result<const Kernel*> KernelCache::create(const std::string& key, const std::string& name,
                                          std::span<const std::uint32_t> spirv,
                                          const KernelLayout& layout) {
    EMU_ASSIGN_OR_RETURN(Kernel kernel,
                         Kernel::create(m_device, name, spirv, layout, m_pipelineCache));
    m_stats.pipelinesCreated++;
    auto owned = std::make_unique<Kernel>(std::move(kernel));
    const Kernel* ptr = owned.get();
    m_kernels.emplace(key, std::move(owned));
    return ptr;
}

KernelCache::Stats KernelCache::stats() const {
    std::lock_guard lock(m_mutex);
    return m_stats;
}

}  // namespace emu::gpu
