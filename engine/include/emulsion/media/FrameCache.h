#pragma once

// Decoded frames kept in memory for playback, under a byte budget, least recently used first
// out. Docs: docs/ARCHITECTURE.md, "Playback".

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "emulsion/media/Clip.h"

namespace emu::media {

// Which frame of which clip. `clip` is any stable identity of the clip; players use its path.
// Thread: value type.
struct FrameKey {
    std::string clip;
    int frame = 0;
    bool operator==(const FrameKey&) const = default;
};

// The bytes a decoded frame holds: its image's samples plus its mosaic's samples.
std::size_t frameBytes(const Frame& frame);

// A map from FrameKey to decoded frames with a budget in bytes. Inserting evicts the least
// recently used frames until the new one fits, so the bytes held never exceed the budget,
// except by a single frame larger than the whole budget, which is then held alone. Frames are
// shared: one handed out by find() stays valid after eviction, but no longer counts here.
// Thread: every function may be called from any thread.
class FrameCache {
public:
    struct Stats {
        std::uint64_t hits = 0;       // find() calls that returned a frame
        std::uint64_t misses = 0;     // find() calls that returned nothing
        std::uint64_t evictions = 0;  // frames dropped to make room (not replacements)
        std::uint64_t inserts = 0;
        std::size_t frames = 0;     // held now
        std::size_t bytes = 0;      // held now, by frameBytes()
        std::size_t peakBytes = 0;  // most ever held at once
    };

    explicit FrameCache(std::size_t budgetBytes);
    FrameCache(const FrameCache&) = delete;
    FrameCache& operator=(const FrameCache&) = delete;

    std::size_t budgetBytes() const { return m_budgetBytes; }

    // The frame, made the most recently used; counts a hit or a miss.
    std::shared_ptr<const Frame> find(const FrameKey& key);
    // Whether the frame is held; changes neither the order nor the counters.
    bool contains(const FrameKey& key) const;
    // The frame if held, changing neither the order nor the counters.
    std::shared_ptr<const Frame> peek(const FrameKey& key) const;
    // Makes a held frame the most recently used without counting a hit (a player marks the
    // frames it is about to show); false when it is not held.
    bool touch(const FrameKey& key);
    // Adds or replaces a frame as the most recently used, evicting as described above.
    void insert(const FrameKey& key, std::shared_ptr<const Frame> frame);
    // Drops every frame (not counted as evictions); counters stay.
    void clear();

    Stats stats() const;

private:
    struct KeyHash {
        std::size_t operator()(const FrameKey& k) const {
            return std::hash<std::string>()(k.clip) ^
                   (std::hash<int>()(k.frame) * 0x9e3779b97f4a7c15ull);
        }
    };
    struct Entry {
        FrameKey key;
        std::shared_ptr<const Frame> frame;
        std::size_t bytes = 0;
    };
    using Order = std::list<Entry>;  // front: most recently used

    void evictForLocked(std::size_t incomingBytes);

    const std::size_t m_budgetBytes;
    mutable std::mutex m_mutex;
    Order m_order;
    std::unordered_map<FrameKey, Order::iterator, KeyHash> m_index;
    Stats m_stats;
};

}  // namespace emu::media
