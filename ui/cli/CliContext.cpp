#include "CliContext.h"

#include <unistd.h>

#include <cstdio>

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

int reportError(const Status& status) {
    std::fprintf(stderr, "emulsion: error: %s\n", status.message().c_str());
    return 1;
}

}  // namespace emu::cli
