#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace emu::panels {

// Discrete things a button asks for. Grade edits among them become Commands in PanelSession;
// the others (play, grab a still, move between nodes) are for the station to carry out.
enum class Action {
    NextNode,
    PreviousNode,
    Bypass,     // toggles the current node's bypass
    ResetNode,  // the current node back to its defaults
    Undo,
    Redo,
    Play,
    Stop,
    GrabStill,
    NextPage,      // handled by the router (page is panel state), never queued
    PreviousPage,  // idem
};

const char* toString(Action action);
bool parseAction(const std::string& text, Action& action);

struct QueuedAction {
    Action action = Action::Play;
    std::int64_t timeNs = 0;
};

// A bounded FIFO of discrete actions that never drops one: when it is full, push() waits for
// the engine to take some (back-pressure on the input thread, which is the right place to
// wait: a colourist's button press must not be lost, and a full queue means the engine is
// behind anyway). Thread: push() from input threads, popAll() from the engine.
class ActionQueue {
public:
    explicit ActionQueue(std::size_t capacity);

    // Waits while full; false only after close().
    bool push(QueuedAction action);
    // Everything queued, oldest first, without waiting.
    std::vector<QueuedAction> popAll();
    // Wakes blocked pushers; later pushes fail.
    void close();

    std::size_t size() const;
    std::size_t capacity() const { return m_capacity; }
    // How many pushes had to wait for room.
    std::uint64_t waits() const;

private:
    const std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_room;
    std::deque<QueuedAction> m_items;
    bool m_closed = false;
    std::uint64_t m_waits = 0;
};

}  // namespace emu::panels
