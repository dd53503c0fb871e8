#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace emu::station {

// Durations in milliseconds, summarised as people read them.
// Thread: value type.
class FrameStats {
public:
    void add(double ms) { m_ms.push_back(ms); }
    std::size_t count() const { return m_ms.size(); }
    bool empty() const { return m_ms.empty(); }
    double max() const { return m_ms.empty() ? 0.0 : *std::max_element(m_ms.begin(), m_ms.end()); }
    // How many took longer than `ms`.
    std::size_t countOver(double ms) const {
        return std::size_t(
            std::count_if(m_ms.begin(), m_ms.end(), [ms](double v) { return v > ms; }));
    }
    // The q-quantile (0..1), nearest rank.
    double quantile(double q) const {
        if (m_ms.empty()) return 0.0;
        std::vector<double> sorted = m_ms;
        std::sort(sorted.begin(), sorted.end());
        const std::size_t rank = std::size_t(q * double(sorted.size() - 1) + 0.5);
        return sorted[std::min(rank, sorted.size() - 1)];
    }

private:
    std::vector<double> m_ms;
};

}  // namespace emu::station
