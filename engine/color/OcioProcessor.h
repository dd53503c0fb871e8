#pragma once

// The OpenColorIO processor behind an OcioShaderRequest, shared by the GPU shader and the CPU
// transform so both run exactly the same ops. Internal to emu_color.

#include <OpenColorIO/OpenColorIO.h>

#include "emulsion/color/OcioShader.h"
#include "emulsion/core/Result.h"

namespace emu::color {

// Checks the names (colour spaces, display and view, or that the LUT file exists), then builds
// the processor. Errors as OcioShader::build describes them. OCIO caches processors, so asking
// again for the same transform is cheap. Thread: any.
Result<OCIO_NAMESPACE::ConstProcessorRcPtr> makeOcioProcessor(const ColorConfig& config,
                                                              const OcioShaderRequest& request);

}  // namespace emu::color
