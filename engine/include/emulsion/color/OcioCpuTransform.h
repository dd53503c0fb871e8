#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "emulsion/color/OcioShader.h"
#include "emulsion/core/Result.h"

namespace emu::color {

// OpenColorIO's CPU processor for the transform an OcioShaderRequest describes (the same ops
// the GPU shader runs): the reference the GPU path is tested against. An immutable handle;
// copies share the processor.
class OcioCpuTransform {
public:
    // Errors as OcioShader::build. Cost: milliseconds (OCIO caches processors). Thread: any.
    static Result<OcioCpuTransform> build(const ColorConfig& config,
                                          const OcioShaderRequest& request);

    // Applies the transform to the RGB of `pixels` RGBA fp32 pixels in place; alpha is left as
    // it was. Thread: any, also at once on different pixels.
    void apply(float* rgba, std::size_t pixels) const;

    const std::string& cacheId() const;

private:
    struct Impl;
    explicit OcioCpuTransform(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> m_impl;
};

}  // namespace emu::color
