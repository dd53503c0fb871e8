// Von Kries (Bradford) adaptation from the white at (temperature, tint) to D65, the white at
// (6504 K, 0); see whitebalanceCpu in engine/nodes/ColourNodes.cpp for the locus and units.
// Bradford * (linear RGB -> XYZ) and its inverse, row-major: Rec. 709 then ACEScg.
const float emu_whitebalance_toLms[18] = float[18](
    0.422658041, 0.491356641, 0.027364497, 0.055690800, 0.961556208, 0.023189375,
    0.021379241, 0.087643922, 0.980743433,
    0.666384216, 0.298867145, -0.008962245, -0.030713810, 1.054658179, 0.011904430,
    0.001382141, -0.036780906, 1.042643107);
const float emu_whitebalance_fromLms[18] = float[18](
    2.538447974, -1.293482568, -0.040243247, -0.146000365, 1.116622407, -0.022328520,
    -0.042288376, -0.071590070, 1.022507310,
    1.481280645, -0.419151709, 0.017518326, 0.043142917, 0.935589142, -0.010311293,
    -0.000441670, 0.033560039, 0.958713986);

// The white in CIE 1960 uv: Krystek's Planckian locus, moved along its normal by
// 0.003266 + tint / 1000.
vec2 emu_whitebalance_white(float kelvin, float tint) {
    float t = kelvin, t2 = t * t;
    float au = 0.860117757 + 1.54118254e-4 * t + 1.28641212e-7 * t2;
    float bu = 1.0 + 8.42420235e-4 * t + 7.08145163e-7 * t2;
    float av = 0.317398726 + 4.22806245e-5 * t + 4.20481691e-8 * t2;
    float bv = 1.0 - 2.89741816e-5 * t + 1.61456053e-7 * t2;
    float du = ((1.54118254e-4 + 2.57282424e-7 * t) * bu -
                au * (8.42420235e-4 + 1.416290326e-6 * t)) / (bu * bu);
    float dv = ((4.22806245e-5 + 8.40963382e-8 * t) * bv -
                av * (-2.89741816e-5 + 3.22912106e-7 * t)) / (bv * bv);
    float len = sqrt(du * du + dv * dv);
    float duv = 0.003266 + 0.001 * tint;
    return vec2(au / bu + duv * (dv / len), av / bv + duv * (-du / len));
}

// Bradford cone responses of the white with luminance 1.
vec3 emu_whitebalance_lms(vec2 w) {
    float x = 3.0 * w.x / (2.0 * w.y), z = (4.0 - w.x - 10.0 * w.y) / (2.0 * w.y);
    return vec3(0.8951 * x + 0.2664 + -0.1614 * z, -0.7502 * x + 1.7135 + 0.0367 * z,
                0.0389 * x + -0.0685 + 1.0296 * z);
}

vec4 emu_whitebalance(vec4 c, EmuPixel pix, uint base) {
    if (P(base) == 6504.0 && P(base + 1u) == 0.0) return c;
    vec3 scene = emu_whitebalance_lms(emu_whitebalance_white(P(base), P(base + 1u)));
    vec3 ref = emu_whitebalance_lms(emu_whitebalance_white(6504.0, 0.0));
    vec3 d = ref / scene;
    int o = P(base + 2u) > 0.5 ? 9 : 0;
    float m[9];
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j) {
            int r = o + 3 * i, k = o + j;
            m[3 * i + j] = emu_whitebalance_fromLms[r] * d.x * emu_whitebalance_toLms[k] +
                           emu_whitebalance_fromLms[r + 1] * d.y * emu_whitebalance_toLms[k + 3] +
                           emu_whitebalance_fromLms[r + 2] * d.z * emu_whitebalance_toLms[k + 6];
        }
    }
    return vec4(m[0] * c.r + m[1] * c.g + m[2] * c.b, m[3] * c.r + m[4] * c.g + m[5] * c.b,
                m[6] * c.r + m[7] * c.g + m[8] * c.b, c.a);
}
