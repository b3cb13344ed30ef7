#pragma once
// The terms of a rule set's region: named texts (the emergency number, the names of services)
// that stand in braces, `{name}`, in every text a person reads. The loader fills them in once,
// at load, so the loaded rule set holds finished texts. Problems become diagnostics with the
// file, line and column of the term or of the brace that misuses it.
#include <map>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "rules/yaml_tree.h"

namespace backtriage {

class Terms {
 public:
  Terms(std::vector<Diagnostic>& diagnostics, LineIndex& lines) : diagnostics_(diagnostics), lines_(lines) {}

  // Reads a `terms` mapping of name to text: the rule set's own terms, or (`overlay`) a
  // region's replacements for them, where a name the rule set lacks is an error.
  void load(Located at, bool overlay);

  bool empty() const { return terms_.empty(); }

  // `text`, the text of scalar `at`, with every `{name}` replaced by its term and `{{`, `}}`
  // by a brace. `{missing_red_flags}` is kept for the report in a warning and an error
  // elsewhere. Unknown terms and stray braces are errors at their position.
  std::string expand(Located at, const std::string& text, bool in_warning);

  // Reports every term that no expanded text used, at its name.
  void report_unused();

 private:
  struct Term {
    std::string text;
    Located at;  // its name in the rule file that declares it
    bool used = false;
  };

  void error(const RuleSource& file, int line, int col, std::string message, std::string hint = {});
  std::vector<std::string> names() const;
  // " (did you mean 'X'?)" for an error that will be shown (will_be_shown), else nothing.
  std::string suggestion(std::string_view name) const;
  // The note under an unknown term: the terms there are (the first 30 when there are many).
  std::string known_terms() const;

  std::vector<Diagnostic>& diagnostics_;
  LineIndex& lines_;
  std::map<std::string, Term> terms_;
};

}  // namespace backtriage
