#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "emulsion/core/Status.h"

namespace emu::core {

// A value or the Status saying why there is none. Accessing value() of a failed Result is a
// bug (asserted in debug builds); check isOk() first.
template <typename T>
class Result {
public:
    Result(T value) : m_value(std::move(value)) {}  // NOLINT: implicit by design
    Result(Status status) : m_status(std::move(status)) {
        assert(!m_status.isOk() && "a Result without a value needs an error Status");
    }

    bool isOk() const { return m_value.has_value(); }
    explicit operator bool() const { return isOk(); }
    const Status& status() const { return m_status; }

    T& value() & {
        assert(isOk());
        return *m_value;
    }
    const T& value() const& {
        assert(isOk());
        return *m_value;
    }
    T&& value() && {
        assert(isOk());
        return std::move(*m_value);
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::optional<T> m_value;
    Status m_status;
};

}  // namespace emu::core

namespace emu {
using core::Result;
}  // namespace emu

#define EMU_CONCAT_INNER_(a, b) a##b
#define EMU_CONCAT_(a, b) EMU_CONCAT_INNER_(a, b)
#define EMU_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
    auto tmp = (expr);                             \
    if (!tmp.isOk()) return tmp.status();          \
    lhs = std::move(tmp).value()

// `EMU_ASSIGN_OR_RETURN(auto x, makeX());` declares x from a Result or returns its Status.
#define EMU_ASSIGN_OR_RETURN(lhs, expr) \
    EMU_ASSIGN_OR_RETURN_IMPL_(EMU_CONCAT_(emuResult_, __LINE__), lhs, expr)
