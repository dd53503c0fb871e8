// Spatial nodes: Gaussian blur, sharpen (unsharp mask), edge-preserving noise reduction and
// matte finesse. Each CPU reference runs the same stages over whole images as its GLSL in
// shaders/nodes/<id>.glsl, in fp32, with the same edge clamping and non-finite handling.
#include <algorithm>
#include <cmath>
#include <vector>

#include "NodeBuilders.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::nodes {

using graph::NodeShape;

namespace {

// A whole image with edge-clamped access.
struct Plane {
    const float* data;
    int w, h, channels;
    float at(int x, int y, int c) const {
        x = std::clamp(x, 0, w - 1);
        y = std::clamp(y, 0, h - 1);
        return data[(std::size_t(y) * w + x) * channels + c];
    }
};

bool finite(float v) {
    return std::fabs(v) <= 3.4028235e38f;
}

float sigmaPx(float radius, int height) {
    return std::max(radius * float(height) / 1080.0f / 3.0f, 1e-3f);
}

int gaussTaps(float sigma) {
    return std::min(int(std::ceil(3.0f * sigma)), 96);
}

// One direction of the Gaussian over `in`, per channel, skipping non-finite samples.
float gaussAt(const Plane& in, int x, int y, int c, float sigma, int dx, int dy) {
    const int taps = gaussTaps(sigma);
    float sum = 0.0f, weight = 0.0f;
    for (int i = -taps; i <= taps; ++i) {
        const float t = float(i) / sigma;
        const float w = std::exp(-0.5f * t * t);
        const float v = in.at(x + dx * i, y + dy * i, c);
        if (!finite(v)) continue;
        sum += v * w;
        weight += w;
    }
    return sum / std::max(weight, 1e-30f);
}

// Rows then columns; a non-finite pixel keeps its own value at each step.
std::vector<float> gaussian(const Plane& src, float sigma) {
    std::vector<float> rows(std::size_t(src.w) * src.h * src.channels);
    std::vector<float> out(rows.size());
    for (int y = 0; y < src.h; ++y)
        for (int x = 0; x < src.w; ++x)
            for (int c = 0; c < src.channels; ++c) {
                const float centre = src.at(x, y, c);
                rows[(std::size_t(y) * src.w + x) * src.channels + c] =
                    finite(centre) ? gaussAt(src, x, y, c, sigma, 1, 0) : centre;
            }
    const Plane mid{rows.data(), src.w, src.h, src.channels};
    for (int y = 0; y < src.h; ++y)
        for (int x = 0; x < src.w; ++x)
            for (int c = 0; c < src.channels; ++c) {
                const float centre = src.at(x, y, c);
                out[(std::size_t(y) * src.w + x) * src.channels + c] =
                    finite(centre) ? gaussAt(mid, x, y, c, sigma, 0, 1) : centre;
            }
    return out;
}

void blurCpu(const float* p, const float* in, float* out, int w, int h, int channels) {
    std::vector<float> r = gaussian({in, w, h, channels}, sigmaPx(p[0], h));
    std::copy(r.begin(), r.end(), out);
}

void sharpenCpu(const float* p, const float* in, float* out, int w, int h, int channels) {
    std::vector<float> blurred = gaussian({in, w, h, channels}, sigmaPx(p[1], h));
    for (std::size_t i = 0; i < blurred.size(); ++i) {
        const float centre = in[i];
        const bool alpha = channels == 4 && i % 4 == 3;
        out[i] = !finite(centre) || alpha ? centre : centre + p[0] * (centre - blurred[i]);
    }
}

float luma(const Plane& in, int x, int y) {
    return 0.2126f * in.at(x, y, 0) + 0.7152f * in.at(x, y, 1) + 0.0722f * in.at(x, y, 2);
}

void denoiseCpu(const float* p, const float* in, float* out, int w, int h, int channels) {
    const Plane src{in, w, h, channels};
    const float radiusPx = std::min(p[0] * float(h) / 1080.0f, 16.0f);
    const int taps = int(std::ceil(radiusPx));
    const float sigmaS = std::max(radiusPx * 0.5f, 1e-3f);
    const float sigmaR = std::max(p[1], 1e-4f);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            float* o = out + (std::size_t(y) * w + x) * channels;
            bool centreFinite = true;
            for (int c = 0; c < channels; ++c) centreFinite &= finite(src.at(x, y, c));
            if (!centreFinite) {
                for (int c = 0; c < channels; ++c) o[c] = src.at(x, y, c);
                continue;
            }
            const float lc = luma(src, x, y);
            float sum[4] = {0, 0, 0, 0}, weight = 0.0f;
            for (int dy = -taps; dy <= taps; ++dy) {
                for (int dx = -taps; dx <= taps; ++dx) {
                    bool ok = true;
                    for (int c = 0; c < channels; ++c) ok &= finite(src.at(x + dx, y + dy, c));
                    if (!ok) continue;
                    const float ds = float(dx * dx + dy * dy) / (sigmaS * sigmaS);
                    const float dl = (luma(src, x + dx, y + dy) - lc) / sigmaR;
                    const float wgt = std::exp(-0.5f * (ds + dl * dl));
                    for (int c = 0; c < channels; ++c) sum[c] += src.at(x + dx, y + dy, c) * wgt;
                    weight += wgt;
                }
            }
            for (int c = 0; c < channels; ++c) o[c] = sum[c] / weight;
            if (channels == 4) o[3] = src.at(x, y, 3);
        }
    }
}

float matteAt(const Plane& in, int x, int y) {
    const float v = in.at(x, y, 0);
    return finite(v) ? v : 0.0f;
}

std::vector<float> minMax(const Plane& in, float amount, int dx, int dy) {
    const int taps = std::min(int(std::round(std::fabs(amount) * float(in.h) / 1080.0f)), 128);
    std::vector<float> out(std::size_t(in.w) * in.h);
    for (int y = 0; y < in.h; ++y) {
        for (int x = 0; x < in.w; ++x) {
            float m = matteAt(in, x, y);
            for (int i = -taps; i <= taps; ++i) {
                const float v = matteAt(in, x + dx * i, y + dy * i);
                m = amount > 0.0f ? std::max(m, v) : std::min(m, v);
            }
            out[std::size_t(y) * in.w + x] = m;
        }
    }
    return out;
}

void matteFinesseCpu(const float* p, const float* in, float* out, int w, int h, int) {
    std::vector<float> a = minMax({in, w, h, 1}, p[0], 1, 0);
    std::vector<float> b = minMax({a.data(), w, h, 1}, p[0], 0, 1);
    const float sigma = sigmaPx(p[1], h);
    std::vector<float> c(b.size()), d(b.size());
    const Plane pb{b.data(), w, h, 1};
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            c[std::size_t(y) * w + x] =
                p[1] > 0.0f ? gaussAt(pb, x, y, 0, sigma, 1, 0) : matteAt(pb, x, y);
    const Plane pc{c.data(), w, h, 1};
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            float m = p[1] > 0.0f ? gaussAt(pc, x, y, 0, sigma, 0, 1) : matteAt(pc, x, y);
            m = std::clamp((m - p[2]) / std::max(p[3] - p[2], 1e-6f), 0.0f, 1.0f);
            out[std::size_t(y) * w + x] = m;
        }
}

}  // namespace

graph::NodeType makeBlurNode() {
    auto t = makeType(
        "blur", 1, "Blur", NodeShape::Spatial,
        {floatParam("radius", "Radius", 4, 0, 100, 0.1f, "px@1080", UiHint::Knob, "knob")});
    t.spatial = blurCpu;
    t.spatialStages = 2;
    return t;
}

graph::NodeType makeSharpenNode() {
    auto t = makeType(
        "sharpen", 1, "Sharpen", NodeShape::Spatial,
        {floatParam("amount", "Amount", 0.5f, 0, 5, 0.01f, "", UiHint::Knob, "knob"),
         floatParam("radius", "Radius", 2, 0.1f, 50, 0.1f, "px@1080", UiHint::Knob, "knob")});
    t.spatial = sharpenCpu;
    t.spatialStages = 2;
    return t;
}

graph::NodeType makeDenoiseNode() {
    auto t = makeType(
        "denoise", 1, "Noise Reduction", NodeShape::Spatial,
        {floatParam("radius", "Radius", 3, 0, 16, 0.5f, "px@1080", UiHint::Knob, "knob"),
         floatParam("strength", "Strength", 0.05f, 0.0001f, 1, 0.001f, "", UiHint::Knob, "knob")});
    t.spatial = denoiseCpu;
    return t;
}

graph::NodeType makeMatteFinesseNode() {
    auto t = makeType(
        "mattefinesse", 1, "Matte Finesse", NodeShape::Spatial,
        {floatParam("shrinkgrow", "Shrink / Grow", 0, -50, 50, 0.5f, "px@1080", UiHint::Knob,
                    "knob"),
         floatParam("blur", "Blur", 0, 0, 100, 0.1f, "px@1080", UiHint::Knob, "knob"),
         floatParam("cleanblack", "Clean Black", 0, 0, 1, 0.005f, "", UiHint::Knob, "knob"),
         floatParam("cleanwhite", "Clean White", 1, 0, 1, 0.005f, "", UiHint::Knob, "knob")},
        /*spatialMatte=*/true);
    t.spatial = matteFinesseCpu;
    t.spatialStages = 4;
    return t;
}

}  // namespace emu::nodes
