#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/panels/Driver.h"
#include "emulsion/panels/Transport.h"

namespace emu::panels {

// A control surface found on this machine.
struct FoundDevice {
    std::string model;   // "Blackmagic Speed Editor"
    std::string driver;  // the driver name a recording or `panels replay` uses
    std::uint16_t vendorId = 0;
    std::uint16_t productId = 0;
    std::string path;     // /dev/hidraw3, /dev/ttyACM0, /dev/bus/usb/001/004, 127.0.0.1:64246
    bool usable = false;  // the device node can be opened for reading and writing
    std::string problem;  // why not, and what fixes it
};

struct ScanReport {
    std::vector<FoundDevice> devices;
    std::vector<std::string> notes;  // what could not be looked at, and why
};

// Looks for the supported surfaces: USB devices through libusb (so a device whose HID node
// is unreadable still shows, with the reason), HID nodes through hidapi, Loupedeck serial
// ports in sysfs, the Tangent Hub on localhost and the ALSA sequencer. Never fails: a
// machine with no USB access, no sound system and no hub gives an empty list with notes.
// Thread: any; takes up to `tangentTimeoutMs` for the hub probe. `tangentPort`: where the hub
// listens (64246 unless a hub was configured otherwise).
ScanReport scanDevices(int tangentTimeoutMs = 150, std::uint16_t tangentPort = 64246);

// How to reach a found device: a transport factory (called again on each reconnect) and a
// fresh driver for it. NotFound for a device whose node cannot be driven (a USB node without
// its HID interface).
struct DeviceConnection {
    std::function<Result<std::unique_ptr<Transport>>()> open;
    std::unique_ptr<Driver> driver;
};
Result<DeviceConnection> connectionFor(const FoundDevice& device);

// The known USB ids: the model and driver name, or empty when not a supported surface.
struct KnownDevice {
    std::uint16_t vendorId;
    std::uint16_t productId;
    const char* model;
    const char* driver;
};
const std::vector<KnownDevice>& knownDevices();

}  // namespace emu::panels
