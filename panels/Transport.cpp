#include "emulsion/panels/Transport.h"

#include "emulsion/panels/Driver.h"

namespace emu::panels {

Status Transport::sendFeature(std::span<const std::uint8_t>) {
    return makeError(ErrorCode::Unsupported, describe() + ": no feature reports");
}

Result<std::vector<std::uint8_t>> Transport::getFeature(std::uint8_t, std::size_t) {
    return makeError(ErrorCode::Unsupported, describe() + ": no feature reports");
}

Status Driver::start(Transport&, std::int64_t) {
    return Status::ok();
}

Status Driver::upkeep(Transport&, std::int64_t) {
    return Status::ok();
}

}  // namespace emu::panels
