#include "emulsion/media/Prefetcher.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "emulsion/media/ClipRegistry.h"

namespace emu::media {

Prefetcher::Prefetcher(FrameCache& cache, std::string clipKey, PrefetchOptions options)
    : m_cache(cache), m_clipKey(std::move(clipKey)), m_options(options) {}

Result<std::unique_ptr<Prefetcher>> Prefetcher::create(FrameCache& cache, std::string clipKey,
                                                       const OpenReader& open,
                                                       PrefetchOptions options,
                                                       std::vector<int> frames) {
    if (options.threads < 1 || options.lookahead < 1) {
        return makeError(ErrorCode::InvalidArgument,
                         "prefetch needs at least one thread and one frame of look-ahead");
    }
    std::unique_ptr<Prefetcher> p(new Prefetcher(cache, std::move(clipKey), options));
    for (int i = 0; i < options.threads; ++i) {
        EMU_ASSIGN_OR_RETURN(std::unique_ptr<ClipReader> reader, open());
        p->m_readers.push_back(std::move(reader));
    }
    p->m_info = p->m_readers.front()->info();
    const ClipInfo& info = p->m_info;
    if (frames.empty()) {
        for (int f = info.firstFrame; f < info.firstFrame + info.frameCount; ++f) {
            if (!std::binary_search(info.missingFrames.begin(), info.missingFrames.end(), f)) {
                frames.push_back(f);
            }
        }
    }
    std::sort(frames.begin(), frames.end());
    frames.erase(std::unique(frames.begin(), frames.end()), frames.end());
    if (frames.empty()) {
        return makeError(ErrorCode::NotFound, info.path.string() + ": the clip has no frames");
    }
    p->m_frames = std::move(frames);
    for (std::size_t i = 0; i < p->m_readers.size(); ++i) {
        p->m_threads.emplace_back([raw = p.get(), i] { raw->worker(i); });
    }
    return p;
}

Result<std::unique_ptr<Prefetcher>> Prefetcher::create(FrameCache& cache,
                                                       const ClipRegistry& registry,
                                                       const std::filesystem::path& path,
                                                       PrefetchOptions options) {
    return create(
        cache, path.string(), [&registry, &path] { return registry.open(path); }, options);
}

Prefetcher::~Prefetcher() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_workReady.notify_all();
    m_frameDone.notify_all();
    for (std::thread& t : m_threads) t.join();
}

std::optional<int> Prefetcher::step(int frame, std::int64_t steps) const {
    const auto n = static_cast<std::int64_t>(m_frames.size());
    std::int64_t index =
        std::lower_bound(m_frames.begin(), m_frames.end(), frame) - m_frames.begin();
    index = std::min(index, n - 1) + steps;
    if (m_options.loop) {
        index %= n;
        if (index < 0) index += n;
    } else if (index < 0 || index >= n) {
        return std::nullopt;
    }
    return m_frames[static_cast<std::size_t>(index)];
}

std::vector<int> Prefetcher::planFor(int head, int speed) const {
    // Until a frame has been read, its size is estimated from the picture size as the largest
    // frame a reader can give (float RGBA; 16-bit samples for mosaics).
    std::size_t bytes = m_frameBytes;
    if (bytes == 0) {
        bytes = std::size_t(m_info.width) * std::size_t(m_info.height) * (m_info.raw ? 2 : 16);
    }
    std::size_t count = std::size_t(m_options.lookahead);
    if (bytes > 0) count = std::min(count, std::max<std::size_t>(1, m_cache.budgetBytes() / bytes));
    if (speed == 0) count = 1;
    std::vector<int> plan;
    std::set<int> seen;
    for (std::size_t k = 0; k < count; ++k) {
        std::optional<int> f = step(head, std::int64_t(k) * speed);
        if (!f || !seen.insert(*f).second) break;  // the end, or wrapped onto the plan
        plan.push_back(*f);
    }
    return plan;
}

void Prefetcher::setPlayhead(int frame, int speed) {
    {
        std::lock_guard lock(m_mutex);
        std::vector<int> plan = planFor(frame, speed);
        const std::set<int> kept(plan.begin(), plan.end());
        for (std::size_t i = m_planNext; i < m_plan.size(); ++i) {
            if (!kept.count(m_plan[i])) ++m_stats.cancelled;
        }
        m_plan = std::move(plan);
        m_planNext = 0;
        // Farthest first, so that the frames about to be shown are the most recently used and
        // the frames already shown are the first evicted.
        for (auto it = m_plan.rbegin(); it != m_plan.rend(); ++it) m_cache.touch(keyOf(*it));
    }
    m_workReady.notify_all();
}

bool Prefetcher::wantedLocked(int frame) const {
    return std::find(m_plan.begin(), m_plan.end(), frame) != m_plan.end();
}

bool Prefetcher::readableLocked(int frame) const {
    return !m_inFlight.count(frame) && !m_failed.count(frame) && !m_cache.contains(keyOf(frame));
}

std::optional<int> Prefetcher::nextWorkLocked(bool take) {
    if (m_urgent && readableLocked(*m_urgent)) return m_urgent;
    for (std::size_t i = m_planNext; i < m_plan.size(); ++i) {
        const int f = m_plan[i];
        if (!readableLocked(f)) {
            if (take && m_cache.contains(keyOf(f))) ++m_stats.skippedCached;
            if (take) m_planNext = i + 1;
            continue;
        }
        if (take) m_planNext = i + 1;
        return f;
    }
    return std::nullopt;
}

void Prefetcher::worker(std::size_t index) {
    ClipReader& reader = *m_readers[index];
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        std::optional<int> frame = nextWorkLocked(true);
        if (!frame) {
            m_frameDone.notify_all();  // waitIdle() may be waiting for this
            m_workReady.wait(lock);
            continue;
        }
        ++m_inFlight[*frame];
        lock.unlock();
        const auto t0 = std::chrono::steady_clock::now();
        Result<Frame> read = reader.read(*frame);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        std::shared_ptr<const Frame> decoded;
        if (read.isOk()) decoded = std::make_shared<const Frame>(std::move(read).value());
        lock.lock();
        if (--m_inFlight[*frame] == 0) m_inFlight.erase(*frame);
        if (!decoded) {
            ++m_stats.readFailures;
            m_failed.emplace(*frame, read.status());
        } else {
            ++m_stats.reads;
            m_stats.decodeMilliseconds += ms;
            m_frameBytes = std::max(m_frameBytes, frameBytes(*decoded));
            const bool urgent = m_urgent == *frame;
            if (urgent) m_urgentFrame = decoded;
            if (urgent || wantedLocked(*frame)) {
                m_cache.insert(keyOf(*frame), std::move(decoded));
            } else {
                ++m_stats.discardedStale;
            }
        }
        m_frameDone.notify_all();
    }
}

Result<std::shared_ptr<const Frame>> Prefetcher::get(int frame) {
    if (!std::binary_search(m_frames.begin(), m_frames.end(), frame)) {
        return makeError(ErrorCode::InvalidArgument, m_info.path.string() + ": frame " +
                                                         std::to_string(frame) +
                                                         " is not one of the clip's frames");
    }
    if (std::shared_ptr<const Frame> hit = m_cache.find(keyOf(frame))) return hit;
    std::unique_lock lock(m_mutex);
    m_urgent = frame;
    m_urgentFrame.reset();
    m_workReady.notify_all();
    while (true) {
        if (m_urgentFrame) break;
        if (auto failed = m_failed.find(frame); failed != m_failed.end()) {
            m_urgent.reset();
            return failed->second;
        }
        // A read that began before this call may have landed in the cache already.
        if (std::shared_ptr<const Frame> held = m_cache.peek(keyOf(frame))) {
            m_urgent.reset();
            return held;
        }
        if (m_stopping) return makeError(ErrorCode::Internal, "prefetcher stopped");
        m_frameDone.wait(lock);
    }
    m_urgent.reset();
    return std::move(m_urgentFrame);
}

void Prefetcher::waitIdle() {
    std::unique_lock lock(m_mutex);
    m_frameDone.wait(
        lock, [this] { return m_stopping || (m_inFlight.empty() && !nextWorkLocked(false)); });
}

Prefetcher::Stats Prefetcher::stats() const {
    std::lock_guard lock(m_mutex);
    Stats s = m_stats;
    s.planSize = m_plan.size();
    return s;
}

}  // namespace emu::media
