// Camera RAW kernels: the parameter block they share, CFA lookup, normalisation and edges.
// Mirrored by engine/raw/DemosaicCpu.cpp, which must do the same arithmetic in the same order.
#ifndef EMU_RAW_GLSL
#define EMU_RAW_GLSL

layout(push_constant) uniform RawParams {
    vec4 black;   // [sample units] per 2x2 CFA position, row major
    vec4 scale;   // per position: white balance of its colour / (white - black)
    ivec4 cfa;    // colour per position: 0 red, 1 green, 2 blue
    vec4 row0;    // camera RGB -> ACES2065-1 rows, times the exposure gain
    vec4 row1;
    vec4 row2;
} params;

// Weight of a direction whose gradient is d: 1 / (d^2 + eps), eps keeping flat areas finite.
const float kRawEps = 1e-10;

int rawPos(ivec2 p) {
    return (p.y & 1) * 2 + (p.x & 1);
}

int rawColour(ivec2 p) {
    return params.cfa[rawPos(p)];
}

// Mirrors a coordinate about the first and last pixel (no edge repeat), which keeps its CFA
// parity; clamped for images smaller than the reach of the kernels.
ivec2 rawMirror(ivec2 p, ivec2 size) {
    p = mix(p, -p, lessThan(p, ivec2(0)));
    p = mix(p, 2 * (size - 1) - p, greaterThanEqual(p, size));
    return clamp(p, ivec2(0), size - 1);
}

vec3 rawToAces(vec3 cam) {
    precise float r = params.row0.x * cam.r + params.row0.y * cam.g + params.row0.z * cam.b;
    precise float g = params.row1.x * cam.r + params.row1.y * cam.g + params.row1.z * cam.b;
    precise float b = params.row2.x * cam.r + params.row2.y * cam.g + params.row2.z * cam.b;
    return vec3(r, g, b);
}

float rawWeight(float d) {
    precise float w = 1.0 / (d * d + kRawEps);
    return w;
}

#endif
