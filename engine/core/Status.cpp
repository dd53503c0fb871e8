#include "emulsion/core/Status.h"

namespace emu::core {

const char* toString(ErrorCode code) {
    switch (code) {
        case ErrorCode::Ok:
            return "ok";
        case ErrorCode::InvalidArgument:
            return "invalid argument";
        case ErrorCode::NotFound:
            return "not found";
        case ErrorCode::IoError:
            return "i/o error";
        case ErrorCode::CorruptData:
            return "corrupt data";
        case ErrorCode::Unsupported:
            return "unsupported";
        case ErrorCode::GpuError:
            return "gpu error";
        case ErrorCode::Internal:
            return "internal error";
    }
    return "unknown";
}

Status Status::withContext(const std::string& context) const {
    if (isOk()) return *this;
    return Status(m_code, context + ": " + m_message);
}

}  // namespace emu::core
