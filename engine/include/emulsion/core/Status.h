#pragma once

#include <string>
#include <utility>

namespace emu::core {

// What kind of failure a Status carries. Callers branch on the code; people read the message.
enum class ErrorCode {
    Ok,
    InvalidArgument,  // the caller or the user asked for something that makes no sense
    NotFound,         // a file, device, part, layer or name that does not exist
    IoError,          // the operating system refused a read or a write
    CorruptData,      // a file exists but its content is damaged or truncated
    Unsupported,      // valid input this build cannot handle
    GpuError,         // a Vulkan call failed
    Internal,         // a bug: an invariant broke
};

const char* toString(ErrorCode code);

// The outcome of an operation that can fail on user input. Cheap to copy when ok.
// Thread: value type, safe to pass between threads.
class Status {
public:
    Status() = default;
    Status(ErrorCode code, std::string message) : m_code(code), m_message(std::move(message)) {}

    static Status ok() { return {}; }

    bool isOk() const { return m_code == ErrorCode::Ok; }
    explicit operator bool() const { return isOk(); }
    ErrorCode code() const { return m_code; }
    const std::string& message() const { return m_message; }

    // Returns a copy whose message is "context: message", for adding the file or step that
    // failed as the error travels up.
    Status withContext(const std::string& context) const;

private:
    ErrorCode m_code = ErrorCode::Ok;
    std::string m_message;
};

inline Status makeError(ErrorCode code, std::string message) {
    return Status(code, std::move(message));
}

}  // namespace emu::core

namespace emu {
// Status and Result are the vocabulary of every module, so they are also reachable as emu::X.
using core::ErrorCode;
using core::Status;
}  // namespace emu

// Returns early from the enclosing function when `expr` (a Status) failed.
#define EMU_RETURN_IF_ERROR(expr)                  \
    do {                                           \
        ::emu::core::Status emuStatus_ = (expr);   \
        if (!emuStatus_.isOk()) return emuStatus_; \
    } while (false)
