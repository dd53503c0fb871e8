#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulsion/color/ColorConfig.h"
#include "emulsion/color/OcioShader.h"

#include "emulsion/core/Result.h"
#include "emulsion/gpu/Buffer.h"
#include "emulsion/gpu/ComputeBatch.h"
#include "emulsion/gpu/KernelCache.h"
#include "emulsion/gpu/StorageImage.h"
#include "emulsion/gpu/Texture.h"
#include "emulsion/graph/Grade.h"
#include "emulsion/graph/OcioNode.h"
#include "emulsion/graph/Planner.h"
#include "emulsion/graph/ShaderGenerator.h"

namespace emu::graph {

// Renders a grade on the GPU: the plan's fused passes as generated shaders, intermediates in
// storage images reused between frames. setGrade() re-plans and fetches pipelines only when
// the grade's structure changed; a parameter edit only rewrites the parameter buffer.
// OpenColorIO nodes (lut, cst) count as structure through OCIO's cache id of their transform:
// a pass is rebuilt when a transform changes, never for a numeric edit elsewhere.
// Thread: render thread; device, cache and registry must outlive it.
class GradeRenderer {
public:
    enum class Precision { Interactive, Mastering };  // RGBA16F or RGBA32F between passes

    GradeRenderer(gpu::Device& device, gpu::KernelCache& cache, const NodeRegistry& registry,
                  Precision precision = Precision::Mastering, PlanOptions planOptions = {});

    // The colour config and base folder of OCIO nodes: the built-in config and the working
    // directory until set. Takes effect at the next setGrade(), which then re-plans.
    void setOcioContext(OcioContext context);

    // Fails (naming node and parameter) for an invalid grade, and for an OCIO node whose
    // transform cannot be built (naming the node and the file or colour space); the previous
    // grade stays.
    Status setGrade(const Grade& grade);

    // Records the grade from `src` (any RGBA format) into `dst` (any RGBA format), both one
    // size. Call batch.submitAndWait() to run it.
    Status record(gpu::ComputeBatch& batch, const gpu::StorageImage& src,
                  const gpu::StorageImage& dst);

    const Plan& plan() const { return m_plan; }
    // How many times the structure was (re)planned; parameter edits leave it unchanged.
    int replans() const { return m_replans; }

private:
    // The kernels of one pass: one for a fused pass, one per stage for a spatial pass.
    struct PassKernels {
        std::vector<const gpu::Kernel*> stages;
    };
    Status prepare(const gpu::StorageImage& src, const gpu::StorageImage& dst);
    Status prepareKernels(const std::string& srcFormat, const std::string& dstFormat);
    Result<const color::ColorConfig*> colorConfig();
    // OCIO cache ids of the grade's OCIO nodes, and their transforms into `requests`.
    Result<std::string> ocioStructureOf(
        const Grade& grade, std::map<NodeId, std::optional<color::OcioShaderRequest>>& requests);
    // The GLSL of a fused pass's OCIO nodes, with their textures uploaded into `textures`.
    Result<NodeFunctions> ocioFunctions(std::size_t passIndex, std::vector<gpu::Texture>& textures);
    Status ensureImages(int widthPx, int heightPx);
    Status prepareSpatial(std::size_t passIndex, const std::string& srcFormat,
                          const std::string& dstFormat);
    Status recordSpatial(gpu::ComputeBatch& batch, std::size_t passIndex,
                         const gpu::StorageImage& src, const gpu::StorageImage& dst,
                         const void* push, std::uint32_t pushBytes);
    std::string formatOf(const ValueRef& v) const;  // GLSL format of a materialised value
    const gpu::StorageImage* imageOf(const ValueRef& v, const gpu::StorageImage& src,
                                     const gpu::StorageImage& dst) const;

    gpu::Device& m_device;
    gpu::KernelCache& m_cache;
    const NodeRegistry& m_registry;
    Precision m_precision;
    PlanOptions m_planOptions;
    Grade m_grade;
    std::string m_structure;  // what the plan depends on; a change means re-planning
    Plan m_plan;
    int m_replans = 0;
    OcioContext m_ocio;
    std::optional<color::ColorConfig> m_config;  // m_ocio's config, resolved when first needed
    std::map<NodeId, std::optional<color::OcioShaderRequest>> m_ocioRequests;
    std::vector<PassKernels> m_kernels;  // per pass, or one copy kernel for no passes
    std::vector<std::vector<gpu::Texture>> m_passTextures;  // per pass: its OCIO nodes' LUTs
    std::string m_srcFormat, m_dstFormat;  // the formats the kernels were generated for
    gpu::Buffer m_params;
    std::vector<gpu::StorageImage> m_imageSlots;
    std::vector<gpu::StorageImage> m_matteSlots;
    // Ping-pong images between the stages of spatial passes: two of each type.
    std::vector<gpu::StorageImage> m_stageImages;
    std::vector<gpu::StorageImage> m_stageMattes;
};

}  // namespace emu::graph
