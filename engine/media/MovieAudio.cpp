#include "MovieAudio.h"

#include <algorithm>
#include <cmath>

namespace emu::media {

Status MovieAudio::error(ErrorCode code, const std::string& what) const {
    return makeError(code, m_moviePath + ": audio: " + what);
}

Result<std::unique_ptr<MovieAudio>> MovieAudio::create(const std::filesystem::path& wav,
                                                       AudioCodec codec, AVFormatContext& output,
                                                       const std::string& moviePath,
                                                       std::int64_t startFrames, FrameRate rate) {
    std::unique_ptr<MovieAudio> a(new MovieAudio());
    a->m_moviePath = moviePath;
    a->m_output = &output;
    auto reader = WavReader::open(wav);
    if (!reader.isOk()) return a->error(reader.status().code(), reader.status().message());
    a->m_reader = std::move(*reader);
    const WavInfo& info = a->m_reader->info();
    // Rounded to the nearest sample, as the picture's length is (MovieWriter).
    const std::int64_t skip =
        (std::max<std::int64_t>(startFrames, 0) * info.sampleRate * rate.denominator +
         rate.numerator / 2) /
        rate.numerator;
    for (std::int64_t left = skip; left > 0;) {
        const auto got =
            a->m_reader->read(std::size_t(std::min<std::int64_t>(left, 65536)), a->m_samples);
        if (!got.isOk()) return a->error(got.status().code(), got.status().message());
        if (*got == 0) break;  // the movie starts past the mix's end: silence
        left -= std::int64_t(*got);
    }

    const AVCodec* encoder = codec == AudioCodec::Aac ? avcodec_find_encoder_by_name("aac")
                                                      : avcodec_find_encoder(AV_CODEC_ID_PCM_S24LE);
    if (!encoder) return a->error(ErrorCode::Unsupported, "this FFmpeg has no such encoder");
    a->m_codec.reset(avcodec_alloc_context3(encoder));
    if (!a->m_codec || !a->m_frame || !a->m_packet)
        return a->error(ErrorCode::Internal, "out of memory");
    AVCodecContext& c = *a->m_codec;
    c.sample_rate = info.sampleRate;
    c.time_base = {1, info.sampleRate};
    av_channel_layout_default(&c.ch_layout, info.channels);
    if (codec == AudioCodec::Aac) {
        c.sample_fmt = AV_SAMPLE_FMT_FLTP;
        c.bit_rate = 96000 * info.channels;  // 192 kb/s stereo, 576 kb/s 5.1
    } else {
        c.sample_fmt = AV_SAMPLE_FMT_S32;  // pcm_s24le takes the top 24 bits of 32
    }
    if (output.oformat->flags & AVFMT_GLOBALHEADER) c.flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    const int ret = avcodec_open2(&c, encoder, nullptr);
    if (ret < 0) {
        return a->error(ErrorCode::Unsupported, "cannot encode " + wav.string() + " (" +
                                                    std::to_string(info.sampleRate) + " Hz, " +
                                                    std::to_string(info.channels) +
                                                    " channels): " + ffmpeg::errorText(ret));
    }
    if (c.frame_size > 0) a->m_blockSamples = c.frame_size;

    a->m_stream = avformat_new_stream(&output, nullptr);
    if (!a->m_stream) return a->error(ErrorCode::Internal, "out of memory");
    avcodec_parameters_from_context(a->m_stream->codecpar, &c);
    a->m_stream->time_base = c.time_base;

    AVFrame& f = *a->m_frame;
    f.format = c.sample_fmt;
    f.nb_samples = a->m_blockSamples;
    f.sample_rate = c.sample_rate;
    av_channel_layout_copy(&f.ch_layout, &c.ch_layout);
    if (av_frame_get_buffer(&f, 0) < 0) return a->error(ErrorCode::Internal, "out of memory");
    return a;
}

Status MovieAudio::drain() {
    for (;;) {
        int ret = avcodec_receive_packet(m_codec.get(), m_packet.get());
        if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF) return Status::ok();
        if (ret < 0) return error(ErrorCode::Internal, "encoding: " + ffmpeg::errorText(ret));
        av_packet_rescale_ts(m_packet.get(), m_codec->time_base, m_stream->time_base);
        m_packet->stream_index = m_stream->index;
        ret = av_interleaved_write_frame(m_output, m_packet.get());
        if (ret < 0) return error(ErrorCode::IoError, "writing: " + ffmpeg::errorText(ret));
    }
}

Status MovieAudio::encodeBlock(int samples) {
    const Result<std::size_t> got = m_reader->read(std::size_t(samples), m_samples);
    if (!got.isOk()) return error(got.status().code(), got.status().message());
    const int channels = m_reader->info().channels;
    m_samples.resize(std::size_t(samples) * channels, 0.0f);  // silence past the mix's end
    AVFrame& f = *m_frame;
    if (av_frame_make_writable(&f) < 0) return error(ErrorCode::Internal, "out of memory");
    f.nb_samples = samples;
    f.pts = m_written;
    if (m_codec->sample_fmt == AV_SAMPLE_FMT_FLTP) {
        for (int ch = 0; ch < channels; ++ch) {
            float* plane = reinterpret_cast<float*>(f.extended_data[ch]);
            for (int i = 0; i < samples; ++i) plane[i] = m_samples[std::size_t(i) * channels + ch];
        }
    } else {
        auto* out = reinterpret_cast<std::int32_t*>(f.extended_data[0]);
        for (std::size_t i = 0; i < m_samples.size(); ++i) {
            // To 24-bit with rounding (exact for 16 and 24-bit sources), clipped at full scale.
            const double v = std::clamp(double(m_samples[i]) * 8388608.0, -8388608.0, 8388607.0);
            out[i] = std::int32_t(std::lround(v)) * 256;
        }
    }
    const int ret = avcodec_send_frame(m_codec.get(), &f);
    if (ret < 0) return error(ErrorCode::Internal, "encoding: " + ffmpeg::errorText(ret));
    m_written += samples;
    return drain();
}

Status MovieAudio::writeUntil(std::int64_t totalSamples, bool final) {
    while (totalSamples - m_written >= m_blockSamples)
        EMU_RETURN_IF_ERROR(encodeBlock(m_blockSamples));
    if (!final) return Status::ok();
    if (totalSamples > m_written) EMU_RETURN_IF_ERROR(encodeBlock(int(totalSamples - m_written)));
    avcodec_send_frame(m_codec.get(), nullptr);
    return drain();
}

}  // namespace emu::media
