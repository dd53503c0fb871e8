// Separable Gaussian blur. radius = 3 sigma, in pixels of a 1080-line frame (so a grade looks
// the same at proxy and full resolution). Stage 0 blurs rows of the input, stage 1 columns of
// stage 0. Non-finite samples take no part in their neighbours' sums; a non-finite pixel
// keeps its own value.
#include "gauss.glsl"

vec4 emu_blur(ivec2 px, ivec2 size, uint base, uint stage) {
    vec4 centre = emuSrc(px);
    float sigma = emuSigmaPx(P(base), size);
    vec4 r = stage == 0u ? emuGaussPass(px, sigma, ivec2(1, 0), false)
                         : emuGaussPass(px, sigma, ivec2(0, 1), true);
    return mix(centre, r, emuFinite(centre));
}
