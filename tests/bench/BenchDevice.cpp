#include "BenchDevice.h"

#include <memory>

namespace emu::bench {

gpu::Device* benchDevice() {
    // A function-local static: the benchmark binary's one device, torn down at exit.
    static std::unique_ptr<gpu::Device> device = [] {
        gpu::DeviceOptions options;
        options.validation = false;
        auto d = gpu::Device::create(options);
        return d.isOk() ? std::move(d).value() : nullptr;
    }();
    return device.get();
}

}  // namespace emu::bench
