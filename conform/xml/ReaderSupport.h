#pragma once

// Helpers both FCP readers use: "file:line: problem" errors and warnings, whole numbers,
// file URLs. Private to emu_conform_xml.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "XmlTree.h"
#include "emulsion/core/Result.h"
#include "emulsion/timeline/Timeline.h"

namespace emu::conform {

struct ReaderContext {
    std::string file;  // names the document in messages
    std::vector<timeline::Warning> warnings;

    Status error(int line, const std::string& problem,
                 ErrorCode code = ErrorCode::CorruptData) const {
        return makeError(code, file + ":" + std::to_string(line) + ": " + problem);
    }
    void warn(int line, std::string problem) { warnings.push_back({line, std::move(problem)}); }
};

// A decimal whole number, optionally signed; nullopt for anything else.
std::optional<std::int64_t> parseWholeNumber(const std::string& text);

// "file://localhost/Volumes/A%20B.mov", "file:///C:/x.mov" or a plain path -> a local path,
// percent escapes decoded. InvalidArgument for a malformed escape or another scheme.
Result<std::filesystem::path> pathFromUrl(const std::string& url);

}  // namespace emu::conform
