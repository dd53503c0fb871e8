#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::color {

// Names in the built-in config that the rest of the engine uses as defaults.
inline constexpr const char* kAces2065 = "ACES2065-1";
inline constexpr const char* kAcesCg = "ACEScg";
inline constexpr const char* kAcesCct = "ACEScct";
inline constexpr const char* kDefaultWorkingSpace = kAcesCct;

// One colour space as a config describes it.
struct ColorSpaceInfo {
    std::string name;
    std::string family;                   // "ACES", "Camera/Sony", ... ('/' separates levels)
    std::vector<std::string> categories;  // "working-space", "file-io", ...
    std::string encoding;                 // "scene-linear", "log", "sdr-video", "data", ...
    std::string description;
    bool isData = false;             // passes through every conversion unchanged
    bool isDisplayReferred = false;  // lives on the display side of the config
};

// One view of a display: either a colour space alone, or a view transform followed by a
// display colour space.
struct ViewInfo {
    std::string name;
    std::string viewTransform;  // empty for a view that names a colour space only
    std::string colorSpace;     // display colour space (or plain colour space)
    std::string looks;          // comma-separated look names applied before the view, or empty
    std::string description;
};

struct LookInfo {
    std::string name;
    std::string processSpace;  // the colour space the look is applied in
    std::string description;
};

struct RoleInfo {
    std::string role;        // "scene_linear", "compositing_log", ...
    std::string colorSpace;  // the colour space it stands for
};

class OcioAccess;

// The active OpenColorIO configuration: the built-in ACES config made in code, or a user's
// config file that replaces it. An immutable, cheaply copied handle; copies share the config.
// Every function returns errors as Status; no exception leaves this class.
// Thread: all const functions may be called from any thread at once.
class ColorConfig {
public:
    // The built-in ACES 1.3 config: ACES, camera log, linear utility and display colour spaces,
    // the ACES output transforms as views, the ACES reference gamut compression as a look.
    // Fails only on a bug (Internal).
    static Result<ColorConfig> builtin();

    // Loads and validates an OCIO config file. Errors name the file: NotFound when it does not
    // exist, CorruptData when OCIO cannot parse it or its content does not validate.
    static Result<ColorConfig> fromFile(const std::filesystem::path& file);

    // The config a command should use: `ocioOption` (from --ocio) when given, else the file in
    // $OCIO when that is set and not empty, else the built-in config. A file that fails to
    // load is an error; it never falls back silently.
    static Result<ColorConfig> load(const std::optional<std::filesystem::path>& ocioOption);

    // "built-in" or the config file's path, for messages.
    const std::string& source() const;
    bool isBuiltin() const;
    // The config's own name and description (may be empty for a user config).
    std::string name() const;
    std::string description() const;

    // Active colour spaces, scene-referred first then display-referred, in config order.
    std::vector<ColorSpaceInfo> colorSpaces() const;
    std::vector<std::string> colorSpaceNames() const;
    // Whether `name` resolves to a colour space (its name, an alias or a role).
    bool hasColorSpace(const std::string& name) const;

    std::vector<std::string> displays() const;
    std::string defaultDisplay() const;
    // The views of `display` in config order; empty when there is no such display.
    std::vector<ViewInfo> views(const std::string& display) const;
    std::string defaultView(const std::string& display) const;

    std::vector<LookInfo> looks() const;
    std::vector<RoleInfo> roles() const;

    // Runs OCIO's own validation of the whole config (references, roles, displays).
    Status validate() const;

    // Checks that a CPU processor converting `from` to `to` (colour space or role names),
    // with optional comma-separated `looks` applied on the way, can be built. NotFound names
    // an unknown colour space or look; InvalidArgument carries OCIO's reason otherwise.
    // Cost: builds and caches the processor in OCIO (milliseconds; LUT files are read).
    Status checkTransform(const std::string& from, const std::string& to,
                          const std::string& looks = {}) const;

    // Same for showing colour space `from` on `display` through `view`.
    Status checkDisplayView(const std::string& from, const std::string& display,
                            const std::string& view) const;

private:
    struct Impl;
    explicit ColorConfig(std::shared_ptr<const Impl> impl);
    friend class OcioAccess;

    std::shared_ptr<const Impl> m_impl;
};

}  // namespace emu::color
