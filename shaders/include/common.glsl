// Shared by every kernel: the workgroup shape and the bounds check kernels do first.
#ifndef EMU_COMMON_GLSL
#define EMU_COMMON_GLSL

// 16x16 invocations: a good fit for 2D images on NVIDIA (warps of 32) and lavapipe alike.
#define EMU_LOCAL_SIZE_X 16
#define EMU_LOCAL_SIZE_Y 16

// The pixel this invocation owns, or false when it lies outside `size` (the last workgroups
// of a row or column overhang the image).
bool emuPixel(ivec2 size, out ivec2 pixel) {
    pixel = ivec2(gl_GlobalInvocationID.xy);
    return all(lessThan(pixel, size));
}

#endif

#ifndef EMU_PIXEL_DEFINED
#define EMU_PIXEL_DEFINED
// Where a pixel is: its centre normalised to [0, 1] across and down, and width / height.
struct EmuPixel {
    vec2 pos;
    float aspect;
};

// The corrected colour where the key is 1, the input where it is 0, mix() between. The ends are
// exact so Inf or NaN on one side does not leak into pixels the key excludes.
vec4 emuKeyMix(vec4 c, vec4 f, float k) {
    if (!(k < 1.0)) return f;
    if (k <= 0.0) return c;
    return mix(c, f, k);
}
#endif

#ifndef EMU_MATH_DEFINED
#define EMU_MATH_DEFINED
// sign(x) * |x|^e: negatives keep their sign instead of becoming NaN. NaN stays NaN: GLSL's
// pow() leaves NaN undefined (lavapipe returns 0), so it is passed around pow().
float emuSignedPow(float x, float e) {
    if (isnan(x)) return x;
    return x < 0.0 ? -pow(-x, e) : pow(x, e);
}
vec3 emuSignedPow(vec3 x, vec3 e) {
    return vec3(emuSignedPow(x.r, e.r), emuSignedPow(x.g, e.g), emuSignedPow(x.b, e.b));
}
// Rec. 709 luma weights, which the ASC CDL's saturation uses.
float emuLuma709(vec3 c) {
    return dot(c, vec3(0.2126, 0.7152, 0.0722));
}
// 0 up to e0 (and for NaN), 1 from e1, the smoothstep cubic between; a hard step where
// e0 == e1. GLSL's smoothstep is undefined for e0 >= e1 and its clamp for NaN, so soft edges use
// this, mirrored by smoothEdge() in engine/nodes/NodeBuilders.h.
float emuSmoothstep(float e0, float e1, float x) {
    if (!(x > e0)) return 0.0;
    if (x >= e1) return 1.0;
    precise float t = (x - e0) / (e1 - e0);
    precise float s = t * t * (3.0 - 2.0 * t);
    return s;
}
#endif
