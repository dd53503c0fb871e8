#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::panels {

// How a driver talks to its device: input reports in, output and feature reports out. A USB
// HID device, a serial port, a socket or a recording all look alike behind it.
// An error from any call means the device is gone (unplugged, socket closed): the runner
// closes the transport and reopens it later. Thread: one thread (the device's input thread).
class Transport {
public:
    virtual ~Transport() = default;

    // Reads one input report (HID: first byte the report id; streams: whatever bytes arrived)
    // into `out`, waiting up to `timeoutMs`. Returns the byte count, 0 on timeout, an error
    // (IoError) when the device is gone.
    virtual Result<std::size_t> read(std::vector<std::uint8_t>& out, int timeoutMs) = 0;
    // Writes an output report or stream bytes.
    virtual Status write(std::span<const std::uint8_t> data) = 0;
    // HID feature reports; first byte the report id. Other transports answer Unsupported.
    virtual Status sendFeature(std::span<const std::uint8_t> data);
    virtual Result<std::vector<std::uint8_t>> getFeature(std::uint8_t reportId, std::size_t length);
    // When the report last read was sent, on the steady clock [ns], where the transport knows
    // better than the time read() returned (a recording knows when each report was due); 0
    // when it does not.
    virtual std::int64_t lastReportTimeNs() const { return 0; }
    // True when the source can have nothing more (a recording played to its end).
    virtual bool finished() const { return false; }
    // "hidraw /dev/hidraw3", "replay session.emurec" for messages.
    virtual std::string describe() const = 0;
};

}  // namespace emu::panels
