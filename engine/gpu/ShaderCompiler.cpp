#include "emulsion/gpu/ShaderCompiler.h"

#include <glslang/Include/glslang_c_interface.h>
#include <glslang/Public/resource_limits_c.h>

#include <memory>
#include <set>
#include <sstream>

#include "emulsion/gpu/EmbeddedKernels.h"

namespace emu::gpu {

namespace {

const char* findInclude(std::string_view file) {
    for (const ShaderText& t : embedded::shaderIncludes()) {
        if (file == t.name) return t.text;
    }
    return nullptr;
}

// Returns the file name of an `#include "x"` line, or empty.
std::string_view includeTarget(std::string_view line) {
    std::size_t i = line.find_first_not_of(" \t");
    if (i == std::string_view::npos || line.substr(i, 8) != "#include") return {};
    std::size_t open = line.find('"', i + 8);
    std::size_t close = open == std::string_view::npos ? open : line.find('"', open + 1);
    if (close == std::string_view::npos) return {};
    return line.substr(open + 1, close - open - 1);
}

Status expandInto(std::string_view name, std::string_view source, std::set<std::string>& seen,
                  std::string& out, int depth) {
    if (depth > 16) {
        return makeError(ErrorCode::InvalidArgument,
                         std::string(name) + ": includes nest too deep");
    }
    std::size_t lineNo = 0;
    std::size_t pos = 0;
    while (pos <= source.size()) {
        std::size_t end = source.find('\n', pos);
        if (end == std::string_view::npos) end = source.size();
        std::string_view line = source.substr(pos, end - pos);
        ++lineNo;
        std::string_view target = includeTarget(line);
        if (target.empty()) {
            out.append(line);
            out.push_back('\n');
        } else if (seen.insert(std::string(target)).second) {
            const char* text = findInclude(target);
            if (!text) {
                return makeError(ErrorCode::NotFound,
                                 std::string(name) + ":" + std::to_string(lineNo) +
                                     ": unknown include \"" + std::string(target) + "\"");
            }
            EMU_RETURN_IF_ERROR(expandInto(target, text, seen, out, depth + 1));
        }
        pos = end + 1;
    }
    return Status::ok();
}

struct ShaderDeleter {
    void operator()(glslang_shader_t* s) const { glslang_shader_delete(s); }
};
struct ProgramDeleter {
    void operator()(glslang_program_t* p) const { glslang_program_delete(p); }
};

}  // namespace

ShaderCompiler::ShaderCompiler() {
    glslang_initialize_process();
}
ShaderCompiler::~ShaderCompiler() {
    glslang_finalize_process();
}

std::string_view ShaderCompiler::versionTag() {
    return "glslang-12/vulkan1.2/spv1.5/O0";
}

Result<std::string> ShaderCompiler::expandIncludes(std::string_view name, std::string_view source) {
    std::string out;
    std::set<std::string> seen;
    EMU_RETURN_IF_ERROR(expandInto(name, source, seen, out, 0));
    return out;
}

Result<std::vector<std::uint32_t>> ShaderCompiler::compileCompute(std::string_view name,
                                                                  std::string_view source) const {
    EMU_ASSIGN_OR_RETURN(std::string expanded, expandIncludes(name, source));

    glslang_input_t input{};
    input.language = GLSLANG_SOURCE_GLSL;
    input.stage = GLSLANG_STAGE_COMPUTE;
    input.client = GLSLANG_CLIENT_VULKAN;
    input.client_version = GLSLANG_TARGET_VULKAN_1_2;
    input.target_language = GLSLANG_TARGET_SPV;
    input.target_language_version = GLSLANG_TARGET_SPV_1_5;
    input.code = expanded.c_str();
    input.default_version = 460;
    input.default_profile = GLSLANG_NO_PROFILE;
    input.messages =
        static_cast<glslang_messages_t>(GLSLANG_MSG_SPV_RULES_BIT | GLSLANG_MSG_VULKAN_RULES_BIT);
    input.resource = glslang_default_resource();

    std::unique_ptr<glslang_shader_t, ShaderDeleter> shader(glslang_shader_create(&input));
    auto fail = [&](const char* stage, const char* log) -> Status {
        return makeError(ErrorCode::InvalidArgument,
                         std::string(name) + ": GLSL " + stage + " failed:\n" + (log ? log : ""));
    };
    if (!glslang_shader_preprocess(shader.get(), &input)) {
        return fail("preprocessing", glslang_shader_get_info_log(shader.get()));
    }
    if (!glslang_shader_parse(shader.get(), &input)) {
        return fail("compilation", glslang_shader_get_info_log(shader.get()));
    }
    std::unique_ptr<glslang_program_t, ProgramDeleter> program(glslang_program_create());
    glslang_program_add_shader(program.get(), shader.get());
    if (!glslang_program_link(program.get(), input.messages)) {
        return fail("linking", glslang_program_get_info_log(program.get()));
    }
    glslang_program_SPIRV_generate(program.get(), GLSLANG_STAGE_COMPUTE);
    std::size_t words = glslang_program_SPIRV_get_size(program.get());
    if (words == 0)
        return fail("SPIR-V generation", glslang_program_SPIRV_get_messages(program.get()));
    std::vector<std::uint32_t> spirv(words);
    glslang_program_SPIRV_get(program.get(), spirv.data());
    return spirv;
}

}  // namespace emu::gpu
