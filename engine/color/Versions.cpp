#include "emulsion/color/Versions.h"

#include <OpenColorIO/OpenColorIO.h>

namespace emu::color {

std::string openColorIOVersion() { return OCIO_NAMESPACE::GetVersion(); }

}  // namespace emu::color
