#include "rules/expr_parser.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "base/spell.h"
#include "base/text.h"

namespace backtriage {
namespace {

struct Token {
  enum class Kind { name, number, op, lparen, rparen, comma, end } kind = Kind::end;
  std::string_view text;
  int offset = 0;
};

// An error that unwinds the recursive descent; caught once in parse_expr.
struct ParseFailure {
  ExprError error;
};

[[noreturn]] void fail(int offset, std::string message, std::string hint = {}) {
  throw ParseFailure{ExprError{offset, std::move(message), std::move(hint)}};
}

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    int at = static_cast<int>(i);
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (is_name_start(c)) {
      size_t end = i + 1;
      while (end < text.size() && is_name_char(text[end])) ++end;
      tokens.push_back({Token::Kind::name, text.substr(i, end - i), at});
      i = end;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t end = i + 1;
      while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.'))
        ++end;
      tokens.push_back({Token::Kind::number, text.substr(i, end - i), at});
      i = end;
    } else if (c == '(' || c == ')' || c == ',') {
      auto kind = c == '(' ? Token::Kind::lparen : c == ')' ? Token::Kind::rparen : Token::Kind::comma;
      tokens.push_back({kind, text.substr(i, 1), at});
      ++i;
    } else if (c == '<' || c == '>' || c == '=' || c == '!') {
      size_t len = (i + 1 < text.size() && text[i + 1] == '=') ? 2 : 1;
      std::string_view op = text.substr(i, len);
      if (op == "=" || op == "!")
        fail(at, fmt::format("unexpected '{}'", op), "comparisons are < <= > >= == !=; negation is 'not'");
      tokens.push_back({Token::Kind::op, op, at});
      i += len;
    } else if (c == '&' || c == '|') {
      fail(at, fmt::format("unexpected '{}'", c), "write 'and' / 'or'");
    } else {
      fail(at, fmt::format("unexpected character '{}'", c));
    }
  }
  tokens.push_back({Token::Kind::end, {}, static_cast<int>(text.size())});
  return tokens;
}

// The type of a parsed sub-expression.
enum class Type { condition, number, output, bare_name };

struct Parsed {
  Type type = Type::condition;
  int node = -1;          // index in Expr::nodes; -1 for a bare name not yet resolved
  int offset = 0;
  std::string_view name = {};  // for bare names and for messages
  int output = -1;        // for Type::output
  bool literal = false;   // a numeric constant
};

const std::vector<std::string> kFunctions = {"yes", "no", "unknown", "known", "count", "any_yes", "any_unknown"};
const std::vector<std::string> kGroups = {"red_flags", "emergency_flags"};

class Parser {
 public:
  Parser(std::string_view text, const ExprScope& scope) : tokens_(tokenize(text)), scope_(scope) {}

  Expr run() {
    Parsed root = parse_or();
    if (peek().kind != Token::Kind::end)
      fail(peek().offset, fmt::format("expected 'and', 'or' or the end of the condition, got '{}'", peek().text));
    require_condition(root);
    return std::move(expr_);
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }
  const Token& take() { return tokens_[pos_++]; }
  bool at_keyword(std::string_view word) const {
    return peek().kind == Token::Kind::name && peek().text == word;
  }

  int add_node(ExprNode node, const std::vector<int>& children = {}, int offset = 0) {
    store_args(node, children, offset);
    expr_.nodes.push_back(node);
    return static_cast<int>(expr_.nodes.size()) - 1;
  }

  // Nodes keep their children (or questions) as 16-bit offsets and counts into one array:
  // a condition beyond that is an error here, never a count that wraps and drops terms.
  void store_args(ExprNode& node, const std::vector<int>& children, int offset) {
    if (expr_.nodes.size() >= kMaxStored || expr_.args.size() + children.size() > kMaxStored)
      fail(offset, fmt::format("condition too large: more than {} terms and arguments in one condition",
                               grouped(kMaxStored)),
           "split it into several rules");
    node.first = static_cast<std::uint16_t>(expr_.args.size());
    node.count = static_cast<std::uint16_t>(children.size());
    for (int child : children) expr_.args.push_back(static_cast<std::uint16_t>(child));
  }

  Parsed parse_or() {
    // Bounded nesting keeps the recursion (and the uint16 node indices) safe on hostile input.
    if (++depth_ > kMaxDepth) fail(peek().offset, fmt::format("condition nested more than {} levels deep", kMaxDepth));
    Parsed result = parse_chain("or", ExprNode::Kind::any, [this] { return parse_and(); });
    --depth_;
    return result;
  }
  Parsed parse_and() { return parse_chain("and", ExprNode::Kind::all, [this] { return parse_unary(); }); }

  template <typename Next>
  Parsed parse_chain(std::string_view keyword, ExprNode::Kind kind, Next next) {
    Parsed first = next();
    if (!at_keyword(keyword)) return first;
    std::vector<int> children{require_condition(first)};
    while (at_keyword(keyword)) {
      take();
      children.push_back(require_condition(next()));
    }
    ExprNode node;
    node.kind = kind;
    return {Type::condition, add_node(node, children), first.offset};
  }

  Parsed parse_unary() {
    if (at_keyword("not")) {
      int offset = take().offset;
      if (++depth_ > kMaxDepth) fail(offset, fmt::format("condition nested more than {} levels deep", kMaxDepth));
      int child = require_condition(parse_unary());
      --depth_;
      ExprNode node;
      node.kind = ExprNode::Kind::negate;
      return {Type::condition, add_node(node, {child}), offset};
    }
    return parse_compare();
  }

  Parsed parse_compare() {
    Parsed lhs = parse_operand();
    if (peek().kind != Token::Kind::op) return lhs;
    const Token& op_token = take();
    Parsed rhs = parse_operand();
    if (peek().kind == Token::Kind::op)
      fail(peek().offset, "comparisons cannot be chained", "join them with 'and'");
    ExprNode node;
    node.kind = ExprNode::Kind::compare;
    node.op = to_op(op_token.text);
    if (lhs.type == Type::output || rhs.type == Type::output) {
      auto [output_side, value_side] = lhs.type == Type::output ? std::pair{lhs, rhs} : std::pair{rhs, lhs};
      int level = resolve_scale_value(output_side, value_side);
      ExprNode constant;
      constant.kind = ExprNode::Kind::number;
      constant.value = level;
      int value_node = add_node(constant);
      int left = lhs.type == Type::output ? output_side.node : value_node;
      int right = lhs.type == Type::output ? value_node : output_side.node;
      return {Type::condition, add_node(node, {left, right}), lhs.offset};
    }
    int left = require_number(lhs);
    int right = require_number(rhs);
    if (lhs.literal == rhs.literal)
      fail(lhs.offset, lhs.literal ? "a comparison of two constants is always the same"
                                   : "compare a number with a constant, not with another number");
    return {Type::condition, add_node(node, {left, right}), lhs.offset};
  }

  static CompareOp to_op(std::string_view op) {
    if (op == "<") return CompareOp::lt;
    if (op == "<=") return CompareOp::le;
    if (op == ">") return CompareOp::gt;
    if (op == ">=") return CompareOp::ge;
    if (op == "==") return CompareOp::eq;
    return CompareOp::ne;
  }

  int resolve_scale_value(const Parsed& output, const Parsed& value) {
    const Scale& scale = (*scope_.scales)[output.output];
    if (value.type != Type::bare_name)
      fail(value.offset, fmt::format("expected a value of {} ({}), got {}", kOutputNames[output.output],
                                     fmt::join(scale.values, ", "), describe(value)));
    int level = scale.level_of(value.name);
    if (level < 0)
      fail(value.offset,
           fmt::format("unknown value '{}' for {}{}", value.name, kOutputNames[output.output],
                       scope_.suggest ? did_you_mean(value.name, scale.values) : ""),
           scope_.suggest ? fmt::format("{} is one of: {}", kOutputNames[output.output], fmt::join(scale.values, ", ")) : "");
    return level;
  }

  Parsed parse_operand() {
    const Token& token = take();
    switch (token.kind) {
      case Token::Kind::number: return parse_number(token);
      case Token::Kind::lparen: {
        Parsed inner = parse_or();
        expect(Token::Kind::rparen, "')'");
        // A bare name keeps its own offset: it is looked up by it (to name it in errors).
        if (inner.type != Type::bare_name) inner.offset = token.offset;
        return inner;
      }
      case Token::Kind::name:
        if (token.text == "true" || token.text == "false") {
          ExprNode node;
          node.value = token.text == "true";
          return {Type::condition, add_node(node), token.offset};
        }
        if (token.text == "and" || token.text == "or" || token.text == "not")
          fail(token.offset, fmt::format("expected a condition, got '{}'", token.text));
        if (peek().kind == Token::Kind::lparen) return parse_call(token);
        return parse_name(token);
      case Token::Kind::end: fail(token.offset, "the condition ends too early");
      default: fail(token.offset, fmt::format("expected a condition, got '{}'", token.text));
    }
  }

  void expect(Token::Kind kind, std::string_view what) {
    if (peek().kind != kind)
      fail(peek().offset, fmt::format("expected {}, got {}", what,
                                      peek().kind == Token::Kind::end ? std::string("the end")
                                                                      : fmt::format("'{}'", peek().text)));
    take();
  }

  Parsed parse_number(const Token& token) {
    double amount = 0;
    auto [end, ec] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), amount);
    if (ec != std::errc() || end != token.text.data() + token.text.size())
      fail(token.offset, fmt::format("malformed number '{}'", token.text));
    int unit = 1;
    bool decimal = token.text.find('.') != std::string_view::npos;
    if (peek().kind == Token::Kind::name) {
      if (auto days = days_per_unit(peek().text)) {
        unit = *days;
        take();
      }
    }
    if (decimal && unit == 1) fail(token.offset, fmt::format("a decimal needs a unit (e.g. 2.5 weeks), got '{}'", token.text));
    double value = std::floor(amount * unit);
    if (value > 1e9) fail(token.offset, fmt::format("number too large: '{}'", token.text));
    ExprNode node;
    node.kind = ExprNode::Kind::number;
    node.value = static_cast<std::int32_t>(value);
    Parsed parsed{Type::number, add_node(node), token.offset};
    parsed.literal = true;
    return parsed;
  }

  int find_question(std::string_view name) const {
    for (int i = 0; i < scope_.visible_questions; ++i)
      if ((*scope_.questions)[i].id == name) return i;
    return -1;
  }

  int find_output(std::string_view name) const {
    if (!scope_.scales) return -1;
    for (int i = 0; i < kOutputCount; ++i)
      if (name == kOutputNames[i]) return i;
    return -1;
  }

  Parsed parse_name(const Token& token) {
    int question = find_question(token.text);
    if (question >= 0) {
      ExprNode node;
      node.value = question;
      Parsed parsed{Type::condition, -1, token.offset, token.text};
      if ((*scope_.questions)[question].type == AnswerType::yes_no) {
        node.kind = ExprNode::Kind::is_yes;
      } else {
        node.kind = ExprNode::Kind::answer;
        parsed.type = Type::number;
      }
      parsed.node = add_node(node);
      return parsed;
    }
    int output = find_output(token.text);
    if (output >= 0) {
      ExprNode node;
      node.kind = ExprNode::Kind::output;
      node.value = output;
      Parsed parsed{Type::output, add_node(node), token.offset, token.text};
      parsed.output = output;
      return parsed;
    }
    return {Type::bare_name, -1, token.offset, token.text};
  }

  // The question named by a function argument, which must be a bare question id.
  int question_argument(std::string_view function) {
    const Token& token = take();
    if (token.kind != Token::Kind::name)
      fail(token.offset, fmt::format("{}() takes a question id, got '{}'", function, token.text));
    int question = find_question(token.text);
    if (question < 0) unknown_question(token);
    return question;
  }

  Parsed parse_call(const Token& name) {
    take();  // '('
    std::string_view function = name.text;
    ExprNode node;
    std::vector<int> children;
    Type type = Type::condition;
    if (function == "yes" || function == "no" || function == "unknown" || function == "known") {
      int at = peek().offset;
      int question = question_argument(function);
      bool needs_yes_no = function == "yes" || function == "no";
      if (needs_yes_no && (*scope_.questions)[question].type != AnswerType::yes_no)
        fail(at, fmt::format("{}() needs a yes/no question, got '{}'", function, (*scope_.questions)[question].id));
      node.kind = function == "yes"   ? ExprNode::Kind::is_yes
                  : function == "no"  ? ExprNode::Kind::is_no
                  : function == "unknown" ? ExprNode::Kind::is_unknown
                                          : ExprNode::Kind::is_known;
      node.value = question;
    } else if (function == "any_yes" || function == "any_unknown") {
      node.kind = function == "any_yes" ? ExprNode::Kind::any_yes : ExprNode::Kind::any_unknown;
      do {
        append_question_group(function, children);
      } while (peek().kind == Token::Kind::comma && (take(), true));
    } else if (function == "count") {
      node.kind = ExprNode::Kind::count;
      type = Type::number;
      do {
        children.push_back(require_condition(parse_or()));
      } while (peek().kind == Token::Kind::comma && (take(), true));
    } else {
      fail(name.offset, fmt::format("unknown function '{}'{}", function, did_you_mean(function, kFunctions)),
           "functions are yes, no, unknown, known, count, any_yes, any_unknown");
    }
    expect(Token::Kind::rparen, "')'");
    if (node.kind == ExprNode::Kind::any_yes || node.kind == ExprNode::Kind::any_unknown) {
      // Question lists are stored directly as args: they are question indices, not nodes.
      store_args(node, children, name.offset);
      expr_.nodes.push_back(node);
      return {type, static_cast<int>(expr_.nodes.size()) - 1, name.offset};
    }
    // Only a count is named in messages ("the number 'count'"); a condition call is no question.
    return {type, add_node(node, children, name.offset), name.offset, type == Type::number ? name.text : std::string_view()};
  }

  void append_question_group(std::string_view function, std::vector<int>& questions) {
    const Token& token = peek();
    if (token.kind == Token::Kind::name && (token.text == "red_flags" || token.text == "emergency_flags")) {
      take();
      bool emergency_only = token.text == "emergency_flags";
      for (int i = 0; i < scope_.visible_questions; ++i) {
        RedFlag flag = (*scope_.questions)[i].red_flag;
        if (flag == RedFlag::emergency || (flag == RedFlag::flag && !emergency_only)) questions.push_back(i);
      }
      return;
    }
    int question = question_argument(function);
    if (function == "any_yes" && (*scope_.questions)[question].type != AnswerType::yes_no)
      fail(token.offset, fmt::format("any_yes() needs yes/no questions, got '{}'", token.text));
    questions.push_back(question);
  }

  [[noreturn]] void unknown_question(const Token& token) {
    const std::vector<Question>& questions = *scope_.questions;
    int anywhere = -1;
    for (size_t i = 0; i < questions.size(); ++i)
      if (questions[i].id == token.text) anywhere = static_cast<int>(i);
    if (anywhere >= 0 && anywhere == scope_.visible_questions)
      fail(token.offset, fmt::format("question '{}' names itself; an asked-if condition may only use earlier questions", token.text));
    if (anywhere >= 0)
      fail(token.offset, fmt::format("question '{}' is asked later; an asked-if condition may only use earlier questions", token.text));
    if (find_output(token.text) >= 0 || token.text == "duration_class" || token.text == "category" ||
        token.text == "recommendation" || token.text == "urgency") {
      if (!scope_.scales)
        fail(token.offset, fmt::format("'{}' is an output; only invariants may use outputs", token.text));
    }
    std::string suggestion;
    if (scope_.suggest) {
      std::vector<std::string> visible;
      for (int i = 0; i < scope_.visible_questions; ++i) visible.push_back(questions[i].id);
      suggestion = did_you_mean(token.text, visible);
    }
    fail(token.offset, fmt::format("unknown question '{}'{}", token.text, suggestion));
  }

  std::string describe(const Parsed& p) const {
    switch (p.type) {
      case Type::condition: return "a condition";
      case Type::number: return p.literal ? "a number" : fmt::format("the number '{}'", p.name);
      case Type::output: return fmt::format("the output '{}'", p.name);
      case Type::bare_name: return fmt::format("'{}'", p.name);
    }
    return "?";
  }

  int require_condition(const Parsed& p) {
    if (p.type == Type::bare_name) unknown_question(tokens_[index_of(p.offset)]);
    if (p.type != Type::condition)
      fail(p.offset, fmt::format("expected a condition, got {}", describe(p)),
           p.type == Type::number ? "compare it with a constant, e.g. age >= 50" : "");
    return p.node;
  }

  int require_number(const Parsed& p) {
    if (p.type == Type::bare_name) unknown_question(tokens_[index_of(p.offset)]);
    if (p.type != Type::number) {
      std::string got = p.type == Type::condition && !p.name.empty()
                            ? fmt::format("the yes/no question '{}'", p.name)
                            : describe(p);
      fail(p.offset, fmt::format("expected a number, got {}", got));
    }
    return p.node;
  }

  size_t index_of(int offset) const {
    for (size_t i = 0; i < tokens_.size(); ++i)
      if (tokens_[i].offset == offset) return i;
    return tokens_.size() - 1;
  }

  static constexpr int kMaxDepth = 50;
  static constexpr size_t kMaxStored = 65535;  // ExprNode::first and ::count are 16 bits
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  const ExprScope& scope_;
  Expr expr_;
};

}  // namespace

std::variant<Expr, ExprError> parse_expr(std::string_view text, const ExprScope& scope) {
  constexpr size_t kMaxLength = 4000;
  if (text.size() > kMaxLength)
    return ExprError{0, fmt::format("condition longer than {} characters", kMaxLength), {}};
  try {
    Parser parser(text, scope);
    Expr expr = parser.run();
    expr.text = std::string(text);
    return expr;
  } catch (const ParseFailure& failure) {
    return failure.error;
  }
}

}  // namespace backtriage
