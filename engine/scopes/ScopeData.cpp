#include "emulsion/scopes/ScopeData.h"

#include <algorithm>
#include <numeric>
#include <string>

namespace emu::scopes {

namespace {

constexpr int kMaxBins = 4096;

Status checkBins(const char* what, int bins) {
    if (bins < 1 || bins > kMaxBins) {
        return makeError(ErrorCode::InvalidArgument,
                         std::string("scope ") + what + " must be in [1, " +
                             std::to_string(kMaxBins) + "], not " + std::to_string(bins));
    }
    return Status::ok();
}

}  // namespace

const char* toString(ScopeType type) {
    switch (type) {
        case ScopeType::Waveform:
            return "waveform";
        case ScopeType::Parade:
            return "parade";
        case ScopeType::Vectorscope:
            return "vectorscope";
        case ScopeType::Histogram:
            return "histogram";
    }
    return "?";
}

std::optional<ScopeType> parseScopeType(std::string_view id) {
    for (ScopeType t :
         {ScopeType::Waveform, ScopeType::Parade, ScopeType::Vectorscope, ScopeType::Histogram}) {
        if (id == toString(t)) return t;
    }
    return std::nullopt;
}

std::uint64_t ScopeData::total(int plane) const {
    const std::size_t n = std::size_t(width) * std::size_t(height);
    const auto first = counts.begin() + std::ptrdiff_t(std::size_t(plane) * n);
    return std::accumulate(first, first + std::ptrdiff_t(n), std::uint64_t(0));
}

Result<ScopeData> makeEmptyScope(const ScopeSettings& settings, int widthPx, int heightPx) {
    if (widthPx < 1 || heightPx < 1) {
        return makeError(ErrorCode::InvalidArgument, "scope of an empty image");
    }
    ScopeData d;
    d.type = settings.type;
    d.pixels = std::uint64_t(widthPx) * std::uint64_t(heightPx);
    switch (settings.type) {
        case ScopeType::Waveform:
        case ScopeType::Parade:
            EMU_RETURN_IF_ERROR(checkBins("columns", settings.columns));
            EMU_RETURN_IF_ERROR(checkBins("levels", settings.levels));
            d.width = std::min(settings.columns, widthPx);
            if (std::uint64_t(widthPx) * std::uint64_t(d.width) > (1ull << 31)) {
                return makeError(ErrorCode::InvalidArgument,
                                 "scope columns x image width exceeds 2^31");
            }
            d.height = settings.levels;
            d.planes = settings.type == ScopeType::Waveform ? 1 : 3;
            break;
        case ScopeType::Vectorscope:
            EMU_RETURN_IF_ERROR(checkBins("chroma bins", settings.chromaBins));
            d.width = d.height = settings.chromaBins;
            d.planes = 1;
            break;
        case ScopeType::Histogram:
            EMU_RETURN_IF_ERROR(checkBins("levels", settings.levels));
            d.width = settings.levels;
            d.height = 1;
            d.planes = 3;
            break;
    }
    d.counts.assign(std::size_t(d.planes) * std::size_t(d.width) * std::size_t(d.height), 0);
    d.stats.assign(std::size_t(d.planes), PlaneStats{});
    return d;
}

}  // namespace emu::scopes
