#pragma once

// Ownership and small helpers around the FFmpeg C API, shared by MovieReader and MovieWriter.
// Private to emu_media: nothing of FFmpeg reaches the public headers.

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

#include <memory>
#include <string>

#include "emulsion/media/Clip.h"

namespace emu::media::ffmpeg {

struct InputDeleter {
    void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};
struct OutputDeleter {
    void operator()(AVFormatContext* c) const {
        if (c->pb) avio_closep(&c->pb);
        avformat_free_context(c);
    }
};
struct CodecDeleter {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameDeleter {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketDeleter {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct SwsDeleter {
    void operator()(SwsContext* c) const { sws_freeContext(c); }
};

using InputPtr = std::unique_ptr<AVFormatContext, InputDeleter>;
using OutputPtr = std::unique_ptr<AVFormatContext, OutputDeleter>;
using CodecPtr = std::unique_ptr<AVCodecContext, CodecDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsPtr = std::unique_ptr<SwsContext, SwsDeleter>;

// FFmpeg's text for an AVERROR code.
std::string errorText(int code);

// The swscale coefficient table of a Y'CbCr matrix. An unspecified matrix is read as BT.709
// for pictures of HD size and up (width >= 1280 or height >= 720) and BT.601 below, as
// broadcast practice has it.
const int* yuvCoefficients(AVColorSpace matrix, int widthPx, int heightPx);

// The time code `offset` frames after `start` ("HH:MM:SS:FF", ';' for drop frame), counted at
// `rate` rounded to whole frames (23.976 counts like 24; drop frame at 29.97 and 59.94 only),
// wrapping at 24 hours. Empty when `start` is empty or not a valid time code at that rate.
std::string timecodeAt(const std::string& start, FrameRate rate, int offset);

// Whether `timecode` is a valid time code at `rate`: HH:MM:SS:FF (';' before FF for drop frame,
// at 29.97 and 59.94 only) within a day, with frames below the rate and not a dropped number.
bool validTimecode(const std::string& timecode, FrameRate rate);

}  // namespace emu::media::ffmpeg
