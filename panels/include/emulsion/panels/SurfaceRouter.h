#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "emulsion/panels/ActionQueue.h"
#include "emulsion/panels/DeltaAccumulator.h"
#include "emulsion/panels/Mapping.h"

namespace emu::panels {

// One accumulator slot: a parameter component of a node type.
struct ParamSlot {
    std::string nodeType;
    std::string param;
    int component = 0;
};

// Turns surface events into parameter deltas and queued actions through a mapping: keeps
// the current page, the held modifiers and the fine button. Relative controls add
// delta x gain (x fine scale while fine is held, with acceleration) to their slots; buttons
// push actions; page buttons change the page here.
// Thread: handle() from any input thread (one short lock); the rest from anywhere.
class SurfaceRouter {
public:
    explicit SurfaceRouter(Mapping mapping);

    // The slots every binding of every page writes, fixed for the mapping's life; size the
    // accumulator with slots().size().
    const std::vector<ParamSlot>& slots() const { return m_slots; }

    // Routes one event. May wait while the action queue is full (never drops).
    void handle(const SurfaceEvent& event, DeltaAccumulator& deltas, ActionQueue& actions);

    int currentPage() const { return m_page.load(); }
    std::string currentPageName() const;
    const Mapping& mapping() const { return m_mapping; }
    // Events no binding of the current page wanted.
    std::uint64_t unmapped() const { return m_unmapped.load(); }

private:
    struct Contribution {
        std::size_t slot = 0;
        double kx = 0.0;  // weight of the event's dx
        double ky = 0.0;  // weight of dy
    };
    struct Compiled {
        const Binding* binding = nullptr;
        std::vector<Contribution> contributions;
    };
    std::size_t slotFor(const std::string& nodeType, const std::string& param, int component);
    Compiled compile(const Binding& binding);
    const Compiled* find(const ControlId& control) const;  // under m_mutex

    Mapping m_mapping;
    std::vector<ParamSlot> m_slots;
    // [page][0 = base, 1 + i = layer i] -> compiled bindings
    std::vector<std::vector<std::vector<Compiled>>> m_compiled;
    mutable std::mutex m_mutex;
    std::atomic<int> m_page{0};
    std::vector<bool> m_modifierHeld;
    bool m_fineHeld = false;
    std::atomic<std::uint64_t> m_unmapped{0};
};

}  // namespace emu::panels
