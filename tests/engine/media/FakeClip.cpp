#include "FakeClip.h"

#include <thread>

namespace emu::test {

std::vector<int> ReadLog::frames() const {
    std::lock_guard lock(m_mutex);
    return m_frames;
}

bool ReadLog::waitForReads(std::size_t count) const {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, std::chrono::seconds(10),
                              [&] { return m_frames.size() >= count; });
}

void ReadLog::closeGate() {
    std::lock_guard lock(m_mutex);
    m_gateOpen = false;
}

void ReadLog::openGate() {
    {
        std::lock_guard lock(m_mutex);
        m_gateOpen = true;
    }
    m_changed.notify_all();
}

void ReadLog::recordAndWait(int frame) {
    std::unique_lock lock(m_mutex);
    m_frames.push_back(frame);
    m_changed.notify_all();
    m_changed.wait(lock, [&] { return m_gateOpen; });
}

namespace {

class FakeReader final : public media::ClipReader {
public:
    explicit FakeReader(const FakeClip& clip) : m_clip(clip) {
        m_info.format = "fake";
        m_info.path = "fake.exr";
        m_info.width = clip.widthPx;
        m_info.height = clip.heightPx;
        m_info.rate = {24, 1};
        m_info.frameCount = clip.count;
    }
    const media::ClipInfo& info() const override { return m_info; }
    Result<media::Frame> read(int frame) override {
        m_clip.log->recordAndWait(frame);
        if (m_clip.delay.count() > 0) std::this_thread::sleep_for(m_clip.delay);
        if (m_clip.failing.count(frame)) {
            return makeError(ErrorCode::CorruptData,
                             "fake.exr: frame " + std::to_string(frame) + " is damaged");
        }
        if (frame < 0 || frame >= m_clip.count) return makeError(ErrorCode::NotFound, "no frame");
        const int extraRows = m_clip.growEvery > 0 ? frame / m_clip.growEvery : 0;
        media::Frame out;
        out.image =
            media::Image(m_clip.widthPx, m_clip.heightPx + extraRows, media::PixelType::Half);
        out.image.setSample(0, 0, 0, static_cast<float>(frame));
        return out;
    }

private:
    FakeClip m_clip;
    media::ClipInfo m_info;
};

}  // namespace

media::Prefetcher::OpenReader FakeClip::opener() const {
    return [clip = *this]() -> Result<std::unique_ptr<media::ClipReader>> {
        return std::unique_ptr<media::ClipReader>(new FakeReader(clip));
    };
}

std::size_t FakeClip::largestFrameBytes() const {
    const int extraRows = growEvery > 0 ? (count - 1) / growEvery : 0;
    return std::size_t(widthPx) * std::size_t(heightPx + extraRows) * 4 * 2;
}

}  // namespace emu::test
