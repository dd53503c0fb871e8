#include "emulsion/color/OcioShader.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "OcioProcessor.h"

namespace OCIO = OCIO_NAMESPACE;

namespace emu::color {
namespace {

// The sampler type OCIO declared for `sampler` ("sampler1D", ...) and where the declaration
// starts and ends (through its ';'), or npos.
struct Declaration {
    std::size_t begin = std::string::npos;
    std::size_t end = std::string::npos;
    int dimensions = 0;
};

Declaration findSamplerDeclaration(const std::string& glsl, const std::string& sampler) {
    for (int d = 1; d <= 3; ++d) {
        const std::string decl = "uniform sampler" + std::to_string(d) + "D " + sampler + ";";
        const std::size_t at = glsl.find(decl);
        if (at != std::string::npos) return {at, at + decl.size(), d};
    }
    return {};
}

// texture(args) -> textureLod(args, 0.0): compute shaders have no derivatives, so implicit-LOD
// sampling is only defined because the tables have a single level; say what is meant instead.
std::string explicitLod(const std::string& glsl) {
    std::string out;
    out.reserve(glsl.size() + 64);
    const std::string_view call = "texture(";
    std::size_t pos = 0;
    while (true) {
        std::size_t at = glsl.find(call, pos);
        // Skip identifiers that merely end in "texture" (e.g. "my_texture(").
        while (at != std::string::npos && at > 0 &&
               (std::isalnum(static_cast<unsigned char>(glsl[at - 1])) || glsl[at - 1] == '_')) {
            at = glsl.find(call, at + 1);
        }
        if (at == std::string::npos) break;
        std::size_t close = at + call.size();
        int depth = 1;
        for (; close < glsl.size() && depth > 0; ++close) {
            if (glsl[close] == '(') ++depth;
            if (glsl[close] == ')') --depth;
        }
        if (depth != 0) break;  // unbalanced: leave the rest to the compiler's judgement
        out.append(glsl, pos, at - pos);
        out += "textureLod(";
        out.append(glsl, at + call.size(), close - 1 - (at + call.size()));
        out += ", 0.0)";
        pos = close;
    }
    out.append(glsl, pos, std::string::npos);
    return out;
}

Status addTexture(OcioShader& shader, std::string& glsl, const std::string& sampler, int width,
                  int height, int depth, int channels, OCIO::Interpolation interpolation,
                  const float* values, int binding) {
    const Declaration decl = findSamplerDeclaration(glsl, sampler);
    if (decl.begin == std::string::npos) {
        return core::makeError(ErrorCode::Unsupported,
                               "OCIO shader does not declare sampler '" + sampler + "'");
    }
    const std::string type = "sampler" + std::to_string(decl.dimensions) + "D";
    glsl.replace(decl.begin, decl.end - decl.begin,
                 "layout(set = 0, binding = " + std::to_string(binding) + ") uniform " + type +
                     " " + sampler + ";");
    OcioTexture texture;
    texture.samplerName = sampler;
    texture.binding = binding;
    texture.dimensions = decl.dimensions;
    texture.width = width;
    texture.height = height;
    texture.depth = depth;
    texture.channels = channels;
    texture.linear = interpolation != OCIO::INTERP_NEAREST;
    const std::size_t count = std::size_t(width) * height * depth * channels;
    texture.values.assign(values, values + count);
    shader.textures.push_back(std::move(texture));
    return Status::ok();
}

Status collectTextures(const OCIO::GpuShaderDesc& desc, int firstBinding, OcioShader& shader,
                       std::string& glsl) {
    int binding = firstBinding;
    for (unsigned i = 0; i < desc.getNumTextures(); ++i) {
        const char* textureName = nullptr;
        const char* samplerName = nullptr;
        unsigned width = 0, height = 0;
        OCIO::GpuShaderDesc::TextureType channel{};
        OCIO::Interpolation interpolation{};
        desc.getTexture(i, textureName, samplerName, width, height, channel, interpolation);
        const float* values = nullptr;
        desc.getTextureValues(i, values);
        const int channels = channel == OCIO::GpuShaderDesc::TEXTURE_RGB_CHANNEL ? 3 : 1;
        EMU_RETURN_IF_ERROR(addTexture(shader, glsl, samplerName, int(width), int(height), 1,
                                       channels, interpolation, values, binding++));
    }
    for (unsigned i = 0; i < desc.getNum3DTextures(); ++i) {
        const char* textureName = nullptr;
        const char* samplerName = nullptr;
        unsigned edge = 0;
        OCIO::Interpolation interpolation{};
        desc.get3DTexture(i, textureName, samplerName, edge, interpolation);
        const float* values = nullptr;
        desc.get3DTextureValues(i, values);
        EMU_RETURN_IF_ERROR(addTexture(shader, glsl, samplerName, int(edge), int(edge), int(edge),
                                       3, interpolation, values, binding++));
    }
    return Status::ok();
}

}  // namespace

Result<OcioShader> OcioShader::build(const ColorConfig& config, const OcioShaderRequest& request) {
    EMU_ASSIGN_OR_RETURN(OCIO::ConstProcessorRcPtr processor, makeOcioProcessor(config, request));
    try {
        OCIO::GpuShaderDescRcPtr desc = OCIO::GpuShaderDesc::CreateShaderDesc();
        desc->setLanguage(OCIO::GPU_LANGUAGE_GLSL_4_0);
        desc->setFunctionName(request.functionName.c_str());
        desc->setResourcePrefix(request.resourcePrefix.c_str());
        processor->getDefaultGPUProcessor()->extractGpuShaderInfo(desc);
        if (desc->getNumUniforms() > 0) {
            return core::makeError(ErrorCode::Unsupported,
                                   "OCIO shader needs " + std::to_string(desc->getNumUniforms()) +
                                       " uniforms (a dynamic transform); only static transforms "
                                       "are supported");
        }
        OcioShader shader;
        shader.functionName = request.functionName;
        shader.cacheId = processor->getCacheID();
        std::string glsl = desc->getShaderText();
        EMU_RETURN_IF_ERROR(collectTextures(*desc, request.firstBinding, shader, glsl));
        shader.glsl = explicitLod(glsl);
        return shader;
    } catch (const OCIO::Exception& e) {
        return core::makeError(ErrorCode::InvalidArgument,
                               std::string("OCIO cannot build the transform: ") + e.what());
    }
}

Result<std::string> ocioCacheId(const ColorConfig& config, const OcioShaderRequest& request) {
    EMU_ASSIGN_OR_RETURN(OCIO::ConstProcessorRcPtr processor, makeOcioProcessor(config, request));
    return std::string(processor->getCacheID());
}

}  // namespace emu::color
