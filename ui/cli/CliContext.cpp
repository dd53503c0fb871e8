#include "CliContext.h"

#include <unistd.h>

#include <cstdio>
#include <system_error>

#include "emulsion/color/ColorConfig.h"

namespace emu::cli {

void CliContext::applyVerbosity() {
    if (verbose) log.setLevel(core::LogLevel::Info);
    if (quiet) log.setLevel(core::LogLevel::Error);
}

Result<gpu::Device*> CliContext::device() {
    if (!m_device) {
        gpu::DeviceOptions options;
        options.index = deviceIndex;
        options.log = &log;
        EMU_ASSIGN_OR_RETURN(m_device, gpu::Device::create(options));
    }
    return m_device.get();
}

bool CliContext::showProgress() const {
    return !quiet && isatty(STDERR_FILENO);
}

Result<graph::OcioContext> CliContext::ocioContextFor(
    const graph::Grade& grade, const graph::NodeRegistry& registry,
    const std::filesystem::path& gradeFile) const {
    graph::OcioContext context;
    if (!gradeFile.empty()) {
        std::error_code ec;
        const std::filesystem::path absolute = std::filesystem::absolute(gradeFile, ec);
        context.baseFolder = (ec ? gradeFile : absolute).parent_path();
    }
    bool usesOcio = false;
    for (const graph::GradeNode& n : grade.nodes()) {
        const graph::NodeType* type = registry.find(n.type);
        usesOcio |= type && type->ocioRequest && !n.bypass;
    }
    if (usesOcio) {
        std::optional<std::filesystem::path> option;
        if (ocioConfig) option = *ocioConfig;
        EMU_ASSIGN_OR_RETURN(color::ColorConfig config, color::ColorConfig::load(option));
        context.config = std::move(config);
    }
    return context;
}

int reportError(const Status& status) {
    std::fprintf(stderr, "emulsion: error: %s\n", status.message().c_str());
    return 1;
}

}  // namespace emu::cli
