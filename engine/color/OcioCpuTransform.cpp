#include "emulsion/color/OcioCpuTransform.h"

#include <algorithm>
#include <vector>

#include "OcioProcessor.h"

namespace OCIO = OCIO_NAMESPACE;

namespace emu::color {

struct OcioCpuTransform::Impl {
    OCIO::ConstCPUProcessorRcPtr cpu;
    std::string cacheId;
};

OcioCpuTransform::OcioCpuTransform(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}

Result<OcioCpuTransform> OcioCpuTransform::build(const ColorConfig& config,
                                                 const OcioShaderRequest& request) {
    EMU_ASSIGN_OR_RETURN(OCIO::ConstProcessorRcPtr processor, makeOcioProcessor(config, request));
    try {
        auto impl = std::make_shared<Impl>();
        impl->cpu = processor->getDefaultCPUProcessor();
        impl->cacheId = processor->getCacheID();
        return OcioCpuTransform(std::move(impl));
    } catch (const OCIO::Exception& e) {
        return core::makeError(ErrorCode::InvalidArgument,
                               std::string("OCIO cannot build the transform: ") + e.what());
    }
}

void OcioCpuTransform::apply(float* rgba, std::size_t pixels) const {
    // In chunks, so the saved alpha stays small. Alpha is put back afterwards: most OCIO ops
    // leave it alone, but the callers promise it passes through unchanged.
    constexpr std::size_t kChunk = 1 << 20;
    std::vector<float> alpha;
    for (std::size_t start = 0; start < pixels; start += kChunk) {
        const std::size_t n = std::min(kChunk, pixels - start);
        float* p = rgba + 4 * start;
        alpha.resize(n);
        for (std::size_t i = 0; i < n; ++i) alpha[i] = p[4 * i + 3];
        OCIO::PackedImageDesc desc(p, long(n), 1, 4);
        m_impl->cpu->apply(desc);
        for (std::size_t i = 0; i < n; ++i) p[4 * i + 3] = alpha[i];
    }
}

const std::string& OcioCpuTransform::cacheId() const {
    return m_impl->cacheId;
}

}  // namespace emu::color
