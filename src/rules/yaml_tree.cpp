#include "rules/yaml_tree.h"

#include <algorithm>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "base/text.h"

namespace backtriage {
namespace {

constexpr int kMaxDepth = 16;
// A mapping with this many keys gets a hash index of them: small mappings (nearly all) are
// searched in place, and one of 20,000 keys still costs one lookup per key.
constexpr size_t kIndexedKeys = 16;

// Builds the tree from parser events. yaml-cpp marks are 0-based: every position gets +1.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& path, std::vector<Diagnostic>& diagnostics)
      : path_(path), diagnostics_(diagnostics) {}

  YamlNode take_root() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    check_anchor(mark, anchor);
    add(make(YamlNode::Kind::null, mark));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    error(mark, "YAML aliases (*name) are not allowed in rule files", "write the value out in full");
    add(make(YamlNode::Kind::null, mark));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    check_anchor(mark, anchor);
    check_tag(mark, tag);
    check_controls(mark, value);
    YamlNode node = make(YamlNode::Kind::scalar, mark);
    node.scalar = value;
    node.quoted = tag == "!";
    add(std::move(node));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::sequence, mark, tag, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::mapping, mark, tag, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  // An open collection; for a mapping, `pending_key` holds a key waiting for its value.
  struct Frame {
    YamlNode node;
    bool has_key = false;
    bool duplicate_key = false;  // the pending key repeats an earlier one: its value is dropped
    YamlNode pending_key;
    // Key -> line of every entry, built once the mapping has kIndexedKeys entries.
    std::unordered_map<std::string, int> key_lines;
  };

  // The line of `frame`'s entry with key `key`, or 0 when it has none.
  static int earlier_key_line(Frame& frame, const std::string& key) {
    const auto& entries = frame.node.entries;
    if (entries.size() < kIndexedKeys) {
      for (const auto& entry : entries)
        if (entry.key.scalar == key) return entry.key.line;
      return 0;
    }
    if (frame.key_lines.empty())
      for (const auto& entry : entries) frame.key_lines.emplace(entry.key.scalar, entry.key.line);
    auto found = frame.key_lines.find(key);
    return found == frame.key_lines.end() ? 0 : found->second;
  }

  YamlNode make(YamlNode::Kind kind, const YAML::Mark& mark) {
    YamlNode node;
    node.kind = kind;
    node.line = mark.line + 1;
    node.col = mark.column + 1;
    return node;
  }

  void error(const YAML::Mark& mark, std::string message, std::string hint = {}) {
    diagnostics_.push_back({Severity::error, path_, mark.line + 1, mark.column + 1, std::move(message), std::move(hint)});
  }

  // Rule texts reach patients' terminals, the clinician report and spreadsheets: a control
  // character (written as a YAML escape such as "\e") could redraw a screen or hide a warning.
  // Line breaks and tabs are text; every other C0 character, DEL and C1 (U+0080-U+009F) is not.
  void check_controls(const YAML::Mark& mark, const std::string& value) {
    for (size_t i = 0; i < value.size(); ++i) {
      const auto byte = static_cast<unsigned char>(value[i]);
      const bool c0 = (byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7f;
      const bool c1 = byte == 0xc2 && i + 1 < value.size() && (static_cast<unsigned char>(value[i + 1]) & 0xe0) == 0x80;
      if (!c0 && !c1) continue;
      error(mark,
            fmt::format("a text holds the control character {} (at byte {} of the text)",
                        escape_controls(value.substr(i, c1 ? 2 : 1)), i + 1),
            "texts may hold line breaks and tabs, not other control characters");
      return;
    }
  }

  void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) error(mark, "YAML anchors (&name) are not allowed in rule files");
  }

  void check_tag(const YAML::Mark& mark, const std::string& tag) {
    if (!tag.empty() && tag != "!" && tag != "?") error(mark, fmt::format("YAML tags ({}) are not allowed in rule files", tag));
  }

  void open(YamlNode::Kind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
    check_anchor(mark, anchor);
    check_tag(mark, tag);
    if (static_cast<int>(stack_.size()) == kMaxDepth)
      error(mark, fmt::format("nesting deeper than {} levels", kMaxDepth));
    stack_.push_back({make(kind, mark), false, false, {}, {}});
  }

  void close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    // Too deep: dropped, already reported.
    if (static_cast<int>(stack_.size()) >= kMaxDepth) return;
    add(std::move(frame.node));
  }

  void add(YamlNode node) {
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    if (static_cast<int>(stack_.size()) > kMaxDepth) return;
    Frame& parent = stack_.back();
    if (parent.node.kind == YamlNode::Kind::sequence) {
      parent.node.items.push_back(std::move(node));
    } else if (!parent.has_key) {
      parent.duplicate_key = node.kind != YamlNode::Kind::scalar;
      if (node.kind != YamlNode::Kind::scalar) {
        diagnostics_.push_back({Severity::error, path_, node.line, node.col, "mapping keys must be plain text", {}});
      } else if (int first = earlier_key_line(parent, node.scalar)) {
        parent.duplicate_key = true;
        diagnostics_.push_back({Severity::error, path_, node.line, node.col,
                                fmt::format("duplicate key {} (first at line {})", quoted_value(node.scalar), first),
                                "YAML would otherwise silently keep only the last one"});
      }
      parent.pending_key = std::move(node);
      parent.has_key = true;
    } else {
      if (!parent.duplicate_key) {
        if (!parent.key_lines.empty()) parent.key_lines.emplace(parent.pending_key.scalar, parent.pending_key.line);
        parent.node.entries.push_back({std::move(parent.pending_key), std::move(node)});
      }
      parent.has_key = false;
    }
  }

  const std::string& path_;
  std::vector<Diagnostic>& diagnostics_;
  std::vector<Frame> stack_;
  YamlNode root_;
};

}  // namespace

const YamlNode* YamlNode::find(const std::string& key) const {
  for (const auto& entry : entries)
    if (entry.key.scalar == key) return &entry.value;
  return nullptr;
}

namespace {

// Reports the first byte of `source` that is not UTF-8, at its line and (byte) column, with the
// text around it escaped.
void check_utf8(const RuleSource& source, std::vector<Diagnostic>& diagnostics) {
  const std::string_view text = source.text;
  const size_t bad = invalid_utf8_at(text);
  if (bad == std::string_view::npos) return;
  const size_t line_start = bad == 0 ? 0 : text.rfind('\n', bad - 1) + 1;  // npos + 1 == 0
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(line_start), '\n'));
  // Up to 30 bytes before the bad one, from a character's start, and a few after it.
  size_t from = bad - std::min<size_t>(bad - line_start, 30);
  while (from < bad && ((static_cast<unsigned char>(text[from]) & 0xc0) == 0x80 || text[from] == ' ' || text[from] == '\t'))
    ++from;
  std::string_view around = text.substr(from, bad - from + 10);
  around = around.substr(0, around.find('\n'));
  diagnostics.push_back({Severity::error, source.path, line, static_cast<int>(bad - line_start) + 1,
                         fmt::format("the file is not UTF-8: byte 0x{:02x} in {}", static_cast<unsigned char>(text[bad]),
                                     quoted_value(around, 60)),
                         "rule files are UTF-8; convert this one, e.g. with iconv -f latin1 -t utf-8"});
}

}  // namespace

YamlNode parse_yaml(const RuleSource& source, std::vector<Diagnostic>& diagnostics) {
  // yaml-cpp refuses escapes of what is not a character (\ud800), so a file of UTF-8 makes
  // texts of UTF-8.
  check_utf8(source, diagnostics);
  std::istringstream in(source.text);
  TreeBuilder builder(source.path, diagnostics);
  try {
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(builder) && parser.HandleNextDocument(builder))
      diagnostics.push_back({Severity::error, source.path, 0, 0, "a rule file holds one YAML document, found several", {}});
  } catch (const YAML::Exception& e) {
    diagnostics.push_back({Severity::error, source.path, e.mark.line + 1, e.mark.column + 1, e.msg, {}});
    return {};
  }
  return builder.take_root();
}

const SourceLines& LineIndex::of(const RuleSource& file) {
  return lines_.try_emplace(&file, file.text).first->second;
}

std::pair<int, int> position_in_scalar(const RuleSource& file, LineIndex& index, const YamlNode& node, int offset) {
  const std::pair<int, int> start{node.line, node.col};
  const std::string_view source = file.text;
  const SourceLines& lines = index.of(file);
  size_t pos = lines.start_of(node.line);
  if (pos == std::string_view::npos) return start;
  pos += static_cast<size_t>(std::max(node.col, 1) - 1);
  if (pos >= source.size()) return start;
  if (source[pos] == '"' || source[pos] == '\'') {
    ++pos;
  } else if (source[pos] == '>' || source[pos] == '|') {
    pos = source.find('\n', pos);  // a block scalar's text starts on the next line
    if (pos == std::string_view::npos) return start;
  }
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  const std::string& text = node.scalar;
  const size_t target = std::min(static_cast<size_t>(std::max(offset, 0)), text.size());
  size_t i = 0;
  LineIndex::ScalarCursor& cursor = index.cursor;
  if (cursor.file == &file && cursor.text == &text && cursor.text_offset <= target) {
    i = cursor.text_offset;
    pos = cursor.source_offset;
  }
  while (true) {
    while (i < target && blank(text[i])) ++i;
    if (i == target) break;
    while (pos < source.size() && blank(source[pos])) ++pos;
    if (pos >= source.size() || source[pos] != text[i]) return start;
    ++i;
    ++pos;
  }
  cursor = {&file, &text, i, pos};
  if (target < text.size() && !blank(text[target])) {
    while (pos < source.size() && blank(source[pos])) ++pos;
    if (pos >= source.size() || source[pos] != text[target]) return start;
  }
  // pos is the source byte of text[target], or just past the last character matched.
  const int line = lines.line_at(pos);
  return {line, static_cast<int>(pos - lines.start_of(line)) + 1};
}

}  // namespace backtriage
