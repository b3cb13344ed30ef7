#include "rules/loader.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "base/exit_code.h"
#include "base/spell.h"
#include "base/text.h"
#include "rules/expr_parser.h"
#include "rules/terms.h"
#include "rules/yaml_tree.h"

namespace backtriage {
namespace {

using Kind = YamlNode::Kind;

const std::vector<std::string> kSections = {"ruleset", "terms", "outputs", "safety_net", "questions",
                                            "rules",   "invariants", "tests"};
// Sections that one file declares for the whole set.
const std::vector<std::string> kOnceSections = {"ruleset", "terms", "outputs", "safety_net"};
const std::vector<std::string> kQuestionKeys = {"id", "type", "min", "max", "required",
                                                "asked_if", "red_flag", "prompt", "help", "label"};
const std::vector<std::string> kRuleKeys = {"id", "title", "when", "duration_class", "category",
                                            "recommendation", "urgency", "advice", "warning", "source"};
const std::vector<std::string> kInvariantKeys = {"id", "title", "when", "then"};
const std::vector<std::string> kTestKeys = {"name", "answers", "unlisted", "expect"};
// Ids are names people type and read; a longer one is a mistake (and bloats every message).
constexpr size_t kMaxIdLength = 64;
// Decisions list questions and rules by 16-bit index; rules propose a level as 8 bits with -1
// for none. Past these, a count would wrap silently, so the loader says so instead.
constexpr size_t kMaxItems = 65535;
constexpr size_t kMaxScaleValues = 127;

const std::vector<std::string> kExpectKeys = {"status", "duration_class", "category", "recommendation",
                                              "urgency", "red_flags", "unanswered", "rules"};

// A region's terms file (terms-NAME.yaml) and its parsed tree.
struct RegionFile {
  std::string name;
  const RuleSource* file;
  const YamlNode* tree;
};

class Loader {
 public:
  explicit Loader(std::vector<Diagnostic>& diagnostics) : diagnostics_(diagnostics) {}

  // Loads the rule files `sources` with the terms of `region` (empty: the set's default region).
  // `unknown_region` is set when the set has no such region.
  RuleSet load(const std::vector<RuleSource>& sources, const std::vector<YamlNode>& trees,
               const std::vector<RegionFile>& regions, const std::string& region, bool& unknown_region) {
    for (size_t i = 0; i < sources.size(); ++i) collect_sections(sources[i], trees[i]);
    if (auto it = sections_.find("ruleset"); it != sections_.end()) load_header(it->second);
    if (auto it = sections_.find("terms"); it != sections_.end()) terms_.load(it->second.front(), false);
    choose_region(regions, region, unknown_region);
    load_outputs();
    for (const Located& list : section("questions")) for_each_item(list, [&](Located q) { load_question(q); });
    // Asked-if conditions once every question is known, so naming a later one says so.
    for (auto& [index, asked_if] : pending_asked_if_)
      set_.questions[index].asked_if = condition(asked_if, static_cast<int>(index), false);
    for (const Located& list : section("rules")) for_each_item(list, [&](Located r) { load_rule(r); });
    if (auto it = sections_.find("safety_net"); it != sections_.end()) load_safety_net(it->second.front());
    for (const Located& list : section("invariants")) for_each_item(list, [&](Located i) { load_invariant(i); });
    for (const Located& list : section("tests")) for_each_item(list, [&](Located t) { load_test(t); });
    if (set_.questions.empty() && !sources.empty())
      error_at(sources.front(), 0, 0, "the rule set declares no questions");
    terms_.report_unused();
    return std::move(set_);
  }

 private:
  // ---- diagnostics -------------------------------------------------------------------------
  void error_at(const RuleSource& file, int line, int col, std::string message, std::string hint = {}) {
    diagnostics_.push_back({Severity::error, file.path, line, col, std::move(message), std::move(hint)});
  }
  void error(Located at, std::string message, std::string hint = {}) {
    error_at(*at.file, at.node->line, at.node->col, std::move(message), std::move(hint));
  }
  // " (did you mean 'X'?)" among the names `candidates()` lists, for an error that will be
  // shown; nothing (and no scan of the names) for one past what is printed.
  template <class Candidates>
  std::string suggestion(std::string_view word, Candidates candidates) const {
    return will_be_shown(diagnostics_) ? did_you_mean(word, candidates()) : std::string();
  }
  SourceLocation where(Located at) const { return {at.file->path, at.node->line, at.node->col}; }

  static std::string describe(const YamlNode& node) {
    switch (node.kind) {
      case Kind::null: return "nothing";
      case Kind::scalar: return quoted_value(node.scalar);
      case Kind::sequence: return "a list";
      case Kind::mapping: return "a mapping";
    }
    return "?";
  }

  // ---- schema helpers ----------------------------------------------------------------------
  bool expect_kind(Located at, Kind kind, std::string_view what) {
    if (at.node->kind == kind) return true;
    error(at, fmt::format("expected {}, got {}", what, describe(*at.node)));
    return false;
  }

  void check_keys(Located at, const std::vector<std::string>& allowed, std::string_view what) {
    for (const auto& entry : at.node->entries) {
      if (std::find(allowed.begin(), allowed.end(), entry.key.scalar) != allowed.end()) continue;
      error({at.file, &entry.key}, fmt::format("unknown key {} in {}{}", quoted_value(entry.key.scalar), what,
                                               did_you_mean(entry.key.scalar, allowed)),
            fmt::format("the keys of {} are: {}", what, fmt::join(allowed, ", ")));
    }
  }

  std::optional<Located> child(Located at, const std::string& key) {
    const YamlNode* node = at.node->find(key);
    if (!node) return std::nullopt;
    return Located{at.file, node};
  }

  std::string text_of(Located at) {
    if (at.node->kind == Kind::scalar) return at.node->scalar;
    error(at, fmt::format("expected text, got {}", describe(*at.node)));
    return {};
  }

  std::string string_key(Located at, const std::string& key, bool required, std::string_view what) {
    auto value = child(at, key);
    if (!value) {
      if (required) error(at, fmt::format("{} lacks '{}'", what, key));
      return {};
    }
    std::string text = text_of(*value);
    if (required && text.empty() && value->node->kind == Kind::scalar)
      error(*value, fmt::format("'{}' must not be empty", key));
    return text;
  }

  // A text shown to people: `{name}` stands for the region's term `name`, `{{` for a brace.
  std::string shown_text_key(Located at, const std::string& key, bool required, std::string_view what,
                             bool in_warning = false) {
    std::string text = string_key(at, key, required, what);
    if (auto value = child(at, key)) return terms_.expand(*value, text, in_warning);
    return text;
  }

  std::optional<bool> bool_of(Located at) {
    if (at.node->kind == Kind::scalar && !at.node->quoted) {
      auto parsed = parse_yes_no(at.node->scalar);
      if (parsed.ok() && parsed.value != kUnknown) return parsed.value == 1;
    }
    error(at, fmt::format("expected true or false, got {}", describe(*at.node)));
    return std::nullopt;
  }

  std::optional<int> int_of(Located at) {
    if (at.node->kind == Kind::scalar) {
      auto parsed = parse_whole_number(at.node->scalar, -1000000, 1000000);
      if (parsed.ok() && parsed.value != kUnknown) return parsed.value;
    }
    error(at, fmt::format("expected a whole number, got {}", describe(*at.node)));
    return std::nullopt;
  }

  bool valid_id(Located at, const std::string& id, std::string_view what) {
    // Question ids are lower case: intake headers are matched to them ignoring case. A scanner,
    // not std::regex, whose recursion overflows the stack on a long id.
    const bool lower_only = what == "question" || what == "term" || what == "region";
    auto letter = [&](char c) { return (c >= 'a' && c <= 'z') || (!lower_only && c >= 'A' && c <= 'Z'); };
    bool ok = !id.empty() && letter(id.front()) &&
              std::all_of(id.begin(), id.end(), [&](char c) { return letter(c) || (c >= '0' && c <= '9') || c == '_'; });
    if (ok && id.size() <= kMaxIdLength) return true;
    if (ok)
      error(at, fmt::format("{} id '{}...' is {} characters long: at most {} are allowed", what, id.substr(0, 20),
                            id.size(), kMaxIdLength));
    else
      error(at, fmt::format("invalid {} id '{}': expected {}letters, digits and '_', starting with a letter", what,
                            id.size() > 40 ? id.substr(0, 40) + "..." : id, lower_only ? "lower-case " : ""));
    return false;
  }

  // ---- sections ----------------------------------------------------------------------------
  void collect_sections(const RuleSource& file, const YamlNode& root) {
    if (root.kind == Kind::null) return;  // an empty file
    Located at{&file, &root};
    if (!expect_kind(at, Kind::mapping, "a mapping of sections (questions, rules, ...)")) return;
    check_keys(at, kSections, "a rule file");
    for (const auto& entry : root.entries) {
      auto& list = sections_[entry.key.scalar];
      bool once = std::find(kOnceSections.begin(), kOnceSections.end(), entry.key.scalar) != kOnceSections.end();
      if (once && !list.empty())
        error({&file, &entry.key}, fmt::format("section '{}' appears twice (first in {}:{})", entry.key.scalar,
                                               list.front().file->path, section_lines_[entry.key.scalar]));
      else
        list.push_back({&file, &entry.value});
      section_lines_.emplace(entry.key.scalar, entry.key.line);
    }
  }

  const std::vector<Located>& section(const std::string& name) {
    static const std::vector<Located> none;
    auto it = sections_.find(name);
    return it == sections_.end() ? none : it->second;
  }

  template <typename Fn>
  void for_each_item(Located list, Fn fn) {
    if (list.node->kind == Kind::null) return;
    if (!expect_kind(list, Kind::sequence, "a list")) return;
    for (const auto& item : list.node->items) {
      Located at{list.file, &item};
      if (expect_kind(at, Kind::mapping, "a mapping")) fn(at);
    }
  }

  void load_header(const std::vector<Located>& headers) {
    Located at = headers.front();
    if (!expect_kind(at, Kind::mapping, "a mapping with name and version")) return;
    check_keys(at, {"name", "version", "region"}, "ruleset");
    set_.name = string_key(at, "name", false, "ruleset");
    set_.version = string_key(at, "version", false, "ruleset");
    if (auto region = child(at, "region")) {
      set_.region = text_of(*region);
      if (!set_.region.empty()) valid_id(*region, set_.region, "region");
    }
  }

  // ---- regions -----------------------------------------------------------------------------
  // Settles the region: the default one names the terms of `terms`; any other overlays its file.
  void choose_region(const std::vector<RegionFile>& regions, const std::string& region, bool& unknown_region) {
    if (set_.region.empty() && (!terms_.empty() || !regions.empty())) set_.region = "default";
    if (!set_.region.empty()) set_.regions.push_back(set_.region);
    for (const RegionFile& file : regions) {
      // A second file for a region would be silently ignored: patients of that region would
      // be given another region's emergency number.
      if (std::find(set_.regions.begin(), set_.regions.end(), file.name) != set_.regions.end()) {
        diagnostics_.push_back(
            {Severity::error, file.file->path, 1, 1,
             file.name == set_.regions.front()
                 ? fmt::format("region '{}' is the rule set's own region (ruleset: region), whose terms are those of the "
                               "rule files: this file would never be read; rename it or the rule set's region",
                               file.name)
                 : fmt::format("a second terms file for region '{}': only one may name a region", file.name),
             {}});
        continue;
      }
      set_.regions.push_back(file.name);
    }
    if (region.empty() || region == set_.region) return;
    for (const RegionFile& file : regions) {
      if (file.name != region) continue;
      set_.region = region;
      Located root{file.file, file.tree};
      if (root.node->kind == Kind::null) return;
      if (!expect_kind(root, Kind::mapping, "a mapping with 'terms'")) return;
      check_keys(root, {"terms"}, "a region's terms file");
      if (auto terms = child(root, "terms")) terms_.load(*terms, true);
      return;
    }
    unknown_region = true;
    diagnostics_.push_back({Severity::error, "", 0, 0,
                            set_.regions.empty()
                                ? fmt::format("unknown region '{}': this rule set has no regions", region)
                                : fmt::format("unknown region '{}'{}: this rule set has {}", region,
                                              did_you_mean(region, set_.regions), fmt::join(set_.regions, ", ")),
                            {}});
  }

  void load_outputs() {
    auto it = sections_.find("outputs");
    if (it == sections_.end()) {
      if (!sections_.empty())
        diagnostics_.push_back({Severity::error, "", 0, 0, "the rule set declares no 'outputs' section", {}});
      return;
    }
    Located at = it->second.front();
    if (!expect_kind(at, Kind::mapping, "a mapping of the four outputs")) return;
    std::vector<std::string> names(kOutputNames.begin(), kOutputNames.end());
    check_keys(at, names, "outputs");
    for (int i = 0; i < kOutputCount; ++i) {
      auto scale = child(at, kOutputNames[i]);
      if (!scale) {
        error(at, fmt::format("outputs lacks '{}'", kOutputNames[i]));
        continue;
      }
      load_scale(*scale, set_.scales[i], kOutputNames[i]);
    }
    outputs_ok_ = true;
  }

  void load_scale(Located at, Scale& scale, std::string_view name) {
    if (!expect_kind(at, Kind::mapping, "a mapping with 'values'")) return;
    check_keys(at, {"values", "advice", "labels"}, name);
    auto values = child(at, "values");
    if (!values) return error(at, fmt::format("{} lacks 'values'", name));
    if (!expect_kind(*values, Kind::sequence, "a list of values, lowest first")) return;
    for (const auto& item : values->node->items) {
      Located value{at.file, &item};
      std::string text = text_of(value);
      if (text.empty()) continue;
      if (scale.level_of(text) >= 0) error(value, fmt::format("value {} appears twice in {}", quoted_value(text), name));
      if (scale.values.size() == kMaxScaleValues)
        return error(value, fmt::format("{} has more than {} values", name, kMaxScaleValues));
      scale.values.push_back(text);
    }
    if (scale.values.empty()) error(*values, fmt::format("{} needs at least one value", name));
    load_value_texts(at, "advice", scale, scale.advice, name);
    load_value_texts(at, "labels", scale, scale.labels, name);
  }

  // A mapping of scale value to text (advice or labels), into `texts` by level.
  void load_value_texts(Located at, const std::string& key, const Scale& scale, std::vector<std::string>& texts,
                        std::string_view name) {
    texts.resize(scale.values.size());
    auto map = child(at, key);
    if (!map || !expect_kind(*map, Kind::mapping, "a mapping of value to text")) return;
    for (const auto& entry : map->node->entries) {
      int level = scale.level_of(entry.key.scalar);
      if (level < 0)
        error({at.file, &entry.key}, fmt::format("unknown value {} for {}{}", quoted_value(entry.key.scalar), name,
                                                suggestion(entry.key.scalar, [&] { return scale.values; })));
      else
        texts[level] = terms_.expand({at.file, &entry.value}, text_of({at.file, &entry.value}), false);
    }
  }

  // `safety_net`: one text for every report, or a list of {when, text} chosen by the outcome.
  void load_safety_net(Located at) {
    if (at.node->kind == Kind::scalar) {
      set_.safety_net.push_back({std::nullopt, terms_.expand(at, at.node->scalar, false)});
      return;
    }
    for_each_item(at, [&](Located entry) {
      check_keys(entry, {"when", "text"}, "a safety-net entry");
      SafetyNetEntry net;
      net.text = shown_text_key(entry, "text", true, "a safety-net entry");
      if (auto when = child(entry, "when")) net.when = condition(*when, static_cast<int>(set_.questions.size()), outputs_ok_);
      set_.safety_net.push_back(std::move(net));
    });
  }

  std::optional<Expr> condition(Located at, int visible_questions, bool outputs) {
    if (at.node->kind != Kind::scalar) {
      error(at, fmt::format("expected a condition, got {}", describe(*at.node)));
      return std::nullopt;
    }
    ExprScope scope{&set_.questions, visible_questions, outputs ? &set_.scales : nullptr, will_be_shown(diagnostics_)};
    auto parsed = parse_expr(at.node->scalar, scope);
    if (auto* expr = std::get_if<Expr>(&parsed)) return std::move(*expr);
    const ExprError& problem = std::get<ExprError>(parsed);
    auto [line, col] = position_in_scalar(*at.file, lines_, *at.node, problem.offset);
    error_at(*at.file, line, col, problem.message, problem.hint);
    return std::nullopt;
  }

  // The value's level on `output`'s scale, or kNoProposal after reporting an error.
  std::int8_t scale_value(Located at, int output) {
    std::string value = text_of(at);
    if (!outputs_ok_) return kNoProposal;
    const Scale& scale = set_.scales[output];
    int level = scale.level_of(value);
    if (level < 0) {
      std::string hint = will_be_shown(diagnostics_)
                             ? fmt::format("{} is one of: {}", kOutputNames[output], fmt::join(scale.values, ", "))
                             : "";
      error(at,
            fmt::format("unknown value {} for {}{}", quoted_value(value), kOutputNames[output],
                        suggestion(value, [&] { return scale.values; })),
            std::move(hint));
      return kNoProposal;
    }
    return static_cast<std::int8_t>(level);
  }

  void load_question(Located at) {
    if (set_.questions.size() == kMaxItems)
      return error(at, fmt::format("more than {} questions", grouped(kMaxItems)), "split the rule set");
    check_keys(at, kQuestionKeys, "a question");
    Question q;
    q.where = where(at);
    q.id = string_key(at, "id", true, "a question");
    if (!q.id.empty() && valid_id(*child(at, "id"), q.id, "question")) {
      if (question_ids_.count(q.id)) error(*child(at, "id"), fmt::format("duplicate question id '{}'", q.id));
    }
    std::string type = string_key(at, "type", true, "a question");
    if (type == "yes_no") q.type = AnswerType::yes_no;
    else if (type == "duration") q.type = AnswerType::duration;
    else if (type == "number") q.type = AnswerType::number;
    else if (!type.empty())
      error(*child(at, "type"), fmt::format("unknown question type {}{}", quoted_value(type),
                                            did_you_mean(type, {"yes_no", "duration", "number"})),
            "types are yes_no, duration, number");
    load_bounds(at, q);
    if (auto required = child(at, "required")) q.required = bool_of(*required).value_or(false);
    if (auto flag = child(at, "red_flag")) q.red_flag = red_flag_of(*flag);
    if (q.red_flag != RedFlag::none && q.type != AnswerType::yes_no)
      error(*child(at, "red_flag"), "only a yes/no question can be a red flag");
    q.prompt = shown_text_key(at, "prompt", true, "a question");
    q.help = shown_text_key(at, "help", false, "a question");
    q.label = shown_text_key(at, "label", false, "a question");
    if (auto asked_if = child(at, "asked_if")) pending_asked_if_.emplace_back(set_.questions.size(), *asked_if);
    question_ids_.emplace(q.id, static_cast<int>(set_.questions.size()));
    set_.questions.push_back(std::move(q));
  }

  void load_bounds(Located at, Question& q) {
    auto min = child(at, "min");
    auto max = child(at, "max");
    if (q.type != AnswerType::number) {
      if (min || max) error(min ? *min : *max, "min and max apply to number questions only");
      return;
    }
    if (!min || !max) return error(at, "a number question needs 'min' and 'max'");
    q.min = int_of(*min).value_or(0);
    q.max = int_of(*max).value_or(0);
    if (q.min > q.max) error(*max, fmt::format("max ({}) is below min ({})", q.max, q.min));
  }

  RedFlag red_flag_of(Located at) {
    if (at.node->kind == Kind::scalar) {
      if (at.node->scalar == "emergency") return RedFlag::emergency;
      auto parsed = parse_yes_no(at.node->scalar);
      if (parsed.ok() && parsed.value != kUnknown) return parsed.value ? RedFlag::flag : RedFlag::none;
    }
    error(at, fmt::format("expected no, yes or emergency, got {}", describe(*at.node)));
    return RedFlag::none;
  }

  void load_rule(Located at) {
    if (set_.rules.size() == kMaxItems)
      return error(at, fmt::format("more than {} rules", grouped(kMaxItems)), "split the rule set");
    check_keys(at, kRuleKeys, "a rule");
    Rule rule;
    rule.where = where(at);
    rule.id = string_key(at, "id", true, "a rule");
    if (!rule.id.empty() && valid_id(*child(at, "id"), rule.id, "rule") && rule_ids_.count(rule.id))
      error(*child(at, "id"), fmt::format("duplicate rule id '{}'", rule.id));
    rule.title = shown_text_key(at, "title", true, "a rule");
    rule.source = string_key(at, "source", true, "a rule");  // a citation: never localised
    rule.advice = shown_text_key(at, "advice", false, "a rule");
    rule.warning = shown_text_key(at, "warning", false, "a rule", true);
    bool proposes = false;
    for (int i = 0; i < kOutputCount; ++i) {
      if (auto value = child(at, kOutputNames[i])) {
        rule.proposes[i] = scale_value(*value, i);
        proposes = true;
      }
    }
    if (!proposes) error(at, "a rule must propose at least one output (duration_class, category, recommendation or urgency)");
    if (auto when = child(at, "when")) {
      if (auto expr = condition(*when, static_cast<int>(set_.questions.size()), false)) rule.when = std::move(*expr);
    } else {
      error(at, "a rule lacks 'when'");
    }
    rule_ids_.emplace(rule.id, static_cast<int>(set_.rules.size()));
    set_.rules.push_back(std::move(rule));
  }

  void load_invariant(Located at) {
    check_keys(at, kInvariantKeys, "an invariant");
    Invariant inv;
    inv.where = where(at);
    inv.id = string_key(at, "id", true, "an invariant");
    inv.title = shown_text_key(at, "title", false, "an invariant");
    int visible = static_cast<int>(set_.questions.size());
    if (auto when = child(at, "when")) {
      if (auto expr = condition(*when, visible, outputs_ok_)) inv.when = std::move(*expr);
    } else {
      inv.when = std::get<Expr>(parse_expr("true", {&set_.questions, 0, nullptr}));
    }
    if (auto then = child(at, "then")) {
      if (auto expr = condition(*then, visible, outputs_ok_)) inv.then = std::move(*expr);
    } else {
      error(at, "an invariant lacks 'then'");
    }
    if (!inv.id.empty() && valid_id(*child(at, "id"), inv.id, "invariant") &&
        !invariant_ids_.emplace(inv.id, static_cast<int>(set_.invariants.size())).second)
      error(*child(at, "id"), fmt::format("duplicate invariant id {}", quoted_value(inv.id)));
    set_.invariants.push_back(std::move(inv));
  }

  void load_test(Located at) {
    check_keys(at, kTestKeys, "a test");
    TestCase test;
    test.where = where(at);
    test.name = string_key(at, "name", true, "a test");
    if (auto unlisted = child(at, "unlisted")) {
      std::string value = text_of(*unlisted);
      if (value == "no") test.unlisted_no = true;
      else if (value != "unknown") error(*unlisted, fmt::format("expected no or unknown, got {}", quoted_value(value)));
    }
    if (auto answers = child(at, "answers"); answers && expect_kind(*answers, Kind::mapping, "a mapping of question id to answer")) {
      for (const auto& entry : answers->node->entries) {
        int q = question_named({at.file, &entry.key});
        if (q < 0) continue;
        if (entry.value.kind == Kind::null) test.answers.push_back({q, ""});
        else test.answers.push_back({q, text_of({at.file, &entry.value})});
      }
    }
    if (auto expect = child(at, "expect"); expect && expect_kind(*expect, Kind::mapping, "a mapping of expected outputs")) {
      load_expectations(*expect, test);
    } else if (!expect) {
      error(at, "a test lacks 'expect'");
    }
    set_.tests.push_back(std::move(test));
  }

  int question_named(Located at) {
    auto found = question_ids_.find(at.node->scalar);
    int q = found == question_ids_.end() ? -1 : found->second;
    if (q < 0)
      error(at, fmt::format("unknown question {}{}", quoted_value(at.node->scalar),
                            suggestion(at.node->scalar, [&] { return set_.question_ids(); })));
    return q;
  }

  void load_expectations(Located at, TestCase& test) {
    check_keys(at, kExpectKeys, "expect");
    if (auto status = child(at, "status")) {
      std::string value = text_of(*status);
      if (value == "ok" || value == "error") test.expect_ok = value == "ok";
      else error(*status, fmt::format("expected ok or error, got {}", quoted_value(value)));
    }
    for (int i = 0; i < kOutputCount; ++i)
      if (auto value = child(at, kOutputNames[i])) test.expect[i] = scale_value(*value, i);
    auto id_list = [&](const char* key, auto lookup) -> std::optional<std::vector<int>> {
      auto list = child(at, key);
      if (!list) return std::nullopt;
      std::vector<int> indices;
      if (list->node->kind == Kind::null) return indices;
      if (!expect_kind(*list, Kind::sequence, "a list")) return std::nullopt;
      for (const auto& item : list->node->items) indices.push_back(lookup(Located{at.file, &item}));
      return indices;
    };
    test.expect_red_flags = id_list("red_flags", [&](Located item) { return question_named(item); });
    test.expect_unanswered = id_list("unanswered", [&](Located item) { return question_named(item); });
    test.expect_rules = id_list("rules", [&](Located item) {
      auto found = rule_ids_.find(item.node->scalar);
      int r = found == rule_ids_.end() ? -1 : found->second;
      if (r < 0) {
        auto rule_ids = [&] {
          std::vector<std::string> ids;
          for (const auto& rule : set_.rules) ids.push_back(rule.id);
          return ids;
        };
        error(item, fmt::format("unknown rule {}{}", quoted_value(item.node->scalar),
                                suggestion(item.node->scalar, rule_ids)));
      }
      return r;
    });
  }

  std::vector<Diagnostic>& diagnostics_;
  LineIndex lines_;  // of the rule files, for positions inside their scalars
  Terms terms_{diagnostics_, lines_};
  std::map<std::string, std::vector<Located>> sections_;
  std::map<std::string, int> section_lines_;  // the line of each section's first key
  std::vector<std::pair<size_t, Located>> pending_asked_if_;  // question index, condition
  // Ids to index, the first of each: duplicates are found in constant time at any size.
  std::unordered_map<std::string, int> question_ids_, rule_ids_, invariant_ids_;
  bool outputs_ok_ = false;
  RuleSet set_;
};

// Whether `text` is a block-style YAML file whose only top-level key is `tests` (comments,
// blank lines and indented or list lines aside). Anything unusual reads as "no", so that the
// file is parsed.
bool holds_only_tests(std::string_view text) {
  bool found = false;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    std::string_view line = text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    at = end == std::string_view::npos ? text.size() : end + 1;
    if (line.empty() || line[0] == ' ' || line[0] == '#' || line[0] == '\r') continue;
    if (line[0] == '-' && line.size() > 1 && line[1] == ' ') continue;  // an item of the tests list
    if (line.rfind("tests:", 0) != 0) return false;
    found = true;
  }
  return found;
}

}  // namespace

namespace {

// Loads parsed rule files in one region: region files are not rule files, only the chosen
// one is read, over the rule files' terms. `result` holds the diagnostics so far.
void load_region(const std::vector<RuleSource>& rule_files, const std::vector<YamlNode>& trees,
                 const std::vector<RuleSource>& region_sources, const std::string& region, LoadResult& result) {
  std::vector<YamlNode> region_trees;
  std::vector<RegionFile> regions;
  region_trees.reserve(region_sources.size());
  for (const auto& source : region_sources) {
    std::string name = region_of_file(source.path);
    region_trees.push_back(name == region ? parse_yaml(source, result.diagnostics) : YamlNode{});
  }
  for (size_t i = 0; i < region_sources.size(); ++i)
    regions.push_back({region_of_file(region_sources[i].path), &region_sources[i], &region_trees[i]});
  Loader loader(result.diagnostics);
  RuleSet set = loader.load(rule_files, trees, regions, region, result.unknown_region);
  std::vector<RuleSource> sources = rule_files;
  if (sources.empty()) result.diagnostics.push_back({Severity::error, "", 0, 0, "no rule files", {}});
  for (const auto& source : region_sources)
    if (region_of_file(source.path) == set.region) sources.push_back(source);
  // Report in reading order: by file, then position. Each file's rank is looked up once per
  // diagnostic, not once per comparison.
  std::unordered_map<std::string_view, size_t> rank;
  for (size_t i = 0; i < sources.size(); ++i) rank.emplace(sources[i].path, i);
  std::vector<std::tuple<size_t, int, int, size_t>> order;  // file rank, line, column, index
  order.reserve(result.diagnostics.size());
  for (size_t i = 0; i < result.diagnostics.size(); ++i) {
    const Diagnostic& d = result.diagnostics[i];
    auto it = rank.find(d.file);
    order.emplace_back(it == rank.end() ? sources.size() : it->second, d.line, d.col, i);
  }
  std::sort(order.begin(), order.end());  // the index last keeps equal positions in their order
  std::vector<Diagnostic> sorted;
  sorted.reserve(order.size());
  for (const auto& key : order) sorted.push_back(std::move(result.diagnostics[std::get<3>(key)]));
  result.diagnostics = std::move(sorted);
  set.hash = rule_set_hash(sources);
  set.sources = sources;
  if (count_severity(result.diagnostics, Severity::error) == 0) result.rules = std::move(set);
  result.sources = std::move(sources);
}

}  // namespace

LoadResult load_rules(std::vector<RuleSource> sources, const std::string& region, LoadScope scope,
                      std::vector<LoadResult>* other_regions) {
  LoadResult result;
  std::vector<RuleSource> rule_files, region_sources;
  for (auto& source : sources)
    (region_of_file(source.path).empty() ? rule_files : region_sources).push_back(std::move(source));
  std::vector<YamlNode> trees;
  trees.reserve(rule_files.size());
  for (const auto& source : rule_files)
    trees.push_back(scope == LoadScope::triage && holds_only_tests(source.text) ? YamlNode{}
                                                                                : parse_yaml(source, result.diagnostics));
  load_region(rule_files, trees, region_sources, region, result);
  if (other_regions && result.rules) {
    // The rule files are parsed once; each other region only overlays its terms.
    for (const std::string& other : result.rules->regions) {
      if (other == result.rules->region) continue;
      LoadResult& again = other_regions->emplace_back();
      load_region(rule_files, trees, region_sources, other == result.rules->regions.front() ? "" : other, again);
    }
  }
  return result;
}

std::string format_diagnostics(const LoadResult& result, size_t max_shown) {
  std::unordered_map<std::string_view, const RuleSource*> source_of;
  for (const auto& source : result.sources) source_of.emplace(source.path, &source);
  std::unordered_map<std::string_view, SourceLines> lines;  // of the files quoted so far
  std::string out;
  const size_t shown = std::min(max_shown, result.diagnostics.size());
  for (size_t i = 0; i < shown; ++i) {
    const Diagnostic& d = result.diagnostics[i];
    auto source = source_of.find(d.file);
    if (source == source_of.end()) {
      out += format_diagnostic(d);
      continue;
    }
    auto quoted = lines.try_emplace(source->first, source->second->text).first;
    out += format_diagnostic(d, quoted->second);
  }
  if (shown == result.diagnostics.size()) return out;
  size_t rest[3] = {0, 0, 0};  // by Severity
  for (size_t i = shown; i < result.diagnostics.size(); ++i) ++rest[static_cast<int>(result.diagnostics[i].severity)];
  std::vector<std::string> counts;
  const std::pair<Severity, const char*> words[] = {
      {Severity::error, "error"}, {Severity::warning, "warning"}, {Severity::note, "note"}};
  for (auto [severity, word] : words)
    if (size_t n = rest[static_cast<int>(severity)]) counts.push_back(plural(n, word));
  return out + fmt::format("... and {} more not shown ({}): the first {} are above\n",
                           grouped(result.diagnostics.size() - shown), fmt::join(counts, ", "), shown);
}

}  // namespace backtriage
