# Every dependency is a Debian 12 package (scripts/setup installs them), found with
# find_package or pkg-config. Nothing is fetched.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(Vulkan REQUIRED)
find_package(OpenEXR 3 REQUIRED CONFIG)
find_package(Imath 3 REQUIRED CONFIG)
find_package(CLI11 REQUIRED CONFIG)
find_package(nlohmann_json 3 REQUIRED CONFIG)  # grade files, probe --json

# OpenColorIO 2.1's CMake config is broken on Debian 12 and OpenImageIO's names a missing
# include directory: use pkg-config for both.
pkg_check_modules(OCIO REQUIRED IMPORTED_TARGET OpenColorIO)
pkg_check_modules(OIIO REQUIRED IMPORTED_TARGET OpenImageIO)
pkg_check_modules(LIBRAW REQUIRED IMPORTED_TARGET libraw_r)
pkg_check_modules(FFMPEG REQUIRED IMPORTED_TARGET libavformat libavcodec libavutil libswscale)
pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat)  # ASC CDL files (.cc, .ccc, .cdl)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)  # the project store
pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz)  # text shaping (burn-ins, titles)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)  # glyph rasterising

# glslang's C API for runtime GLSL -> SPIR-V (Debian's libshaderc crashes when called).
find_package(glslang REQUIRED CONFIG)

find_program(GLSLC_EXECUTABLE glslc REQUIRED)
find_program(OIIOTOOL_EXECUTABLE oiiotool REQUIRED)  # tests compare against it
# Movie tests make their media with ffmpeg and compare against its decode and ffprobe.
find_program(FFMPEG_EXECUTABLE ffmpeg REQUIRED)
find_program(FFPROBE_EXECUTABLE ffprobe REQUIRED)
