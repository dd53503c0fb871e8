#pragma once

#include <OpenColorIO/OpenColorIO.h>

namespace emu::color {

// Builds the built-in ACES config from OCIO's BuiltinTransforms. Throws
// OCIO_NAMESPACE::Exception only on a bug (a style name the library does not know); the
// caller turns that into a Status.
OCIO_NAMESPACE::ConstConfigRcPtr makeBuiltinConfig();

}  // namespace emu::color
