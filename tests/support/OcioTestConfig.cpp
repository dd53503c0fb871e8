#include "OcioTestConfig.h"

#include <fstream>

namespace emu::test {

void writeMinimalOcioConfig(const std::filesystem::path& path) {
    std::ofstream(path) << "ocio_profile_version: 2\nsearch_path: \"\"\nroles:\n  default: linear\n"
                           "displays:\n  none:\n    - !<View> {name: raw, colorspace: linear}\n"
                           "colorspaces:\n  - !<ColorSpace>\n    name: linear\n    isdata: false\n";
}

}  // namespace emu::test
