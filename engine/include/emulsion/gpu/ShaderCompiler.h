#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::gpu {

// GLSL 460 compute shaders to SPIR-V at run time through glslang's C API (Debian's libshaderc
// crashes when called). `#include "name.glsl"` lines are resolved against the embedded
// shaders/include/ texts, each file at most once.
// Thread: compile() may be called from several threads; each call has its own glslang objects.
class ShaderCompiler {
public:
    ShaderCompiler();   // initialises glslang's process state (reference-counted by glslang)
    ~ShaderCompiler();  // and releases it
    ShaderCompiler(const ShaderCompiler&) = delete;
    ShaderCompiler& operator=(const ShaderCompiler&) = delete;

    // `name` appears in error messages. Fails with InvalidArgument carrying glslang's log
    // (with line numbers of the expanded source) for a shader that does not compile.
    Result<std::vector<std::uint32_t>> compileCompute(std::string_view name,
                                                      std::string_view source) const;

    // The source with its includes expanded: what compileCompute() compiles and what the
    // kernel cache hashes. Fails with NotFound for an unknown include.
    static Result<std::string> expandIncludes(std::string_view name, std::string_view source);

    // Changes whenever the compiler or its options change, so on-disk caches are invalidated.
    static std::string_view versionTag();
};

}  // namespace emu::gpu
