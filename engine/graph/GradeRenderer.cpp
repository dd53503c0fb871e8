#include "emulsion/graph/GradeRenderer.h"

#include <algorithm>
#include <cstring>
#include <sstream>

#include "emulsion/graph/OcioPass.h"
#include "emulsion/graph/ParamBlock.h"
#include "emulsion/graph/ShaderGenerator.h"

namespace emu::graph {

namespace {

// Everything a plan depends on, and nothing a parameter edit changes.
std::string structureOf(const Grade& grade) {
    std::vector<GradeNode> nodes = grade.nodes();
    std::sort(nodes.begin(), nodes.end(), [](auto& a, auto& b) { return a.id < b.id; });
    std::ostringstream s;
    for (const GradeNode& n : nodes)
        s << n.id << ' ' << n.type << ' ' << n.version << ' ' << n.bypass << ';';
    std::vector<Connection> cs = grade.connections();
    std::sort(cs.begin(), cs.end(), [](auto& a, auto& b) {
        return std::tie(a.toNode, a.toPort) < std::tie(b.toNode, b.toPort);
    });
    for (const Connection& c : cs)
        s << c.fromNode << c.fromPort << '>' << c.toNode << c.toPort << ';';
    return s.str();
}

struct FramePush {
    int width;
    int height;
    float aspect;
};

gpu::KernelLayout passLayout(std::size_t images, std::size_t textures = 0) {
    gpu::KernelLayout layout;
    layout.bindings.push_back(gpu::BindingKind::StorageBuffer);
    layout.bindings.insert(layout.bindings.end(), images, gpu::BindingKind::StorageImage);
    layout.bindings.insert(layout.bindings.end(), textures, gpu::BindingKind::SampledTexture);
    layout.pushConstantBytes = sizeof(FramePush);
    return layout;
}

}  // namespace

GradeRenderer::GradeRenderer(gpu::Device& device, gpu::KernelCache& cache,
                             const NodeRegistry& registry, Precision precision,
                             PlanOptions planOptions)
    : m_device(device),
      m_cache(cache),
      m_registry(registry),
      m_precision(precision),
      m_planOptions(planOptions) {}

void GradeRenderer::setOcioContext(OcioContext context) {
    m_ocio = std::move(context);
    m_config.reset();
    m_structure.clear();  // every OCIO node's transform may change
}

Result<const color::ColorConfig*> GradeRenderer::colorConfig() {
    if (!m_config) {
        EMU_ASSIGN_OR_RETURN(color::ColorConfig config, activeConfig(m_ocio));
        m_config = std::move(config);
    }
    return &*m_config;
}

Result<std::string> GradeRenderer::ocioStructureOf(
    const Grade& grade, std::map<NodeId, std::optional<color::OcioShaderRequest>>& requests) {
    std::string structure;
    for (const GradeNode& n : grade.nodes()) {
        const NodeType* type = m_registry.find(n.type);
        // A bypassed node runs nothing, so its file need not even exist.
        if (!type || !type->ocioRequest || n.bypass) continue;
        EMU_ASSIGN_OR_RETURN(std::optional<color::OcioShaderRequest> request,
                             ocioRequestOf(grade, n, *type, m_ocio));
        std::string id = "identity";
        if (request) {
            EMU_ASSIGN_OR_RETURN(const color::ColorConfig* config, colorConfig());
            auto cacheId = color::ocioCacheId(*config, *request);
            if (!cacheId.isOk()) return cacheId.status().withContext(describeNode(n));
            id = std::move(cacheId).value();
        }
        structure += "ocio " + std::to_string(n.id) + " " + id + ";";
        requests[n.id] = std::move(request);
    }
    return structure;
}

Status GradeRenderer::setGrade(const Grade& grade) {
    // Validated first: OCIO nodes read their parameter blocks to build their transforms.
    EMU_RETURN_IF_ERROR(grade.validate(m_registry));
    std::map<NodeId, std::optional<color::OcioShaderRequest>> requests;
    EMU_ASSIGN_OR_RETURN(std::string ocio, ocioStructureOf(grade, requests));
    std::string structure = structureOf(grade) + ocio;
    if (structure != m_structure || m_plan.liveNodes.empty()) {
        EMU_ASSIGN_OR_RETURN(Plan plan, planGrade(grade, m_registry, m_planOptions));
        m_plan = std::move(plan);
        m_structure = std::move(structure);
        m_kernels.clear();
        m_replans++;
    }
    m_ocioRequests = std::move(requests);
    m_grade = grade;
    const std::vector<float> block = buildParamBlock(m_grade, m_registry, m_plan);
    const std::size_t bytes = block.size() * sizeof(float);
    if (!m_params.handle() || m_params.sizeBytes() != bytes) {
        EMU_ASSIGN_OR_RETURN(
            m_params, gpu::Buffer::create(m_device, bytes, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                                          gpu::Buffer::Memory::HostVisible));
    }
    // Host-coherent memory; the previous frame has completed (batches are waited on).
    std::memcpy(m_params.mapped(), block.data(), bytes);
    return Status::ok();
}

Status GradeRenderer::ensureImages(int w, int h) {
    const bool mastering = m_precision == Precision::Mastering;
    auto fit = [&](std::vector<gpu::StorageImage>& slots, int count,
                   gpu::ImageFormat format) -> Status {
        if (static_cast<int>(slots.size()) != count ||
            (!slots.empty() && (slots[0].width() != w || slots[0].height() != h))) {
            slots.clear();
            for (int i = 0; i < count; ++i) {
                EMU_ASSIGN_OR_RETURN(gpu::StorageImage img,
                                     gpu::StorageImage::create(m_device, w, h, format));
                slots.push_back(std::move(img));
            }
        }
        return Status::ok();
    };
    bool spatialImages = false, spatialMattes = false;
    for (const Pass& pass : m_plan.passes) {
        if (pass.kind != Pass::Kind::Spatial) continue;
        const NodeType* t = m_registry.find(m_grade.node(pass.nodes[0])->type);
        if (t->spatialStages < 2) continue;
        (t->desc.outputs[0].type == PortType::Matte ? spatialMattes : spatialImages) = true;
    }
    EMU_RETURN_IF_ERROR(fit(m_imageSlots, m_plan.imageSlots,
                            mastering ? gpu::ImageFormat::Rgba32f : gpu::ImageFormat::Rgba16f));
    EMU_RETURN_IF_ERROR(fit(m_matteSlots, m_plan.matteSlots,
                            mastering ? gpu::ImageFormat::R32f : gpu::ImageFormat::R16f));
    // Stages between spatial dispatches stay in fp32 whatever the precision: a separable
    // filter's halfway result is not a picture anyone sees.
    EMU_RETURN_IF_ERROR(fit(m_stageImages, spatialImages ? 2 : 0, gpu::ImageFormat::Rgba32f));
    return fit(m_stageMattes, spatialMattes ? 2 : 0, gpu::ImageFormat::R32f);
}

const gpu::StorageImage* GradeRenderer::imageOf(const ValueRef& v, const gpu::StorageImage& src,
                                                const gpu::StorageImage& dst) const {
    if (v == m_plan.source) return &src;
    if (v == m_plan.result) return &dst;
    const Materialised* m = m_plan.find(v);
    return m->type == PortType::Image ? &m_imageSlots[m->slot] : &m_matteSlots[m->slot];
}

Status GradeRenderer::prepare(const gpu::StorageImage& src, const gpu::StorageImage& dst) {
    const std::string srcFormat = gpu::glslFormat(src.format());
    const std::string dstFormat = gpu::glslFormat(dst.format());
    if (!m_kernels.empty() && m_srcFormat == srcFormat && m_dstFormat == dstFormat) {
        return Status::ok();
    }
    m_kernels.clear();
    m_passTextures.clear();
    m_passTextures.resize(m_plan.passes.size());
    m_srcFormat = srcFormat;
    m_dstFormat = dstFormat;
    // All or nothing: a pass that fails (an OCIO shader OCIO refuses, a compile error) leaves no
    // half set of kernels for the next record() to run.
    Status s = prepareKernels(srcFormat, dstFormat);
    if (!s.isOk()) m_kernels.clear();
    return s;
}

Status GradeRenderer::prepareKernels(const std::string& srcFormat, const std::string& dstFormat) {
    if (m_plan.passes.empty()) {
        EMU_ASSIGN_OR_RETURN(
            const gpu::Kernel* k,
            m_cache.fromSource("grade_copy", generateCopyPass(srcFormat, dstFormat),
                               passLayout(2)));
        m_kernels.push_back({{k}});
        return Status::ok();
    }
    for (std::size_t i = 0; i < m_plan.passes.size(); ++i) {
        const Pass& pass = m_plan.passes[i];
        if (pass.kind == Pass::Kind::Spatial) {
            EMU_RETURN_IF_ERROR(prepareSpatial(i, srcFormat, dstFormat));
            continue;
        }
        PassFormats formats;
        for (const ValueRef& v : pass.inputs) formats.inputs.push_back(formatOf(v));
        for (const ValueRef& v : pass.outputs) formats.outputs.push_back(formatOf(v));
        EMU_ASSIGN_OR_RETURN(NodeFunctions functions, ocioFunctions(i, m_passTextures[i]));
        EMU_ASSIGN_OR_RETURN(std::string glsl,
                             generateFusedPass(m_grade, m_registry, m_plan, i, formats, functions));
        EMU_ASSIGN_OR_RETURN(const gpu::Kernel* k,
                             m_cache.fromSource("grade_pass" + std::to_string(i + 1), glsl,
                                                passLayout(pass.inputs.size() + pass.outputs.size(),
                                                           m_passTextures[i].size())));
        m_kernels.push_back({{k}});
    }
    return Status::ok();
}

Result<NodeFunctions> GradeRenderer::ocioFunctions(std::size_t passIndex,
                                                   std::vector<gpu::Texture>& textures) {
    const Pass& pass = m_plan.passes[passIndex];
    NodeFunctions functions;
    int binding = 1 + int(pass.inputs.size() + pass.outputs.size());
    for (NodeId id : pass.nodes) {
        auto it = m_ocioRequests.find(id);
        if (it == m_ocioRequests.end()) continue;
        const std::string name = nodeFunctionName(id);
        const std::string signature = "vec4 " + name + "(vec4 c, EmuPixel pix, uint base) {\n";
        if (!it->second) {
            functions[id] = signature + "    return c;\n}\n";
            continue;
        }
        // Names and bindings of its own, so several OCIO nodes share one program.
        color::OcioShaderRequest request = *it->second;
        request.functionName = "emu_ocio" + std::to_string(id);
        request.resourcePrefix = "emu_ocio" + std::to_string(id) + "_";
        request.firstBinding = binding;
        EMU_ASSIGN_OR_RETURN(const color::ColorConfig* config, colorConfig());
        auto shader = color::OcioShader::build(*config, request);
        if (!shader.isOk()) return shader.status().withContext(describeNode(*m_grade.node(id)));
        for (const color::OcioTexture& t : shader->textures) {
            auto texture = uploadOcioTexture(m_device, t);
            if (!texture.isOk()) {
                return texture.status().withContext(describeNode(*m_grade.node(id)));
            }
            textures.push_back(std::move(texture).value());
            binding++;
        }
        // The cache id in the text makes the pass's hash follow the transform.
        functions[id] = shader->glsl + "\n// OCIO processor " + shader->cacheId + "\n" + signature +
                        "    return vec4(" + request.functionName + "(c).rgb, c.a);\n}\n";
    }
    return functions;
}

std::string GradeRenderer::formatOf(const ValueRef& v) const {
    const bool mastering = m_precision == Precision::Mastering;
    if (v == m_plan.source) return m_srcFormat;
    if (v == m_plan.result) return m_dstFormat;
    if (m_plan.find(v)->type == PortType::Matte) return mastering ? "r32f" : "r16f";
    return mastering ? "rgba32f" : "rgba16f";
}

Status GradeRenderer::prepareSpatial(std::size_t i, const std::string&, const std::string&) {
    const Pass& pass = m_plan.passes[i];
    const NodeType& type = *m_registry.find(m_grade.node(pass.nodes[0])->type);
    const std::string in = formatOf(pass.inputs.at(0));
    const std::string out = formatOf(pass.outputs.at(0));
    const std::string stage = type.desc.outputs[0].type == PortType::Matte ? "r32f" : "rgba32f";
    PassKernels kernels;
    for (int s = 0; s < type.spatialStages; ++s) {
        const bool last = s + 1 == type.spatialStages;
        EMU_ASSIGN_OR_RETURN(std::string glsl,
                             generateSpatialStage(m_grade, m_registry, m_plan, i, s, in,
                                                  s == 0 ? in : stage, last ? out : stage));
        EMU_ASSIGN_OR_RETURN(
            const gpu::Kernel* k,
            m_cache.fromSource(type.desc.id + "_stage" + std::to_string(s), glsl, passLayout(3)));
        kernels.stages.push_back(k);
    }
    m_kernels.push_back(std::move(kernels));
    return Status::ok();
}

Status GradeRenderer::recordSpatial(gpu::ComputeBatch& batch, std::size_t i,
                                    const gpu::StorageImage& src, const gpu::StorageImage& dst,
                                    const void* push, std::uint32_t pushBytes) {
    const Pass& pass = m_plan.passes[i];
    const NodeType& type = *m_registry.find(m_grade.node(pass.nodes[0])->type);
    const bool matte = type.desc.outputs[0].type == PortType::Matte;
    const std::vector<gpu::StorageImage>& temps = matte ? m_stageMattes : m_stageImages;
    const gpu::StorageImage& in = *imageOf(pass.inputs.at(0), src, dst);
    const gpu::StorageImage& out = *imageOf(pass.outputs.at(0), src, dst);
    const std::size_t stages = m_kernels[i].stages.size();
    for (std::size_t s = 0; s < stages; ++s) {
        const gpu::StorageImage& prev = s == 0 ? in : temps[(s - 1) % 2];
        const gpu::StorageImage& target = s + 1 == stages ? out : temps[s % 2];
        EMU_RETURN_IF_ERROR(batch.dispatch(*m_kernels[i].stages[s], {m_params, in, prev, target},
                                           push, pushBytes, src.width(), src.height(),
                                           type.desc.id + " " + std::to_string(s + 1)));
    }
    return Status::ok();
}

Status GradeRenderer::record(gpu::ComputeBatch& batch, const gpu::StorageImage& src,
                             const gpu::StorageImage& dst) {
    if (m_plan.liveNodes.empty()) {
        return makeError(ErrorCode::InvalidArgument, "no grade set");
    }
    if (src.width() != dst.width() || src.height() != dst.height()) {
        return makeError(ErrorCode::InvalidArgument, "grade source and target sizes differ");
    }
    EMU_RETURN_IF_ERROR(prepare(src, dst));
    EMU_RETURN_IF_ERROR(ensureImages(src.width(), src.height()));
    const FramePush push{src.width(), src.height(), float(src.width()) / float(src.height())};
    if (m_plan.passes.empty()) {
        return batch.dispatch(*m_kernels[0].stages[0], {m_params, src, dst}, &push, sizeof push,
                              src.width(), src.height(), "copy");
    }
    for (std::size_t i = 0; i < m_plan.passes.size(); ++i) {
        const Pass& pass = m_plan.passes[i];
        if (pass.kind == Pass::Kind::Spatial) {
            EMU_RETURN_IF_ERROR(recordSpatial(batch, i, src, dst, &push, sizeof push));
            continue;
        }
        std::vector<gpu::Resource> resources{gpu::Resource(m_params)};
        for (const ValueRef& v : pass.inputs) resources.emplace_back(*imageOf(v, src, dst));
        for (const ValueRef& v : pass.outputs) resources.emplace_back(*imageOf(v, src, dst));
        for (const gpu::Texture& t : m_passTextures[i]) resources.emplace_back(t);
        EMU_RETURN_IF_ERROR(batch.dispatch(*m_kernels[i].stages[0], resources, &push, sizeof push,
                                           src.width(), src.height(),
                                           "pass " + std::to_string(i + 1)));
    }
    return Status::ok();
}

}  // namespace emu::graph
