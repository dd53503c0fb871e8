// Colour correctors: hue rotation, white balance, printer lights, RGB mixer, log wheels and a
// clamp. Each CPU reference mirrors shaders/nodes/<id>.glsl line for line, in fp32.
#include <algorithm>
#include <cmath>

#include "NodeBuilders.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::nodes {

using graph::NodeShape;
using graph::ParamType;
using graph::PixelPos;
using graph::Rgba;

namespace {

// A row-major 3x3 matrix times (r, g, b), summed left to right as the GLSL does.
Rgba apply3x3(const float* m, const Rgba& c) {
    return {m[0] * c.r + m[1] * c.g + m[2] * c.b, m[3] * c.r + m[4] * c.g + m[5] * c.b,
            m[6] * c.r + m[7] * c.g + m[8] * c.b, c.a};
}

// ---- hue

// A rotation by `deg` degrees about the grey axis (1, 1, 1) / sqrt(3) of RGB (Rodrigues):
//   out = cos(t) * v + sin(t) / sqrt(3) * (b - g, r - b, g - r) + (1 - cos(t)) * mean(v)
// Greys (r = g = b) and r + g + b are kept; positive angles turn red towards green, green
// towards blue. As a matrix it is circulant: diagonal cos + k, then k - s and k + s, with
// k = (1 - cos) / 3 and s = sin / sqrt(3). 0 degrees is an exact no-op, so Inf stays Inf.
Rgba hueCpu(const float* p, const Rgba& c, const PixelPos&) {
    if (p[0] == 0.0f) return c;
    const float t = p[0] * 0.017453292519943295f;
    const float cs = std::cos(t), k = (1.0f - cs) / 3.0f, s = std::sin(t) * 0.57735026918962576f;
    const float d = cs + k, a = k - s, b = k + s;
    const float m[9] = {d, a, b, b, d, a, a, b, d};
    return apply3x3(m, c);
}

// ---- white balance

// Bradford cone response (XYZ -> LMS).
constexpr float kBradford[9] = {0.8951f, 0.2664f, -0.1614f, -0.7502f, 1.7135f,
                                0.0367f, 0.0389f, -0.0685f, 1.0296f};
// Bradford * (linear RGB -> XYZ) and its inverse, for Rec. 709 (D65) and ACEScg (AP1, ACES
// white), in double precision and rounded once.
constexpr float kToLms709[9] = {0.422658041f, 0.491356641f, 0.027364497f,
                                0.055690800f, 0.961556208f, 0.023189375f,
                                0.021379241f, 0.087643922f, 0.980743433f};
constexpr float kFromLms709[9] = {2.538447974f,  -1.293482568f, -0.040243247f,
                                  -0.146000365f, 1.116622407f,  -0.022328520f,
                                  -0.042288376f, -0.071590070f, 1.022507310f};
constexpr float kToLmsAp1[9] = {0.666384216f,  0.298867145f,  -0.008962245f,
                                -0.030713810f, 1.054658179f,  0.011904430f,
                                0.001382141f,  -0.036780906f, 1.042643107f};
constexpr float kFromLmsAp1[9] = {1.481280645f,  -0.419151709f, 0.017518326f,
                                  0.043142917f,  0.935589142f,  -0.010311293f,
                                  -0.000441670f, 0.033560039f,  0.958713986f};
// D65's distance from the Planckian locus in CIE 1960 uv (towards green), measured against
// the locus approximation below: it makes (6504 K, tint 0) land on D65.
constexpr float kDaylightDuv = 0.003266f;

struct Uv {
    float u, v;
};

// The scene white in CIE 1960 uv. The Planckian locus is Krystek's rational approximation
// (1985; within 1e-5 uv of Planck's law over 1000-15000 K); tint moves the white along the
// locus' normal, in thousandths of Duv, starting kDaylightDuv above it, where CIE daylights
// lie. Positive tint is greener light, so the image turns magenta; a tungsten blackbody is
// tint -3.27. (6504 K, 0) is D65 to 3e-5 uv.
Uv sceneWhite(float kelvin, float tint) {
    const float t = kelvin, t2 = t * t;
    const float au = 0.860117757f + 1.54118254e-4f * t + 1.28641212e-7f * t2;
    const float bu = 1.0f + 8.42420235e-4f * t + 7.08145163e-7f * t2;
    const float av = 0.317398726f + 4.22806245e-5f * t + 4.20481691e-8f * t2;
    const float bv = 1.0f - 2.89741816e-5f * t + 1.61456053e-7f * t2;
    // d/dT of u = au / bu and v = av / bv: the locus' tangent.
    const float du =
        ((1.54118254e-4f + 2.57282424e-7f * t) * bu - au * (8.42420235e-4f + 1.416290326e-6f * t)) /
        (bu * bu);
    const float dv =
        ((4.22806245e-5f + 8.40963382e-8f * t) * bv - av * (-2.89741816e-5f + 3.22912106e-7f * t)) /
        (bv * bv);
    const float len = std::sqrt(du * du + dv * dv);
    const float duv = kDaylightDuv + 0.001f * tint;
    return {au / bu + duv * (dv / len), av / bv + duv * (-du / len)};
}

// A white of luminance 1 as Bradford cone responses: XYZ = (3u / 2v, 1, (4 - u - 10v) / 2v).
void whiteLms(Uv w, float* lms) {
    const float x = 3.0f * w.u / (2.0f * w.v), z = (4.0f - w.u - 10.0f * w.v) / (2.0f * w.v);
    for (int i = 0; i < 3; ++i) {
        lms[i] = kBradford[3 * i] * x + kBradford[3 * i + 1] + kBradford[3 * i + 2] * z;
    }
}

// Von Kries adaptation with Bradford cones from the scene white (temperature, tint) to D65,
// the white at (6504 K, 0), in linear light of the chosen primaries:
//   M = fromLms * diag(lmsD65 / lmsScene) * toLms.
// Higher temperatures mean bluer light, so the image turns warmer. The matrix is built per
// pixel on the GPU (the block holds only the user's values). Defaults are an exact no-op.
Rgba whitebalanceCpu(const float* p, const Rgba& c, const PixelPos&) {
    if (p[0] == 6504.0f && p[1] == 0.0f) return c;
    float scene[3], ref[3];
    whiteLms(sceneWhite(p[0], p[1]), scene);
    whiteLms(sceneWhite(6504.0f, 0.0f), ref);
    const float d[3] = {ref[0] / scene[0], ref[1] / scene[1], ref[2] / scene[2]};
    const bool ap1 = p[2] > 0.5f;
    const float* to = ap1 ? kToLmsAp1 : kToLms709;
    const float* from = ap1 ? kFromLmsAp1 : kFromLms709;
    float m[9];
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j) {
            m[3 * i + j] = from[3 * i] * d[0] * to[j] + from[3 * i + 1] * d[1] * to[3 + j] +
                           from[3 * i + 2] * d[2] * to[6 + j];
        }
    }
    return apply3x3(m, c);
}

// ---- printer lights

// log2(10) * 0.025: one printer point in stops.
constexpr float kStopsPerPoint = 0.0830482024f;
// One point as an ACEScct code value: 0.025 * log2(10) / 17.52.
constexpr float kCctPerPoint = 0.00474019420f;

// Printer points as a grading suite counts them: 0 is the lab's nominal light, and one point
// is 0.025 log10 exposure (a twelfth of a stop, roughly), so gain = 10^(0.025 * points), with
// the master added to each channel. Unlike a lab's printer, where more light on the
// negative makes the print darker, + red here makes the picture redder. In ACEScct the same
// gain is an offset of 0.025 * log2(10) / 17.52 per point (exact above ACEScct's toe).
Rgba printerlightsCpu(const float* p, const Rgba& c, const PixelPos&) {
    float v[3] = {c.r, c.g, c.b};
    const bool cct = p[4] > 0.5f;
    for (int i = 0; i < 3; ++i) {
        const float points = p[i] + p[3];
        if (points == 0.0f) continue;
        v[i] = cct ? v[i] + points * kCctPerPoint : v[i] * std::exp2(points * kStopsPerPoint);
    }
    return {v[0], v[1], v[2], c.a};
}

// ---- RGB mixer

// A coefficient times a channel, where a zero coefficient contributes nothing even when the
// channel is Inf or NaN: the identity mix leaves Inf alone.
float term(float m, float x) {
    return m == 0.0f ? 0.0f : m * x;
}

// out = M * (r, g, b), rows "red", "green", "blue". Preserving luma rescales each column j (the
// destinations of input channel j) by w_j / (w M)_j, with w the Rec. 709 luma weights, so
// w M' = w and every pixel keeps its luma. A column whose luma (w M)_j is not above 1e-6
// cannot be rescaled and is left as it is.
Rgba rgbmixerCpu(const float* p, const Rgba& c, const PixelPos&) {
    constexpr float w[3] = {0.2126f, 0.7152f, 0.0722f};
    float m[9];
    std::copy(p, p + 9, m);
    if (p[9] > 0.5f) {
        for (int j = 0; j < 3; ++j) {
            const float l = w[0] * m[j] + w[1] * m[3 + j] + w[2] * m[6 + j];
            if (!(l > 1e-6f)) continue;
            const float s = w[j] / l;
            for (int i = 0; i < 3; ++i) m[3 * i + j] *= s;
        }
    }
    float v[3];
    for (int i = 0; i < 3; ++i) {
        v[i] = term(m[3 * i], c.r) + term(m[3 * i + 1], c.g) + term(m[3 * i + 2], c.b);
    }
    return {v[0], v[1], v[2], c.a};
}

// ---- log wheels

// Half the width of each crossover, in log code values.
constexpr float kLogWheelBlend = 0.1f;

// smoothstep over [e0, e1], written so NaN gives 0 and +Inf gives 1 (as in the GLSL).
float smoothStep(float e0, float e1, float x) {
    float t = (x - e0) / (e1 - e0);
    t = t > 0.0f ? std::min(t, 1.0f) : 0.0f;
    return t * t * (3.0f - 2.0f * t);
}

// Offsets (in log code values) for shadows, midtones and highlights of a log image. With L the
// Rec. 709-weighted sum of the log values, lo = lowrange, hi = max(highrange, lowrange) and
// b = kLogWheelBlend:
//   t1 = smoothstep(lo - b, lo + b, L), t2 = smoothstep(hi - b, hi + b, L)
//   shadow weight 1 - t1, midtone weight t1 - t2, highlight weight t2
// The weights sum to 1 and are never negative (t2 <= t1 since hi >= lo). NaN L counts as
// shadow; the channels' own NaN and Inf pass on.
Rgba logwheelsCpu(const float* p, const Rgba& c, const PixelPos&) {
    const float lo = p[9], hi = std::max(p[10], lo);
    const float l = luma709(c);
    const float t1 = smoothStep(lo - kLogWheelBlend, lo + kLogWheelBlend, l);
    const float t2 = smoothStep(hi - kLogWheelBlend, hi + kLogWheelBlend, l);
    const float ws = 1.0f - t1, wm = t1 - t2;
    float v[3] = {c.r, c.g, c.b};
    for (int i = 0; i < 3; ++i) v[i] += ws * p[i] + wm * p[3 + i] + t2 * p[6 + i];
    return {v[0], v[1], v[2], c.a};
}

// ---- clamp

// Per channel: values below min become min, values above max become max. With softness s > 0
// values above the knee k = max - s roll off instead: with t = (x - k) / s,
//   out = k + s * (1 - 1 / (1 + t))
// which has slope 1 at the knee and approaches max without reaching it; +Inf gives max.
// The lower bound is applied last, so max < min gives min. NaN gives min; -Inf gives min.
float clampChannel(float x, float lo, float hi, float soft) {
    if (std::isnan(x)) return lo;
    if (soft > 0.0f) {
        const float knee = hi - soft;
        if (x > knee) x = knee + soft * (1.0f - 1.0f / (1.0f + (x - knee) / soft));
    } else {
        x = std::min(x, hi);
    }
    return x > lo ? x : lo;
}

Rgba clampCpu(const float* p, const Rgba& c, const PixelPos&) {
    return {clampChannel(c.r, p[0], p[3], p[6]), clampChannel(c.g, p[1], p[4], p[6]),
            clampChannel(c.b, p[2], p[5], p[6]), c.a};
}

ParamDesc rowParam(std::string id, std::string label, int one) {
    ParamDesc d =
        rgbParam(std::move(id), std::move(label), 0, -2, 2, 0.005f, UiHint::Number, "knob");
    d.defaultValue[one] = 1.0f;
    return d;
}

}  // namespace

graph::NodeType makeHueNode() {
    auto t = makeType("hue", 1, "Hue Rotate", NodeShape::Corrector,
                      {floatParam("hue", "Hue", 0, -180, 180, 0.1f, "deg", UiHint::Knob, "knob")});
    t.corrector = hueCpu;
    return t;
}

graph::NodeType makeWhiteBalanceNode() {
    auto t = makeType(
        "whitebalance", 1, "White Balance", NodeShape::Corrector,
        {floatParam("temperature", "Temperature", 6504, 2000, 15000, 10, "K", UiHint::Knob, "knob"),
         floatParam("tint", "Tint", 0, -50, 50, 0.1f, "mDuv", UiHint::Knob, "knob"),
         enumParam("primaries", "Primaries", 0, {"Rec. 709 / sRGB linear", "ACEScg (AP1)"})});
    t.corrector = whitebalanceCpu;
    return t;
}

graph::NodeType makePrinterLightsNode() {
    ParamDesc points{"points",
                     "Printer Points",
                     ParamType::Rgba,
                     {0, 0, 0, 0},
                     -50,
                     50,
                     1,
                     "pt",
                     UiHint::Number,
                     "knob",
                     {}};
    auto t = makeType("printerlights", 1, "Printer Lights", NodeShape::Corrector,
                      {points, enumParam("space", "Working Space", 0, {"Linear", "ACEScct"})});
    t.corrector = printerlightsCpu;
    return t;
}

graph::NodeType makeRgbMixerNode() {
    auto t = makeType(
        "rgbmixer", 1, "RGB Mixer", NodeShape::Corrector,
        {rowParam("red", "Red Output", 0), rowParam("green", "Green Output", 1),
         rowParam("blue", "Blue Output", 2), boolParam("preserveluma", "Preserve Luma", false)});
    t.corrector = rgbmixerCpu;
    return t;
}

graph::NodeType makeLogWheelsNode() {
    auto t = makeType(
        "logwheels", 1, "Log Wheels", NodeShape::Corrector,
        {rgbParam("shadow", "Shadow", 0, -1, 1, 0.001f, UiHint::Wheel, "ball1"),
         rgbParam("midtone", "Midtone", 0, -1, 1, 0.001f, UiHint::Wheel, "ball2"),
         rgbParam("highlight", "Highlight", 0, -1, 1, 0.001f, UiHint::Wheel, "ball3"),
         floatParam("lowrange", "Low Range", 0.333f, 0, 1, 0.001f, "", UiHint::Knob, "knob"),
         floatParam("highrange", "High Range", 0.55f, 0, 1, 0.001f, "", UiHint::Knob, "knob")});
    t.corrector = logwheelsCpu;
    return t;
}

graph::NodeType makeClampNode() {
    ParamDesc hi = rgbParam("max", "Maximum", 1, -4, 100, 0.01f, UiHint::Number, "knob");
    auto t =
        makeType("clamp", 1, "Clamp", NodeShape::Corrector,
                 {rgbParam("min", "Minimum", 0, -4, 100, 0.01f, UiHint::Number, "knob"), hi,
                  floatParam("softness", "Softness", 0, 0, 4, 0.01f, "", UiHint::Knob, "knob")});
    t.corrector = clampCpu;
    return t;
}

}  // namespace emu::nodes
