#include "emulsion/render/Preset.h"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "emulsion/media/MovieWriter.h"

namespace emu::render {

namespace {

using Json = nlohmann::json;

const std::set<std::string> kKeys = {"schema", "description", "container",  "codec", "aces",
                                     "alpha",  "colour",      "resolution", "audio", "burnins"};
const std::set<std::string> kFields = {"record_tc", "source_tc", "shot_name", "watermark"};
const std::set<std::string> kPositions = {"top-left",    "top-centre",    "top-right",
                                          "bottom-left", "bottom-centre", "bottom-right"};

Status bad(const std::filesystem::path& file, const std::string& what) {
    return makeError(ErrorCode::InvalidArgument, file.string() + ": " + what);
}

// The codecs each container takes; movies list MovieWriter's ids plus the review codecs.
bool codecFits(const std::string& container, const std::string& codec) {
    if (container == "exr")
        return codec == "none" || codec == "piz" || codec == "zip" || codec == "dwaa";
    if (container == "dpx") return codec == "10bit_log" || codec == "16bit";
    if (container == "tiff") return codec == "16bit";
    if (container == "mov")
        return media::movieCodecFromString(codec).has_value() || codec == "h264" || codec == "h265";
    if (container == "mxf") return codec.rfind("dnxhr_", 0) == 0;
    if (container == "mp4") return codec == "h264" || codec == "h265";
    return false;
}

template <typename T>
Result<T> field(const Json& j, const char* key, const std::filesystem::path& file, T fallback) {
    if (!j.contains(key)) return fallback;
    try {
        return j.at(key).get<T>();
    } catch (const Json::exception&) {
        return bad(file, std::string("\"") + key + "\" has the wrong type");
    }
}

Status readColour(const Json& j, const std::filesystem::path& file, Preset& p) {
    if (!j.contains("colour")) return Status::ok();
    const Json& c = j.at("colour");
    if (!c.is_object()) return bad(file, "\"colour\" must be an object");
    for (const auto& [key, value] : c.items()) {
        if (!value.is_string()) return bad(file, "colour \"" + key + "\" must be text");
        if (key == "colour_space")
            p.colourSpace = value.get<std::string>();
        else if (key == "display")
            p.display = value.get<std::string>();
        else if (key == "view")
            p.view = value.get<std::string>();
        else if (key == "look")
            p.look = value.get<std::string>();
        else
            return bad(file, "unknown colour key \"" + key + "\"");
    }
    if (!p.colourSpace.empty() && !p.display.empty()) {
        return bad(file, "colour: give colour_space or display and view, not both");
    }
    if (p.display.empty() != p.view.empty())
        return bad(file, "colour: display and view go together");
    return Status::ok();
}

Status readResolution(const std::string& text, const std::filesystem::path& file, Preset& p) {
    if (text == "source") return Status::ok();
    int w = 0, h = 0;
    char x = 0, extra = 0;
    std::istringstream in(text);
    if (!(in >> w >> x >> h) || x != 'x' || (in >> extra) || w < 16 || h < 16 || w > 16384 ||
        h > 16384) {
        return bad(file, "resolution \"" + text + "\" is not \"source\" or WxH (16..16384)");
    }
    p.widthPx = w;
    p.heightPx = h;
    return Status::ok();
}

}  // namespace

Status setPresetResolution(Preset& preset, const std::string& text, const std::string& origin) {
    Preset sized = preset;
    sized.widthPx = 0;
    sized.heightPx = 0;
    EMU_RETURN_IF_ERROR(readResolution(text, origin, sized));
    preset = std::move(sized);
    return Status::ok();
}

namespace {

Status readBurnins(const Json& j, const std::filesystem::path& file, Preset& p) {
    if (!j.contains("burnins")) return Status::ok();
    if (!j.at("burnins").is_array()) return bad(file, "\"burnins\" must be a list");
    for (const Json& b : j.at("burnins")) {
        if (!b.is_object()) return bad(file, "each burn-in must be an object");
        BurninField f;
        f.field = b.value("field", "");
        f.text = b.value("text", "");
        f.position = b.value("position", "bottom-centre");
        if (!kFields.count(f.field)) {
            return bad(file, "burn-in field \"" + f.field +
                                 "\" is not record_tc, source_tc, shot_name or watermark");
        }
        if (!kPositions.count(f.position)) {
            return bad(file, "burn-in position \"" + f.position +
                                 "\" is not one of top-left, "
                                 "top-centre, top-right, bottom-left, bottom-centre, bottom-right");
        }
        if (f.field == "watermark" && f.text.empty())
            return bad(file, "a watermark needs \"text\"");
        p.burnins.push_back(f);
    }
    return Status::ok();
}

}  // namespace

std::string Preset::extension() const {
    if (container == "tiff") return ".tif";
    return "." + container;
}

Result<Preset> loadPreset(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return makeError(ErrorCode::NotFound, file.string() + ": cannot open preset");
    std::stringstream text;
    text << in.rdbuf();
    Json j;
    try {
        j = Json::parse(text.str());
    } catch (const Json::parse_error& e) {
        // nlohmann reports "line N, column M" in its message.
        return bad(file, std::string("not valid JSON: ") + e.what());
    }
    if (!j.is_object()) return bad(file, "a preset is a JSON object");
    for (const auto& [key, value] : j.items()) {
        if (!kKeys.count(key)) return bad(file, "unknown key \"" + key + "\"");
    }
    Preset p;
    p.name = file.stem().string();
    p.file = file;
    EMU_ASSIGN_OR_RETURN(int schema, field<int>(j, "schema", file, 1));
    if (schema != 1)
        return bad(file, "schema " + std::to_string(schema) + " is newer than this build");
    EMU_ASSIGN_OR_RETURN(p.description, field<std::string>(j, "description", file, ""));
    EMU_ASSIGN_OR_RETURN(p.container, field<std::string>(j, "container", file, ""));
    EMU_ASSIGN_OR_RETURN(p.codec, field<std::string>(j, "codec", file, ""));
    EMU_ASSIGN_OR_RETURN(p.aces, field<bool>(j, "aces", file, false));
    EMU_ASSIGN_OR_RETURN(p.alpha, field<bool>(j, "alpha", file, false));
    EMU_ASSIGN_OR_RETURN(p.audio, field<bool>(j, "audio", file, false));
    EMU_ASSIGN_OR_RETURN(std::string resolution,
                         field<std::string>(j, "resolution", file, "source"));
    if (p.container.empty()) return bad(file, "\"container\" is missing");
    if (!codecFits(p.container, p.codec)) {
        return bad(file,
                   "codec \"" + p.codec + "\" does not go in container \"" + p.container + "\"");
    }
    if (p.aces && (p.container != "exr" || p.codec != "none")) {
        return bad(file, "an ACES container file (ST 2065-4) is an uncompressed EXR");
    }
    EMU_RETURN_IF_ERROR(readColour(j, file, p));
    EMU_RETURN_IF_ERROR(readResolution(resolution, file, p));
    EMU_RETURN_IF_ERROR(readBurnins(j, file, p));
    return p;
}

std::vector<std::filesystem::path> presetSearchPath() {
    std::vector<std::filesystem::path> path;
    if (const char* env = std::getenv("EMULSION_PRESETS")) {
        std::stringstream list(env);
        for (std::string dir; std::getline(list, dir, ':');) {
            if (!dir.empty()) path.emplace_back(dir);
        }
    }
    if (const char* home = std::getenv("HOME")) {
        path.push_back(std::filesystem::path(home) / ".config" / "emulsion" / "presets");
    }
    path.emplace_back(EMULSION_PRESET_DIR);
    return path;
}

Result<Preset> findPreset(const std::string& name,
                          const std::vector<std::filesystem::path>& searchPath) {
    std::error_code ec;
    if (name.find('/') != std::string::npos || std::filesystem::path(name).extension() == ".json") {
        return loadPreset(name);
    }
    std::string looked;
    for (const std::filesystem::path& dir : searchPath) {
        const std::filesystem::path file = dir / (name + ".json");
        if (std::filesystem::is_regular_file(file, ec)) return loadPreset(file);
        looked += (looked.empty() ? "" : ", ") + dir.string();
    }
    return makeError(ErrorCode::NotFound, "no preset \"" + name + "\" in " + looked +
                                              " (`emulsion presets` lists them)");
}

std::vector<Preset> listPresets(const std::vector<std::filesystem::path>& searchPath,
                                std::vector<std::string>* problems) {
    std::vector<Preset> presets;
    std::set<std::string> seen;
    for (const std::filesystem::path& dir : searchPath) {
        std::error_code ec;
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
            if (entry.path().extension() == ".json") files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        for (const std::filesystem::path& file : files) {
            if (!seen.insert(file.stem().string()).second) continue;
            Result<Preset> p = loadPreset(file);
            if (p.isOk())
                presets.push_back(*p);
            else if (problems)
                problems->push_back(p.status().message());
        }
    }
    return presets;
}

}  // namespace emu::render
