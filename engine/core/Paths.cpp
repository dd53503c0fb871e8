#include "emulsion/core/Paths.h"

#include <cstdlib>

namespace emu::core {

std::filesystem::path cacheDirectory() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
        return std::filesystem::path(xdg) / "emulsion";
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::filesystem::path(home) / ".cache" / "emulsion";
    }
    return std::filesystem::temp_directory_path() / "emulsion-cache";
}

}  // namespace emu::core
