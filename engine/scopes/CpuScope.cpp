#include "emulsion/scopes/CpuScope.h"

#include "ScopeMath.h"

namespace emu::scopes {

namespace {

// Counts the way shaders/include/scopes.glsl does; see there for the rules.
class Counter {
public:
    explicit Counter(ScopeData& d) : m_d(d) {}

    void value(int plane, float v, int column) {
        PlaneStats& s = m_d.stats[std::size_t(plane)];
        if (math::isNan(v)) {
            s.nan++;
            return;
        }
        if (v < 0.0f) {
            s.below++;
        } else if (v > 1.0f) {
            s.above++;
        }
        const int y = math::bin(v, m_d.height == 1 ? m_d.width : m_d.height);
        if (m_d.height == 1) {
            m_d.counts[std::size_t(plane) * std::size_t(m_d.width) + std::size_t(y)]++;
        } else {
            m_d.counts[(std::size_t(plane) * m_d.height + y) * m_d.width + column]++;
        }
    }

    void chroma(float r, float g, float b) {
        const float cb = math::weigh(r, g, b, math::kCb);
        const float cr = math::weigh(r, g, b, math::kCr);
        PlaneStats& s = m_d.stats[0];
        if (math::isNan(cb) || math::isNan(cr)) {
            s.nan++;
            return;
        }
        if (cb < -0.5f || cb > 0.5f || cr < -0.5f || cr > 0.5f) s.above++;
        const float u = cb + 0.5f;
        const float v = cr + 0.5f;
        const int n = m_d.width;
        m_d.counts[std::size_t(math::bin(v, n)) * n + std::size_t(math::bin(u, n))]++;
    }

private:
    ScopeData& m_d;
};

}  // namespace

Result<ScopeData> computeScopeCpu(const media::Image& image, const ScopeSettings& settings) {
    EMU_ASSIGN_OR_RETURN(ScopeData d, makeEmptyScope(settings, image.width(), image.height()));
    Counter counter(d);
    const bool half = image.type() == media::PixelType::Half;
    const auto* h = reinterpret_cast<const std::uint16_t*>(image.data());
    const auto* f = reinterpret_cast<const float*>(image.data());
    auto sample = [&](std::size_t i) { return half ? media::halfToFloat(h[i]) : f[i]; };
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const std::size_t i = (std::size_t(y) * image.width() + x) * 4;
            const float r = math::flush(sample(i));
            const float g = math::flush(sample(i + 1));
            const float b = math::flush(sample(i + 2));
            const bool columns =
                settings.type == ScopeType::Waveform || settings.type == ScopeType::Parade;
            const int column = columns ? math::column(x, d.width, image.width()) : 0;
            switch (settings.type) {
                case ScopeType::Waveform:
                    counter.value(0, math::weigh(r, g, b, math::kLuma), column);
                    break;
                case ScopeType::Parade:
                case ScopeType::Histogram:
                    counter.value(0, r, column);
                    counter.value(1, g, column);
                    counter.value(2, b, column);
                    break;
                case ScopeType::Vectorscope:
                    counter.chroma(r, g, b);
                    break;
            }
        }
    }
    return d;
}

}  // namespace emu::scopes
