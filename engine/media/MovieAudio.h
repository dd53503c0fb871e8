#pragma once

// The audio track of a movie MovieWriter writes: a WAV mix encoded as it goes, cut or padded
// with silence to the picture's length. Private to emu_media.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "Ffmpeg.h"
#include "emulsion/core/Result.h"
#include "emulsion/media/Clip.h"
#include "emulsion/media/WavReader.h"

namespace emu::media {

enum class AudioCodec {
    Pcm24,  // PCM 24-bit little-endian, what ProRes and DNxHR masters carry in QuickTime
    Aac,    // for review copies in MP4
};

// Thread: the owning writer's.
class MovieAudio {
public:
    // Opens `wav`, skips as much of it as `startFrames` pictures at `rate` last (the movie
    // starts that far into the mix), and adds the audio stream to `output`, which has not
    // written its header yet.
    // Errors name `moviePath` and, for the WAV's own problems, the WAV file.
    static Result<std::unique_ptr<MovieAudio>> create(const std::filesystem::path& wav,
                                                      AudioCodec codec, AVFormatContext& output,
                                                      const std::string& moviePath,
                                                      std::int64_t startFrames = 0,
                                                      FrameRate rate = {24, 1});

    const WavInfo& info() const { return m_reader->info(); }

    // Encodes and writes the mix up to `totalSamples` sample frames from the movie's start
    // (silence past the WAV's end). With `final`, also the last short block and the
    // encoder's delayed packets: call it once, with the picture's whole length.
    Status writeUntil(std::int64_t totalSamples, bool final);

private:
    MovieAudio() = default;
    Status encodeBlock(int samples);
    Status drain();
    Status error(ErrorCode code, const std::string& what) const;

    std::unique_ptr<WavReader> m_reader;
    std::string m_moviePath;
    AVFormatContext* m_output = nullptr;  // not owned
    AVStream* m_stream = nullptr;         // owned by m_output
    ffmpeg::CodecPtr m_codec;
    ffmpeg::FramePtr m_frame{av_frame_alloc()};
    ffmpeg::PacketPtr m_packet{av_packet_alloc()};
    int m_blockSamples = 1024;
    std::int64_t m_written = 0;  // [sample frames] sent to the encoder
    std::vector<float> m_samples;
};

}  // namespace emu::media
