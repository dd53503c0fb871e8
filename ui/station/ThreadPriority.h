#pragma once

namespace emu::station {

// Puts the calling thread, and every thread it starts from now on, behind the window: it runs
// on CPU time that no ordinary thread wants (SCHED_IDLE, nice 19). For the viewer's renders and
// render jobs. On a machine without a GPU the engine's "GPU" is the driver's threads on the
// same cores as the window's drawing; the driver starts them from the thread that creates the
// device, and they inherit its policy, so this is called before the device exists. Figures
// before and after on two cores: docs/PERFORMANCE.md, "The station".
// Lowering needs no privilege; a refusal leaves the thread as it was.
// Thread: the thread being lowered.
void yieldToTheWindow();

}  // namespace emu::station
