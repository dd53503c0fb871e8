#version 460
// Burn-ins, titles and subtitles over a display-referred frame: translucent boxes first, then
// text through its anti-aliased coverage mask. The CPU reference is text::compositeCpu().
#include "common.glsl"

layout(local_size_x = EMU_LOCAL_SIZE_X, local_size_y = EMU_LOCAL_SIZE_Y) in;
layout(set = 0, binding = 0, rgba32f) uniform image2D frame;
layout(set = 0, binding = 1, r32f) uniform readonly image2D coverage;

layout(push_constant) uniform Params {
    vec4 text;        // rgb, opacity
    vec4 box;         // rgb, opacity
    ivec4 boxes[4];   // x0, y0, x1, y1 (exclusive ends)
    ivec2 origin;     // of the region this dispatch covers
    ivec2 extent;     // its size
    int boxCount;
} params;

void main() {
    ivec2 q;
    if (!emuPixel(params.extent, q)) return;
    ivec2 p = q + params.origin;
    float b = 0.0;
    for (int i = 0; i < params.boxCount; ++i) {
        ivec4 r = params.boxes[i];
        if (p.x >= r.x && p.y >= r.y && p.x < r.z && p.y < r.w) {
            b = params.box.a;
            break;
        }
    }
    precise float t = imageLoad(coverage, p).r * params.text.a;
    if (b == 0.0 && t == 0.0) return;
    vec4 c = imageLoad(frame, p);
    precise vec3 v = c.rgb + (params.box.rgb - c.rgb) * b;
    precise vec3 w = v + (params.text.rgb - v) * t;
    imageStore(frame, p, vec4(w, c.a));
}
