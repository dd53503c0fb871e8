#version 460
// Bilinear demosaic, for scrubbing: each missing colour is the mean of that colour's samples
// in the 3x3 neighbourhood (4 cross neighbours for green, 2 or 4 for red and blue), on
// black-subtracted, white-balanced samples; then camera RGB -> ACES with the exposure gain.
#include "common.glsl"
#include "raw.glsl"

layout(local_size_x = EMU_LOCAL_SIZE_X, local_size_y = EMU_LOCAL_SIZE_Y) in;
layout(set = 0, binding = 0, r16ui) uniform readonly uimage2D mosaic;
layout(set = 0, binding = 1, rgba32f) uniform writeonly image2D dstImage;

float value(ivec2 p, ivec2 size) {
    p = rawMirror(p, size);
    int pos = rawPos(p);
    precise float v = (float(imageLoad(mosaic, p).r) - params.black[pos]) * params.scale[pos];
    return v;
}

void main() {
    ivec2 p;
    ivec2 size = imageSize(mosaic);
    if (!emuPixel(size, p)) return;
    precise vec3 sum = vec3(0.0);
    vec3 count = vec3(0.0);
    for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
            ivec2 q = p + ivec2(dx, dy);
            int c = rawColour(q);
            sum[c] += value(q, size);
            count[c] += 1.0;
        }
    }
    int own = rawColour(p);
    vec3 cam = sum / count;
    cam[own] = value(p, size);
    imageStore(dstImage, p, vec4(rawToAces(cam), 1.0));
}
