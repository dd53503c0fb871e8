#include "emulsion/panels/SurfaceRouter.h"

#include <cmath>

namespace emu::panels {

namespace {

// A colour wheel's axes as r, g, b changes: x towards red, y towards green-minus-blue, each
// summing to zero so a ball moves the balance and leaves the level alone.
constexpr double kHalfSqrt3 = 0.86602540378443864676;

// Acceleration: a fast turn (many units in one report) moves further per unit.
double accelerated(double units, double accel) {
    const double speed = std::abs(units);
    return speed > 1.0 ? units * (1.0 + accel * (speed - 1.0)) : units;
}

}  // namespace

SurfaceRouter::SurfaceRouter(Mapping mapping) : m_mapping(std::move(mapping)) {
    m_modifierHeld.assign(m_mapping.modifiers.size(), false);
    for (const Page& page : m_mapping.pages) {
        std::vector<std::vector<Compiled>> levels;
        std::vector<Compiled> base;
        for (const Binding& b : page.bindings) base.push_back(compile(b));
        levels.push_back(std::move(base));
        for (const Layer& layer : page.layers) {
            std::vector<Compiled> l;
            for (const Binding& b : layer.bindings) l.push_back(compile(b));
            levels.push_back(std::move(l));
        }
        m_compiled.push_back(std::move(levels));
    }
}

std::size_t SurfaceRouter::slotFor(const std::string& nodeType, const std::string& param,
                                   int component) {
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        const ParamSlot& s = m_slots[i];
        if (s.nodeType == nodeType && s.param == param && s.component == component) return i;
    }
    m_slots.push_back({nodeType, param, component});
    return m_slots.size() - 1;
}

SurfaceRouter::Compiled SurfaceRouter::compile(const Binding& b) {
    Compiled c;
    c.binding = &b;
    if (b.isAction) return c;
    if (b.component == kChroma) {
        c.contributions.push_back({slotFor(b.nodeType, b.param, 0), 1.0, 0.0});
        c.contributions.push_back({slotFor(b.nodeType, b.param, 1), -0.5, kHalfSqrt3});
        c.contributions.push_back({slotFor(b.nodeType, b.param, 2), -0.5, -kHalfSqrt3});
    } else {
        c.contributions.push_back({slotFor(b.nodeType, b.param, b.component), 1.0, 0.0});
    }
    return c;
}

const SurfaceRouter::Compiled* SurfaceRouter::find(const ControlId& control) const {
    const int page = m_page.load();
    if (page < 0 || page >= static_cast<int>(m_compiled.size())) return nullptr;
    const auto& levels = m_compiled[page];
    const Page& desc = m_mapping.pages[page];
    // A held modifier's layer first (the first declared wins), then the page itself.
    for (std::size_t l = 0; l < desc.layers.size(); ++l) {
        for (std::size_t m = 0; m < m_mapping.modifiers.size(); ++m) {
            if (!m_modifierHeld[m] || m_mapping.modifiers[m].name != desc.layers[l].modifier) {
                continue;
            }
            for (const Compiled& c : levels[1 + l]) {
                if (c.binding->control == control) return &c;
            }
        }
    }
    for (const Compiled& c : levels[0]) {
        if (c.binding->control == control) return &c;
    }
    return nullptr;
}

void SurfaceRouter::handle(const SurfaceEvent& e, DeltaAccumulator& deltas, ActionQueue& actions) {
    std::optional<QueuedAction> toQueue;
    {
        std::lock_guard lock(m_mutex);
        if (e.control.kind == ControlKind::Button) {
            if (m_mapping.fineButton && *m_mapping.fineButton == e.control) {
                m_fineHeld = e.pressed;
                return;
            }
            for (std::size_t m = 0; m < m_mapping.modifiers.size(); ++m) {
                if (m_mapping.modifiers[m].button == e.control) {
                    m_modifierHeld[m] = e.pressed;
                    return;
                }
            }
        }
        const Compiled* c = find(e.control);
        if (!c) {
            ++m_unmapped;
            return;
        }
        const Binding& b = *c->binding;
        if (b.isAction) {
            if (!e.pressed) return;  // actions fire on press
            const int pages = static_cast<int>(m_mapping.pages.size());
            if (b.action == Action::NextPage) {
                m_page = (m_page.load() + 1) % pages;
            } else if (b.action == Action::PreviousPage) {
                m_page = (m_page.load() + pages - 1) % pages;
            } else {
                toQueue = QueuedAction{b.action, e.timeNs};
            }
        } else {
            const double scale = b.gain * (m_fineHeld ? m_mapping.fineScale : 1.0);
            const double x = accelerated(e.dx, b.accel) * scale;
            const double y = accelerated(e.dy, b.accel) * scale;
            for (const Contribution& k : c->contributions) {
                const double d = k.kx * x + k.ky * y;
                if (d != 0.0) deltas.add(k.slot, d, e.timeNs);
            }
        }
    }
    // Outside the lock: a full queue blocks this input thread only, never the others.
    if (toQueue) actions.push(*toQueue);
}

std::string SurfaceRouter::currentPageName() const {
    const int page = m_page.load();
    return page < static_cast<int>(m_mapping.pages.size()) ? m_mapping.pages[page].name : "";
}

}  // namespace emu::panels
