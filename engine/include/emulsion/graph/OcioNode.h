#pragma once

#include <filesystem>
#include <optional>

#include "emulsion/color/ColorConfig.h"
#include "emulsion/color/OcioShader.h"
#include "emulsion/core/Result.h"
#include "emulsion/graph/Grade.h"

namespace emu::graph {

// Where OpenColorIO nodes (lut, cst) find their colour spaces and files.
struct OcioContext {
    std::optional<color::ColorConfig> config;  // empty: the built-in ACES config
    // Relative LUT paths resolve against this folder (the grade file's folder when a command
    // loads a grade); empty: the working directory. Paths in the grade stay as written.
    std::filesystem::path baseFolder;
};

// The config to use: context.config, else the built-in one. Fails only on a bug.
Result<color::ColorConfig> activeConfig(const OcioContext& context);

// The transform of `node`, whose type has an ocioRequest; nullopt when it passes its input
// through. Errors are "node 4 (lut 'Show LUT'): ..." with the parameter, file or colour space.
Result<std::optional<color::OcioShaderRequest>> ocioRequestOf(const Grade& grade,
                                                              const GradeNode& node,
                                                              const NodeType& type,
                                                              const OcioContext& context);

// OCIO's cache id of that transform ("identity" when there is none): the processor is built,
// so a missing or malformed file, an unknown colour space or look fails here, naming the node.
// Cost: microseconds once OCIO has cached the processor. Thread: any.
Result<std::string> ocioCacheIdOf(const Grade& grade, const GradeNode& node, const NodeType& type,
                                  const color::ColorConfig& config, const OcioContext& context);

}  // namespace emu::graph
