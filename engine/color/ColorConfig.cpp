#include "emulsion/color/ColorConfig.h"

#include <cstdlib>
#include <exception>
#include <regex>
#include <system_error>

#include "BuiltinConfig.h"
#include "emulsion/color/OcioAccess.h"

namespace emu::color {

namespace OCIO = OCIO_NAMESPACE;

struct ColorConfig::Impl {
    OCIO::ConstConfigRcPtr config;
    std::string source;
    bool builtin = false;
};

namespace {

constexpr const char* kBuiltinSource = "built-in";

std::string str(const char* text) {
    return text ? std::string(text) : std::string();
}

// The first line of a possibly multi-line OCIO message or description.
std::string firstLine(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    return line;
}

// Turns OCIO's load error into "file:line: problem" where it names a line (yaml-cpp does),
// without the "Loading the OCIO profile ... failed." preamble that repeats the file name.
std::string loadError(const std::string& file, const std::string& ocioMessage) {
    std::string text = firstLine(ocioMessage);
    static const std::regex kPreamble(R"(^Error: Loading the OCIO profile '[^']*' failed\. *)");
    text = std::regex_replace(text, kPreamble, "");
    std::smatch line;
    static const std::regex kLine(R"(\bline (\d+))");
    if (std::regex_search(text, line, kLine)) return file + ":" + line[1].str() + ": " + text;
    return file + ": " + text;
}

}  // namespace

ColorConfig::ColorConfig(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}

Result<ColorConfig> ColorConfig::builtin() {
    try {
        auto impl = std::make_shared<Impl>();
        impl->config = makeBuiltinConfig();
        impl->source = kBuiltinSource;
        impl->builtin = true;
        return ColorConfig(std::move(impl));
    } catch (const std::exception& e) {
        return core::makeError(ErrorCode::Internal,
                               std::string("built-in OCIO config: ") + e.what());
    }
}

Result<ColorConfig> ColorConfig::fromFile(const std::filesystem::path& file) {
    const std::string name = file.string();
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        return core::makeError(ErrorCode::NotFound, name + ": no such OCIO config file");
    }
    if (std::filesystem::is_directory(file, ec)) {
        return core::makeError(ErrorCode::InvalidArgument,
                               name + ": is a directory, not an OCIO config file");
    }
    OCIO::ConstConfigRcPtr config;
    try {
        config = OCIO::Config::CreateFromFile(name.c_str());
    } catch (const std::exception& e) {
        return core::makeError(ErrorCode::CorruptData, loadError(name, e.what()));
    }
    try {
        config->validate();
    } catch (const std::exception& e) {
        return core::makeError(ErrorCode::CorruptData,
                               name + ": OCIO config does not validate: " + firstLine(e.what()));
    }
    auto impl = std::make_shared<Impl>();
    impl->config = std::move(config);
    impl->source = name;
    return ColorConfig(std::move(impl));
}

Result<ColorConfig> ColorConfig::load(const std::optional<std::filesystem::path>& ocioOption) {
    if (ocioOption && !ocioOption->empty()) return fromFile(*ocioOption);
    const char* env = std::getenv("OCIO");  // NOLINT(concurrency-mt-unsafe): read-only use
    if (env && *env) {
        auto config = fromFile(env);
        if (!config.isOk()) return config.status().withContext("$OCIO");
        return config;
    }
    return builtin();
}

const std::string& ColorConfig::source() const {
    return m_impl->source;
}

bool ColorConfig::isBuiltin() const {
    return m_impl->builtin;
}

std::string ColorConfig::name() const {
    return str(m_impl->config->getName());
}

std::string ColorConfig::description() const {
    return str(m_impl->config->getDescription());
}

std::vector<ColorSpaceInfo> ColorConfig::colorSpaces() const {
    const OCIO::Config& config = *m_impl->config;
    std::vector<ColorSpaceInfo> spaces;
    for (OCIO::SearchReferenceSpaceType side :
         {OCIO::SEARCH_REFERENCE_SPACE_SCENE, OCIO::SEARCH_REFERENCE_SPACE_DISPLAY}) {
        const int count = config.getNumColorSpaces(side, OCIO::COLORSPACE_ACTIVE);
        for (int i = 0; i < count; ++i) {
            OCIO::ConstColorSpaceRcPtr cs = config.getColorSpace(
                config.getColorSpaceNameByIndex(side, OCIO::COLORSPACE_ACTIVE, i));
            if (!cs) continue;
            ColorSpaceInfo info;
            info.name = str(cs->getName());
            info.family = str(cs->getFamily());
            for (int c = 0; c < cs->getNumCategories(); ++c) {
                info.categories.push_back(str(cs->getCategory(c)));
            }
            info.encoding = str(cs->getEncoding());
            info.description = str(cs->getDescription());
            info.isData = cs->isData();
            info.isDisplayReferred = cs->getReferenceSpaceType() == OCIO::REFERENCE_SPACE_DISPLAY;
            spaces.push_back(std::move(info));
        }
    }
    return spaces;
}

std::vector<std::string> ColorConfig::colorSpaceNames() const {
    std::vector<std::string> names;
    for (ColorSpaceInfo& info : colorSpaces()) names.push_back(std::move(info.name));
    return names;
}

bool ColorConfig::hasColorSpace(const std::string& name) const {
    return !name.empty() && m_impl->config->getColorSpace(name.c_str()) != nullptr;
}

std::vector<std::string> ColorConfig::displays() const {
    std::vector<std::string> names;
    for (int i = 0; i < m_impl->config->getNumDisplays(); ++i) {
        names.push_back(str(m_impl->config->getDisplay(i)));
    }
    return names;
}

std::string ColorConfig::defaultDisplay() const {
    return str(m_impl->config->getDefaultDisplay());
}

std::vector<ViewInfo> ColorConfig::views(const std::string& display) const {
    const OCIO::Config& config = *m_impl->config;
    std::vector<ViewInfo> views;
    const char* d = display.c_str();
    for (int i = 0; i < config.getNumViews(d); ++i) {
        ViewInfo view;
        view.name = str(config.getView(d, i));
        const char* v = view.name.c_str();
        view.viewTransform = str(config.getDisplayViewTransformName(d, v));
        view.colorSpace = str(config.getDisplayViewColorSpaceName(d, v));
        view.looks = str(config.getDisplayViewLooks(d, v));
        view.description = str(config.getDisplayViewDescription(d, v));
        views.push_back(std::move(view));
    }
    return views;
}

std::string ColorConfig::defaultView(const std::string& display) const {
    return str(m_impl->config->getDefaultView(display.c_str()));
}

std::vector<LookInfo> ColorConfig::looks() const {
    const OCIO::Config& config = *m_impl->config;
    std::vector<LookInfo> looks;
    for (int i = 0; i < config.getNumLooks(); ++i) {
        OCIO::ConstLookRcPtr look = config.getLook(config.getLookNameByIndex(i));
        if (!look) continue;
        looks.push_back(
            {str(look->getName()), str(look->getProcessSpace()), str(look->getDescription())});
    }
    return looks;
}

std::vector<RoleInfo> ColorConfig::roles() const {
    std::vector<RoleInfo> roles;
    for (int i = 0; i < m_impl->config->getNumRoles(); ++i) {
        roles.push_back(
            {str(m_impl->config->getRoleName(i)), str(m_impl->config->getRoleColorSpace(i))});
    }
    return roles;
}

Status ColorConfig::validate() const {
    try {
        m_impl->config->validate();
        return Status::ok();
    } catch (const std::exception& e) {
        return core::makeError(
            ErrorCode::CorruptData,
            m_impl->source + ": OCIO config does not validate: " + firstLine(e.what()));
    }
}

namespace {

Status checkNames(const OCIO::Config& config, const std::string& source,
                  std::initializer_list<const std::string*> spaces, const std::string& looks) {
    for (const std::string* space : spaces) {
        if (space->empty() || !config.getColorSpace(space->c_str())) {
            return core::makeError(ErrorCode::NotFound,
                                   "unknown colour space '" + *space + "' in the " + source +
                                       " OCIO config (see `emulsion colorspaces`)");
        }
    }
    std::size_t start = 0;
    while (start < looks.size()) {
        std::size_t end = looks.find(',', start);
        if (end == std::string::npos) end = looks.size();
        std::string look = looks.substr(start, end - start);
        look.erase(0, look.find_first_not_of(" +-"));  // OCIO's look syntax: "+a, -b"
        look.erase(look.find_last_not_of(' ') + 1);
        if (!look.empty() && !config.getLook(look.c_str())) {
            return core::makeError(ErrorCode::NotFound,
                                   "unknown look '" + look + "' in the " + source + " OCIO config");
        }
        start = end + 1;
    }
    return Status::ok();
}

}  // namespace

Status ColorConfig::checkTransform(const std::string& from, const std::string& to,
                                   const std::string& looks) const {
    const OCIO::ConstConfigRcPtr& config = m_impl->config;
    EMU_RETURN_IF_ERROR(checkNames(*config, m_impl->source, {&from, &to}, looks));
    try {
        OCIO::ConstProcessorRcPtr processor;
        if (looks.empty()) {
            processor = config->getProcessor(from.c_str(), to.c_str());
        } else {
            OCIO::LookTransformRcPtr t = OCIO::LookTransform::Create();
            t->setSrc(from.c_str());
            t->setDst(to.c_str());
            t->setLooks(looks.c_str());
            processor = config->getProcessor(t);
        }
        processor->getDefaultCPUProcessor();
        return Status::ok();
    } catch (const std::exception& e) {
        return core::makeError(ErrorCode::InvalidArgument, "cannot convert '" + from + "' to '" +
                                                               to + "': " + firstLine(e.what()));
    }
}

Status ColorConfig::checkDisplayView(const std::string& from, const std::string& display,
                                     const std::string& view) const {
    const OCIO::ConstConfigRcPtr& config = m_impl->config;
    EMU_RETURN_IF_ERROR(checkNames(*config, m_impl->source, {&from}, {}));
    bool found = false;
    for (int i = 0; i < config->getNumViews(display.c_str()); ++i) {
        found |= view == str(config->getView(display.c_str(), i));
    }
    if (!found) {
        return core::makeError(ErrorCode::NotFound, "no view '" + view + "' on display '" +
                                                        display + "' in the " + m_impl->source +
                                                        " OCIO config");
    }
    try {
        config
            ->getProcessor(from.c_str(), display.c_str(), view.c_str(), OCIO::TRANSFORM_DIR_FORWARD)
            ->getDefaultCPUProcessor();
        return Status::ok();
    } catch (const std::exception& e) {
        return core::makeError(ErrorCode::InvalidArgument, "cannot show '" + from + "' on '" +
                                                               display + "' / '" + view +
                                                               "': " + firstLine(e.what()));
    }
}

OCIO::ConstConfigRcPtr OcioAccess::config(const ColorConfig& colorConfig) {
    return colorConfig.m_impl->config;
}

ColorConfig OcioAccess::wrap(OCIO::ConstConfigRcPtr config, std::string source) {
    auto impl = std::make_shared<ColorConfig::Impl>();
    impl->config = std::move(config);
    impl->source = std::move(source);
    return ColorConfig(std::move(impl));
}

}  // namespace emu::color
