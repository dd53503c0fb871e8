#pragma once

#include <filesystem>

namespace emu::test {

// Writes the smallest OpenColorIO config oiiotool needs to run a file transform (one linear
// colour space, one display): tests compare against `oiiotool --colorconfig FILE ...`.
void writeMinimalOcioConfig(const std::filesystem::path& path);

}  // namespace emu::test
