#include "emulsion/graph/CpuEvaluator.h"

#include <map>

#include "emulsion/color/OcioCpuTransform.h"
#include "emulsion/graph/ParamBlock.h"
#include "emulsion/graph/Planner.h"

namespace emu::graph {

namespace {

struct Values {
    std::map<ValueRef, std::vector<float>> data;  // 4 floats a pixel for images, 1 for mattes
    std::size_t pixels = 0;

    const std::vector<float>* get(const std::optional<ValueRef>& v) const {
        if (!v) return nullptr;
        auto it = data.find(*v);
        return it == data.end() ? nullptr : &it->second;
    }
};

Rgba rgbaAt(const std::vector<float>* img, std::size_t i, const Rgba& fallback) {
    if (!img) return fallback;
    const float* p = img->data() + 4 * i;
    return {p[0], p[1], p[2], p[3]};
}

// The corrected colour where the key is 1, the input where it is 0, a blend between (as
// GLSL's mix computes it). The ends are exact so an Inf or NaN on one side does not leak into
// a pixel the key excludes (Inf * 0 would be NaN).
Rgba keyMix(const Rgba& c, const Rgba& f, float k) {
    if (!(k < 1.0f)) return f;  // NaN keys count as fully on
    if (k <= 0.0f) return c;
    auto mix = [k](float x, float y) { return x * (1.0f - k) + y * k; };
    return {mix(c.r, f.r), mix(c.g, f.g), mix(c.b, f.b), mix(c.a, f.a)};
}

void put(std::vector<float>& img, std::size_t i, const Rgba& c) {
    float* p = img.data() + 4 * i;
    p[0] = c.r;
    p[1] = c.g;
    p[2] = c.b;
    p[3] = c.a;
}

// An OCIO node's f(in) over the whole image: OCIO's CPU processor on a copy of the input
// (alpha kept), or the input itself when the node has no transform yet.
Result<std::vector<float>> ocioCorrected(const Grade& grade, const GradeNode& node,
                                         const NodeType& type, const OcioContext& ocio,
                                         const std::vector<float>* image, std::size_t pixels) {
    std::vector<float> out(4 * pixels);
    for (std::size_t i = 0; i < pixels; ++i) put(out, i, rgbaAt(image, i, {}));
    EMU_ASSIGN_OR_RETURN(std::optional<color::OcioShaderRequest> request,
                         ocioRequestOf(grade, node, type, ocio));
    if (!request) return out;
    EMU_ASSIGN_OR_RETURN(color::ColorConfig config, activeConfig(ocio));
    auto transform = color::OcioCpuTransform::build(config, *request);
    if (!transform.isOk()) return transform.status().withContext(describeNode(node));
    transform->apply(out.data(), pixels);
    return out;
}

}  // namespace

Result<CpuImage> evaluateOnCpu(const Grade& grade, const NodeRegistry& registry,
                               const CpuImage& source, const OcioContext& ocio) {
    EMU_ASSIGN_OR_RETURN(Plan plan, planGrade(grade, registry));
    const std::vector<float> block = buildParamBlock(grade, registry, plan);
    const int w = source.width, h = source.height;
    Values values;
    values.pixels = std::size_t(w) * h;
    values.data[plan.source] = source.rgba;
    const float aspect = h > 0 ? float(w) / float(h) : 1.0f;

    for (NodeId id : plan.liveNodes) {
        const GradeNode& node = *grade.node(id);
        const NodeType& type = *registry.find(node.type);
        if (type.shape == NodeShape::Source) continue;
        const float* p = block.data() + plan.paramOffset(id);
        auto in = [&](const char* port) {
            return values.get(resolveInput(grade, registry, id, port));
        };
        const std::size_t n = values.pixels;
        auto posOf = [&](std::size_t i) {
            return PixelPos{(float(i % w) + 0.5f) / float(w), (float(i / w) + 0.5f) / float(h),
                            aspect};
        };
        switch (type.shape) {
            case NodeShape::Corrector: {
                const std::vector<float>* image = in("image");
                const std::vector<float>* key = in("key");
                std::vector<float> out(4 * n), keyOut(n);
                std::vector<float> corrected;
                if (type.ocioRequest) {
                    EMU_ASSIGN_OR_RETURN(corrected,
                                         ocioCorrected(grade, node, type, ocio, image, n));
                }
                for (std::size_t i = 0; i < n; ++i) {
                    Rgba c = rgbaAt(image, i, {});
                    Rgba f = type.ocioRequest ? rgbaAt(&corrected, i, {})
                                              : type.corrector(p, c, posOf(i));
                    float k = key ? (*key)[i] : 1.0f;
                    put(out, i, keyMix(c, f, k));
                    keyOut[i] = k;
                }
                values.data[{id, 0}] = std::move(out);
                values.data[{id, 1}] = std::move(keyOut);
                break;
            }
            case NodeShape::MatteGenerator: {
                const std::vector<float>* image = in("image");
                const std::vector<float>* key = in("key");
                std::vector<float> out(n);
                for (std::size_t i = 0; i < n; ++i) {
                    out[i] =
                        type.matte(p, rgbaAt(image, i, {}), posOf(i)) * (key ? (*key)[i] : 1.0f);
                }
                values.data[{id, 0}] = std::move(out);
                break;
            }
            case NodeShape::KeyMixer: {
                const std::vector<float>* a = in("a");
                const std::vector<float>* b = in("b");
                std::vector<float> out(n);
                for (std::size_t i = 0; i < n; ++i) {
                    out[i] = type.keyMix(p, a ? (*a)[i] : 1.0f, b ? (*b)[i] : 1.0f);
                }
                values.data[{id, 0}] = std::move(out);
                break;
            }
            case NodeShape::ImageMixer: {
                const std::vector<float>* base = in("image");
                const std::vector<float>* layers[3] = {in("a"), in("b"), in("c")};
                std::vector<float> out(4 * n);
                for (std::size_t i = 0; i < n; ++i) {
                    Rgba b = rgbaAt(base, i, {});
                    put(out, i,
                        type.imageMix(p, b, rgbaAt(layers[0], i, b), rgbaAt(layers[1], i, b),
                                      rgbaAt(layers[2], i, b)));
                }
                values.data[{id, 0}] = std::move(out);
                break;
            }
            case NodeShape::Spatial: {
                const bool matte = type.desc.inputs[0].type == PortType::Matte;
                const std::vector<float>* src = in(matte ? "matte" : "image");
                const int channels = matte ? 1 : 4;
                std::vector<float> out(std::size_t(channels) * n);
                type.spatial(p, src->data(), out.data(), w, h, channels);
                values.data[{id, 0}] = std::move(out);
                break;
            }
            case NodeShape::Source:
            case NodeShape::Output:
                break;
        }
    }
    CpuImage result{w, h, values.data.at(plan.result)};
    return result;
}

}  // namespace emu::graph
