#version 460
// Exposure in stops on linear RGB: out.rgb = in.rgb * 2^stops; alpha passes through.
// Compiled once per source format (SRC_FORMAT is rgba16f or rgba32f) because lavapipe cannot
// read storage images without a declared format. The result is always fp32: Vulkan lets an
// fp32 -> fp16 image store round either way (lavapipe truncates, so 2 x 65504 stays 65504),
// so rounding to half is left to the CPU, which rounds to nearest even like every EXR tool.
#include "common.glsl"

layout(local_size_x = EMU_LOCAL_SIZE_X, local_size_y = EMU_LOCAL_SIZE_Y) in;
layout(set = 0, binding = 0, SRC_FORMAT) uniform readonly image2D srcImage;
layout(set = 0, binding = 1, rgba32f) uniform writeonly image2D dstImage;
layout(push_constant) uniform Params {
    float gain;  // 2^stops, computed on the CPU so GPU and CPU reference agree exactly
} params;

void main() {
    ivec2 p;
    if (!emuPixel(imageSize(srcImage), p)) return;
    vec4 c = imageLoad(srcImage, p);
    imageStore(dstImage, p, vec4(c.rgb * params.gain, c.a));
}
