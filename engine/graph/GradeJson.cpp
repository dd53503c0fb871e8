#include "emulsion/graph/GradeJson.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

#include "emulsion/core/AtomicFile.h"

namespace emu::graph {

namespace {

using nlohmann::json;

// Shortest text that reads back as the same float.
std::string number(float v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : "0";
}

std::string quoted(const std::string& s) {
    return json(s).dump();
}

std::string numbers(const std::vector<float>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + number(values[i]);
    return out + "]";
}

std::size_t lineOf(std::string_view text, std::size_t byte) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) line += text[i] == '\n';
    return line;
}

Status structureError(const std::string& source, const std::string& what) {
    return makeError(ErrorCode::InvalidArgument, source + ": " + what);
}

Result<GradeNode> readNode(const json& j, const std::string& where) {
    if (!j.is_object()) return structureError(where, "a node must be an object");
    GradeNode n;
    if (!j.contains("id") || !j["id"].is_number_integer() || j["id"].get<int>() <= 0) {
        return structureError(where, "a node needs a positive integer \"id\"");
    }
    n.id = j["id"].get<int>();
    const std::string at = where + ": node " + std::to_string(n.id);
    if (!j.contains("type") || !j["type"].is_string()) {
        return structureError(at, "needs a \"type\" string");
    }
    n.type = j["type"].get<std::string>();
    if (!j.contains("version") || !j["version"].is_number_integer()) {
        return structureError(at, "needs an integer \"version\"");
    }
    n.version = j["version"].get<int>();
    if (j.contains("label")) {
        if (!j["label"].is_string()) return structureError(at, "\"label\" must be a string");
        n.label = j["label"].get<std::string>();
    }
    if (j.contains("bypass")) {
        if (!j["bypass"].is_boolean()) return structureError(at, "\"bypass\" must be true/false");
        n.bypass = j["bypass"].get<bool>();
    }
    if (j.contains("params")) {
        if (!j["params"].is_object()) return structureError(at, "\"params\" must be an object");
        for (const auto& [key, value] : j["params"].items()) {
            std::vector<float> v;
            if (value.is_string()) {
                n.texts[key] = value.get<std::string>();
                continue;
            }
            if (value.is_number()) {
                v.push_back(value.get<float>());
            } else if (value.is_array()) {
                for (const json& x : value) {
                    if (!x.is_number()) {
                        return structureError(at, "parameter '" + key + "' must hold numbers");
                    }
                    v.push_back(x.get<float>());
                }
            } else {
                return structureError(at,
                                      "parameter '" + key + "' must be a number, array or string");
            }
            n.params[key] = std::move(v);
        }
    }
    return n;
}

Result<Connection> readConnection(const json& j, const std::string& where) {
    auto endpoint = [&](const char* key, NodeId& node, std::string& port) -> Status {
        if (!j.contains(key) || !j[key].is_array() || j[key].size() != 2 ||
            !j[key][0].is_number_integer() || !j[key][1].is_string()) {
            return structureError(
                where, std::string("a connection's \"") + key + "\" must be [nodeId, \"port\"]");
        }
        node = j[key][0].get<int>();
        port = j[key][1].get<std::string>();
        return Status::ok();
    };
    Connection c;
    EMU_RETURN_IF_ERROR(endpoint("from", c.fromNode, c.fromPort));
    EMU_RETURN_IF_ERROR(endpoint("to", c.toNode, c.toPort));
    return c;
}

}  // namespace

std::string gradeToJson(const Grade& grade) {
    std::vector<GradeNode> nodes = grade.nodes();
    std::sort(nodes.begin(), nodes.end(), [](auto& a, auto& b) { return a.id < b.id; });
    std::ostringstream out;
    out << "{\n  \"format\": \"emulsion.grade\",\n  \"formatVersion\": " << kGradeFormatVersion
        << ",\n  \"nodes\": [";
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const GradeNode& n = nodes[i];
        out << (i ? "," : "") << "\n    {\"id\": " << n.id << ", \"type\": " << quoted(n.type)
            << ", \"version\": " << n.version;
        if (!n.label.empty()) out << ", \"label\": " << quoted(n.label);
        if (n.bypass) out << ", \"bypass\": true";
        if (!n.params.empty() || !n.texts.empty()) {
            // Numbers and texts merged in id order: one "params" object, as a person reads it.
            std::map<std::string, std::string> values;
            for (const auto& [id, value] : n.params) values[id] = numbers(value);
            for (const auto& [id, text] : n.texts) values[id] = quoted(text);
            out << ", \"params\": {";
            bool first = true;
            for (const auto& [id, value] : values) {
                out << (first ? "" : ",") << "\n      " << quoted(id) << ": " << value;
                first = false;
            }
            out << "\n    }";
        }
        out << "}";
    }
    out << "\n  ],\n  \"connections\": [";
    std::vector<Connection> connections = grade.connections();
    std::sort(connections.begin(), connections.end(), [](auto& a, auto& b) {
        return std::tie(a.toNode, a.toPort) < std::tie(b.toNode, b.toPort);
    });
    for (std::size_t i = 0; i < connections.size(); ++i) {
        const Connection& c = connections[i];
        out << (i ? "," : "") << "\n    {\"from\": [" << c.fromNode << ", " << quoted(c.fromPort)
            << "], \"to\": [" << c.toNode << ", " << quoted(c.toPort) << "]}";
    }
    out << "\n  ]\n}\n";
    return out.str();
}

Result<Grade> gradeFromJson(std::string_view text, const std::string& sourceName) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        // Caught here: no exception leaves the module.
        return makeError(ErrorCode::InvalidArgument, sourceName + ":" +
                                                         std::to_string(lineOf(text, e.byte)) +
                                                         ": malformed JSON (" + e.what() + ")");
    }
    if (!j.is_object() || j.value("format", "") != "emulsion.grade") {
        return structureError(sourceName, "not a grade file (\"format\": \"emulsion.grade\")");
    }
    if (!j.contains("formatVersion") || !j["formatVersion"].is_number_integer() ||
        j["formatVersion"].get<int>() > kGradeFormatVersion || j["formatVersion"].get<int>() < 1) {
        return structureError(sourceName, "unsupported formatVersion (this build reads 1 to " +
                                              std::to_string(kGradeFormatVersion) + ")");
    }
    if (!j.contains("nodes") || !j["nodes"].is_array()) {
        return structureError(sourceName, "needs a \"nodes\" array");
    }
    Grade grade;
    for (const json& jn : j["nodes"]) {
        EMU_ASSIGN_OR_RETURN(GradeNode n, readNode(jn, sourceName));
        if (grade.node(n.id)) {
            return structureError(sourceName, "two nodes have id " + std::to_string(n.id));
        }
        grade.addNode(std::move(n));
    }
    if (j.contains("connections")) {
        if (!j["connections"].is_array()) {
            return structureError(sourceName, "\"connections\" must be an array");
        }
        for (const json& jc : j["connections"]) {
            EMU_ASSIGN_OR_RETURN(Connection c, readConnection(jc, sourceName));
            if (grade.inputOf(c.toNode, c.toPort)) {
                return structureError(sourceName, "input '" + c.toPort + "' of node " +
                                                      std::to_string(c.toNode) +
                                                      " is connected twice");
            }
            grade.connect(std::move(c));
        }
    }
    return grade;
}

Result<Grade> loadGrade(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::NotFound, path.string() + ": cannot open grade file");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    return gradeFromJson(text, path.string());
}

Status saveGrade(const std::filesystem::path& path, const Grade& grade) {
    core::AtomicFile file(path);
    {
        std::ofstream out(file.temporaryPath(), std::ios::binary);
        out << gradeToJson(grade);
        out.flush();
        if (!out.good()) {
            return makeError(ErrorCode::IoError, path.string() + ": cannot write grade file");
        }
    }
    return file.commit();
}

}  // namespace emu::graph
