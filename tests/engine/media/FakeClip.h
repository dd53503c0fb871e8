#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "emulsion/media/Clip.h"
#include "emulsion/media/Prefetcher.h"

namespace emu::test {

// What the fake readers of one clip share: the frames read, in order, and a gate that holds
// every read until it is opened. Thread: any.
class ReadLog {
public:
    std::vector<int> frames() const;
    // Waits (at most 10 s) until `count` reads have started; false on time-out.
    bool waitForReads(std::size_t count) const;
    void closeGate();
    void openGate();

    void recordAndWait(int frame);  // called by the readers

private:
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::vector<int> m_frames;
    bool m_gateOpen = true;
};

// A clip of `count` frames of widthPx x heightPx half RGBA whose red sample at (0, 0) is the
// frame number; frames in `failing` fail with CorruptData naming "fake.exr". Each read waits
// `delay` after passing the log's gate. Frame sizes grow by a row every `growEvery` frames
// when it is non-zero, so that frames differ in size.
struct FakeClip {
    int count = 100;
    int widthPx = 8;
    int heightPx = 4;
    std::chrono::microseconds delay{0};
    int growEvery = 0;
    std::set<int> failing;
    std::shared_ptr<ReadLog> log = std::make_shared<ReadLog>();

    media::Prefetcher::OpenReader opener() const;
    std::size_t largestFrameBytes() const;
};

}  // namespace emu::test
