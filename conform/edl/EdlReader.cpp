#include <fstream>
#include <system_error>

#include "EdlBuilder.h"
#include "EdlParser.h"
#include "emulsion/conform/Edl.h"

namespace emu::conform {

Result<EdlResult> readEdlText(std::string_view text, const timeline::Rate& rate,
                              const std::string& sourceName) {
    EdlResult result;
    EMU_ASSIGN_OR_RETURN(auto parsed, edl::parseEdl(text, rate, sourceName, result.warnings));
    EMU_ASSIGN_OR_RETURN(result.timeline,
                         edl::buildTimeline(parsed, rate, sourceName, result.warnings));
    return result;
}

Result<EdlResult> readEdl(const std::filesystem::path& path, const timeline::Rate& rate) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return makeError(ErrorCode::NotFound, path.string() + ": " + ec.message());
    // Refused before reading: an EDL is text of a few hundred kilobytes at most.
    if (size > kEdlMaxFileBytes) {
        return makeError(ErrorCode::InvalidArgument, path.string() + ": larger than " +
                                                         std::to_string(kEdlMaxFileBytes) +
                                                         " bytes; not an EDL");
    }
    std::ifstream in(path, std::ios::binary);
    std::string text(size, '\0');
    if (!in || !in.read(text.data(), std::streamsize(size))) {
        return makeError(ErrorCode::IoError, path.string() + ": cannot be read");
    }
    return readEdlText(text, rate, path.string());
}

}  // namespace emu::conform
