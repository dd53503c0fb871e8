// The `emulsion` command: every job of the station, headless.
#include <CLI/CLI.hpp>

#include "CdlCommand.h"
#include "CliContext.h"
#include "ColorspacesCommand.h"
#include "ConformCommand.h"
#include "DemoCommand.h"
#include "GenerateCommand.h"
#include "GradeCommand.h"
#include "GraphCommand.h"
#include "InfoCommand.h"
#include "LutCommand.h"
#include "PanelsCommand.h"
#include "PlayCommand.h"
#include "PresetsCommand.h"
#include "ProbeCommand.h"
#include "RenderCommand.h"
#include "ScopeCommand.h"
#include "StationCommand.h"
#include "emulsion/media/ExrReader.h"

#include <thread>

int main(int argc, char** argv) {
    emu::cli::CliContext context;
    int exitCode = 0;

    CLI::App app("Emulsion: real-time colour grading and finishing", "emulsion");
    app.require_subcommand(1);
    app.fallthrough();  // global options may also follow the subcommand: `grade a b -q`
    app.set_version_flag("--version", EMULSION_VERSION);
    app.add_option("--device", context.deviceIndex,
                   "Vulkan device index (see `emulsion info`); overrides EMULSION_DEVICE");
    app.add_flag("-v,--verbose", context.verbose, "Report the device, GPU timings, each frame");
    app.add_flag("-q,--quiet", context.quiet, "No progress bar; only errors");
    app.add_option("--ocio", context.ocioConfig,
                   "OCIO config file replacing the built-in ACES config; overrides $OCIO");

    emu::cli::addInfoCommand(app, context, exitCode);
    emu::cli::addGradeCommand(app, context, exitCode);
    emu::cli::addGraphCommand(app, context, exitCode);
    emu::cli::addDemoCommand(app, context, exitCode);
    emu::cli::addScopeCommand(app, context, exitCode);
    emu::cli::addColorspacesCommand(app, context, exitCode);
    emu::cli::addCdlCommand(app, context, exitCode);
    emu::cli::addLutCommand(app, context, exitCode);
    emu::cli::addProbeCommand(app, context, exitCode);
    emu::cli::addGenerateCommand(app, context, exitCode);
    emu::cli::addPlayCommand(app, context, exitCode);
    emu::cli::addConformCommand(app, context, exitCode);
    emu::cli::addRenderCommand(app, context, exitCode);
    emu::cli::addPresetsCommand(app, context, exitCode);
    emu::cli::addPanelsCommand(app, context, exitCode);
    emu::cli::addStationCommand(app, context, exitCode);

    // OpenEXR decodes and encodes the chunks of one file on its own pool.
    emu::media::setExrThreadCount(static_cast<int>(std::thread::hardware_concurrency()));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    return exitCode;
}
