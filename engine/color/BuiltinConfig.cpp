#include "BuiltinConfig.h"

#include <array>
#include <span>
#include <string>

namespace emu::color {

namespace OCIO = OCIO_NAMESPACE;

namespace {

// Scene-referred colour spaces defined by one BuiltinTransform to ACES2065-1.
struct SceneSpace {
    const char* name;
    const char* family;
    const char* category;
    const char* encoding;
    const char* toAces2065;  // BuiltinTransform style
    const char* description;
};

constexpr SceneSpace kSceneSpaces[] = {
    {"ACEScg", "ACES", "working-space", "scene-linear", "ACEScg_to_ACES2065-1",
     "ACES AP1 primaries, linear: the CG rendering and compositing space"},
    {"ACEScct", "ACES", "working-space", "log", "ACEScct_to_ACES2065-1",
     "ACES AP1 primaries, log with a toe: the grading space"},
    {"ACEScc", "ACES", "working-space", "log", "ACEScc_to_ACES2065-1",
     "ACES AP1 primaries, pure log: the older grading space"},
    {"ARRI LogC EI800 AWG", "Camera/ARRI", "file-io", "log",
     "ARRI_ALEXA-LOGC-EI800-AWG_to_ACES2065-1", "ARRI ALEXA LogC (EI800), ALEXA Wide Gamut"},
    {"Sony S-Log3 S-Gamut3", "Camera/Sony", "file-io", "log", "SONY_SLOG3-SGAMUT3_to_ACES2065-1",
     "Sony S-Log3, S-Gamut3"},
    {"Sony S-Log3 S-Gamut3.Cine", "Camera/Sony", "file-io", "log",
     "SONY_SLOG3-SGAMUT3.CINE_to_ACES2065-1", "Sony S-Log3, S-Gamut3.Cine"},
    {"Sony S-Log3 Venice S-Gamut3", "Camera/Sony", "file-io", "log",
     "SONY_SLOG3-SGAMUT3-VENICE_to_ACES2065-1", "Sony S-Log3, S-Gamut3 as measured on VENICE"},
    {"Sony S-Log3 Venice S-Gamut3.Cine", "Camera/Sony", "file-io", "log",
     "SONY_SLOG3-SGAMUT3.CINE-VENICE_to_ACES2065-1",
     "Sony S-Log3, S-Gamut3.Cine as measured on VENICE"},
    {"RED Log3G10 REDWideGamutRGB", "Camera/RED", "file-io", "log", "RED_LOG3G10-RWG_to_ACES2065-1",
     "RED Log3G10, REDWideGamutRGB"},
    {"Canon CLog2 Cinema Gamut", "Camera/Canon", "file-io", "log",
     "CANON_CLOG2-CGAMUT_to_ACES2065-1", "Canon Log 2, Cinema Gamut"},
    {"Canon CLog3 Cinema Gamut", "Camera/Canon", "file-io", "log",
     "CANON_CLOG3-CGAMUT_to_ACES2065-1", "Canon Log 3, Cinema Gamut"},
    {"Panasonic V-Log V-Gamut", "Camera/Panasonic", "file-io", "log",
     "PANASONIC_VLOG-VGAMUT_to_ACES2065-1", "Panasonic V-Log, V-Gamut"},
};

// CIE 1931 xy chromaticities of an RGB space's primaries and white.
struct Chromaticities {
    std::array<double, 2> red, green, blue, white;
};

constexpr Chromaticities kRec709 = {{0.64, 0.33}, {0.30, 0.60}, {0.15, 0.06}, {0.3127, 0.3290}};
constexpr Chromaticities kP3D65 = {
    {0.680, 0.320}, {0.265, 0.690}, {0.150, 0.060}, {0.3127, 0.3290}};
constexpr Chromaticities kRec2020 = {
    {0.708, 0.292}, {0.170, 0.797}, {0.131, 0.046}, {0.3127, 0.3290}};

// Linear RGB spaces with a D65 white, defined through CIE XYZ (D65).
struct LinearSpace {
    const char* name;
    Chromaticities primaries;
    const char* description;
};

constexpr LinearSpace kLinearSpaces[] = {
    {"Linear Rec.709 (sRGB)", kRec709, "Rec.709 / sRGB primaries, D65 white, linear"},
    {"Linear P3-D65", kP3D65, "P3 primaries, D65 white, linear"},
    {"Linear Rec.2020", kRec2020, "Rec.2020 primaries, D65 white, linear"},
};

// Display colour spaces defined by one BuiltinTransform from CIE XYZ (D65).
struct DisplaySpace {
    const char* name;
    const char* encoding;
    const char* fromXyzD65;
    const char* description;
};

constexpr const char* kXyzD65 = "CIE-XYZ-D65";

constexpr DisplaySpace kDisplaySpaces[] = {
    {"sRGB - Display", "sdr-video", "DISPLAY - CIE-XYZ-D65_to_sRGB",
     "sRGB display: Rec.709 primaries, piecewise sRGB EOTF"},
    {"Rec.1886 Rec.709 - Display", "sdr-video", "DISPLAY - CIE-XYZ-D65_to_REC.1886-REC.709",
     "HD video display: Rec.709 primaries, BT.1886 EOTF (gamma 2.4)"},
    {"P3-DCI - Display", "sdr-video", "DISPLAY - CIE-XYZ-D65_to_G2.6-P3-DCI-BFD",
     "Cinema projector: P3 primaries, DCI white, gamma 2.6"},
    {"P3-D65 - Display", "sdr-video", "DISPLAY - CIE-XYZ-D65_to_G2.6-P3-D65",
     "P3 primaries, D65 white, gamma 2.6"},
    {"Rec.2100-PQ - Display", "hdr-video", "DISPLAY - CIE-XYZ-D65_to_REC.2100-PQ",
     "HDR video display: Rec.2020 primaries, SMPTE ST 2084 (PQ)"},
    {"Rec.2100-HLG - Display", "hdr-video", "DISPLAY - CIE-XYZ-D65_to_REC.2100-HLG-1000nit",
     "HDR video display: Rec.2020 primaries, HLG for a 1000 nit display"},
};

// View transforms from ACES2065-1 to CIE XYZ (D65).
struct ViewTransformDef {
    const char* name;
    const char* style;
    const char* description;
};

constexpr const char* kUntoneMapped = "Un-tone-mapped";
constexpr const char* kAcesOutput = "ACES-OUTPUT - ACES2065-1_to_CIE-XYZ-D65 - ";

constexpr ViewTransformDef kViewTransforms[] = {
    // First: OCIO uses the default view transform to convert between scene-referred and
    // display-referred colour spaces directly, which should be a plain colorimetric matrix.
    {kUntoneMapped, "UTILITY - ACES-AP0_to_CIE-XYZ-D65_BFD",
     "Colorimetric conversion without tone mapping"},
    {"ACES 1.0 - SDR Video", "SDR-VIDEO_1.0", "ACES output transform for SDR video (100 nit)"},
    {"ACES 1.0 - SDR Cinema", "SDR-CINEMA_1.0", "ACES output transform for SDR cinema (48 nit)"},
    {"ACES 1.0 - SDR Cinema (D60 sim on DCI)", "SDR-CINEMA-D60sim-DCI_1.0",
     "ACES output transform for SDR cinema, ACES white on a DCI-white projector"},
    {"ACES 1.1 - SDR Cinema (D65 sim on DCI)", "SDR-CINEMA-D65sim-DCI_1.1",
     "ACES output transform for SDR cinema, D65 white on a DCI-white projector"},
    {"ACES 1.1 - HDR Video (1000 nits & Rec.2020 lim)", "HDR-VIDEO-1000nit-15nit-REC2020lim_1.1",
     "ACES output transform for 1000 nit HDR video, limited to Rec.2020"},
    {"ACES 1.1 - HDR Video (1000 nits & P3 lim)", "HDR-VIDEO-1000nit-15nit-P3lim_1.1",
     "ACES output transform for 1000 nit HDR video, limited to P3"},
};

struct DisplayDef {
    const char* display;
    const char* colorSpace;
    std::span<const char* const> views;  // view transform names; "Raw" is added to each
};

constexpr const char* kSdrVideoViews[] = {"ACES 1.0 - SDR Video", kUntoneMapped};
constexpr const char* kP3DciViews[] = {"ACES 1.0 - SDR Cinema (D60 sim on DCI)",
                                       "ACES 1.1 - SDR Cinema (D65 sim on DCI)"};
constexpr const char* kP3D65Views[] = {"ACES 1.0 - SDR Cinema", kUntoneMapped};
constexpr const char* kHdrViews[] = {"ACES 1.1 - HDR Video (1000 nits & Rec.2020 lim)",
                                     "ACES 1.1 - HDR Video (1000 nits & P3 lim)"};

constexpr DisplayDef kDisplays[] = {
    {"sRGB", "sRGB - Display", kSdrVideoViews},
    {"Rec.1886 Rec.709", "Rec.1886 Rec.709 - Display", kSdrVideoViews},
    {"P3-DCI", "P3-DCI - Display", kP3DciViews},
    {"P3-D65", "P3-D65 - Display", kP3D65Views},
    {"Rec.2100-PQ", "Rec.2100-PQ - Display", kHdrViews},
    {"Rec.2100-HLG", "Rec.2100-HLG - Display", kHdrViews},
};

constexpr const char* kRaw = "Raw";
constexpr const char* kGamutCompression = "ACES 1.3 Reference Gamut Compression";

using Matrix3 = std::array<std::array<double, 3>, 3>;

Matrix3 inverse(const Matrix3& m) {
    const double c00 = m[1][1] * m[2][2] - m[1][2] * m[2][1];
    const double c01 = m[1][2] * m[2][0] - m[1][0] * m[2][2];
    const double c02 = m[1][0] * m[2][1] - m[1][1] * m[2][0];
    const double det = m[0][0] * c00 + m[0][1] * c01 + m[0][2] * c02;
    Matrix3 r{};
    r[0] = {c00 / det, (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det,
            (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det};
    r[1] = {c01 / det, (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det,
            (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det};
    r[2] = {c02 / det, (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det,
            (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det};
    return r;
}

// The RGB to XYZ matrix of an RGB space: each primary's XYZ at unit luminance, scaled so that
// RGB (1, 1, 1) lands on the white point with Y = 1.
Matrix3 rgbToXyz(const Chromaticities& c) {
    const auto xyz = [](const std::array<double, 2>& xy) {
        return std::array<double, 3>{xy[0] / xy[1], 1.0, (1.0 - xy[0] - xy[1]) / xy[1]};
    };
    const std::array<double, 3> r = xyz(c.red), g = xyz(c.green), b = xyz(c.blue);
    const std::array<double, 3> w = xyz(c.white);
    const Matrix3 p = {{{r[0], g[0], b[0]}, {r[1], g[1], b[1]}, {r[2], g[2], b[2]}}};
    const Matrix3 pInv = inverse(p);
    std::array<double, 3> s{};
    for (int i = 0; i < 3; ++i) s[i] = pInv[i][0] * w[0] + pInv[i][1] * w[1] + pInv[i][2] * w[2];
    Matrix3 m{};
    for (int row = 0; row < 3; ++row) {
        for (int col = 0; col < 3; ++col) m[row][col] = p[row][col] * s[col];
    }
    return m;
}

OCIO::TransformRcPtr builtin(const std::string& style,
                             OCIO::TransformDirection direction = OCIO::TRANSFORM_DIR_FORWARD) {
    OCIO::BuiltinTransformRcPtr t = OCIO::BuiltinTransform::Create();
    t->setStyle(style.c_str());
    t->setDirection(direction);
    return t;
}

OCIO::ColorSpaceRcPtr makeSpace(OCIO::ReferenceSpaceType reference, const char* name,
                                const char* family, const char* encoding, const char* description) {
    OCIO::ColorSpaceRcPtr cs = OCIO::ColorSpace::Create(reference);
    cs->setName(name);
    cs->setFamily(family);
    cs->setEncoding(encoding);
    cs->setDescription(description);
    return cs;
}

void addSceneSpaces(OCIO::Config& config) {
    OCIO::ColorSpaceRcPtr aces =
        makeSpace(OCIO::REFERENCE_SPACE_SCENE, "ACES2065-1", "ACES", "scene-linear",
                  "ACES AP0 primaries, linear: the archive and "
                  "interchange space, reference of this config");
    aces->addCategory("file-io");
    config.addColorSpace(aces);
    for (const SceneSpace& s : kSceneSpaces) {
        OCIO::ColorSpaceRcPtr cs =
            makeSpace(OCIO::REFERENCE_SPACE_SCENE, s.name, s.family, s.encoding, s.description);
        cs->addCategory(s.category);
        cs->setTransform(builtin(s.toAces2065), OCIO::COLORSPACE_DIR_TO_REFERENCE);
        config.addColorSpace(cs);
    }
    for (const LinearSpace& s : kLinearSpaces) {
        const Matrix3 m = rgbToXyz(s.primaries);
        const double m44[16] = {m[0][0], m[0][1], m[0][2], 0, m[1][0], m[1][1], m[1][2], 0,
                                m[2][0], m[2][1], m[2][2], 0, 0,       0,       0,       1};
        OCIO::MatrixTransformRcPtr toXyz = OCIO::MatrixTransform::Create();
        toXyz->setMatrix(m44);
        OCIO::GroupTransformRcPtr toAces = OCIO::GroupTransform::Create();
        toAces->appendTransform(toXyz);
        toAces->appendTransform(
            builtin("UTILITY - ACES-AP0_to_CIE-XYZ-D65_BFD", OCIO::TRANSFORM_DIR_INVERSE));
        OCIO::ColorSpaceRcPtr cs = makeSpace(OCIO::REFERENCE_SPACE_SCENE, s.name, "Utility/Linear",
                                             "scene-linear", s.description);
        cs->addCategory("working-space");
        cs->addCategory("file-io");
        cs->setTransform(toAces, OCIO::COLORSPACE_DIR_TO_REFERENCE);
        config.addColorSpace(cs);
    }
    OCIO::ColorSpaceRcPtr raw = makeSpace(OCIO::REFERENCE_SPACE_SCENE, kRaw, "Utility", "data",
                                          "Data, not colour: passes through unchanged");
    raw->setIsData(true);
    raw->addCategory("file-io");
    config.addColorSpace(raw);
}

void addDisplaySide(OCIO::Config& config) {
    config.addColorSpace(makeSpace(OCIO::REFERENCE_SPACE_DISPLAY, kXyzD65, "Display",
                                   "display-linear",
                                   "CIE XYZ with a D65 white: the display reference of this "
                                   "config"));
    for (const DisplaySpace& d : kDisplaySpaces) {
        OCIO::ColorSpaceRcPtr cs =
            makeSpace(OCIO::REFERENCE_SPACE_DISPLAY, d.name, "Display", d.encoding, d.description);
        cs->setTransform(builtin(d.fromXyzD65), OCIO::COLORSPACE_DIR_FROM_REFERENCE);
        config.addColorSpace(cs);
    }
    for (const ViewTransformDef& v : kViewTransforms) {
        OCIO::ViewTransformRcPtr vt = OCIO::ViewTransform::Create(OCIO::REFERENCE_SPACE_SCENE);
        vt->setName(v.name);
        vt->setDescription(v.description);
        const std::string style = std::string(v.style).starts_with("UTILITY")
                                      ? std::string(v.style)
                                      : std::string(kAcesOutput) + v.style;
        vt->setTransform(builtin(style), OCIO::VIEWTRANSFORM_DIR_FROM_REFERENCE);
        config.addViewTransform(vt);
    }
    config.setDefaultViewTransformName(kUntoneMapped);
    for (const DisplayDef& d : kDisplays) {
        for (const char* view : d.views) {
            config.addDisplayView(d.display, view, view, d.colorSpace, "", "", "");
        }
        config.addDisplayView(d.display, kRaw, "", kRaw, "", "",
                              "No conversion: code values as they are");
    }
}

void addLooksAndRoles(OCIO::Config& config) {
    OCIO::LookRcPtr look = OCIO::Look::Create();
    look->setName(kGamutCompression);
    look->setProcessSpace("ACES2065-1");
    look->setTransform(builtin("ACES-LMT - ACES 1.3 Reference Gamut Compression"));
    look->setDescription("Brings out-of-gamut camera colours into AP1 smoothly (ACES 1.3 RGC)");
    config.addLook(look);

    config.setRole(OCIO::ROLE_REFERENCE, "ACES2065-1");
    config.setRole(OCIO::ROLE_DEFAULT, "ACES2065-1");
    config.setRole(OCIO::ROLE_INTERCHANGE_SCENE, "ACES2065-1");
    config.setRole(OCIO::ROLE_INTERCHANGE_DISPLAY, kXyzD65);
    config.setRole(OCIO::ROLE_SCENE_LINEAR, "ACEScg");
    config.setRole(OCIO::ROLE_RENDERING, "ACEScg");
    config.setRole(OCIO::ROLE_COMPOSITING_LOG, "ACEScct");
    config.setRole(OCIO::ROLE_COLOR_TIMING, "ACEScct");
    config.setRole(OCIO::ROLE_DATA, kRaw);
}

}  // namespace

OCIO::ConstConfigRcPtr makeBuiltinConfig() {
    OCIO::ConfigRcPtr config = OCIO::Config::Create();
    config->setName("emulsion-builtin-aces-1.3");
    config->setDescription("Built-in ACES 1.3 config made from OpenColorIO's built-in transforms");
    addSceneSpaces(*config);
    addDisplaySide(*config);
    addLooksAndRoles(*config);
    return config;
}

}  // namespace emu::color
