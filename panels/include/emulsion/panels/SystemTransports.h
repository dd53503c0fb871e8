#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "emulsion/panels/Transport.h"

namespace emu::panels {

// The transports that reach real devices. Each open function fails with a Status naming the
// device and the reason (NotFound, or IoError with the system's words, e.g. a permission
// denied that the udev rules fix). Thread: as Transport.

// A HID device through hidapi (hidraw), by its hidraw path.
Result<std::unique_ptr<Transport>> openHid(const std::string& path);
// A serial port (Loupedeck: /dev/ttyACM*), raw mode.
Result<std::unique_ptr<Transport>> openSerial(const std::string& path);
// A TCP connection (the Tangent Hub on 127.0.0.1:64246).
Result<std::unique_ptr<Transport>> openTcp(const std::string& host, std::uint16_t port,
                                           int timeoutMs);
// The ALSA sequencer, subscribed to every readable MIDI port; fails gracefully (Unsupported)
// where there is no sound system.
Result<std::unique_ptr<Transport>> openAlsaSequencer(const std::string& clientName);

}  // namespace emu::panels
