#pragma once

#include <string>
#include <utility>
#include <vector>

namespace emu::cli {

// (library, version) of the media and colour libraries linked in, as each reports itself at
// run time. Thread: any.
std::vector<std::pair<std::string, std::string>> libraryVersions();

}  // namespace emu::cli
