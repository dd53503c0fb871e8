#pragma once

// Second stage of the EDL reader: parsed events -> timeline. Internal to emu_conform_edl.

#include <string>
#include <vector>

#include "EdlParser.h"

namespace emu::conform::edl {

// Builds tracks V1 (cuts, dissolves, wipes, key backgrounds), V2 (key foregrounds) and A1..An
// from `edl`; record gaps become Gap items. Errors: InvalidArgument "file:line: what" for
// remarks that are malformed (ASC_SOP, ASC_SAT).
Result<timeline::Timeline> buildTimeline(const ParsedEdl& edl, const timeline::Rate& rate,
                                         const std::string& file,
                                         std::vector<timeline::Warning>& warnings);

}  // namespace emu::conform::edl
