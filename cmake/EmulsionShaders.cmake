# Build-time shaders: each .comp is compiled with glslc into SPIR-V, and the words are embedded
# in a generated C++ source so the binary needs no shader files at run time. Include files of
# shaders/include/ are embedded as text for the runtime compiler.

set(EMULSION_SHADER_INCLUDE_DIR ${CMAKE_SOURCE_DIR}/shaders/include)

# emulsion_add_kernel(<list-var> NAME <name> SOURCE <file.comp> [DEFINES A=1 B=2])
# Appends the generated .cpp to <list-var>.
function(emulsion_add_kernel out_var)
    cmake_parse_arguments(K "" "NAME;SOURCE" "DEFINES" ${ARGN})
    set(spv ${CMAKE_CURRENT_BINARY_DIR}/spv/${K_NAME}.spv)
    set(cpp ${CMAKE_CURRENT_BINARY_DIR}/spv/${K_NAME}.spv.cpp)
    set(define_flags "")
    foreach(d IN LISTS K_DEFINES)
        list(APPEND define_flags "-D${d}")
    endforeach()
    file(GLOB include_files ${EMULSION_SHADER_INCLUDE_DIR}/*.glsl)
    add_custom_command(
        OUTPUT ${spv}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/spv
        COMMAND ${GLSLC_EXECUTABLE} --target-env=vulkan1.2 -O -I ${EMULSION_SHADER_INCLUDE_DIR}
                ${define_flags} -o ${spv} ${K_SOURCE}
        DEPENDS ${K_SOURCE} ${include_files}
        COMMENT "glslc ${K_NAME}"
        VERBATIM)
    add_custom_command(
        OUTPUT ${cpp}
        COMMAND ${CMAKE_COMMAND} -DINPUT=${spv} -DOUTPUT=${cpp} -DNAME=${K_NAME}
                -P ${CMAKE_SOURCE_DIR}/cmake/EmbedSpirv.cmake
        DEPENDS ${spv} ${CMAKE_SOURCE_DIR}/cmake/EmbedSpirv.cmake
        VERBATIM)
    set(${out_var} ${${out_var}} ${cpp} PARENT_SCOPE)
endfunction()
