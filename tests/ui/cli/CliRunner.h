#pragma once

#include <string>

#include "Shell.h"

namespace emu::test {

// Runs the `emulsion` binary built with the tests, with `arguments` appended.
CommandResult runEmulsion(const std::string& arguments);

}  // namespace emu::test
