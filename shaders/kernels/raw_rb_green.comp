#version 460
// Directional demosaic, step 3 of 3: red and blue at green samples. Each of the four cross
// neighbours (full RGB after step 2) offers green here plus its colour difference; the four
// are blended by weights 1 / (D^2 + eps), D measuring change on that neighbour's side (green
// from here to the next green beyond it, colour and green from it to the next like it), so
// at an edge between two flat areas the neighbours on this pixel's own side win. Then camera
// RGB -> ACES with the exposure gain.
#include "common.glsl"
#include "raw.glsl"

layout(local_size_x = EMU_LOCAL_SIZE_X, local_size_y = EMU_LOCAL_SIZE_Y) in;
layout(set = 0, binding = 0, rgba32f) uniform readonly image2D rgbImage;
layout(set = 0, binding = 1, rgba32f) uniform writeonly image2D dstImage;

ivec2 g_size;

vec3 at(ivec2 p) {
    return imageLoad(rgbImage, rawMirror(p, g_size)).rgb;
}

void main() {
    ivec2 p;
    g_size = imageSize(rgbImage);
    if (!emuPixel(g_size, p)) return;
    vec3 rgb = at(p);
    if (rawColour(p) == 1) {
        const ivec2 dirs[4] = ivec2[4](ivec2(-1, 0), ivec2(1, 0), ivec2(0, -1), ivec2(0, 1));
        for (int c = 0; c <= 2; c += 2) {
            precise float sw = 0.0;
            precise float se = 0.0;
            for (int i = 0; i < 4; ++i) {
                ivec2 d = dirs[i];
                vec3 q = at(p + d);
                vec3 q2 = at(p + 3 * d);
                precise float grad =
                    abs(rgb.g - at(p + 2 * d).g) + abs(q[c] - q2[c]) + abs(q.g - q2.g);
                float w = rawWeight(grad);
                sw += w;
                se += w * (rgb.g + (q[c] - q.g));
            }
            rgb[c] = se / sw;
        }
    }
    imageStore(dstImage, p, vec4(rawToAces(rgb), 1.0));
}
