#include "emulsion/media/MovieWriter.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <vector>

#include "Ffmpeg.h"
#include "MovieAudio.h"
#include "QuickTimeVendor.h"
#include "emulsion/core/AtomicFile.h"

extern "C" {
#include <libavutil/opt.h>
}

namespace emu::media {

namespace {

struct CodecSpec {
    MovieCodec codec;
    const char* id;
    const char* encoder;  // FFmpeg encoder name
    const char* profile;  // the encoder's named profile
    AVPixelFormat format;
    AVPixelFormat alphaFormat;  // AV_PIX_FMT_NONE where the codec has no alpha
    const char* fourcc;         // QuickTime sample description, ProRes only
};

constexpr CodecSpec kCodecs[] = {
    {MovieCodec::ProResProxy, "prores_proxy", "prores_ks", "proxy", AV_PIX_FMT_YUV422P10LE,
     AV_PIX_FMT_NONE, "apco"},
    {MovieCodec::ProResLt, "prores_lt", "prores_ks", "lt", AV_PIX_FMT_YUV422P10LE, AV_PIX_FMT_NONE,
     "apcs"},
    {MovieCodec::ProRes, "prores", "prores_ks", "standard", AV_PIX_FMT_YUV422P10LE, AV_PIX_FMT_NONE,
     "apcn"},
    {MovieCodec::ProResHq, "prores_hq", "prores_ks", "hq", AV_PIX_FMT_YUV422P10LE, AV_PIX_FMT_NONE,
     "apch"},
    {MovieCodec::ProRes4444, "prores_4444", "prores_ks", "4444", AV_PIX_FMT_YUV444P10LE,
     AV_PIX_FMT_YUVA444P10LE, "ap4h"},
    {MovieCodec::ProRes4444Xq, "prores_4444xq", "prores_ks", "4444xq", AV_PIX_FMT_YUV444P10LE,
     AV_PIX_FMT_YUVA444P10LE, "ap4x"},
    {MovieCodec::DnxhrHq, "dnxhr_hq", "dnxhd", "dnxhr_hq", AV_PIX_FMT_YUV422P, AV_PIX_FMT_NONE, ""},
    {MovieCodec::DnxhrHqx, "dnxhr_hqx", "dnxhd", "dnxhr_hqx", AV_PIX_FMT_YUV422P10LE,
     AV_PIX_FMT_NONE, ""},
    {MovieCodec::Dnxhr444, "dnxhr_444", "dnxhd", "dnxhr_444", AV_PIX_FMT_YUV444P10LE,
     AV_PIX_FMT_NONE, ""},
    {MovieCodec::H264, "h264", "libx264", "", AV_PIX_FMT_YUV420P, AV_PIX_FMT_NONE, ""},
    {MovieCodec::H265, "h265", "libx265", "", AV_PIX_FMT_YUV420P, AV_PIX_FMT_NONE, ""},
};

const CodecSpec& specOf(MovieCodec codec) {
    for (const CodecSpec& s : kCodecs)
        if (s.codec == codec) return s;
    return kCodecs[0];
}

bool isReviewCodec(MovieCodec codec) {
    return codec == MovieCodec::H264 || codec == MovieCodec::H265;
}

bool isMp4(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    for (char& ch : ext) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    return ext == ".mp4" || ext == ".m4v";
}

// Samples of the mix that last exactly as long as `frames` pictures, rounded to the nearest.
std::int64_t audioSamplesFor(int frames, FrameRate rate, int sampleRate) {
    const std::int64_t num = std::int64_t(frames) * sampleRate * rate.denominator;
    return (num + rate.numerator / 2) / rate.numerator;
}

std::uint16_t toCode(float v) {
    if (!(v > 0.0f)) return 0;  // NaN and negatives
    if (v >= 1.0f) return 65535;
    // Round half up on the exact product (a float times 65535 fits a double's mantissa): the
    // same as lround for positive values, without its library call on 8 M samples a frame.
    return std::uint16_t(double(v) * 65535.0 + 0.5);
}

}  // namespace

const char* toString(MovieCodec codec) {
    return specOf(codec).id;
}

std::optional<MovieCodec> movieCodecFromString(std::string_view id) {
    for (const CodecSpec& s : kCodecs)
        if (id == s.id) return s.codec;
    return std::nullopt;
}

struct MovieWriter::State {
    explicit State(const std::filesystem::path& path) : file(path) {}

    core::AtomicFile file;  // first, so destroyed last: the temporary goes after FFmpeg let go
    MovieWriteOptions options;
    const CodecSpec* spec = nullptr;
    ffmpeg::OutputPtr output;
    ffmpeg::CodecPtr codec;
    AVStream* stream = nullptr;  // owned by `output`
    ffmpeg::FramePtr frame{av_frame_alloc()};
    ffmpeg::PacketPtr packet{av_packet_alloc()};
    ffmpeg::SwsPtr sws;
    std::unique_ptr<MovieAudio> audio;
    std::vector<std::uint16_t> rgba;
    int frames = 0;
    bool failed = false;
    bool closed = false;

    Status error(ErrorCode code, const std::string& what) {
        failed = true;
        return makeError(code, file.finalPath().string() + ": " + what);
    }
    // For errors whose message already names the movie.
    Status fail(Status status) {
        failed = true;
        return status;
    }

    // Moves every packet the encoder has ready into the file.
    Status drain() {
        for (;;) {
            int ret = avcodec_receive_packet(codec.get(), packet.get());
            if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF) return Status::ok();
            if (ret < 0) return error(ErrorCode::Internal, "encoding: " + ffmpeg::errorText(ret));
            av_packet_rescale_ts(packet.get(), codec->time_base, stream->time_base);
            packet->stream_index = stream->index;
            ret = av_interleaved_write_frame(output.get(), packet.get());
            if (ret < 0) return error(ErrorCode::IoError, "writing: " + ffmpeg::errorText(ret));
        }
    }
};

namespace {

Status checkOptions(const std::filesystem::path& path, const MovieWriteOptions& o) {
    auto invalid = [&](const std::string& what) {
        return makeError(ErrorCode::InvalidArgument, path.string() + ": " + what);
    };
    const bool dnxhr = std::string(specOf(o.codec).encoder) == "dnxhd";
    if (o.width <= 0 || o.height <= 0 || o.width % 2 != 0)
        return invalid("the picture needs a positive size and an even width");
    if (dnxhr && (o.width < 256 || o.height < 120))
        return invalid("DNxHR needs at least 256 x 120 pixels");
    if (!o.rate.valid()) return invalid("the frame rate must be positive");
    if (!o.startTimecode.empty() && !ffmpeg::validTimecode(o.startTimecode, o.rate))
        return invalid("'" + o.startTimecode + "' is not a time code at this frame rate");
    if (o.alpha && specOf(o.codec).alphaFormat == AV_PIX_FMT_NONE)
        return invalid(std::string(toString(o.codec)) + " has no alpha channel");
    if (isReviewCodec(o.codec) && o.height % 2 != 0)
        return invalid("4:2:0 pictures need an even height");
    if (isMp4(path) && !isReviewCodec(o.codec))
        return invalid(std::string(toString(o.codec)) + " is written in QuickTime (.mov) only");
    if (o.crf < 0 || o.crf > 51) return invalid("the CRF must be in 0..51");
    return Status::ok();
}

Status openEncoder(MovieWriter::State& s) {
    const MovieWriteOptions& o = s.options;
    const AVCodec* encoder = avcodec_find_encoder_by_name(s.spec->encoder);
    if (!encoder) {
        return s.error(ErrorCode::Unsupported,
                       std::string("this FFmpeg has no ") + s.spec->encoder + " encoder");
    }
    s.codec.reset(avcodec_alloc_context3(encoder));
    if (!s.codec || !s.frame || !s.packet) return s.error(ErrorCode::Internal, "out of memory");
    AVCodecContext& c = *s.codec;
    c.width = o.width;
    c.height = o.height;
    c.pix_fmt = o.alpha ? s.spec->alphaFormat : s.spec->format;
    c.time_base = {o.rate.denominator, o.rate.numerator};
    c.framerate = {o.rate.numerator, o.rate.denominator};
    c.sample_aspect_ratio = {1, 1};
    c.color_primaries = AVCOL_PRI_BT709;
    c.color_trc = AVCOL_TRC_BT709;
    c.colorspace = AVCOL_SPC_BT709;
    c.color_range = AVCOL_RANGE_MPEG;
    c.thread_count = 0;
    if (s.output->oformat->flags & AVFMT_GLOBALHEADER) c.flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (*s.spec->profile) av_opt_set(c.priv_data, "profile", s.spec->profile, 0);
    if (*s.spec->fourcc) av_opt_set(c.priv_data, "vendor", "apl0", 0);
    if (isReviewCodec(o.codec)) {
        const bool h265 = o.codec == MovieCodec::H265;
        const int crf = o.crf > 0 ? o.crf : (h265 ? 20 : 18);
        av_opt_set(c.priv_data, "crf", std::to_string(crf).c_str(), 0);
        av_opt_set(c.priv_data, "preset", o.encoderPreset.c_str(), 0);
        // The encoders' own statistics would flood the render's output: errors only.
        if (h265)
            av_opt_set(c.priv_data, "x265-params", "log-level=error", 0);
        else
            av_opt_set(c.priv_data, "x264-params", "log=0", 0);
    }
    const int ret = avcodec_open2(&c, encoder, nullptr);
    if (ret < 0) {
        return s.error(ErrorCode::InvalidArgument, std::string("cannot open the ") +
                                                       s.spec->encoder +
                                                       " encoder: " + ffmpeg::errorText(ret));
    }
    return Status::ok();
}

Status openOutput(MovieWriter::State& s) {
    const MovieWriteOptions& o = s.options;
    const std::string temporary = s.file.temporaryPath().string();
    AVFormatContext* raw = nullptr;
    const char* muxer = isMp4(s.file.finalPath()) ? "mp4" : "mov";
    if (avformat_alloc_output_context2(&raw, nullptr, muxer, temporary.c_str()) < 0 || !raw)
        return s.error(ErrorCode::Unsupported,
                       std::string("this FFmpeg has no ") + muxer + " muxer");
    s.output.reset(raw);
    EMU_RETURN_IF_ERROR(openEncoder(s));

    s.stream = avformat_new_stream(raw, nullptr);
    if (!s.stream) return s.error(ErrorCode::Internal, "out of memory");
    avcodec_parameters_from_context(s.stream->codecpar, s.codec.get());
    s.stream->time_base = s.codec->time_base;
    // The QuickTime muxer counts its time code track at the stream's frame rate.
    s.stream->avg_frame_rate = s.codec->framerate;
    if (!o.startTimecode.empty())
        av_dict_set(&s.stream->metadata, "timecode", o.startTimecode.c_str(), 0);
    if (!o.reel.empty()) av_dict_set(&s.stream->metadata, "reel_name", o.reel.c_str(), 0);
    // Apple's players take H.265 only as 'hvc1' (parameter sets in the sample description).
    if (o.codec == MovieCodec::H265) s.stream->codecpar->codec_tag = MKTAG('h', 'v', 'c', '1');
    if (!o.audio.empty()) {
        const AudioCodec audio = isMp4(s.file.finalPath()) ? AudioCodec::Aac : AudioCodec::Pcm24;
        auto track = MovieAudio::create(o.audio, audio, *raw, s.file.finalPath().string(),
                                        o.audioStart, o.rate);
        if (!track.isOk()) return s.fail(track.status());
        s.audio = std::move(*track);
    }

    int ret = avio_open(&raw->pb, temporary.c_str(), AVIO_FLAG_WRITE);
    if (ret == AVERROR(ENOENT)) return s.error(ErrorCode::NotFound, "no such directory");
    if (ret < 0) return s.error(ErrorCode::IoError, "cannot create: " + ffmpeg::errorText(ret));
    ret = avformat_write_header(raw, nullptr);
    if (ret < 0) return s.error(ErrorCode::IoError, "cannot start: " + ffmpeg::errorText(ret));

    // Full-range RGB to limited-range Rec. 709 Y'CbCr, chroma from every pixel.
    s.sws.reset(sws_getContext(
        o.width, o.height, AV_PIX_FMT_RGBA64, o.width, o.height, s.codec->pix_fmt,
        SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INP, nullptr, nullptr, nullptr));
    if (!s.sws) return s.error(ErrorCode::Internal, "no pixel conversion to the codec's format");
    const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
    sws_setColorspaceDetails(s.sws.get(), bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);

    s.frame->format = s.codec->pix_fmt;
    s.frame->width = o.width;
    s.frame->height = o.height;
    // Encoders such as prores_ks write the frame's tags into every picture header.
    s.frame->color_primaries = s.codec->color_primaries;
    s.frame->color_trc = s.codec->color_trc;
    s.frame->colorspace = s.codec->colorspace;
    s.frame->color_range = s.codec->color_range;
    if (av_frame_get_buffer(s.frame.get(), 0) < 0)
        return s.error(ErrorCode::Internal, "out of memory");
    s.rgba.resize(std::size_t(o.width) * o.height * 4);
    return Status::ok();
}

}  // namespace

Result<std::unique_ptr<MovieWriter>> MovieWriter::create(const std::filesystem::path& path,
                                                         const MovieWriteOptions& options) {
    EMU_RETURN_IF_ERROR(checkOptions(path, options));
    auto s = std::make_unique<State>(path);
    s->options = options;
    s->spec = &specOf(options.codec);
    EMU_RETURN_IF_ERROR(openOutput(*s));
    return std::unique_ptr<MovieWriter>(new MovieWriter(std::move(s)));
}

MovieWriter::MovieWriter(std::unique_ptr<State> state) : m_state(std::move(state)) {}
MovieWriter::~MovieWriter() = default;

int MovieWriter::framesWritten() const {
    return m_state->frames;
}

Status MovieWriter::write(const Image& image) {
    State& s = *m_state;
    if (s.failed || s.closed)
        return makeError(ErrorCode::InvalidArgument,
                         s.file.finalPath().string() + ": the writer is closed or failed");
    if (image.width() != s.options.width || image.height() != s.options.height) {
        return makeError(
            ErrorCode::InvalidArgument,
            s.file.finalPath().string() + ": frame of " + std::to_string(image.width()) + " x " +
                std::to_string(image.height()) + " px in a movie of " +
                std::to_string(s.options.width) + " x " + std::to_string(s.options.height));
    }
    const Image floats =
        image.type() == PixelType::Float ? Image() : image.converted(PixelType::Float);
    const float* in = reinterpret_cast<const float*>((floats.empty() ? image : floats).data());
    for (std::size_t i = 0; i < s.rgba.size(); ++i) s.rgba[i] = toCode(in[i]);

    if (av_frame_make_writable(s.frame.get()) < 0)
        return s.error(ErrorCode::Internal, "out of memory");
    const std::uint8_t* planes[4] = {reinterpret_cast<const std::uint8_t*>(s.rgba.data())};
    const int strides[4] = {s.options.width * 8};
    sws_scale(s.sws.get(), planes, strides, 0, s.options.height, s.frame->data, s.frame->linesize);
    s.frame->pts = s.frames;
    const int ret = avcodec_send_frame(s.codec.get(), s.frame.get());
    if (ret < 0) return s.error(ErrorCode::Internal, "encoding: " + ffmpeg::errorText(ret));
    ++s.frames;
    EMU_RETURN_IF_ERROR(s.drain());
    if (s.audio) {
        const Status audio = s.audio->writeUntil(
            audioSamplesFor(s.frames, s.options.rate, s.audio->info().sampleRate), false);
        if (!audio.isOk()) return s.fail(audio);
    }
    return Status::ok();
}

Status MovieWriter::close() {
    State& s = *m_state;
    if (s.failed || s.closed)
        return makeError(ErrorCode::InvalidArgument,
                         s.file.finalPath().string() + ": the writer is closed or failed");
    if (s.frames == 0) return s.error(ErrorCode::InvalidArgument, "no frames were written");
    s.closed = true;
    avcodec_send_frame(s.codec.get(), nullptr);
    EMU_RETURN_IF_ERROR(s.drain());
    if (s.audio) {
        const Status audio = s.audio->writeUntil(
            audioSamplesFor(s.frames, s.options.rate, s.audio->info().sampleRate), true);
        if (!audio.isOk()) return s.fail(audio);
    }
    int ret = av_write_trailer(s.output.get());
    if (ret < 0) return s.error(ErrorCode::IoError, "finishing: " + ffmpeg::errorText(ret));
    ret = avio_closep(&s.output->pb);
    if (ret < 0) return s.error(ErrorCode::IoError, "closing: " + ffmpeg::errorText(ret));
    if (*s.spec->fourcc) {
        const Status vendor = setQuickTimeVendor(s.file.temporaryPath(), s.spec->fourcc, "apl0");
        if (!vendor.isOk()) return s.error(vendor.code(), vendor.message());
    }
    const Status committed = s.file.commit();
    if (!committed.isOk()) s.failed = true;
    return committed;
}

}  // namespace emu::media
