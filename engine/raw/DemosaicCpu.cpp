// The CPU reference of the raw kernels (shaders/kernels/raw_*.comp): the same fp32
// operations in the same order. Built with -ffp-contract=off so no multiply-add is fused
// where the GLSL marks its arithmetic precise.
#include <algorithm>
#include <cmath>
#include <vector>

#include "emulsion/raw/Demosaic.h"

namespace emu::raw {

namespace {

constexpr float kEps = 1e-10f;

int mirror(int x, int size) {
    if (x < 0) x = -x;
    if (x >= size) x = 2 * (size - 1) - x;
    return std::clamp(x, 0, size - 1);
}

float weight(float d) {
    return 1.0f / (d * d + kEps);
}

// Black-subtracted, white-balanced samples of the mosaic, with mirrored edges.
class Normalised {
public:
    Normalised(const media::RawMosaic& mosaic, const RawConstants& k)
        : m_w(mosaic.width), m_h(mosaic.height), m_k(k) {
        m_v.resize(mosaic.samples.size());
        for (int y = 0; y < m_h; ++y) {
            for (int x = 0; x < m_w; ++x) {
                const int pos = posOf(x, y);
                m_v[std::size_t(y) * m_w + x] =
                    (float(mosaic.samples[std::size_t(y) * m_w + x]) - k.black[pos]) * k.scale[pos];
            }
        }
    }
    float operator()(int x, int y) const {
        return m_v[std::size_t(mirror(y, m_h)) * m_w + mirror(x, m_w)];
    }
    int colour(int x, int y) const { return m_k.cfa[posOf(x, y)]; }
    static int posOf(int x, int y) { return (y & 1) * 2 + (x & 1); }

private:
    int m_w, m_h;
    const RawConstants& m_k;
    std::vector<float> m_v;
};

// A plane of RGB(A) floats with mirrored reads.
struct Plane {
    int w = 0, h = 0;
    std::vector<std::array<float, 3>> px;
    const std::array<float, 3>& at(int x, int y) const {
        return px[std::size_t(mirror(y, h)) * w + mirror(x, w)];
    }
};

std::array<float, 3> toAces(const RawConstants& k, const std::array<float, 3>& c) {
    std::array<float, 3> out;
    for (int r = 0; r < 3; ++r)
        out[r] = k.rows[r][0] * c[0] + k.rows[r][1] * c[1] + k.rows[r][2] * c[2];
    return out;
}

media::Image toImage(const Plane& cam, const RawConstants& k) {
    media::Image out(cam.w, cam.h, media::PixelType::Float);
    auto* p = reinterpret_cast<float*>(out.data());
    for (std::size_t i = 0; i < cam.px.size(); ++i) {
        const std::array<float, 3> aces = toAces(k, cam.px[i]);
        p[i * 4 + 0] = aces[0];
        p[i * 4 + 1] = aces[1];
        p[i * 4 + 2] = aces[2];
        p[i * 4 + 3] = 1.0f;
    }
    return out;
}

Plane bilinear(const Normalised& m, int w, int h) {
    Plane cam{w, h, std::vector<std::array<float, 3>>(std::size_t(w) * h)};
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            float sum[3] = {0, 0, 0}, count[3] = {0, 0, 0};
            for (int dy = -1; dy <= 1; ++dy) {
                for (int dx = -1; dx <= 1; ++dx) {
                    const int c = m.colour(x + dx, y + dy);
                    sum[c] += m(x + dx, y + dy);
                    count[c] += 1.0f;
                }
            }
            std::array<float, 3>& out = cam.px[std::size_t(y) * w + x];
            for (int c = 0; c < 3; ++c) out[c] = sum[c] / count[c];
            out[m.colour(x, y)] = m(x, y);
        }
    }
    return cam;
}

// Step 1 (raw_green.comp): (sample, green) per pixel, in channels 0 and 1.
Plane green(const Normalised& m, int w, int h) {
    auto gradient = [&](int x, int y, int dx, int dy) {
        return std::fabs(m(x - dx, y - dy) - m(x + dx, y + dy)) +
               std::fabs(2.0f * m(x, y) - m(x - 2 * dx, y - 2 * dy) - m(x + 2 * dx, y + 2 * dy));
    };
    auto estimate = [&](int x, int y, int dx, int dy) {
        const float a = m(x - dx, y - dy), b = m(x + dx, y + dy);
        const float e =
            (a + b) * 0.5f +
            (2.0f * m(x, y) - m(x - 2 * dx, y - 2 * dy) - m(x + 2 * dx, y + 2 * dy)) * 0.25f;
        return std::clamp(e, std::min(a, b), std::max(a, b));
    };
    Plane out{w, h, std::vector<std::array<float, 3>>(std::size_t(w) * h)};
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const float own = m(x, y);
            float g = own;
            if (m.colour(x, y) != 1) {
                const float dH = gradient(x, y - 1, 1, 0) + 2.0f * gradient(x, y, 1, 0) +
                                 gradient(x, y + 1, 1, 0);
                const float dV = gradient(x - 1, y, 0, 1) + 2.0f * gradient(x, y, 0, 1) +
                                 gradient(x + 1, y, 0, 1);
                const float wH = weight(dH);
                const float wV = weight(dV);
                g = (wH * estimate(x, y, 1, 0) + wV * estimate(x, y, 0, 1)) / (wH + wV);
            }
            out.px[std::size_t(y) * w + x] = {own, g, 0.0f};
        }
    }
    return out;
}

// Step 2 (raw_rb_diag.comp): the other of red/blue at red and blue sites.
Plane redBlueDiagonal(const Plane& a, const Normalised& m) {
    Plane out{a.w, a.h, std::vector<std::array<float, 3>>(a.px.size())};
    for (int y = 0; y < a.h; ++y) {
        for (int x = 0; x < a.w; ++x) {
            const std::array<float, 3>& c = a.at(x, y);
            const int own = m.colour(x, y);
            std::array<float, 3> rgb{0.0f, c[1], 0.0f};
            if (own != 1) {
                float e[2], d[2];
                const int dirs[2][2] = {{1, 1}, {1, -1}};
                for (int i = 0; i < 2; ++i) {
                    const auto& p = a.at(x - dirs[i][0], y - dirs[i][1]);
                    const auto& q = a.at(x + dirs[i][0], y + dirs[i][1]);
                    e[i] = c[1] + ((p[0] - p[1]) + (q[0] - q[1])) * 0.5f;
                    d[i] = std::fabs(p[0] - q[0]) + std::fabs(p[1] - q[1]) +
                           std::fabs(2.0f * c[1] - p[1] - q[1]);
                }
                const float w1 = weight(d[0]);
                const float w2 = weight(d[1]);
                rgb[own] = c[0];
                rgb[2 - own] = (w1 * e[0] + w2 * e[1]) / (w1 + w2);
            }
            out.px[std::size_t(y) * a.w + x] = rgb;
        }
    }
    return out;
}

// Step 3 (raw_rb_green.comp): red and blue at green sites.
Plane redBlueAtGreen(const Plane& b, const Normalised& m) {
    Plane out = b;
    for (int y = 0; y < b.h; ++y) {
        for (int x = 0; x < b.w; ++x) {
            if (m.colour(x, y) != 1) continue;
            std::array<float, 3>& rgb = out.px[std::size_t(y) * b.w + x];
            for (int c = 0; c <= 2; c += 2) {
                const int dirs[4][2] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
                float sw = 0.0f, se = 0.0f;
                for (const auto& d : dirs) {
                    const int dx = d[0], dy = d[1];
                    const auto& q = b.at(x + dx, y + dy);
                    const auto& q2 = b.at(x + 3 * dx, y + 3 * dy);
                    const float grad = std::fabs(rgb[1] - b.at(x + 2 * dx, y + 2 * dy)[1]) +
                                       std::fabs(q[c] - q2[c]) + std::fabs(q[1] - q2[1]);
                    const float wq = weight(grad);
                    sw += wq;
                    se += wq * (rgb[1] + (q[c] - q[1]));
                }
                rgb[c] = se / sw;
            }
        }
    }
    return out;
}

}  // namespace

Result<media::Image> demosaicCpu(const media::RawMosaic& mosaic, const DemosaicParams& params) {
    EMU_ASSIGN_OR_RETURN(const RawConstants k, rawConstants(mosaic, params));
    const Normalised m(mosaic, k);
    if (params.method == DemosaicMethod::Bilinear) {
        return toImage(bilinear(m, mosaic.width, mosaic.height), k);
    }
    const Plane a = green(m, mosaic.width, mosaic.height);
    return toImage(redBlueAtGreen(redBlueDiagonal(a, m), m), k);
}

}  // namespace emu::raw
