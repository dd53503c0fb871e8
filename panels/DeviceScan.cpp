#include "emulsion/panels/DeviceScan.h"

#include <hidapi/hidapi.h>
#include <libusb-1.0/libusb.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "emulsion/panels/Recording.h"
#include "emulsion/panels/SystemTransports.h"
#include "emulsion/panels/TangentHub.h"

namespace emu::panels {

namespace {

constexpr const char* kUdevHint =
    "no read/write permission: install panels/udev/70-emulsion-panels.rules into "
    "/etc/udev/rules.d/, run 'udevadm control --reload && udevadm trigger', then replug "
    "(docs/PANELS.md)";

const KnownDevice* findKnown(std::uint16_t vid, std::uint16_t pid) {
    for (const KnownDevice& k : knownDevices()) {
        if (k.vendorId == vid && k.productId == pid) return &k;
    }
    return nullptr;
}

bool usableNode(const std::string& path) {
    return ::access(path.c_str(), R_OK | W_OK) == 0;
}

void scanUsb(ScanReport& report) {
    libusb_context* ctx = nullptr;
    if (const int r = libusb_init(&ctx); r != 0) {
        report.notes.push_back(std::string("libusb: cannot look at USB devices: ") +
                               libusb_strerror(static_cast<libusb_error>(r)));
        return;
    }
    libusb_device** list = nullptr;
    const ssize_t n = libusb_get_device_list(ctx, &list);
    if (n < 0) {
        report.notes.push_back("libusb: no USB device list (no /dev/bus/usb in this system?)");
    }
    for (ssize_t i = 0; i < n; ++i) {
        libusb_device_descriptor d{};
        if (libusb_get_device_descriptor(list[i], &d) != 0) continue;
        const KnownDevice* k = findKnown(d.idVendor, d.idProduct);
        if (!k) continue;
        FoundDevice f{k->model, k->driver, d.idVendor, d.idProduct, "", false, ""};
        char node[64];
        std::snprintf(node, sizeof node, "/dev/bus/usb/%03u/%03u", libusb_get_bus_number(list[i]),
                      libusb_get_device_address(list[i]));
        f.path = node;
        f.usable = usableNode(f.path);
        if (!f.usable) f.problem = kUdevHint;
        report.devices.push_back(f);
    }
    if (n >= 0) libusb_free_device_list(list, 1);
    libusb_exit(ctx);
}

// HID nodes of the Blackmagic panels: the node a driver opens, which the udev rule must
// make readable.
void scanHid(ScanReport& report) {
    if (hid_init() != 0) {
        report.notes.push_back("hidapi: cannot start");
        return;
    }
    hid_device_info* all = hid_enumerate(0, 0);
    for (hid_device_info* h = all; h; h = h->next) {
        const KnownDevice* k = findKnown(h->vendor_id, h->product_id);
        if (!k) continue;
        FoundDevice f{k->model, k->driver, h->vendor_id, h->product_id, h->path, false, ""};
        f.usable = usableNode(f.path);
        if (!f.usable) f.problem = kUdevHint;
        // The HID node replaces the USB node found for the same device.
        std::erase_if(report.devices, [&](const FoundDevice& d) {
            return d.vendorId == f.vendorId && d.productId == f.productId &&
                   d.path.rfind("/dev/bus/usb/", 0) == 0;
        });
        report.devices.push_back(f);
    }
    hid_free_enumeration(all);
}

std::string readLine(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::string s;
    std::getline(in, s);
    return s;
}

void scanSerial(ScanReport& report) {
    std::error_code ec;
    const std::filesystem::path tty = "/sys/class/tty";
    if (!std::filesystem::exists(tty, ec)) return;
    for (const auto& entry : std::filesystem::directory_iterator(tty, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("ttyACM", 0) != 0) continue;
        const std::filesystem::path usb = entry.path() / "device" / "..";
        const std::string vid = readLine(usb / "idVendor");
        const std::string pid = readLine(usb / "idProduct");
        if (vid.empty() || pid.empty()) continue;
        const KnownDevice* k = findKnown(static_cast<std::uint16_t>(std::stoul(vid, nullptr, 16)),
                                         static_cast<std::uint16_t>(std::stoul(pid, nullptr, 16)));
        if (!k) continue;
        FoundDevice f{k->model, k->driver, k->vendorId, k->productId, "/dev/" + name, false, ""};
        f.usable = usableNode(f.path);
        if (!f.usable) f.problem = kUdevHint;
        std::erase_if(report.devices, [&](const FoundDevice& d) {
            return d.vendorId == f.vendorId && d.productId == f.productId &&
                   d.path.rfind("/dev/bus/usb/", 0) == 0;
        });
        report.devices.push_back(f);
    }
}

}  // namespace

const std::vector<KnownDevice>& knownDevices() {
    static const std::vector<KnownDevice> known = {
        {0x1edb, 0xda0e, "Blackmagic Speed Editor", "speed-editor"},
        {0x1edb, 0xda0f, "Blackmagic DaVinci Resolve Micro Panel", "micro-panel"},
        {0x2ec2, 0x0003, "Loupedeck CT", "loupedeck-ct"},
        {0x2ec2, 0x0004, "Loupedeck Live", "loupedeck-live"},
    };
    return known;
}

Result<DeviceConnection> connectionFor(const FoundDevice& d) {
    DeviceConnection c;
    EMU_ASSIGN_OR_RETURN(c.driver, makeDriver(d.driver));
    const std::string path = d.path;
    if (d.driver == "tangent") {
        const auto colon = path.rfind(':');
        const auto port = static_cast<std::uint16_t>(
            colon == std::string::npos ? TangentHub::kPort : std::stoul(path.substr(colon + 1)));
        c.open = [port] { return openTcp("127.0.0.1", port, 500); };
    } else if (d.driver.rfind("midi", 0) == 0) {
        c.open = [] { return openAlsaSequencer("Emulsion"); };
    } else if (d.driver.rfind("loupedeck", 0) == 0 && path.rfind("/dev/tty", 0) == 0) {
        c.open = [path] { return openSerial(path); };
    } else if (path.rfind("/dev/hidraw", 0) == 0) {
        c.open = [path] { return openHid(path); };
    } else {
        return makeError(ErrorCode::NotFound, d.model + " at " + path +
                                                  ": no HID or serial node to open (is the "
                                                  "kernel driver bound?)");
    }
    return c;
}

ScanReport scanDevices(int tangentTimeoutMs, std::uint16_t tangentPort) {
    ScanReport report;
    scanUsb(report);
    scanHid(report);
    scanSerial(report);
    if (auto hub = openTcp("127.0.0.1", tangentPort, tangentTimeoutMs); hub.isOk()) {
        report.devices.push_back({"Tangent Hub (Tangent panels)", "tangent", 0, 0,
                                  "127.0.0.1:" + std::to_string(tangentPort), true, ""});
    } else {
        report.notes.push_back("Tangent Hub: not running on 127.0.0.1:" +
                               std::to_string(tangentPort));
    }
    if (auto seq = openAlsaSequencer("Emulsion scan"); seq.isOk()) {
        report.devices.push_back({"MIDI controllers (every ALSA sequencer port)",
                                  "midi-twos-complement", 0, 0, "alsa:seq", true, ""});
    } else {
        report.notes.push_back("MIDI: " + seq.status().message());
    }
    return report;
}

}  // namespace emu::panels
