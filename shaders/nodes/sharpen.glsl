// Unsharp mask: out = in + amount * (in - gaussian(in)), the Gaussian as in blur.glsl.
#include "gauss.glsl"

vec4 emu_sharpen(ivec2 px, ivec2 size, uint base, uint stage) {
    vec4 centre = emuSrc(px);
    float sigma = emuSigmaPx(P(base + 1u), size);
    if (stage == 0u) return mix(centre, emuGaussPass(px, sigma, ivec2(1, 0), false), emuFinite(centre));
    vec4 blurred = emuGaussPass(px, sigma, ivec2(0, 1), true);
    vec4 r = centre + P(base) * (centre - blurred);
    r.a = centre.a;
    return mix(centre, r, emuFinite(centre));
}
