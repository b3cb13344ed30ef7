// The JSON side of intake that is about JSON itself rather than answers: parse errors in
// plain words, duplicate keys refused, the id of a case.
#include "intake/intake.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "base/exit_code.h"
#include "base/text.h"

namespace backtriage {

std::string json_error_words(const nlohmann::json::exception& error, std::string_view text) {
  std::string what = error.what();
  // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while
  // parsing value - invalid literal; last read: 'tru,'": the id and the parser's state go.
  if (auto bracket = what.find("] "); what.rfind("[json.exception", 0) == 0 && bracket != std::string::npos)
    what.erase(0, bracket + 2);
  if (auto colon = what.find(": "); what.rfind("parse error", 0) == 0 && colon != std::string::npos) what.erase(0, colon + 2);
  if (auto dash = what.find(" - "); what.rfind("syntax error while parsing", 0) == 0 && dash != std::string::npos)
    what.erase(0, dash + 3);
  if (auto last = what.find("; last read: '"); last != std::string::npos) {
    std::string read = what.substr(last + 14);
    std::string rest;
    if (auto end = read.rfind("'"); end != std::string::npos) {
      rest = read.substr(end + 1);
      read.erase(end);
    }
    // What was read since the last blank is the token that failed.
    if (auto blank = read.find_last_of(" \t\n\r"); blank != std::string::npos && blank + 1 < read.size())
      read.erase(0, blank + 1);
    what = what.substr(0, last) + " at " + quoted_value(read) + rest;
  }
  const auto* parse = dynamic_cast<const nlohmann::json::parse_error*>(&error);
  if (!parse || parse->byte == 0) return what;
  // nlohmann's position is a byte count; lines and columns are counted here, columns in bytes.
  const std::size_t at = std::min<std::size_t>(parse->byte, text.size() + 1) - 1;
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return fmt::format("line {}, column {}: {}", line, column, what);
}

namespace {

// A case is a flat object of answers. Deeper nesting is refused while parsing, because
// nlohmann's serializer recurses once per level: dumping a value nested 100,000 deep (a
// 200 KB case) overflowed the stack.
struct TooDeep {};

// Where `text` opens an array or object nested more than kMaxJsonDepth deep: "line 1, column 40".
std::string too_deep_at(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < text.size(); ++i, ++column) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i, ++column;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if ((c == '[' || c == '{') && ++depth > kMaxJsonDepth) {
      break;
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == '\n') {
      ++line;
      column = 0;
    }
  }
  return fmt::format("line {}, column {}", line, column);
}

}  // namespace

nlohmann::json parse_json_case(std::string_view text, const std::string& source) {
  std::vector<std::unordered_map<std::string, bool>> keys_by_depth;
  std::string duplicate;
  auto refuse_duplicates = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if ((event == nlohmann::json::parse_event_t::object_start || event == nlohmann::json::parse_event_t::array_start) &&
        depth >= kMaxJsonDepth)
      throw TooDeep{};
    if (event == nlohmann::json::parse_event_t::object_start) {
      keys_by_depth.resize(static_cast<size_t>(depth) + 1);
      keys_by_depth[depth].clear();
    } else if (event == nlohmann::json::parse_event_t::key && depth > 0 &&
               !keys_by_depth[depth - 1].emplace(parsed.get<std::string>(), true).second && duplicate.empty()) {
      duplicate = parsed.get<std::string>();
    }
    return true;
  };
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(text.begin(), text.end(), refuse_duplicates);
  } catch (const nlohmann::json::exception& e) {
    std::string words = json_error_words(e, text);
    // One line of JSON Lines: its line is the record's, so only the column is news.
    if (source.empty() && words.rfind("line 1, column", 0) == 0) words.erase(0, 8);
    throw Error(ExitCode::data_error, (source.empty() ? "" : source + ": ") + "invalid JSON: " + words);
  } catch (const TooDeep&) {
    std::string where = too_deep_at(text);
    if (source.empty() && where.rfind("line 1, column", 0) == 0) where.erase(0, 8);
    throw Error(ExitCode::data_error, fmt::format("{}invalid JSON: {}: nested more than {} levels deep",
                                                  source.empty() ? "" : source + ": ", where, kMaxJsonDepth));
  }
  if (!duplicate.empty())
    throw Error(ExitCode::data_error, fmt::format("{}question {} is answered twice", source.empty() ? "" : source + ": ",
                                                  quoted_value(duplicate)));
  return parsed;
}

std::vector<std::string> take_kept_members(const RuleSet& rules, nlohmann::json& object,
                                           const std::vector<std::string>& names) {
  std::vector<std::string> values;
  values.reserve(names.size());
  for (const std::string& name : names) {
    std::string& value = values.emplace_back();
    if (!object.is_object()) continue;
    auto found = object.find(name);
    if (found == object.end()) continue;
    if (found->is_string()) value = found->get<std::string>();
    else if (!found->is_null()) value = found->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (rules.question_index(name) < 0) object.erase(found);
  }
  return values;
}

std::string json_case_id(const nlohmann::json& object, const std::string& id_key) {
  if (!object.is_object()) return {};
  auto found = object.find(id_key);
  if (found == object.end() || found->is_null()) return {};
  if (found->is_string()) return found->get<std::string>();
  return found->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace backtriage
