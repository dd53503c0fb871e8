#pragma once

#include <string>

namespace emu::color {

// The version of the OpenColorIO library linked in, as it reports it at run time.
std::string openColorIOVersion();

}  // namespace emu::color
