#include "Progress.h"

#include <cstdio>

namespace emu::cli {

Progress::Progress(std::string label, int total, bool enabled)
    : m_label(std::move(label)),
      m_total(total),
      m_enabled(enabled),
      m_start(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
    finish();
}

void Progress::finish() {
    if (m_drawn) std::fputc('\n', stderr);
    m_drawn = false;
}

void Progress::advance(int done) {
    if (!m_enabled || m_total <= 0) return;
    constexpr int kWidth = 30;
    const double fraction = double(done) / m_total;
    const int filled = static_cast<int>(fraction * kWidth);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    const double rate = seconds > 0 ? done / seconds : 0.0;
    const int etaSeconds = rate > 0 ? static_cast<int>((m_total - done) / rate + 0.5) : 0;
    std::string bar(filled, '#');
    bar.append(kWidth - filled, '.');
    std::fprintf(stderr, "\r%s [%s] %d/%d  %.1f fps  ETA %02d:%02d ", m_label.c_str(), bar.c_str(),
                 done, m_total, rate, etaSeconds / 60, etaSeconds % 60);
    std::fflush(stderr);
    m_drawn = true;
}

}  // namespace emu::cli
