#include "emulsion/panels/ActionQueue.h"

#include <utility>

namespace emu::panels {

namespace {
struct ActionName {
    Action action;
    const char* name;
};
constexpr ActionName kActionNames[] = {
    {Action::NextNode, "next-node"},
    {Action::PreviousNode, "previous-node"},
    {Action::Bypass, "bypass"},
    {Action::ResetNode, "reset-node"},
    {Action::Undo, "undo"},
    {Action::Redo, "redo"},
    {Action::Play, "play"},
    {Action::Stop, "stop"},
    {Action::GrabStill, "grab-still"},
    {Action::NextPage, "next-page"},
    {Action::PreviousPage, "previous-page"},
};
}  // namespace

const char* toString(Action action) {
    for (const ActionName& a : kActionNames) {
        if (a.action == action) return a.name;
    }
    return "?";
}

bool parseAction(const std::string& text, Action& action) {
    for (const ActionName& a : kActionNames) {
        if (text == a.name) {
            action = a.action;
            return true;
        }
    }
    return false;
}

ActionQueue::ActionQueue(std::size_t capacity) : m_capacity(capacity == 0 ? 1 : capacity) {}

bool ActionQueue::push(QueuedAction action) {
    std::unique_lock lock(m_mutex);
    if (!m_closed && m_items.size() >= m_capacity) {
        ++m_waits;
        m_room.wait(lock, [&] { return m_closed || m_items.size() < m_capacity; });
    }
    if (m_closed) return false;
    m_items.push_back(action);
    return true;
}

std::vector<QueuedAction> ActionQueue::popAll() {
    std::vector<QueuedAction> out;
    {
        std::lock_guard lock(m_mutex);
        out.assign(m_items.begin(), m_items.end());
        m_items.clear();
    }
    m_room.notify_all();
    return out;
}

void ActionQueue::close() {
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_room.notify_all();
}

std::size_t ActionQueue::size() const {
    std::lock_guard lock(m_mutex);
    return m_items.size();
}

std::uint64_t ActionQueue::waits() const {
    std::lock_guard lock(m_mutex);
    return m_waits;
}

}  // namespace emu::panels
