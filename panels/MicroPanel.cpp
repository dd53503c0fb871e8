#include "emulsion/panels/MicroPanel.h"

namespace emu::panels {

MicroPanel::MicroPanel() {
    m_layout.model = "Blackmagic DaVinci Resolve Micro Panel";
    m_layout.balls = 3;
    m_layout.rings = 3;
    m_layout.knobs = 12;
    m_layout.buttons = 52;
}

void MicroPanel::decode(std::span<const std::uint8_t> report, std::int64_t,
                        std::vector<SurfaceEvent>&) {
    if (report.empty()) {
        ++m_stats.malformed;
        return;
    }
    ++m_stats.undecoded;
}

}  // namespace emu::panels
