#include "CliRunner.h"

namespace emu::test {

CommandResult runEmulsion(const std::string& arguments) {
    return runCommand(shellQuote(EMULSION_BINARY) + " " + arguments);
}

}  // namespace emu::test
