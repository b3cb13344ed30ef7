#include "output/csv_writer.h"

namespace backtriage {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

bool needs_quotes(std::string_view field) {
  if (field.empty()) return false;
  if (is_blank(field.front()) || is_blank(field.back())) return true;
  // Unquoted at the very start of a file, these bytes would be dropped as a byte-order mark.
  if (field.substr(0, 3) == "\xEF\xBB\xBF") return true;
  return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

}  // namespace

void append_csv_field(std::string& out, std::string_view field) {
  if (!needs_quotes(field)) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void append_csv_row(std::string& out, const std::vector<std::string_view>& fields) {
  if (fields.size() == 1 && fields[0].empty()) {
    out.append("\"\"\n");
    return;
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_csv_field(out, fields[i]);
  }
  out.push_back('\n');
}

}  // namespace backtriage
