#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/panels/Surface.h"
#include "emulsion/panels/Transport.h"

namespace emu::panels {

// Counts of what a driver saw; malformed reports are counted and otherwise ignored.
struct DecodeStats {
    std::uint64_t reports = 0;    // reports decoded
    std::uint64_t malformed = 0;  // too short, unknown id, bad framing
    std::uint64_t events = 0;     // surface events produced
    std::uint64_t undecoded = 0;  // well-formed but of a layout not publicly described
};

// One device protocol: the start-up exchange, report decoding and periodic upkeep.
// Decoding is pure (bytes in, events out) so tests can feed it reports built by hand.
// Thread: the device's input thread.
class Driver {
public:
    virtual ~Driver() = default;

    virtual const SurfaceLayout& layout() const = 0;
    // The exchange a device needs before it reports (authentication, WebSocket upgrade).
    virtual Status start(Transport& transport, std::int64_t nowNs);
    // Work due at `nowNs` (an authentication renewal); called between reads.
    virtual Status upkeep(Transport& transport, std::int64_t nowNs);
    // Appends the events of one report (or stream chunk) to `events`; a malformed report adds
    // none and counts in stats().malformed.
    virtual void decode(std::span<const std::uint8_t> report, std::int64_t timeNs,
                        std::vector<SurfaceEvent>& events) = 0;

    // Bytes the driver wants written to the device in answer to what it decoded (a protocol
    // reply); the runner writes and clears them after each decode.
    std::vector<std::vector<std::uint8_t>> takeReplies() { return std::move(m_replies); }

    const DecodeStats& stats() const { return m_stats; }

protected:
    DecodeStats m_stats;
    std::vector<std::vector<std::uint8_t>> m_replies;
};

}  // namespace emu::panels
