#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "TempDir.h"
#include "emulsion/color/ColorConfig.h"
#include "emulsion/color/OcioAccess.h"

namespace emu::color {
namespace {

namespace OCIO = OCIO_NAMESPACE;

ColorConfig builtinConfig() {
    auto config = ColorConfig::builtin();
    EXPECT_TRUE(config.isOk()) << config.status().message();
    return *config;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::array<float, 3> convert(const ColorConfig& config, const char* from, const char* to,
                             std::array<float, 3> rgb) {
    OcioAccess::config(config)->getProcessor(from, to)->getDefaultCPUProcessor()->applyRGB(
        rgb.data());
    return rgb;
}

// Sony's published S-Log3 encoding ("Technical Summary for S-Gamut3.Cine/S-Log3 and
// S-Gamut3/S-Log3"), `x` being scene reflectance (0.18 for a grey card), result as a
// normalised code value (10-bit code / 1023).
double sLog3(double x) {
    if (x >= 0.01125) return (420.0 + std::log10((x + 0.01) / (0.18 + 0.01)) * 261.5) / 1023.0;
    return (x * (171.2102946929 - 95.0) / 0.01125 + 95.0) / 1023.0;
}

// ACEScct encoding (Academy S-2016-001): pure log2 above the break point, a linear toe below.
double acesCct(double x) {
    if (x <= 0.0078125) return 10.5402377416545 * x + 0.0729055341958355;
    return (std::log2(x) + 9.72) / 17.52;
}

TEST(ColorConfig, BuiltinValidates) {
    ColorConfig config = builtinConfig();
    EXPECT_TRUE(config.isBuiltin());
    EXPECT_EQ(config.source(), "built-in");
    Status s = config.validate();
    EXPECT_TRUE(s.isOk()) << s.message();
    EXPECT_NO_THROW(OcioAccess::config(config)->validate());
}

TEST(ColorConfig, BuiltinHasTheDocumentedSpacesDisplaysViewsAndLooks) {
    ColorConfig config = builtinConfig();
    const std::vector<std::string> spaces = config.colorSpaceNames();
    for (const char* name : {"ACES2065-1",
                             "ACEScg",
                             "ACEScct",
                             "ACEScc",
                             "ARRI LogC EI800 AWG",
                             "Sony S-Log3 S-Gamut3",
                             "Sony S-Log3 S-Gamut3.Cine",
                             "Sony S-Log3 Venice S-Gamut3",
                             "Sony S-Log3 Venice S-Gamut3.Cine",
                             "RED Log3G10 REDWideGamutRGB",
                             "Canon CLog2 Cinema Gamut",
                             "Canon CLog3 Cinema Gamut",
                             "Panasonic V-Log V-Gamut",
                             "Linear Rec.709 (sRGB)",
                             "Linear P3-D65",
                             "Linear Rec.2020",
                             "Raw",
                             "CIE-XYZ-D65",
                             "sRGB - Display",
                             "Rec.1886 Rec.709 - Display",
                             "P3-DCI - Display",
                             "P3-D65 - Display",
                             "Rec.2100-PQ - Display",
                             "Rec.2100-HLG - Display"}) {
        EXPECT_TRUE(contains(spaces, name)) << name;
        EXPECT_TRUE(config.hasColorSpace(name)) << name;
    }
    const std::vector<std::string> displays = config.displays();
    EXPECT_EQ(displays, (std::vector<std::string>{"sRGB", "Rec.1886 Rec.709", "P3-DCI", "P3-D65",
                                                  "Rec.2100-PQ", "Rec.2100-HLG"}));
    EXPECT_EQ(config.defaultDisplay(), "sRGB");
    EXPECT_EQ(config.defaultView("sRGB"), "ACES 1.0 - SDR Video");
    for (const std::string& display : displays) {
        const std::vector<ViewInfo> views = config.views(display);
        ASSERT_FALSE(views.empty()) << display;
        EXPECT_EQ(views.back().name, "Raw") << display;
        for (const ViewInfo& v : views) {
            EXPECT_TRUE(config.hasColorSpace(v.colorSpace)) << display << " / " << v.name;
        }
    }
    const std::vector<LookInfo> looks = config.looks();
    ASSERT_EQ(looks.size(), 1u);
    EXPECT_EQ(looks[0].name, "ACES 1.3 Reference Gamut Compression");
    EXPECT_EQ(looks[0].processSpace, "ACES2065-1");
}

TEST(ColorConfig, BuiltinRolesPointAtTheAcesSpaces) {
    ColorConfig config = builtinConfig();
    std::set<std::pair<std::string, std::string>> roles;
    for (const RoleInfo& r : config.roles()) roles.insert({r.role, r.colorSpace});
    for (const auto& expected : std::vector<std::pair<std::string, std::string>>{
             {"scene_linear", "ACEScg"},
             {"compositing_log", "ACEScct"},
             {"color_timing", "ACEScct"},
             {"aces_interchange", "ACES2065-1"},
             {"cie_xyz_d65_interchange", "CIE-XYZ-D65"},
             {"default", "ACES2065-1"}}) {
        EXPECT_TRUE(roles.count(expected)) << expected.first;
    }
    EXPECT_TRUE(config.hasColorSpace("compositing_log"));
}

TEST(ColorConfig, EverySpaceConvertsToAces2065) {
    ColorConfig config = builtinConfig();
    for (const std::string& space : config.colorSpaceNames()) {
        Status s = config.checkTransform(space, "ACES2065-1");
        EXPECT_TRUE(s.isOk()) << space << ": " << s.message();
        s = config.checkTransform("ACES2065-1", space);
        EXPECT_TRUE(s.isOk()) << space << ": " << s.message();
    }
}

TEST(ColorConfig, AcesCctShowsOnEveryDisplayAndView) {
    ColorConfig config = builtinConfig();
    int checked = 0;
    for (const std::string& display : config.displays()) {
        for (const ViewInfo& view : config.views(display)) {
            Status s = config.checkDisplayView("ACEScct", display, view.name);
            EXPECT_TRUE(s.isOk()) << display << " / " << view.name << ": " << s.message();
            ++checked;
        }
    }
    EXPECT_GE(checked, 15);
}

TEST(ColorConfig, LookAppliesOnTheWay) {
    ColorConfig config = builtinConfig();
    Status s = config.checkTransform("Sony S-Log3 S-Gamut3", "ACEScct",
                                     "ACES 1.3 Reference Gamut Compression");
    EXPECT_TRUE(s.isOk()) << s.message();
    s = config.checkTransform("ACEScg", "ACEScct", "no such look");
    EXPECT_EQ(s.code(), ErrorCode::NotFound);
    EXPECT_NE(s.message().find("no such look"), std::string::npos) << s.message();
}

TEST(ColorConfig, UnknownNamesAreNotFound) {
    ColorConfig config = builtinConfig();
    Status s = config.checkTransform("ACEScct", "Kodak 2383");
    EXPECT_EQ(s.code(), ErrorCode::NotFound);
    EXPECT_NE(s.message().find("'Kodak 2383'"), std::string::npos) << s.message();
    s = config.checkDisplayView("ACEScct", "sRGB", "Filmic");
    EXPECT_EQ(s.code(), ErrorCode::NotFound);
    EXPECT_NE(s.message().find("'Filmic'"), std::string::npos) << s.message();
    EXPECT_TRUE(config.views("No Such Display").empty());
}

TEST(ColorConfig, AcesCctMatchesThePublishedFormula) {
    ColorConfig config = builtinConfig();
    EXPECT_NEAR(acesCct(0.18), 0.4135884, 1e-7);  // the spec's own example value
    for (float x : {0.0f, 0.001f, 0.0078125f, 0.01f, 0.18f, 1.0f, 16.0f, 100.0f}) {
        const auto out = convert(config, "ACEScg", "ACEScct", {x, x, x});
        for (float c : out) EXPECT_NEAR(c, acesCct(x), 1e-5) << "ACEScg " << x;
    }
}

TEST(ColorConfig, SLog3MatchesSonysFormula) {
    ColorConfig config = builtinConfig();
    EXPECT_NEAR(sLog3(0.18), 420.0 / 1023.0, 1e-12);
    // Neutral ACES values stay neutral in S-Gamut3 (both matrices map white to white), so a
    // grey ramp checks the curve alone.
    for (float x : {0.0f, 0.005f, 0.01125f, 0.05f, 0.18f, 0.9f, 4.0f, 30.0f}) {
        const auto out = convert(config, "ACES2065-1", "Sony S-Log3 S-Gamut3", {x, x, x});
        for (float c : out) EXPECT_NEAR(c, sLog3(x), 1e-5) << "reflectance " << x;
    }
}

TEST(ColorConfig, LinearSpacesHaveThePublishedLuminanceWeights) {
    ColorConfig config = builtinConfig();
    // Y of each primary: ITU-R BT.709 and BT.2020 luma weights, P3-D65 from SMPTE EG 432-1.
    const std::vector<std::pair<const char*, std::array<double, 3>>> cases = {
        {"Linear Rec.709 (sRGB)", {0.2126, 0.7152, 0.0722}},
        {"Linear Rec.2020", {0.2627, 0.6780, 0.0593}},
        {"Linear P3-D65", {0.228975, 0.691739, 0.079287}},
    };
    for (const auto& [space, weights] : cases) {
        for (int i = 0; i < 3; ++i) {
            std::array<float, 3> rgb{0, 0, 0};
            rgb[i] = 1.0f;
            const auto xyz = convert(config, space, "CIE-XYZ-D65", rgb);
            EXPECT_NEAR(xyz[1], weights[i], 1e-4) << space << " primary " << i;
        }
    }
    // Cross-check against OCIO's own AP1 to Rec.709 matrix.
    const auto ours = convert(config, "ACEScg", "Linear Rec.709 (sRGB)", {0.7f, 0.2f, 0.05f});
    OCIO::BuiltinTransformRcPtr t = OCIO::BuiltinTransform::Create();
    t->setStyle("UTILITY - ACES-AP1_to_LINEAR-REC709_BFD");
    std::array<float, 3> theirs{0.7f, 0.2f, 0.05f};
    OCIO::Config::CreateRaw()->getProcessor(t)->getDefaultCPUProcessor()->applyRGB(theirs.data());
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(ours[i], theirs[i], 1e-5) << i;
}

TEST(ColorConfig, UserFileReplacesTheDefault) {
    test::TempDir dir;
    const auto file = dir / "studio.ocio";
    {
        ColorConfig builtin = builtinConfig();
        OCIO::ConfigRcPtr edited = OcioAccess::config(builtin)->createEditableCopy();
        edited->setName("studio");
        OCIO::ColorSpaceRcPtr extra = OCIO::ColorSpace::Create();
        extra->setName("Studio Log");
        extra->setFamily("Studio");
        OCIO::ExponentTransformRcPtr gamma = OCIO::ExponentTransform::Create();
        const double value[4] = {2.0, 2.0, 2.0, 1.0};
        gamma->setValue(value);
        extra->setTransform(gamma, OCIO::COLORSPACE_DIR_TO_REFERENCE);
        edited->addColorSpace(extra);
        std::ofstream out(file);
        edited->serialize(out);
    }
    auto config = ColorConfig::fromFile(file);
    ASSERT_TRUE(config.isOk()) << config.status().message();
    EXPECT_FALSE(config->isBuiltin());
    EXPECT_EQ(config->source(), file.string());
    EXPECT_EQ(config->name(), "studio");
    EXPECT_TRUE(config->hasColorSpace("Studio Log"));
    EXPECT_TRUE(config->checkTransform("Studio Log", "ACEScct").isOk());

    auto chosen = ColorConfig::load(file);
    ASSERT_TRUE(chosen.isOk()) << chosen.status().message();
    EXPECT_TRUE(chosen->hasColorSpace("Studio Log"));

    ::setenv("OCIO", file.c_str(), 1);
    auto fromEnv = ColorConfig::load(std::nullopt);
    ::unsetenv("OCIO");
    ASSERT_TRUE(fromEnv.isOk()) << fromEnv.status().message();
    EXPECT_TRUE(fromEnv->hasColorSpace("Studio Log"));

    auto fallback = ColorConfig::load(std::nullopt);
    ASSERT_TRUE(fallback.isOk());
    EXPECT_TRUE(fallback->isBuiltin());
}

TEST(ColorConfig, WrapsAnOcioConfigMadeElsewhere) {
    ColorConfig raw = OcioAccess::wrap(OCIO::Config::CreateRaw(), "raw");
    EXPECT_EQ(raw.source(), "raw");
    EXPECT_FALSE(raw.isBuiltin());
    EXPECT_TRUE(raw.hasColorSpace("raw"));
    EXPECT_TRUE(raw.checkTransform("raw", "raw").isOk());
}

TEST(ColorConfig, MissingFileIsNotFoundAndNamesTheFile) {
    test::TempDir dir;
    const auto file = dir / "nowhere.ocio";
    auto config = ColorConfig::fromFile(file);
    ASSERT_FALSE(config.isOk());
    EXPECT_EQ(config.status().code(), ErrorCode::NotFound);
    EXPECT_NE(config.status().message().find(file.string()), std::string::npos)
        << config.status().message();

    ::setenv("OCIO", file.c_str(), 1);
    auto fromEnv = ColorConfig::load(std::nullopt);
    ::unsetenv("OCIO");
    ASSERT_FALSE(fromEnv.isOk());
    EXPECT_NE(fromEnv.status().message().find("$OCIO"), std::string::npos);
    EXPECT_NE(fromEnv.status().message().find(file.string()), std::string::npos);
}

TEST(ColorConfig, MalformedFileIsCorruptAndNamesTheFile) {
    test::TempDir dir;
    const std::vector<std::pair<std::string, std::string>> files = {
        {"garbage.ocio", "ocio_profile_version: 2\nroles: [unclosed\n"},
        {"not-yaml.ocio", "\x01\x02 this is not a config {{{"},
        {"dangling-role.ocio",
         "ocio_profile_version: 2\nroles:\n  default: Nowhere\ncolorspaces:\n"
         "  - !<ColorSpace>\n    name: Linear\n"},
    };
    for (const auto& [name, content] : files) {
        const auto file = dir / name;
        std::ofstream(file) << content;
        auto config = ColorConfig::fromFile(file);
        ASSERT_FALSE(config.isOk()) << name;
        EXPECT_EQ(config.status().code(), ErrorCode::CorruptData) << name;
        EXPECT_NE(config.status().message().find(file.string()), std::string::npos)
            << config.status().message();
    }
}

// Where OCIO knows the line, the message starts "file:line:" as a compiler's would.
TEST(ColorConfig, MalformedFileNamesTheLine) {
    test::TempDir dir;
    const std::vector<std::pair<std::string, int>> files = {
        {"ocio_profile_version: 2\nroles:\n  default: linear\ncolorspaces:\n"
         "  - !<ColorSpace>\n    name: linear\n"
         "    to_scene_reference: !<MatrixTransform> {matrix: [1, 2, 3]}\n",
         7},
        {"ocio_profile_version: 2\nroles:\n  default: linear\ncolorspaces:\n"
         "  - !<ColorSpace>\n    name: linear\n    bogus: [1, 2\n",
         8},
    };
    int index = 0;
    for (const auto& [content, line] : files) {
        const auto file = dir / ("bad" + std::to_string(index++) + ".ocio");
        std::ofstream(file) << content;
        auto config = ColorConfig::fromFile(file);
        ASSERT_FALSE(config.isOk());
        EXPECT_EQ(
            config.status().message().rfind(file.string() + ":" + std::to_string(line) + ": ", 0),
            0u)
            << config.status().message();
    }
}

}  // namespace
}  // namespace emu::color
