#pragma once
// A YAML document as a plain tree with a position on every node, built from yaml-cpp's event
// parser rather than YAML::Node, because YAML::Node silently keeps the last of duplicate keys
// and expands aliases without limit. Here duplicate keys, anchors, aliases, tags and nesting
// deeper than a small bound are reported as diagnostics and never reach the loader.
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "rules/builtin_rules.h"

namespace backtriage {

struct YamlEntry;

struct YamlNode {
  enum class Kind { null, scalar, sequence, mapping };
  Kind kind = Kind::null;
  int line = 0;  // 1-based position of the node's first character
  int col = 0;
  std::string scalar;
  bool quoted = false;            // a quoted scalar ("yes" is text, not a boolean)
  std::vector<YamlNode> items;    // sequence items
  std::vector<YamlEntry> entries; // mapping entries in document order, keys unique

  // The value of mapping key `key`, or null.
  const YamlNode* find(const std::string& key) const;
};

struct YamlEntry {
  YamlNode key;
  YamlNode value;
};

// A YAML node and the rule file it came from.
struct Located {
  const RuleSource* file;
  const YamlNode* node;
};

// The line index of each rule file, made on first use: placing many diagnostics inside the
// scalars of one file then costs no rescan of it. The files must outlive the index.
class LineIndex {
 public:
  const SourceLines& of(const RuleSource& file);

  // Where position_in_scalar stopped last: the next problem in the same scalar, further on,
  // resumes there, so the problems of one long text cost its length once, not once each.
  struct ScalarCursor {
    const RuleSource* file = nullptr;
    const std::string* text = nullptr;  // the scalar's text
    size_t text_offset = 0;
    size_t source_offset = 0;  // the file byte just past text[text_offset - 1]
  };
  ScalarCursor cursor;

 private:
  std::unordered_map<const RuleSource*, SourceLines> lines_;
};

// The 1-based line and column in `file` of byte `offset` of the text of scalar `node`
// (YAML strips quotes and folds line breaks, so the text's bytes are not the file's). Falls
// back to the scalar's start when they cannot be matched (escapes). Costs the length of the
// scalar, not of the file. Never throws beyond std::bad_alloc.
std::pair<int, int> position_in_scalar(const RuleSource& file, LineIndex& index, const YamlNode& node, int offset);

// Parses the single document of `source`. Problems are appended to `diagnostics` (with the
// source's path): among them the first byte that is not UTF-8 (at its line and column, with
// the text around it escaped), so every text of a loaded rule set is UTF-8 (yaml-cpp refuses
// escapes that name no character, such as \ud800). The returned tree holds what could be read (an empty
// mapping-less null node when nothing could). Duplicate keys are found through a hash index,
// so the cost is linear in the number of keys. Never throws beyond std::bad_alloc.
YamlNode parse_yaml(const RuleSource& source, std::vector<Diagnostic>& diagnostics);

}  // namespace backtriage
