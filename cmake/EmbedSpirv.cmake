# Writes OUTPUT, a C++ source that registers the SPIR-V words of INPUT under NAME.
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR word_count "${hex_length} / 8")
set(words "")
set(i 0)
while(i LESS hex_length)
    # SPIR-V is little-endian on every platform we build for: reassemble each 32-bit word.
    string(SUBSTRING "${hex}" ${i} 8 w)
    string(SUBSTRING "${w}" 0 2 b0)
    string(SUBSTRING "${w}" 2 2 b1)
    string(SUBSTRING "${w}" 4 2 b2)
    string(SUBSTRING "${w}" 6 2 b3)
    string(APPEND words "0x${b3}${b2}${b1}${b0}u,")
    math(EXPR i "${i} + 8")
    math(EXPR col "${i} % 64")
    if(col EQUAL 0)
        string(APPEND words "\n")
    endif()
endwhile()
file(WRITE ${OUTPUT}
"// Generated from ${NAME}.spv at build time. Do not edit.\n"
"#include \"emulsion/gpu/EmbeddedKernels.h\"\n"
"namespace emu::gpu::embedded {\n"
"namespace { const unsigned kWords[] = {\n${words}}; }\n"
"extern const SpirvBlob ${NAME};\nconst SpirvBlob ${NAME}{\"${NAME}\", kWords, ${word_count}};\n"
"}  // namespace emu::gpu::embedded\n")
