#include <gtest/gtest.h>

#include <fstream>

#include "CliRunner.h"
#include "TempDir.h"

namespace emu::test {
namespace {

TEST(ColorspacesCommand, ListsTheBuiltinAcesConfig) {
    CommandResult r = runCommand("env -u OCIO " + shellQuote(EMULSION_BINARY) + " colorspaces");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    for (const char* text : {"OCIO config: built-in", "ACEScct", "Sony S-Log3 S-Gamut3",
                             "Rec.1886 Rec.709", "ACES 1.0 - SDR Video", "Raw",
                             "ACES 1.3 Reference Gamut Compression", "compositing_log"}) {
        EXPECT_NE(r.output.find(text), std::string::npos) << text << "\n" << r.output;
    }
}

TEST(ColorspacesCommand, UsesTheConfigGivenWithOcio) {
    TempDir dir;
    const auto file = dir / "tiny.ocio";
    std::ofstream(file)
        << "ocio_profile_version: 2\n"
           "roles:\n  default: Plain\n"
           "displays:\n  Monitor:\n    - !<View> {name: Direct, colorspace: Plain}\n"
           "colorspaces:\n  - !<ColorSpace>\n    name: Plain\n"
           "    family: Tiny\n    description: the only space\n";
    CommandResult r = runEmulsion("colorspaces --ocio " + shellQuote(file.string()));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("Plain"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("Monitor"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("ACEScct"), std::string::npos) << r.output;
}

TEST(ColorspacesCommand, MissingConfigFileIsAnErrorNamingIt) {
    TempDir dir;
    const std::string file = (dir / "missing.ocio").string();
    CommandResult r = runEmulsion("colorspaces --ocio " + shellQuote(file));
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find(file), std::string::npos) << r.output;
}

}  // namespace
}  // namespace emu::test
