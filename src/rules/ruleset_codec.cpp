#include "rules/ruleset_codec.h"

#include <cstdint>
#include <algorithm>
#include <cstring>
#include <limits>

#include "base/digest.h"

namespace backtriage {
namespace {

// The bytes begin with kMagic, then kFormat, then the SHA-256 of everything after it. Change
// kFormat whenever the layout below changes: the unit test pinning the encoding of a small
// rule set fails until it is.
constexpr std::string_view kMagic = "backtriage-rules";
constexpr std::uint32_t kFormat = 1;
constexpr size_t kChecksumLength = 64;

// Deeper than any condition the parser makes (50 levels of brackets), shallow enough that the
// recursive evaluation of a decoded condition cannot exhaust the stack.
constexpr int kMaxConditionDepth = 1000;

class Encoder {
 public:
  void byte(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void number(std::int64_t v) {
    auto u = static_cast<std::uint32_t>(static_cast<std::int32_t>(v));
    for (int shift = 0; shift < 32; shift += 8) byte(static_cast<std::uint8_t>(u >> shift));
  }
  void text(std::string_view s) {
    number(static_cast<std::int64_t>(s.size()));
    out_.append(s);
  }
  void texts(const std::vector<std::string>& list) {
    number(static_cast<std::int64_t>(list.size()));
    for (const auto& s : list) text(s);
  }
  void where(const SourceLocation& at) {
    text(at.file);
    number(at.line);
    number(at.col);
  }
  void condition(const Expr& expr) {
    number(static_cast<std::int64_t>(expr.nodes.size()));
    for (const ExprNode& n : expr.nodes) {
      byte(static_cast<std::uint8_t>(n.kind));
      byte(static_cast<std::uint8_t>(n.op));
      number(n.value);
      number(n.first);
      number(n.count);
    }
    number(static_cast<std::int64_t>(expr.args.size()));
    for (std::uint16_t a : expr.args) number(a);
    text(expr.text);
  }
  void optional_condition(const std::optional<Expr>& expr) {
    byte(expr.has_value());
    if (expr) condition(*expr);
  }
  template <typename T, typename Each>
  void list(const std::vector<T>& items, Each each) {
    number(static_cast<std::int64_t>(items.size()));
    for (const T& item : items) each(item);
  }

  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

// Reads what Encoder wrote. A read past the end or a count larger than the bytes left marks
// the input damaged and yields zeros from then on, so the caller checks ok() once at the end.
class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}

  bool ok() const { return ok_ && at_ == in_.size(); }
  void fail() { ok_ = false; }

  std::uint8_t byte() {
    if (!ok_ || at_ >= in_.size()) return fail(), 0;
    return static_cast<std::uint8_t>(in_[at_++]);
  }
  std::int32_t number() {
    std::uint32_t u = 0;
    for (int shift = 0; shift < 32; shift += 8) u |= static_cast<std::uint32_t>(byte()) << shift;
    return static_cast<std::int32_t>(u);
  }
  // A count of items that take at least `item_size` bytes each.
  size_t count(size_t item_size = 1) {
    std::int32_t n = number();
    if (n < 0 || static_cast<size_t>(n) > (in_.size() - at_) / item_size) return fail(), 0;
    return static_cast<size_t>(n);
  }
  std::string text() {
    size_t n = count();
    if (!ok_) return {};
    std::string s(in_.substr(at_, n));
    at_ += n;
    return s;
  }
  std::vector<std::string> texts() {
    std::vector<std::string> list(count(4));
    for (auto& s : list) s = text();
    return list;
  }
  SourceLocation where() {
    SourceLocation at;
    at.file = text();
    at.line = number();
    at.col = number();
    return at;
  }
  Expr condition() {
    Expr expr;
    expr.nodes.resize(count(14));
    for (ExprNode& n : expr.nodes) {
      n.kind = static_cast<ExprNode::Kind>(byte());
      n.op = static_cast<CompareOp>(byte());
      n.value = number();
      n.first = static_cast<std::uint16_t>(number());
      n.count = static_cast<std::uint16_t>(number());
    }
    expr.args.resize(count(4));
    for (std::uint16_t& a : expr.args) a = static_cast<std::uint16_t>(number());
    expr.text = text();
    return expr;
  }
  std::optional<Expr> optional_condition() {
    if (!byte()) return std::nullopt;
    return condition();
  }
  template <typename T, typename Each>
  std::vector<T> list(size_t item_size, Each each) {
    std::vector<T> items(count(item_size));
    for (T& item : items) each(item);
    return items;
  }

 private:
  std::string_view in_;
  size_t at_ = 0;
  bool ok_ = true;
};

// Whether `expr` is a condition evaluation can read safely: node kinds and operators known,
// every question and output in range, every child before its parent (so the tree has no
// cycle), arities right and depth bounded. `reads_outputs`: invariants and the safety net
// may read outputs; rules and asked-if conditions may not.
bool valid_condition(const Expr& expr, size_t questions, bool reads_outputs) {
  if (expr.nodes.empty() || expr.nodes.size() > std::numeric_limits<std::uint16_t>::max()) return false;
  std::vector<int> depth(expr.nodes.size(), 1);
  for (size_t i = 0; i < expr.nodes.size(); ++i) {
    const ExprNode& n = expr.nodes[i];
    if (n.op > CompareOp::ne || static_cast<size_t>(n.first) + n.count > expr.args.size()) return false;
    auto question = [&](std::int64_t q) { return q >= 0 && static_cast<size_t>(q) < questions; };
    auto children = [&](int arity) {
      if (arity >= 0 && n.count != arity) return false;
      for (int c = 0; c < n.count; ++c) {
        size_t child = expr.args[n.first + c];
        if (child >= i) return false;
        depth[i] = std::max(depth[i], depth[child] + 1);
      }
      return depth[i] <= kMaxConditionDepth;
    };
    using K = ExprNode::Kind;
    switch (n.kind) {
      case K::constant:
      case K::number:
        break;
      case K::is_yes:
      case K::is_no:
      case K::is_unknown:
      case K::is_known:
      case K::answer:
        if (!question(n.value)) return false;
        break;
      case K::any_yes:
      case K::any_unknown:
        for (int c = 0; c < n.count; ++c)
          if (!question(expr.args[n.first + c])) return false;
        break;
      case K::all:
      case K::any:
      case K::count:
        if (!children(-1)) return false;
        break;
      case K::negate:
        if (!children(1)) return false;
        break;
      case K::compare:
        if (!children(2)) return false;
        break;
      case K::output:
        if (!reads_outputs || n.value < 0 || n.value >= kOutputCount) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

bool valid_rule_set(const RuleSet& set) {
  size_t questions = set.questions.size();
  if (questions > std::numeric_limits<std::uint16_t>::max() ||
      set.rules.size() > std::numeric_limits<std::uint16_t>::max())
    return false;
  for (const Scale& scale : set.scales) {
    // Levels are int8 in rules and decisions; advice and labels are read by level.
    if (scale.values.empty() || scale.values.size() > 127 || scale.advice.size() != scale.values.size() ||
        scale.labels.size() > scale.values.size())
      return false;
  }
  for (const Question& q : set.questions) {
    if (q.type > AnswerType::number || q.red_flag > RedFlag::emergency || q.min > q.max) return false;
    if (q.asked_if && !valid_condition(*q.asked_if, questions, false)) return false;
  }
  for (const Rule& rule : set.rules) {
    if (!valid_condition(rule.when, questions, false)) return false;
    for (int o = 0; o < kOutputCount; ++o)
      if (rule.proposes[o] < kNoProposal || rule.proposes[o] >= static_cast<int>(set.scales[o].values.size()))
        return false;
  }
  for (const Invariant& invariant : set.invariants)
    if (!valid_condition(invariant.when, questions, true) || !valid_condition(invariant.then, questions, true))
      return false;
  for (const SafetyNetEntry& entry : set.safety_net)
    if (entry.when && !valid_condition(*entry.when, questions, true)) return false;
  return true;
}

}  // namespace

std::string encode_rule_set(const RuleSet& set) {
  Encoder e;
  e.text(set.name);
  e.text(set.version);
  e.text(set.region);
  e.texts(set.regions);
  e.text(set.hash);
  e.byte(set.checked);
  for (const Scale& scale : set.scales) {
    e.texts(scale.values);
    e.texts(scale.advice);
    e.texts(scale.labels);
  }
  e.list(set.safety_net, [&](const SafetyNetEntry& entry) {
    e.optional_condition(entry.when);
    e.text(entry.text);
  });
  e.list(set.questions, [&](const Question& q) {
    e.text(q.id);
    e.byte(static_cast<std::uint8_t>(q.type));
    e.number(q.min);
    e.number(q.max);
    e.byte(q.required);
    e.optional_condition(q.asked_if);
    e.byte(static_cast<std::uint8_t>(q.red_flag));
    e.text(q.prompt);
    e.text(q.help);
    e.text(q.label);
    e.where(q.where);
  });
  e.list(set.rules, [&](const Rule& rule) {
    e.text(rule.id);
    e.text(rule.title);
    e.condition(rule.when);
    for (std::int8_t level : rule.proposes) e.byte(static_cast<std::uint8_t>(level));
    e.text(rule.advice);
    e.text(rule.warning);
    e.text(rule.source);
    e.where(rule.where);
  });
  e.list(set.invariants, [&](const Invariant& invariant) {
    e.text(invariant.id);
    e.text(invariant.title);
    e.condition(invariant.when);
    e.condition(invariant.then);
    e.where(invariant.where);
  });
  std::string out(kMagic);
  Encoder header;
  header.number(kFormat);
  out += header.bytes();
  out += sha256_hex(e.bytes());
  out += e.bytes();
  return out;
}

std::optional<RuleSet> decode_rule_set(std::string_view bytes) {
  size_t header = kMagic.size() + 4 + kChecksumLength;
  if (bytes.size() < header || bytes.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  Decoder format(bytes.substr(kMagic.size(), 4));
  if (static_cast<std::uint32_t>(format.number()) != kFormat) return std::nullopt;
  std::string_view payload = bytes.substr(header);
  if (sha256_hex(payload) != bytes.substr(kMagic.size() + 4, kChecksumLength)) return std::nullopt;

  Decoder d(payload);
  RuleSet set;
  set.name = d.text();
  set.version = d.text();
  set.region = d.text();
  set.regions = d.texts();
  set.hash = d.text();
  set.checked = d.byte() != 0;
  for (Scale& scale : set.scales) {
    scale.values = d.texts();
    scale.advice = d.texts();
    scale.labels = d.texts();
  }
  set.safety_net = d.list<SafetyNetEntry>(5, [&](SafetyNetEntry& entry) {
    entry.when = d.optional_condition();
    entry.text = d.text();
  });
  set.questions = d.list<Question>(20, [&](Question& q) {
    q.id = d.text();
    q.type = static_cast<AnswerType>(d.byte());
    q.min = d.number();
    q.max = d.number();
    q.required = d.byte() != 0;
    q.asked_if = d.optional_condition();
    q.red_flag = static_cast<RedFlag>(d.byte());
    q.prompt = d.text();
    q.help = d.text();
    q.label = d.text();
    q.where = d.where();
  });
  set.rules = d.list<Rule>(20, [&](Rule& rule) {
    rule.id = d.text();
    rule.title = d.text();
    rule.when = d.condition();
    for (std::int8_t& level : rule.proposes) level = static_cast<std::int8_t>(d.byte());
    rule.advice = d.text();
    rule.warning = d.text();
    rule.source = d.text();
    rule.where = d.where();
  });
  set.invariants = d.list<Invariant>(20, [&](Invariant& invariant) {
    invariant.id = d.text();
    invariant.title = d.text();
    invariant.when = d.condition();
    invariant.then = d.condition();
    invariant.where = d.where();
  });
  if (!d.ok() || !valid_rule_set(set)) return std::nullopt;
  return set;
}

}  // namespace backtriage
