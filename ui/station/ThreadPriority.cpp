#include "ThreadPriority.h"

#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

namespace emu::station {

void yieldToTheWindow() {
    constexpr int kLowestNice = 19;
    // On Linux a thread's niceness is its own: PRIO_PROCESS with the thread id lowers only it.
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kLowestNice);
    // An idle-class thread gives way at once to any ordinary thread that wakes; a nice 19 one
    // only when its slice ends, which is a visible frame when the "GPU" is the CPU.
    sched_param none{};
    sched_setscheduler(0, SCHED_IDLE, &none);
}

}  // namespace emu::station
