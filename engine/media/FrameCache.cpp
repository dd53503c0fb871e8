#include "emulsion/media/FrameCache.h"

#include <algorithm>

namespace emu::media {

std::size_t frameBytes(const Frame& frame) {
    std::size_t bytes = frame.image.sizeBytes();
    if (frame.mosaic) bytes += frame.mosaic->samples.size() * sizeof(std::uint16_t);
    return bytes;
}

FrameCache::FrameCache(std::size_t budgetBytes) : m_budgetBytes(budgetBytes) {}

std::shared_ptr<const Frame> FrameCache::find(const FrameKey& key) {
    std::lock_guard lock(m_mutex);
    auto it = m_index.find(key);
    if (it == m_index.end()) {
        ++m_stats.misses;
        return nullptr;
    }
    ++m_stats.hits;
    m_order.splice(m_order.begin(), m_order, it->second);
    return it->second->frame;
}

bool FrameCache::contains(const FrameKey& key) const {
    std::lock_guard lock(m_mutex);
    return m_index.count(key) != 0;
}

std::shared_ptr<const Frame> FrameCache::peek(const FrameKey& key) const {
    std::lock_guard lock(m_mutex);
    auto it = m_index.find(key);
    return it == m_index.end() ? nullptr : it->second->frame;
}

bool FrameCache::touch(const FrameKey& key) {
    std::lock_guard lock(m_mutex);
    auto it = m_index.find(key);
    if (it == m_index.end()) return false;
    m_order.splice(m_order.begin(), m_order, it->second);
    return true;
}

void FrameCache::evictForLocked(std::size_t incomingBytes) {
    while (!m_order.empty() && m_stats.bytes + incomingBytes > m_budgetBytes) {
        Entry& victim = m_order.back();
        m_stats.bytes -= victim.bytes;
        m_index.erase(victim.key);
        m_order.pop_back();
        ++m_stats.evictions;
    }
}

void FrameCache::insert(const FrameKey& key, std::shared_ptr<const Frame> frame) {
    if (!frame) return;
    const std::size_t bytes = frameBytes(*frame);
    std::shared_ptr<const Frame> replaced;  // released after the lock
    std::lock_guard lock(m_mutex);
    if (auto it = m_index.find(key); it != m_index.end()) {
        m_stats.bytes -= it->second->bytes;
        replaced = std::move(it->second->frame);
        m_order.erase(it->second);
        m_index.erase(it);
    }
    evictForLocked(bytes);
    m_order.push_front(Entry{key, std::move(frame), bytes});
    m_index.emplace(key, m_order.begin());
    m_stats.bytes += bytes;
    m_stats.peakBytes = std::max(m_stats.peakBytes, m_stats.bytes);
    ++m_stats.inserts;
}

void FrameCache::clear() {
    Order dropped;  // freed after the lock
    std::lock_guard lock(m_mutex);
    dropped.swap(m_order);
    m_index.clear();
    m_stats.bytes = 0;
}

FrameCache::Stats FrameCache::stats() const {
    std::lock_guard lock(m_mutex);
    Stats s = m_stats;
    s.frames = m_order.size();
    return s;
}

}  // namespace emu::media
