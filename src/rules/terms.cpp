#include "rules/terms.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/spell.h"
#include "base/text.h"
#include "rules/ruleset.h"

namespace backtriage {
namespace {

bool is_term_name(std::string_view name) {
  return !name.empty() && name.front() >= 'a' && name.front() <= 'z' &&
         std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

}  // namespace

void Terms::error(const RuleSource& file, int line, int col, std::string message, std::string hint) {
  diagnostics_.push_back({Severity::error, file.path, line, col, std::move(message), std::move(hint)});
}

std::string Terms::suggestion(std::string_view name) const {
  return will_be_shown(diagnostics_) ? did_you_mean(name, names()) : std::string();
}

std::string Terms::known_terms() const {
  if (terms_.empty()) return "the rule set declares no terms";
  if (!will_be_shown(diagnostics_)) return "";
  constexpr size_t kListed = 30;  // a hint, not a listing: `rules list` has them all
  std::vector<std::string> listed;
  for (auto it = terms_.begin(); it != terms_.end() && listed.size() < kListed; ++it) listed.push_back(it->first);
  std::string more = terms_.size() > kListed ? fmt::format(" and {} more", grouped(terms_.size() - kListed)) : "";
  return fmt::format("the terms are: {}{}", fmt::join(listed, ", "), more);
}

std::vector<std::string> Terms::names() const {
  std::vector<std::string> out;
  for (const auto& [name, term] : terms_) out.push_back(name);
  return out;
}

void Terms::load(Located at, bool overlay) {
  if (at.node->kind == YamlNode::Kind::null) return;
  if (at.node->kind != YamlNode::Kind::mapping)
    return error(*at.file, at.node->line, at.node->col, "expected a mapping of term name to text");
  for (const auto& entry : at.node->entries) {
    Located key{at.file, &entry.key};
    const std::string& name = entry.key.scalar;
    if (!is_term_name(name)) {
      error(*at.file, entry.key.line, entry.key.col,
            fmt::format("invalid term name {}: expected lower-case letters, digits and '_', starting with a letter",
                        quoted_value(name)));
      continue;
    }
    if (entry.value.kind != YamlNode::Kind::scalar) {
      error(*at.file, entry.value.line, entry.value.col, fmt::format("expected the text of term {}", quoted_value(name)));
      continue;
    }
    if (!overlay) {
      terms_.emplace(name, Term{entry.value.scalar, key});
      continue;
    }
    auto it = terms_.find(name);
    if (it == terms_.end())
      error(*at.file, entry.key.line, entry.key.col,
            fmt::format("unknown term {}{}: a region replaces the terms of the rule set", quoted_value(name),
                        suggestion(name)));
    else
      it->second.text = entry.value.scalar;
  }
}

std::string Terms::expand(Located at, const std::string& text, bool in_warning) {
  if (text.find_first_of("{}") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  auto problem = [&](size_t offset, std::string message, std::string hint = {}) {
    if (at.node->kind != YamlNode::Kind::scalar) return;
    auto [line, col] = position_in_scalar(*at.file, lines_, *at.node, static_cast<int>(offset));
    error(*at.file, line, col, std::move(message), std::move(hint));
  };
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 2, "{{") == 0 || text.compare(i, 2, "}}") == 0) {
      out += text[i];
      i += 2;
      continue;
    }
    if (text[i] != '{') {
      out += text[i++];
      continue;
    }
    size_t close = text.find('}', i + 1);
    std::string name = close == std::string::npos ? "" : text.substr(i + 1, close - i - 1);
    if (!is_term_name(name)) {
      problem(i, "a '{' that starts no term", "write {name} for a term of the region, {{ for a brace");
      out += text[i++];
      continue;
    }
    if (name == kMissingRedFlagsName) {
      if (in_warning) out.append(text, i, close - i + 1);
      else problem(i, "{missing_red_flags} is filled in only in warnings");
    } else if (auto it = terms_.find(name); it != terms_.end()) {
      out += it->second.text;
      it->second.used = true;
    } else {
      problem(i, fmt::format("unknown term {}{}", quoted_value(name), suggestion(name)), known_terms());
    }
    i = close + 1;
  }
  return out;
}

void Terms::report_unused() {
  for (const auto& [name, term] : terms_)
    if (!term.used)
      error(*term.at.file, term.at.node->line, term.at.node->col, fmt::format("term {} is never used", quoted_value(name)),
            "remove it, or use it as {" + name + "} in a prompt, help, label, title, advice, warning or safety net");
}

}  // namespace backtriage
