#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "emulsion/core/Log.h"
#include "emulsion/core/Result.h"
#include "emulsion/gpu/Device.h"
#include "emulsion/graph/Grade.h"
#include "emulsion/graph/OcioNode.h"

namespace emu::cli {

// Options every subcommand shares, and the services they open on demand.
// Thread: main thread.
struct CliContext {
    std::optional<int> deviceIndex;  // --device N
    bool verbose = false;            // --verbose: device, GPU timings, per-frame detail
    bool quiet = false;              // --quiet: no progress bar, only errors
    // --ocio FILE: an OCIO config replacing the built-in one (else $OCIO, else built-in)
    std::optional<std::string> ocioConfig;
    core::Log log{core::LogLevel::Warning};

    // Sets the log level from --verbose / --quiet. Subcommands call it first: their callbacks
    // run inside parsing, once every option has been read.
    void applyVerbosity();

    // Creates the Vulkan device on first use (--device, then EMULSION_DEVICE, then automatic).
    Result<gpu::Device*> device();

    // Whether to draw a progress bar: stderr is a terminal and --quiet is off.
    bool showProgress() const;

    // What the OCIO nodes (lut, cst) of `grade`, read from `gradeFile`, render with: the
    // config of --ocio / $OCIO / the built-in one (loaded only when the grade has such a node),
    // and the grade file's folder, against which relative LUT paths resolve.
    Result<graph::OcioContext> ocioContextFor(const graph::Grade& grade,
                                              const graph::NodeRegistry& registry,
                                              const std::filesystem::path& gradeFile) const;

private:
    std::unique_ptr<gpu::Device> m_device;
};

// Prints "emulsion: error: <message>" to stderr and returns the failure exit code.
int reportError(const Status& status);

}  // namespace emu::cli
