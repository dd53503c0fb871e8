#pragma once

#include "emulsion/gpu/Device.h"

namespace emu::bench {

// The Vulkan device every benchmark of the run shares (validation off), created on first
// use; null when there is none (benchmarks then skip with an error).
gpu::Device* benchDevice();

}  // namespace emu::bench
