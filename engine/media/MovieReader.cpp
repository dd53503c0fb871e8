#include "emulsion/media/MovieReader.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <system_error>
#include <vector>

#include "Ffmpeg.h"

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace emu::media {

namespace {

// A read this many frames past the last decoded one decodes forward instead of seeking: for
// long-GOP codecs that is cheaper than going back to the key frame.
constexpr int kDecodeAheadFrames = 16;

constexpr AVCodecID kSupportedCodecs[] = {AV_CODEC_ID_PRORES, AV_CODEC_ID_DNXHD, AV_CODEC_ID_H264,
                                          AV_CODEC_ID_HEVC};

std::string tag(const AVDictionary* dict, const char* key) {
    const AVDictionaryEntry* e = av_dict_get(dict, key, nullptr, 0);
    return e ? e->value : "";
}

// The first of `keys` found, searching each dictionary in order.
std::string firstTag(std::initializer_list<const AVDictionary*> dicts,
                     std::initializer_list<const char*> keys) {
    for (const AVDictionary* d : dicts) {
        for (const char* k : keys) {
            std::string v = tag(d, k);
            if (!v.empty()) return v;
        }
    }
    return {};
}

bool isTimecodeTrack(const AVStream* st) {
    return st->codecpar->codec_type == AVMEDIA_TYPE_DATA &&
           st->codecpar->codec_tag == MKTAG('t', 'm', 'c', 'd');
}

// Whether libavformat recognises the file's first bytes as some container, to tell "not a
// movie" from "a damaged movie" when opening fails.
std::string recognisedFormat(const std::filesystem::path& path) {
    std::vector<unsigned char> bytes(4096 + AVPROBE_PADDING_SIZE, 0);
    std::ifstream in(path, std::ios::binary);
    in.read(reinterpret_cast<char*>(bytes.data()), 4096);
    const std::string name = path.string();
    AVProbeData probe{name.c_str(), bytes.data(), int(in.gcount()), nullptr};
    int score = AVPROBE_SCORE_RETRY;
    const AVInputFormat* format = av_probe_input_format2(&probe, 1, &score);
    return format ? format->long_name : "";
}

}  // namespace

struct MovieReader::State {
    ClipInfo info;
    ffmpeg::InputPtr input;
    ffmpeg::CodecPtr codec;
    ffmpeg::PacketPtr packet{av_packet_alloc()};
    ffmpeg::FramePtr frame{av_frame_alloc()};    // the last decoded frame
    ffmpeg::FramePtr decoded{av_frame_alloc()};  // receives the next one
    int stream = -1;
    AVRational timeBase{1, 1};
    std::int64_t firstPts = 0;             // time stamp of frame 0
    int frameIndex = -1;                   // number of `frame`; -1 after a seek, before any decode
    bool drained = false;                  // the decoder has been told the stream ended
    std::vector<std::int64_t> damagedPts;  // of packets read in part since the last seek
    int seeks = 0;

    ffmpeg::SwsPtr sws;  // converter for swsKey
    std::array<int, 5> swsKey{};

    Status error(ErrorCode code, const std::string& what) const {
        return makeError(code, info.path.string() + ": " + what);
    }

    // A decode that failed leaves the decoder's position unknown: the next read seeks.
    Status lost(const std::string& what) {
        frameIndex = -1;
        return error(ErrorCode::CorruptData, what);
    }

    int indexOf(std::int64_t pts) const {
        const AVRational frameDuration{info.rate.denominator, info.rate.numerator};
        return int(av_rescale_q_rnd(pts - firstPts, timeBase, frameDuration,
                                    AVRounding(AV_ROUND_NEAR_INF | AV_ROUND_PASS_MINMAX)));
    }

    // Decodes the next frame in presentation order into `frame`; false at the end of stream.
    Result<bool> nextFrame() {
        const int previous = frameIndex;
        for (;;) {
            int ret = avcodec_receive_frame(codec.get(), decoded.get());
            if (ret == 0) break;
            if (ret == AVERROR_EOF) return false;
            if (ret != AVERROR(EAGAIN)) return lost("cannot decode: " + ffmpeg::errorText(ret));
            ret = av_read_frame(input.get(), packet.get());
            if (ret == AVERROR_EOF) {
                if (drained) return false;
                avcodec_send_packet(codec.get(), nullptr);
                drained = true;
                continue;
            }
            if (ret < 0) return lost("cannot read: " + ffmpeg::errorText(ret));
            if (packet->stream_index == stream) {
                // A packet the demuxer could only read in part still goes to the decoder (frame
                // threads read ahead, and the frames before it are good); the picture it makes
                // is refused when it comes out.
                if (packet->flags & AV_PKT_FLAG_CORRUPT) damagedPts.push_back(packet->pts);
                ret = avcodec_send_packet(codec.get(), packet.get());
            }
            av_packet_unref(packet.get());
            if (ret < 0 && ret != AVERROR(EAGAIN)) {
                return lost("damaged picture data after frame " + std::to_string(previous) + ": " +
                            ffmpeg::errorText(ret));
            }
        }
        av_frame_unref(frame.get());
        av_frame_move_ref(frame.get(), decoded.get());
        const std::int64_t pts = frame->best_effort_timestamp;
        if (pts != AV_NOPTS_VALUE) {
            frameIndex = indexOf(pts);
        } else if (previous >= 0) {
            frameIndex = previous + 1;
        } else {
            return error(ErrorCode::Unsupported, "the video has no time stamps to seek by");
        }
        const bool truncated =
            frame->pts != AV_NOPTS_VALUE &&
            std::find(damagedPts.begin(), damagedPts.end(), frame->pts) != damagedPts.end();
        if (truncated || (frame->flags & AV_FRAME_FLAG_CORRUPT) || frame->decode_error_flags) {
            const int damaged = frameIndex;
            frameIndex = -1;  // never hand this picture out; the next read seeks
            av_frame_unref(frame.get());
            return error(ErrorCode::CorruptData,
                         "frame " + std::to_string(damaged) + " is damaged or truncated");
        }
        return true;
    }

    // Repositions the demuxer at the key frame at or before frame `index`.
    Status seekBefore(int index) {
        const AVRational frameDuration{info.rate.denominator, info.rate.numerator};
        const std::int64_t ts = firstPts + av_rescale_q(index, frameDuration, timeBase);
        int ret = av_seek_frame(input.get(), stream, ts, AVSEEK_FLAG_BACKWARD);
        if (ret < 0) ret = avformat_seek_file(input.get(), stream, INT64_MIN, ts, ts, 0);
        if (ret < 0) {
            return error(ErrorCode::CorruptData, "cannot seek to frame " + std::to_string(index) +
                                                     ": " + ffmpeg::errorText(ret));
        }
        avcodec_flush_buffers(codec.get());
        frameIndex = -1;
        drained = false;
        damagedPts.clear();
        ++seeks;
        return Status::ok();
    }

    // Decodes forward from the current position until `frame` holds frame `index`.
    Status decodeUntil(int index) {
        while (frameIndex < index) {
            EMU_ASSIGN_OR_RETURN(const bool got, nextFrame());
            if (!got) {
                return error(ErrorCode::CorruptData, "the file ends before frame " +
                                                         std::to_string(index) + " (truncated?)");
            }
        }
        if (frameIndex != index)
            return error(ErrorCode::CorruptData, "frame " + std::to_string(index) + " is missing");
        return Status::ok();
    }

    // Seeks and decodes to frame `index`. A container's index is kept in decode time, so the
    // key frame found can come after the wanted frame in presentation order: step back
    // further until the first frame decoded is not past it.
    Status seekTo(int index) {
        for (int back = 0;; back = back == 0 ? 8 : back * 4) {
            const int target = std::max(0, index - back);
            EMU_RETURN_IF_ERROR(seekBefore(target));
            EMU_ASSIGN_OR_RETURN(const bool got, nextFrame());
            if (got && frameIndex <= index) return decodeUntil(index);
            if (target == 0) {
                return error(ErrorCode::CorruptData,
                             "frame " + std::to_string(index) + " cannot be reached by seeking");
            }
        }
    }

    // Frames in the file: the stream's sample count when its duration agrees, else the
    // duration in frames, checked by decoding from the key frame before the estimated end.
    Result<int> countFrames() {
        const AVStream* st = input->streams[stream];
        double durationFrames = -1.0;
        if (st->duration != AV_NOPTS_VALUE && st->duration > 0)
            durationFrames = double(st->duration) * av_q2d(st->time_base) * info.rate.fps();
        else if (input->duration > 0)
            durationFrames = double(input->duration) / AV_TIME_BASE * info.rate.fps();
        if (st->nb_frames > 0 && st->nb_frames < INT32_MAX &&
            (durationFrames < 0 || std::llround(durationFrames) == st->nb_frames))
            return int(st->nb_frames);

        const int estimate = durationFrames > 0 ? int(std::llround(durationFrames)) : 0;
        for (int start : {std::max(0, estimate - 1), 0}) {
            EMU_RETURN_IF_ERROR(seekBefore(start));
            int last = -1;
            for (;;) {
                EMU_ASSIGN_OR_RETURN(const bool got, nextFrame());
                if (!got) break;
                last = std::max(last, frameIndex);
            }
            if (last >= 0) return last + 1;
        }
        return error(ErrorCode::CorruptData, "no frame decodes");
    }

    Result<Image> convert(const AVFrame& f) {
        const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(AVPixelFormat(f.format));
        if (!desc) return error(ErrorCode::CorruptData, "a frame has no pixel format");
        const bool alpha = desc->flags & AV_PIX_FMT_FLAG_ALPHA;
        const AVColorSpace matrix =
            f.colorspace != AVCOL_SPC_UNSPECIFIED ? f.colorspace : codec->colorspace;
        const AVColorRange range =
            f.color_range != AVCOL_RANGE_UNSPECIFIED ? f.color_range : codec->color_range;
        const std::array<int, 5> key{f.width, f.height, f.format, int(matrix), int(range)};
        if (!sws || key != swsKey) {
            const AVPixelFormat out = alpha ? AV_PIX_FMT_RGBA64 : AV_PIX_FMT_RGB48;
            // Bicubic is what FFmpeg's command line asks swscale for; matching it makes our
            // pictures FFmpeg's pictures.
            sws.reset(sws_getContext(f.width, f.height, AVPixelFormat(f.format), f.width, f.height,
                                     out, SWS_BICUBIC, nullptr, nullptr, nullptr));
            if (!sws) {
                return error(ErrorCode::Unsupported,
                             std::string("cannot convert pixels of format ") + desc->name);
            }
            // yuvj formats are full range whatever the tag says (swscale reads them so).
            const bool fullIn =
                range == AVCOL_RANGE_JPEG || std::string(desc->name).find("yuvj") == 0;
            const int* coefficients = ffmpeg::yuvCoefficients(matrix, f.width, f.height);
            sws_setColorspaceDetails(sws.get(), coefficients, fullIn, coefficients, 1, 0, 1 << 16,
                                     1 << 16);
            swsKey = key;
        }
        const int channels = alpha ? 4 : 3;
        std::vector<std::uint16_t> rgb(std::size_t(f.width) * f.height * channels);
        std::uint8_t* planes[4] = {reinterpret_cast<std::uint8_t*>(rgb.data())};
        const int strides[4] = {f.width * channels * 2};
        if (sws_scale(sws.get(), f.data, f.linesize, 0, f.height, planes, strides) != f.height)
            return error(ErrorCode::Internal, "pixel conversion failed");

        Image image(f.width, f.height, PixelType::Float);
        float* out = reinterpret_cast<float*>(image.data());
        const std::uint16_t* in = rgb.data();
        for (std::size_t i = 0; i < image.pixelCount(); ++i, in += channels, out += 4) {
            for (int c = 0; c < 3; ++c) out[c] = float(in[c]) / 65535.0f;
            out[3] = alpha ? float(in[3]) / 65535.0f : 1.0f;
        }
        return image;
    }
};

MovieReader::MovieReader(std::unique_ptr<State> state) : m_state(std::move(state)) {}
MovieReader::~MovieReader() = default;

const ClipInfo& MovieReader::info() const {
    return m_state->info;
}

int MovieReader::seekCount() const {
    return m_state->seeks;
}

namespace {

Status openInput(MovieReader::State& s, const std::filesystem::path& path) {
    std::error_code ec;
    const auto type = std::filesystem::status(path, ec).type();
    if (type == std::filesystem::file_type::not_found)
        return s.error(ErrorCode::NotFound, "no such file");
    if (type == std::filesystem::file_type::directory)
        return s.error(ErrorCode::IoError, "is a directory, not a movie");
    AVFormatContext* raw = nullptr;
    int ret = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
    if (ret < 0) {
        if (ret != AVERROR_INVALIDDATA)
            return s.error(ErrorCode::IoError, "cannot open: " + ffmpeg::errorText(ret));
        const std::string format = recognisedFormat(path);
        if (format.empty())
            return s.error(ErrorCode::Unsupported, "not a movie (no container format recognised)");
        return s.error(ErrorCode::CorruptData, "damaged or truncated " + format + " file");
    }
    s.input.reset(raw);
    ret = avformat_find_stream_info(raw, nullptr);
    if (ret < 0) return s.error(ErrorCode::CorruptData, "damaged movie: " + ffmpeg::errorText(ret));
    return Status::ok();
}

Status openDecoder(MovieReader::State& s) {
    const AVCodec* decoder = nullptr;
    s.stream = av_find_best_stream(s.input.get(), AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (s.stream == AVERROR_STREAM_NOT_FOUND ||
        (s.stream >= 0 && (s.input->streams[s.stream]->disposition & AV_DISPOSITION_ATTACHED_PIC)))
        return s.error(ErrorCode::Unsupported, "no video stream");
    const AVCodecParameters* par = s.stream >= 0 ? s.input->streams[s.stream]->codecpar : nullptr;
    const char* name = par ? avcodec_get_name(par->codec_id) : "unknown";
    if (s.stream < 0 || !decoder)
        return s.error(ErrorCode::Unsupported, std::string("no decoder for codec ") + name);
    if (std::find(std::begin(kSupportedCodecs), std::end(kSupportedCodecs), par->codec_id) ==
        std::end(kSupportedCodecs)) {
        return s.error(ErrorCode::Unsupported,
                       std::string("codec ") + name +
                           " is not supported (ProRes, DNxHD/DNxHR, H.264 and H.265 are)");
    }
    s.codec.reset(avcodec_alloc_context3(decoder));
    if (!s.codec || !s.packet || !s.frame || !s.decoded)
        return s.error(ErrorCode::Internal, "out of memory");
    int ret = avcodec_parameters_to_context(s.codec.get(), par);
    if (ret >= 0) {
        s.codec->thread_count = 0;  // as many as the machine has
        ret = avcodec_open2(s.codec.get(), decoder, nullptr);
    }
    if (ret < 0) {
        return s.error(ErrorCode::CorruptData, std::string("cannot open the ") + name +
                                                   " decoder: " + ffmpeg::errorText(ret));
    }
    s.info.codec = name;
    return Status::ok();
}

void readMetadata(MovieReader::State& s) {
    AVFormatContext* in = s.input.get();
    const AVStream* video = in->streams[s.stream];
    std::vector<const AVDictionary*> dicts{video->metadata};
    for (unsigned i = 0; i < in->nb_streams; ++i)
        if (isTimecodeTrack(in->streams[i])) dicts.push_back(in->streams[i]->metadata);
    dicts.push_back(in->metadata);

    ClipInfo& info = s.info;
    for (const AVDictionary* d : dicts) {
        if (info.startTimecode.empty()) info.startTimecode = tag(d, "timecode");
        if (info.reel.empty()) info.reel = firstTag({d}, {"reel_name", "reel"});
    }
    const std::string make =
        firstTag({in->metadata, video->metadata}, {"com.apple.quicktime.make", "make"});
    const std::string model =
        firstTag({in->metadata, video->metadata}, {"com.apple.quicktime.model", "model"});
    info.camera = make + (make.empty() || model.empty() ? "" : " ") + model;

    const AVCodecParameters* par = video->codecpar;
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(AVPixelFormat(par->format));
    info.bitDepth = par->bits_per_raw_sample > 0 ? par->bits_per_raw_sample
                    : desc                       ? desc->comp[0].depth
                                                 : 0;
    const AVRational sar = av_guess_sample_aspect_ratio(in, const_cast<AVStream*>(video), nullptr);
    info.pixelAspect = sar.num > 0 && sar.den > 0 ? float(av_q2d(sar)) : 1.0f;
    if (par->color_primaries == AVCOL_PRI_BT709) info.colourSpaceHint = "Rec.709";
    if (par->color_primaries == AVCOL_PRI_BT2020) info.colourSpaceHint = "Rec.2020";
}

}  // namespace

Result<std::unique_ptr<MovieReader>> MovieReader::open(const std::filesystem::path& path) {
    auto s = std::make_unique<State>();
    s->info.format = "movie";
    s->info.path = path;
    s->info.clipName = path.stem().string();
    EMU_RETURN_IF_ERROR(openInput(*s, path));
    EMU_RETURN_IF_ERROR(openDecoder(*s));

    AVStream* st = s->input->streams[s->stream];
    s->timeBase = st->time_base;
    const AVRational rate = av_guess_frame_rate(s->input.get(), st, nullptr);
    if (rate.num <= 0 || rate.den <= 0)
        return s->error(ErrorCode::Unsupported, "the video has no frame rate");
    s->info.rate = {rate.num, rate.den};

    // Decoding the first picture proves the stream decodes and fixes the time of frame 0.
    EMU_ASSIGN_OR_RETURN(const bool got, s->nextFrame());
    if (!got) return s->error(ErrorCode::CorruptData, "no frame decodes");
    if (s->frame->best_effort_timestamp != AV_NOPTS_VALUE)
        s->firstPts = s->frame->best_effort_timestamp;
    s->frameIndex = 0;
    s->info.width = s->frame->width;
    s->info.height = s->frame->height;
    EMU_ASSIGN_OR_RETURN(s->info.frameCount, s->countFrames());
    readMetadata(*s);
    if (!s->info.startTimecode.empty() &&
        !ffmpeg::validTimecode(s->info.startTimecode, s->info.rate))
        s->info.startTimecode.clear();
    return std::unique_ptr<MovieReader>(new MovieReader(std::move(s)));
}

Result<Frame> MovieReader::read(int index) {
    State& s = *m_state;
    if (index < 0 || index >= s.info.frameCount) {
        return s.error(ErrorCode::NotFound, "frame " + std::to_string(index) +
                                                " is outside the clip (0.." +
                                                std::to_string(s.info.frameCount - 1) + ")");
    }
    const bool ahead =
        s.frameIndex >= 0 && index > s.frameIndex && index - s.frameIndex <= kDecodeAheadFrames;
    if (index == s.frameIndex) {
        // The last frame decoded: convert it again.
    } else if (ahead) {
        // A damaged picture on the way need not spoil this one: for intra codecs a seek lands
        // right on it. For long-GOP codecs the seek decodes through the damage again and fails.
        if (!s.decodeUntil(index).isOk()) EMU_RETURN_IF_ERROR(s.seekTo(index));
    } else {
        EMU_RETURN_IF_ERROR(s.seekTo(index));
    }
    Frame out;
    EMU_ASSIGN_OR_RETURN(out.image, s.convert(*s.frame));
    out.timecode = ffmpeg::timecodeAt(s.info.startTimecode, s.info.rate, index);
    return out;
}

}  // namespace emu::media
