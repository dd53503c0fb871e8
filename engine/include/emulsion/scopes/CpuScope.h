#pragma once

#include "emulsion/core/Result.h"
#include "emulsion/media/Image.h"
#include "emulsion/scopes/ScopeData.h"

namespace emu::scopes {

// The reference the GPU scopes are tested against: the same bins, counted on the CPU with the
// same arithmetic, so the counts are equal. Alpha is ignored. Slow (one thread); for tests
// and tools, not for playback.
// Failure: InvalidArgument as makeEmptyScope, or for an empty image.
// Thread: pure function, safe from any thread.
Result<ScopeData> computeScopeCpu(const media::Image& image, const ScopeSettings& settings);

}  // namespace emu::scopes
