#include "InfoCommand.h"

#include <cstdio>

#include "CliContext.h"
#include "LibraryVersions.h"

namespace emu::cli {

namespace {

int runInfo(CliContext& context) {
    std::printf("Emulsion %s\n\n", EMULSION_VERSION);
    auto devices = gpu::Device::enumerate();
    if (!devices.isOk()) return reportError(devices.status());

    auto chosen = context.device();
    const int chosenIndex = chosen.isOk() ? (*chosen)->info().index : -1;
    std::printf("Vulkan devices:\n");
    if (devices->empty()) std::printf("  (none)\n");
    for (const gpu::DeviceInfo& d : *devices) {
        std::printf("  %c %d: %s  [%s, Vulkan %s, driver %s %s]%s\n",
                    d.index == chosenIndex ? '*' : ' ', d.index, d.name.c_str(),
                    gpu::toString(d.kind), gpu::apiVersionString(d.apiVersion).c_str(),
                    d.driverName.c_str(), d.driverInfo.c_str(),
                    d.hasComputeQueue ? "" : "  (no compute queue)");
    }
    if (chosen.isOk()) {
        const gpu::Device& dev = **chosen;
        std::printf("Chosen device: %d: %s (%s)\n", dev.info().index, dev.info().name.c_str(),
                    gpu::toString(dev.info().kind));
        std::printf("  max image size %u px, timestamps %s, validation %s\n",
                    dev.properties().limits.maxImageDimension2D,
                    dev.timestampPeriodNs() > 0 ? "yes" : "no",
                    dev.validationEnabled() ? "on" : "off");
    } else {
        std::printf("Chosen device: none (%s)\n", chosen.status().message().c_str());
    }
    std::printf("\nLibraries:\n");
    for (const auto& [name, version] : libraryVersions()) {
        std::printf("  %-12s %s\n", name.c_str(), version.c_str());
    }
    return chosen.isOk() ? 0 : 1;
}

}  // namespace

void addInfoCommand(CLI::App& app, CliContext& context, int& exitCode) {
    CLI::App* cmd = app.add_subcommand(
        "info", "Show the Vulkan devices (and which is used) and the library versions");
    cmd->callback([&context, &exitCode] {
        context.applyVerbosity();
        exitCode = runInfo(context);
    });
}

}  // namespace emu::cli
