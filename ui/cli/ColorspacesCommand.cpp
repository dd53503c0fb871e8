#include "ColorspacesCommand.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "CliContext.h"
#include "emulsion/color/ColorConfig.h"

namespace emu::cli {

namespace {

std::string firstLine(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ",") + item;
    return out;
}

// "[encoding; category,category]": what a space holds and what it is meant for.
std::string kindOf(const color::ColorSpaceInfo& s) {
    std::string kind = s.encoding.empty() && s.isData ? "data" : s.encoding;
    if (!s.categories.empty()) kind += (kind.empty() ? "" : "; ") + join(s.categories);
    return "[" + kind + "]";
}

int width(std::size_t current, const std::string& text) {
    return static_cast<int>(std::max(current, text.size()));
}

void printSpaces(const color::ColorConfig& config) {
    const std::vector<color::ColorSpaceInfo> spaces = config.colorSpaces();
    int nameWidth = 0, familyWidth = 0, kindWidth = 0;
    for (const auto& s : spaces) {
        nameWidth = width(nameWidth, s.name);
        familyWidth = width(familyWidth, s.family);
        kindWidth = width(kindWidth, kindOf(s));
    }
    std::printf("Colour spaces (%zu):\n", spaces.size());
    bool displaySide = false;
    for (const auto& s : spaces) {
        if (s.isDisplayReferred && !displaySide) {
            std::printf("  display-referred:\n");
            displaySide = true;
        }
        std::printf("  %-*s  %-*s  %-*s  %s\n", nameWidth, s.name.c_str(), familyWidth,
                    s.family.c_str(), kindWidth, kindOf(s).c_str(),
                    firstLine(s.description).c_str());
    }
}

void printDisplays(const color::ColorConfig& config) {
    const std::string defaultDisplay = config.defaultDisplay();
    std::printf("\nDisplays and views:\n");
    for (const std::string& display : config.displays()) {
        std::printf("  %s%s\n", display.c_str(), display == defaultDisplay ? "  (default)" : "");
        const std::string defaultView = config.defaultView(display);
        const std::vector<color::ViewInfo> views = config.views(display);
        int nameWidth = 0;
        for (const color::ViewInfo& v : views) nameWidth = width(nameWidth, v.name);
        for (const color::ViewInfo& v : views) {
            // The view transform is named only where the view is not named after it.
            std::string how = "-> " + v.colorSpace;
            if (!v.viewTransform.empty() && v.viewTransform != v.name) {
                how = v.viewTransform + " " + how;
            }
            if (!v.looks.empty()) how = "looks " + v.looks + ", " + how;
            std::printf("    %-*s  %s%s\n", nameWidth, v.name.c_str(), how.c_str(),
                        v.name == defaultView ? "  (default)" : "");
        }
    }
}

void printLooksAndRoles(const color::ColorConfig& config) {
    std::printf("\nLooks:\n");
    const std::vector<color::LookInfo> looks = config.looks();
    if (looks.empty()) std::printf("  (none)\n");
    for (const color::LookInfo& l : looks) {
        std::printf("  %s  [in %s]  %s\n", l.name.c_str(), l.processSpace.c_str(),
                    firstLine(l.description).c_str());
    }
    std::printf("\nRoles:\n");
    for (const color::RoleInfo& r : config.roles()) {
        std::printf("  %-24s %s\n", r.role.c_str(), r.colorSpace.c_str());
    }
}

int runColorspaces(const std::optional<std::string>& ocioFile) {
    std::optional<std::filesystem::path> option;
    if (ocioFile) option = *ocioFile;
    auto config = color::ColorConfig::load(option);
    if (!config.isOk()) return reportError(config.status());
    std::printf("OCIO config: %s", config->source().c_str());
    if (!config->name().empty()) std::printf(" (%s)", config->name().c_str());
    std::printf("\n\n");
    printSpaces(*config);
    printDisplays(*config);
    printLooksAndRoles(*config);
    return 0;
}

}  // namespace

void addColorspacesCommand(CLI::App& app, CliContext& context, int& exitCode) {
    CLI::App* cmd = app.add_subcommand(
        "colorspaces",
        "List the colour spaces, displays, views, looks and roles of the OCIO config");
    // --ocio is a global option (CliContext), so `emulsion colorspaces --ocio FILE` reaches it
    // through fallthrough.
    cmd->callback([&context, &exitCode] {
        context.applyVerbosity();
        exitCode = runColorspaces(context.ocioConfig);
    });
}

}  // namespace emu::cli
