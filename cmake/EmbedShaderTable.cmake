# Writes OUTPUT: the table of embedded kernels (KERNELS, names) and include texts (INCLUDES).
set(body "// Generated at build time. Do not edit.\n#include \"emulsion/gpu/EmbeddedKernels.h\"\n")
string(APPEND body "namespace emu::gpu::embedded {\n")
foreach(k IN LISTS KERNELS)
    string(APPEND body "extern const SpirvBlob ${k};\n")
endforeach()
string(APPEND body "namespace {\nconst SpirvBlob* const kKernels[] = {\n")
foreach(k IN LISTS KERNELS)
    string(APPEND body "    &${k},\n")
endforeach()
string(APPEND body "};\nconst ShaderText kIncludes[] = {\n")
foreach(f IN LISTS INCLUDES)
    get_filename_component(name ${f} NAME)
    file(READ ${f} text)
    string(APPEND body "    {\"${name}\", R\"emu_glsl(${text})emu_glsl\"},\n")
endforeach()
string(APPEND body "};\nconst ShaderText kNodes[] = {\n")
foreach(f IN LISTS NODES)
    get_filename_component(name ${f} NAME)
    file(READ ${f} text)
    string(APPEND body "    {\"${name}\", R\"emu_glsl(${text})emu_glsl\"},\n")
endforeach()
string(APPEND body "};\n}  // namespace\n")
string(APPEND body [=[
const SpirvBlob* findKernel(std::string_view name) {
    for (const SpirvBlob* k : kKernels) {
        if (name == k->name) return k;
    }
    return nullptr;
}
std::span<const SpirvBlob* const> kernels() { return kKernels; }
std::span<const ShaderText> shaderIncludes() { return kIncludes; }
std::span<const ShaderText> nodeFunctions() { return kNodes; }
}  // namespace emu::gpu::embedded
]=])
file(WRITE ${OUTPUT} "${body}")
