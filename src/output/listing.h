#pragma once
// `rules list`: a rule set's questions and rules as tables for a terminal, or as one JSON
// object for machines. Generated from the loaded rule set, never retyped.
#include <string>

#include <nlohmann/json.hpp>

#include "rules/ruleset.h"

namespace backtriage {

// The questions table (order, id, type, required, asked if, red flag) and the rules table
// (id, the outputs each rule proposes, condition), each rule followed by its source and
// where it is defined. Never throws beyond std::bad_alloc.
std::string format_listing(const RuleSet& rules);

// {"ruleset":{name,version,hash,region}, "regions":[names], "outputs":{name:[values]},
//  "questions":[{order,id,type,min,max,required,asked_if,red_flag,prompt,label,file,line}], "rules":[{id,title,when,outcome:{..},
//  source,file,line}], "invariants":[{id,title,when,then}], "tests":N}. asked_if is null when
// the question is always asked; min and max are present for number questions only.
nlohmann::ordered_json listing_json(const RuleSet& rules);

}  // namespace backtriage
