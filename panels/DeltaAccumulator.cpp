#include "emulsion/panels/DeltaAccumulator.h"

namespace emu::panels {

DeltaAccumulator::DeltaAccumulator(std::size_t slots) : m_slots(slots) {
    for (std::size_t i = 0; i < slots; ++i) m_slots[i].slot = i;
}

void DeltaAccumulator::add(std::size_t slot, double delta, std::int64_t timeNs) {
    std::lock_guard lock(m_mutex);
    if (slot >= m_slots.size()) return;
    Pending& p = m_slots[slot];
    if (p.reports == 0) p.oldestNs = timeNs;
    p.delta += delta;
    ++p.reports;
    ++m_totalAdds;
}

std::vector<DeltaAccumulator::Pending> DeltaAccumulator::drain() {
    std::vector<Pending> out;
    std::lock_guard lock(m_mutex);
    for (Pending& p : m_slots) {
        if (p.reports == 0) continue;
        out.push_back(p);
        p.delta = 0.0;
        p.reports = 0;
        p.oldestNs = 0;
    }
    return out;
}

std::size_t DeltaAccumulator::pendingSlots() const {
    std::lock_guard lock(m_mutex);
    std::size_t n = 0;
    for (const Pending& p : m_slots) n += p.reports != 0;
    return n;
}

std::uint64_t DeltaAccumulator::totalAdds() const {
    std::lock_guard lock(m_mutex);
    return m_totalAdds;
}

}  // namespace emu::panels
