#version 460
// Directional demosaic, step 1 of 3: green everywhere. At a red or blue sample, green is
// estimated horizontally and vertically the Hamilton-Adams way (mean of the two greens plus a
// quarter of the own colour's second difference), each kept between its two greens so an edge
// cannot overshoot, and the two are blended by weights 1 / (D^2 + eps), D being each
// direction's gradient summed over three rows or columns (the middle one twice), so edges are
// followed and flat areas averaged. Writes (sample, green, 0, 0).
#include "common.glsl"
#include "raw.glsl"

layout(local_size_x = EMU_LOCAL_SIZE_X, local_size_y = EMU_LOCAL_SIZE_Y) in;
layout(set = 0, binding = 0, r16ui) uniform readonly uimage2D mosaic;
layout(set = 0, binding = 1, rgba32f) uniform writeonly image2D dstImage;

ivec2 g_size;

float m(ivec2 p) {
    p = rawMirror(p, g_size);
    int pos = rawPos(p);
    precise float v = (float(imageLoad(mosaic, p).r) - params.black[pos]) * params.scale[pos];
    return v;
}

// Gradient along `d` at p: first difference of the neighbours plus second difference of p's
// own colour.
float gradient(ivec2 p, ivec2 d) {
    precise float g = abs(m(p - d) - m(p + d)) + abs(2.0 * m(p) - m(p - 2 * d) - m(p + 2 * d));
    return g;
}

float estimate(ivec2 p, ivec2 d) {
    float a = m(p - d);
    float b = m(p + d);
    precise float e = (a + b) * 0.5 + (2.0 * m(p) - m(p - 2 * d) - m(p + 2 * d)) * 0.25;
    return clamp(e, min(a, b), max(a, b));
}

void main() {
    ivec2 p;
    g_size = imageSize(mosaic);
    if (!emuPixel(g_size, p)) return;
    float own = m(p);
    float green = own;
    if (rawColour(p) != 1) {
        const ivec2 h = ivec2(1, 0);
        const ivec2 v = ivec2(0, 1);
        precise float dH = gradient(p - v, h) + 2.0 * gradient(p, h) + gradient(p + v, h);
        precise float dV = gradient(p - h, v) + 2.0 * gradient(p, v) + gradient(p + h, v);
        float wH = rawWeight(dH);
        float wV = rawWeight(dV);
        precise float g = (wH * estimate(p, h) + wV * estimate(p, v)) / (wH + wV);
        green = g;
    }
    imageStore(dstImage, p, vec4(own, green, 0.0, 0.0));
}
