#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "emulsion/core/Result.h"
#include "emulsion/graph/Grade.h"

namespace emu::graph {

// The grade file format: JSON with a format name and version, node versions, parameters as
// numbers (arrays on one line) or strings (Text parameters: file paths are written as given,
// relative ones resolved when the grade is rendered), nodes and connections in id order, so
// that a diff of two versions shows what a colourist changed. Writing then reading gives an
// equal Grade. Version 2 added string parameters; version 1 files read unchanged.
inline constexpr int kGradeFormatVersion = 2;

std::string gradeToJson(const Grade& grade);

// Parses the format; structure only (validate() checks types and values against a registry).
// `sourceName` prefixes errors: "shot.json:12: ...". Never throws.
Result<Grade> gradeFromJson(std::string_view text, const std::string& sourceName);

Result<Grade> loadGrade(const std::filesystem::path& path);
// Written under a temporary name and renamed when complete.
Status saveGrade(const std::filesystem::path& path, const Grade& grade);

}  // namespace emu::graph
