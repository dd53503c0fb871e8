#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/graph/Grade.h"
#include "emulsion/graph/NodeRegistry.h"

namespace emu::render {
class FrameGrader;
}

namespace emu::cli {

struct CliContext;
using render::FrameGrader;

// The colour options `grade` and `lut bake` share, in the order they apply to a frame:
// --from -> --to (the working space) before the grade, --cdl at the grade's end, the --lut
// files in order, then --display/--view. --look goes with the output transform when there is
// one, else with the input transform.
struct ColourArgs {
    std::string from;     // colour space of the input
    std::string to;       // working space to convert it to before the grade
    std::string display;  // with view: the output transform after the grade
    std::string view;
    std::string look;
    std::vector<std::string> luts;  // LUT files after the grade, before --display
    std::string cdl;                // FILE[#id]: a CDL node just before the grade's output
};

// Adds --from, --to, --display, --view, --look, --lut and --cdl to `cmd`; returns --cdl so a
// command can declare what excludes it.
CLI::Option* addColourOptions(CLI::App* cmd, ColourArgs& args);

// Whether there is an OCIO transform to run around the grade (--from or --lut).
bool hasTransform(const ColourArgs& args);

// Combinations that make no sense: --to/--display/--look without --from, --display without
// --view, --from with nowhere to go.
Status checkColourArgs(const ColourArgs& args);

// Builds the transforms of `args` into `grader` from the active config (--ocio, $OCIO, else the
// built-in one). Errors name the config, or the LUT file.
// `--from auto` takes the input's own colour space, `inputHint` (what its header says, e.g.
// ACES2065-1 for an EXR with AP0 chromaticities or a developed camera raw frame); it fails,
// naming `inputName`, when the header says nothing the config knows.
// Without --to the grade runs in the project working space: the config's color_timing role
// (ACEScct in the built-in config) when it has one, else the input space.
Status setTransforms(CliContext& context, const ColourArgs& args, FrameGrader& grader,
                     const std::string& inputHint = {}, const std::string& inputName = {});

// The grade to render: `gradeFile` (or an identity grade when empty) with the --cdl node added,
// validated against `registry`. Errors name the file they come from.
Result<graph::Grade> loadGradeWithCdl(const std::string& gradeFile, const ColourArgs& args,
                                      const graph::NodeRegistry& registry);

}  // namespace emu::cli
