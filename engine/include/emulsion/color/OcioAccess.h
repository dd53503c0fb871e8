#pragma once

// For modules that run OpenColorIO processors themselves (GPU shaders, LUT and CDL nodes):
// the OCIO config behind a ColorConfig. Kept apart from ColorConfig.h so that most code does
// not include OpenColorIO.

#include <OpenColorIO/OpenColorIO.h>

#include <string>

#include "emulsion/color/ColorConfig.h"

namespace emu::color {

class OcioAccess {
public:
    // The shared, immutable OCIO config; never null. OCIO functions called on it may throw
    // OCIO_NAMESPACE::Exception: callers catch it and turn it into a Status.
    // Thread: OCIO allows any thread to build processors from a const config.
    static OCIO_NAMESPACE::ConstConfigRcPtr config(const ColorConfig& colorConfig);

    // Wraps an OCIO config made elsewhere; `source` names it in messages. `config` must not
    // be null.
    static ColorConfig wrap(OCIO_NAMESPACE::ConstConfigRcPtr config, std::string source);
};

}  // namespace emu::color
