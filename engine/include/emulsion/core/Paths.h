#pragma once

#include <filesystem>

namespace emu::core {

// $XDG_CACHE_HOME/emulsion, else $HOME/.cache/emulsion, else a directory under the system
// temporary directory. The directory is not created here.
std::filesystem::path cacheDirectory();

}  // namespace emu::core
