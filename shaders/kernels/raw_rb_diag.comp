#version 460
// Directional demosaic, step 2 of 3: at red samples blue, at blue samples red, from the four
// diagonal neighbours' colour differences (colour - green), blended between the two diagonals
// by weights 1 / (D^2 + eps), D from the colour's and green's differences along each. Writes camera RGB at red and blue sites; (0, green, 0) at green
// sites, which step 3 fills.
#include "common.glsl"
#include "raw.glsl"

layout(local_size_x = EMU_LOCAL_SIZE_X, local_size_y = EMU_LOCAL_SIZE_Y) in;
layout(set = 0, binding = 0, rgba32f) uniform readonly image2D greenImage;
layout(set = 0, binding = 1, rgba32f) uniform writeonly image2D dstImage;

ivec2 g_size;

vec2 at(ivec2 p) {
    return imageLoad(greenImage, rawMirror(p, g_size)).xy;  // (sample, green)
}

// Colour difference estimate along the diagonal d and its gradient.
void diagonal(ivec2 p, ivec2 d, float green, out float estimate, out float grad) {
    vec2 a = at(p - d);
    vec2 b = at(p + d);
    precise float e = green + ((a.x - a.y) + (b.x - b.y)) * 0.5;
    precise float g = abs(a.x - b.x) + abs(a.y - b.y) + abs(2.0 * green - a.y - b.y);
    estimate = e;
    grad = g;
}

void main() {
    ivec2 p;
    g_size = imageSize(greenImage);
    if (!emuPixel(g_size, p)) return;
    vec2 c = at(p);
    int own = rawColour(p);
    vec3 rgb = vec3(0.0, c.y, 0.0);
    if (own != 1) {
        float e1, d1, e2, d2;
        diagonal(p, ivec2(1, 1), c.y, e1, d1);
        diagonal(p, ivec2(1, -1), c.y, e2, d2);
        float w1 = rawWeight(d1);
        float w2 = rawWeight(d2);
        precise float other = (w1 * e1 + w2 * e2) / (w1 + w2);
        rgb[own] = c.x;
        rgb[2 - own] = other;
    }
    imageStore(dstImage, p, vec4(rgb, 0.0));
}
