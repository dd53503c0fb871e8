#include "DeliverJob.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>

#include "emulsion/color/ColorConfig.h"
#include "emulsion/color/OcioShader.h"
#include "emulsion/gpu/Device.h"
#include "emulsion/graph/OcioPass.h"
#include "emulsion/media/ClipRegistry.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/raw/Demosaic.h"
#include "emulsion/render/FrameGrader.h"

namespace emu::station {

DeliverJob::DeliverJob(std::vector<DeliverShot> shots, std::filesystem::path folder,
                       const graph::NodeRegistry& registry, core::Log& log)
    : m_shots(std::move(shots)), m_folder(std::move(folder)), m_registry(registry), m_log(log) {
    for (const DeliverShot& s : m_shots) m_total += s.frameCount;
    m_thread = std::thread([this] { run(); });
}

DeliverJob::~DeliverJob() {
    if (m_thread.joinable()) m_thread.join();
}

double DeliverJob::progress() const {
    return m_total ? double(m_done.load()) / m_total : 1.0;
}

std::string DeliverJob::error() const {
    std::lock_guard lock(m_mutex);
    return m_error;
}

void DeliverJob::run() {
    // Below the UI thread: on a CPU-only machine the engine's work (and the threads the driver
    // starts from here) must not starve the frames the colourist is looking at.
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 5);
    auto fail = [&](const Status& s) {
        std::lock_guard lock(m_mutex);
        m_error = s.message();
        m_log.error("render job: " + s.message());
    };
    gpu::DeviceOptions options;
    options.log = &m_log;
    auto device = gpu::Device::create(options);
    auto config = color::ColorConfig::load(std::nullopt);
    if (!device.isOk() || !config.isOk()) {
        fail(device.isOk() ? config.status() : device.status());
        m_running = false;
        return;
    }
    const media::ClipRegistry readers = media::builtinClipReaders();
    gpu::KernelCache kernels(**device);
    std::optional<raw::DemosaicPass> demosaic;
    for (const DeliverShot& shot : m_shots) {
        auto grader = render::FrameGrader::create(**device);
        auto reader = readers.open(shot.mediaPath);
        Status s = grader.isOk() ? reader.status() : grader.status();
        // Scene-referred EXR in the working space: the media's space converted to ACEScct.
        if (s.isOk() && !shot.inputSpace.empty() && config->hasColorSpace("color_timing")) {
            color::OcioShaderRequest request;
            request.from = shot.inputSpace;
            request.to = "color_timing";
            request.firstBinding = graph::OcioPass::kFirstTextureBinding;
            auto shader = color::OcioShader::build(*config, request);
            s = shader.isOk() ? (*grader)->setInputTransform(*shader) : shader.status();
        }
        if (s.isOk()) s = (*grader)->setGrade(shot.grade, m_registry);
        std::error_code ec;
        std::filesystem::create_directories(m_folder / shot.name, ec);
        for (int i = 0; s.isOk() && i < shot.frameCount; ++i) {
            auto frame = (*reader)->read(shot.firstFrame + i);
            if (!frame.isOk()) {
                s = frame.status();
                break;
            }
            if (frame->mosaic) {
                if (!demosaic) {
                    auto pass = raw::DemosaicPass::create(**device, kernels);
                    if (!pass.isOk()) {
                        s = pass.status();
                        break;
                    }
                    demosaic = std::move(pass).value();
                }
                raw::DemosaicParams params;  // directional: a render's quality
                auto developed = demosaic->run(*frame->mosaic, params);
                if (!developed.isOk()) {
                    s = developed.status();
                    break;
                }
                frame->image = std::move(developed).value();
            }
            auto graded = (*grader)->grade(frame->image);
            if (!graded.isOk()) {
                s = graded.status();
                break;
            }
            media::ExrFrame out;
            out.image = std::move(graded).value();
            out.dataWindow = {0, 0, out.image.width() - 1, out.image.height() - 1};
            out.displayWindow = out.dataWindow;
            char name[64];
            std::snprintf(name, sizeof name, "%s.%06d.exr", shot.name.c_str(), i + 1);
            s = media::writeExr(m_folder / shot.name / name, out);
            ++m_done;
        }
        if (!s.isOk()) {
            fail(s.withContext(shot.name));
            break;
        }
    }
    m_running = false;
}

}  // namespace emu::station
