#pragma once

#include <cstdint>
#include <mutex>
#include <vector>

namespace emu::panels {

// Per-parameter sums of relative changes, filled by the devices' input threads and emptied by
// the engine once per rendered frame. However fast reports arrive, what waits for the next
// frame is one number per parameter component: no backlog can build up, and a frame always
// applies everything that arrived before it.
// Thread: add() from any input thread, drain() from the engine; one short lock each.
class DeltaAccumulator {
public:
    explicit DeltaAccumulator(std::size_t slots);

    struct Pending {
        std::size_t slot = 0;
        double delta = 0.0;         // sum since the last drain
        std::uint32_t reports = 0;  // how many adds made it
        std::int64_t oldestNs = 0;  // time of the oldest of those adds
    };

    // Adds `delta` to `slot` (ignored when out of range). `timeNs`: when the report was read.
    void add(std::size_t slot, double delta, std::int64_t timeNs);
    // Every slot with adds since the last drain, and empties them.
    std::vector<Pending> drain();
    // Slots holding adds not yet drained.
    std::size_t pendingSlots() const;
    std::size_t slotCount() const { return m_slots.size(); }
    std::uint64_t totalAdds() const;

private:
    mutable std::mutex m_mutex;
    std::vector<Pending> m_slots;
    std::uint64_t m_totalAdds = 0;
};

}  // namespace emu::panels
