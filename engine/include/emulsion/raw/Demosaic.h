#pragma once

// Camera RAW to scene-linear ACES2065-1: black subtraction, normalisation to the white level,
// white balance, demosaic, camera matrix, exposure. The GPU pass and its CPU reference do the
// same fp32 arithmetic in the same order (docs/TOLERANCES.md has how close they come).

#include <array>
#include <cstdint>
#include <optional>

#include "emulsion/core/Result.h"
#include "emulsion/gpu/StorageImage.h"
#include "emulsion/media/Clip.h"
#include "emulsion/media/Image.h"

namespace emu::gpu {
class ComputeBatch;
class Device;
class Kernel;
class KernelCache;
}  // namespace emu::gpu

namespace emu::raw {

enum class DemosaicMethod {
    Bilinear,  // one pass, for scrubbing
    // Three passes, edge-directed, for playback and renders: green by Hamilton-Adams estimates
    // (clamped to their greens) blended horizontally/vertically by inverse squared gradients;
    // red/blue at blue/red sites from the diagonals' colour differences; red and blue at green
    // sites from the four neighbours' colour differences, each weighted by the change on its
    // side. The kernels in shaders/kernels/raw_*.comp say more.
    Directional,
};

struct DemosaicParams {
    DemosaicMethod method = DemosaicMethod::Directional;
    float exposureStops = 0.0f;
    // Multipliers for camera R, G, B; empty means as shot (1 / the mosaic's neutral).
    std::optional<std::array<float, 3>> whiteBalance;
};

// The numbers every raw kernel takes (shaders/include/raw.glsl's RawParams), as the CPU
// reference also uses them, so both sides start from the same fp32 values.
struct RawConstants {
    float black[4];
    float scale[4];  // white balance / (white - black), per CFA position
    std::int32_t cfa[4];
    float rows[3][4];  // cameraToAces times 2^exposure, padded rows
};
static_assert(sizeof(RawConstants) == 96);

// InvalidArgument for a mosaic that is not a Bayer pattern, has no samples, or whose white
// level does not exceed its black levels, or for non-positive white balance.
Result<RawConstants> rawConstants(const media::RawMosaic& mosaic, const DemosaicParams& params);

// The CPU reference: an RGBA float image (alpha 1) in linear ACES2065-1.
Result<media::Image> demosaicCpu(const media::RawMosaic& mosaic, const DemosaicParams& params);

// The GPU pass. Scratch images are kept between frames of one size.
// Thread: render thread; the cache and device must outlive the pass.
class DemosaicPass {
public:
    static Result<DemosaicPass> create(gpu::Device& device, gpu::KernelCache& cache);

    // A new R16Uint image holding the mosaic's samples.
    Result<gpu::StorageImage> upload(const media::RawMosaic& mosaic);

    // Records the demosaic of `mosaicImage` (R16Uint, described by `mosaic`) into `dst`
    // (RGBA32F of the same size). The batch must be submitted before the next record().
    Status record(gpu::ComputeBatch& batch, const gpu::StorageImage& mosaicImage,
                  const media::RawMosaic& mosaic, const DemosaicParams& params,
                  const gpu::StorageImage& dst);

    // Upload, demosaic and download in one call, for tests and the command line.
    Result<media::Image> run(const media::RawMosaic& mosaic, const DemosaicParams& params);

private:
    DemosaicPass(gpu::Device& device) : m_device(&device) {}
    Status ensureScratch(int width, int height);

    gpu::Device* m_device;
    const gpu::Kernel* m_bilinear = nullptr;
    const gpu::Kernel* m_green = nullptr;
    const gpu::Kernel* m_rbDiagonal = nullptr;
    const gpu::Kernel* m_rbGreen = nullptr;
    gpu::StorageImage m_scratchA;
    gpu::StorageImage m_scratchB;
};

}  // namespace emu::raw
