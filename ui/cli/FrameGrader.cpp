#include "FrameGrader.h"

#include "emulsion/nodes/Exposure.h"
#include "emulsion/nodes/GpuFrame.h"

namespace emu::cli {

Result<std::unique_ptr<FrameGrader>> FrameGrader::create(gpu::Device& device) {
    EMU_ASSIGN_OR_RETURN(gpu::ComputeBatch batch, gpu::ComputeBatch::create(device, 8));
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

Status FrameGrader::setGrade(const graph::Grade& grade, const graph::NodeRegistry& registry) {
    if (!m_renderer) {
        m_renderer = std::make_unique<graph::GradeRenderer>(m_device, m_cache, registry);
    }
    return m_renderer->setGrade(grade);
}

Result<media::Image> FrameGrader::grade(const media::Image& in) {
    if (!m_renderer) return makeError(ErrorCode::Internal, "no grade set");
    EMU_RETURN_IF_ERROR(prepareImages(in));
    EMU_RETURN_IF_ERROR(m_src.upload(m_device, in.data(), in.sizeBytes()));
    EMU_RETURN_IF_ERROR(m_renderer->record(m_batch, m_src, m_dst));
    EMU_RETURN_IF_ERROR(m_batch.submitAndWait());
    EMU_ASSIGN_OR_RETURN(media::Image out, nodes::downloadImage(m_device, m_dst));
    if (out.type() == in.type()) return out;
    return out.converted(in.type());
}

Result<media::Image> FrameGrader::exposure(const media::Image& in, float stops) {
    EMU_RETURN_IF_ERROR(prepareImages(in));
    EMU_RETURN_IF_ERROR(m_src.upload(m_device, in.data(), in.sizeBytes()));
    EMU_ASSIGN_OR_RETURN(nodes::ExposurePass pass,
                         nodes::ExposurePass::create(m_cache, m_src.format()));
    EMU_RETURN_IF_ERROR(pass.record(m_batch, m_src, m_dst, stops));
    EMU_RETURN_IF_ERROR(m_batch.submitAndWait());
    EMU_ASSIGN_OR_RETURN(media::Image out, nodes::downloadImage(m_device, m_dst));
    if (out.type() == in.type()) return out;
    return out.converted(in.type());
}

}  // namespace emu::cli
