#include "emulsion/render/FrameGrader.h"

#include "emulsion/nodes/Exposure.h"
#include "emulsion/nodes/GpuFrame.h"

namespace emu::render {

Result<std::unique_ptr<FrameGrader>> FrameGrader::create(gpu::Device& device) {
    EMU_ASSIGN_OR_RETURN(gpu::ComputeBatch batch, gpu::ComputeBatch::create(device, 16));
    return std::unique_ptr<FrameGrader>(new FrameGrader(device, std::move(batch)));
}

FrameGrader::FrameGrader(gpu::Device& device, gpu::ComputeBatch batch)
    : m_device(device), m_cache(device), m_batch(std::move(batch)) {}

Status FrameGrader::prepareImages(const media::Image& in) {
    const gpu::ImageFormat format = nodes::gpuFormatFor(in.type());
    if (m_src.width() != in.width() || m_src.height() != in.height() || m_src.format() != format ||
        !m_src.handle()) {
        EMU_ASSIGN_OR_RETURN(m_src,
                             gpu::StorageImage::create(m_device, in.width(), in.height(), format));
    }
    if (m_dst.width() != in.width() || m_dst.height() != in.height() || !m_dst.handle()) {
        EMU_ASSIGN_OR_RETURN(m_dst, gpu::StorageImage::create(m_device, in.width(), in.height(),
                                                              gpu::ImageFormat::Rgba32f));
    }
    return Status::ok();
}

Status FrameGrader::setGrade(const graph::Grade& grade, const graph::NodeRegistry& registry,
                             const graph::OcioContext& ocio) {
    if (!m_renderer) {
        m_renderer = std::make_unique<graph::GradeRenderer>(m_device, m_cache, registry);
    }
    m_renderer->setOcioContext(ocio);
    return m_renderer->setGrade(grade);
}

Result<media::Image> FrameGrader::grade(const media::Image& in) {
    if (!m_renderer) return makeError(ErrorCode::Internal, "no grade set");
    return run(in, [this](const gpu::StorageImage& src, const gpu::StorageImage& dst) {
        return m_renderer->record(m_batch, src, dst);
    });
}

Result<media::Image> FrameGrader::exposure(const media::Image& in, float stops) {
    return run(in, [this, stops](const gpu::StorageImage& src, const gpu::StorageImage& dst) {
        EMU_ASSIGN_OR_RETURN(nodes::ExposurePass pass,
                             nodes::ExposurePass::create(m_cache, src.format()));
        return pass.record(m_batch, src, dst, stops);
    });
}

Result<media::Image> FrameGrader::transform(const media::Image& in) {
    if (!m_input.shader && !m_output.shader && m_luts.empty()) {
        return makeError(ErrorCode::Internal, "no transform set");
    }
    return run(in, Step());
}

Status FrameGrader::setInputTransform(const color::OcioShader& shader) {
    m_input = Transform{shader, std::nullopt};
    return Status::ok();
}

Status FrameGrader::setOutputTransform(const color::OcioShader& shader) {
    m_output = Transform{shader, std::nullopt};
    return Status::ok();
}

Status FrameGrader::addLutTransform(const color::OcioShader& shader) {
    m_luts.push_back(Transform{shader, std::nullopt});
    return Status::ok();
}

FrameGrader::Step FrameGrader::transformStep(Transform& transform) {
    return [this, &transform](const gpu::StorageImage& src, const gpu::StorageImage& dst) {
        if (!transform.pass || transform.passFormat != src.format()) {
            transform.pass.reset();
            EMU_ASSIGN_OR_RETURN(
                graph::OcioPass pass,
                graph::OcioPass::create(m_device, m_cache, *transform.shader, src.format()));
            transform.pass = std::move(pass);
            transform.passFormat = src.format();
        }
        return transform.pass->record(m_batch, src, dst);
    };
}

Result<media::Image> FrameGrader::run(const media::Image& in, const Step& middle) {
    EMU_RETURN_IF_ERROR(prepareImages(in));
    std::vector<Step> steps;
    if (m_input.shader) steps.push_back(transformStep(m_input));
    if (middle) steps.push_back(middle);
    for (Transform& lut : m_luts) steps.push_back(transformStep(lut));
    if (m_output.shader) steps.push_back(transformStep(m_output));
    if (steps.size() > 1 &&
        (m_tmp.width() != in.width() || m_tmp.height() != in.height() || !m_tmp.handle())) {
        EMU_ASSIGN_OR_RETURN(m_tmp, gpu::StorageImage::create(m_device, in.width(), in.height(),
                                                              gpu::ImageFormat::Rgba32f));
    }
    EMU_RETURN_IF_ERROR(m_src.upload(m_device, in.data(), in.sizeBytes()));
    // Steps alternate between m_tmp and m_dst so that the last one writes m_dst.
    const gpu::StorageImage* src = &m_src;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const gpu::StorageImage* dst = (steps.size() - i) % 2 == 1 ? &m_dst : &m_tmp;
        EMU_RETURN_IF_ERROR(steps[i](*src, *dst));
        src = dst;
    }
    EMU_RETURN_IF_ERROR(m_batch.submitAndWait());
    EMU_ASSIGN_OR_RETURN(media::Image out, nodes::downloadImage(m_device, m_dst));
    if (out.type() == in.type()) return out;
    return out.converted(in.type());
}

}  // namespace emu::render
