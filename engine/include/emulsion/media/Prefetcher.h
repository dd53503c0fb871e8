#pragma once

// Reader threads that fill a FrameCache ahead of a play head. Docs: docs/ARCHITECTURE.md,
// "Playback".

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/media/Clip.h"
#include "emulsion/media/FrameCache.h"

namespace emu::media {

class ClipRegistry;

struct PrefetchOptions {
    int threads = 2;     // reader threads, each with a reader of its own
    int lookahead = 48;  // most frames planned ahead of the head (the budget may allow fewer)
    bool loop = true;    // the plan wraps from the last frame to the first (and back)
};

// N threads, each owning one ClipReader of the same clip (readers are single-threaded), read
// the frames the play head will reach next, in the play direction, into a FrameCache.
// setPlayhead() replaces the plan: requests not started that the new plan does not hold are
// cancelled, and frames whose read started before a seek and that the new plan no longer
// wants are discarded rather than cached (they would only evict wanted ones). A frame the
// cache holds is never read. The plan holds at most as many frames as the cache's budget
// holds (measured on the frames read so far), so prefetching never evicts its own plan.
// Thread: every public function may be called from any thread.
class Prefetcher {
public:
    using OpenReader = std::function<Result<std::unique_ptr<ClipReader>>()>;

    struct Stats {
        std::uint64_t reads = 0;           // frames decoded
        std::uint64_t readFailures = 0;    // decodes that failed
        std::uint64_t skippedCached = 0;   // planned frames found in the cache, not read
        std::uint64_t cancelled = 0;       // planned, not started, dropped by a new plan
        std::uint64_t discardedStale = 0;  // decoded after a seek made them unwanted
        double decodeMilliseconds = 0.0;   // sum over `reads`
        std::size_t planSize = 0;          // frames in the current plan
    };

    // Opens `options.threads` readers with `open` (the first failure is returned) and starts
    // the threads idle. `clipKey` names the clip in the cache's keys. Frames played are those
    // of `frames` in order (ascending frame numbers); empty means every frame ClipInfo lists
    // that is not missing.
    static Result<std::unique_ptr<Prefetcher>> create(FrameCache& cache, std::string clipKey,
                                                      const OpenReader& open,
                                                      PrefetchOptions options,
                                                      std::vector<int> frames = {});
    // The same, each reader opened from `path` through `registry`; the clip key is the path.
    static Result<std::unique_ptr<Prefetcher>> create(FrameCache& cache,
                                                      const ClipRegistry& registry,
                                                      const std::filesystem::path& path,
                                                      PrefetchOptions options);
    // Stops the threads after the reads in progress.
    ~Prefetcher();
    Prefetcher(const Prefetcher&) = delete;
    Prefetcher& operator=(const Prefetcher&) = delete;

    const ClipInfo& info() const { return m_info; }
    const std::vector<int>& frames() const { return m_frames; }
    const std::string& clipKey() const { return m_clipKey; }

    // The frame `steps` places from `frame` in the played frames (wrapping when looping);
    // nullopt past either end without looping. `frame` is taken as the nearest played frame
    // at or after it.
    std::optional<int> step(int frame, std::int64_t steps) const;

    // Moves the play head to `frame` playing at `speed` frames per tick (negative: reverse;
    // 2: every other frame; 0: paused, only the head is wanted) and replans.
    void setPlayhead(int frame, int speed);

    // The frame from the cache (counting a hit or a miss there), else waits until a thread
    // has read it, asking for it before anything planned. The read's error (naming the file)
    // when it fails, then and on every later call; InvalidArgument for a frame not played.
    // Thread: one consumer thread at a time.
    Result<std::shared_ptr<const Frame>> get(int frame);

    // Waits until no read is queued or running (tests, benchmarks).
    void waitIdle();

    Stats stats() const;

private:
    Prefetcher(FrameCache& cache, std::string clipKey, PrefetchOptions options);
    void worker(std::size_t index);
    // The frames to read for a head and speed, nearest first, within the budget.
    std::vector<int> planFor(int head, int speed) const;
    void replanLocked(int head, int speed);
    bool wantedLocked(int frame) const;
    bool readableLocked(int frame) const;  // not cached, failed or being read
    // The next frame to read (the urgent one, else the plan's next readable frame); with
    // take false, only whether there is one.
    std::optional<int> nextWorkLocked(bool take);
    FrameKey keyOf(int frame) const { return FrameKey{m_clipKey, frame}; }

    FrameCache& m_cache;
    const std::string m_clipKey;
    const PrefetchOptions m_options;
    ClipInfo m_info;
    std::vector<int> m_frames;  // ascending
    std::vector<std::unique_ptr<ClipReader>> m_readers;
    std::vector<std::thread> m_threads;

    mutable std::mutex m_mutex;
    std::condition_variable m_workReady;  // workers wait for a plan
    std::condition_variable m_frameDone;  // get() and waitIdle() wait for reads
    bool m_stopping = false;
    std::vector<int> m_plan;                     // nearest first
    std::size_t m_planNext = 0;                  // entries before it were taken or skipped
    std::optional<int> m_urgent;                 // asked for by get(), read before the plan
    std::map<int, int> m_inFlight;               // frame -> readers on it
    std::map<int, Status> m_failed;              // frames whose read failed, not retried
    std::shared_ptr<const Frame> m_urgentFrame;  // handed to get() even if evicted at once
    std::size_t m_frameBytes = 0;                // of the largest frame read, for the budget
    Stats m_stats;
};

}  // namespace emu::media
