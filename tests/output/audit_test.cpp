#include "output/audit_record.h"

#include <doctest/doctest.h>

#include "test_support.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include "base/digest.h"
#include "base/exit_code.h"
#include "output/audit_log.h"
#include "output/audit_summary.h"
#include "version.h"

using namespace backtriage;

namespace {

const char* const kAuditRules = R"(ruleset: {name: audit-mini, version: "3"}
outputs:
  duration_class: {values: [acute, chronic]}
  category: {values: [nonspecific, other]}
  recommendation: {values: [self-manage, see-specialist]}
  urgency: {values: [routine, emergency]}
questions:
  - {id: duration_days, type: duration, required: true, prompt: "How long?"}
  - {id: numbness, type: yes_no, red_flag: emergency, prompt: "Numb?"}
  - {id: fever, type: yes_no, prompt: "Fever?"}
rules:
  - {id: D1, title: Acute, when: duration_days < 28, duration_class: acute, source: S1}
  - {id: E1, title: Numb, when: numbness, recommendation: see-specialist, urgency: emergency, source: S2}
)";

const RuleSet& audit_rules() {
  static const RuleSet rules = load_or_fail({{"audit.yaml", kAuditRules}});
  return rules;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("an audit record is one line of JSON with every field a review needs, in order") {
  const RuleSet& rules = audit_rules();
  Decision d = decide(rules, {10, 1, kUnknown});
  AuditCase c;
  c.time = 1798200000;  // 2026-12-25T12:00:00Z
  c.mode = "ask";
  c.id = "front-desk-1";
  c.answered_by = "clinician";
  c.answers["duration_days"] = "10 days";
  c.answers["numbness"] = "Y";
  c.decision = &d;
  c.stopped_at_emergency = true;
  c.shown_as = "text patient";
  c.shown = "shown text\n";
  std::string line = audit_line(rules, c);
  REQUIRE(line.back() == '\n');
  CHECK(line.find('\n') == line.size() - 1);
  nlohmann::ordered_json record = nlohmann::ordered_json::parse(line);
  std::vector<std::string> keys;
  for (const auto& item : record.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"time", "mode", "id", "answered_by", "backtriage", "ruleset", "answers",
                                         "status", "outputs", "emergency", "rules", "red_flags", "unanswered",
                                         "not_asked", "stopped_at_emergency", "shown"});
  CHECK(record["time"] == "2026-12-25T12:00:00Z");
  CHECK(record["mode"] == "ask");
  CHECK(record["id"] == "front-desk-1");
  CHECK(record["answered_by"] == "clinician");
  CHECK(record["backtriage"] == kVersion);
  CHECK(record["ruleset"] == nlohmann::ordered_json{{"name", "audit-mini"}, {"version", "3"}, {"hash", rules.hash},
                                                   {"region", rules.region}, {"checked", true}});
  CHECK(record["answers"].dump() == R"({"duration_days":"10 days","numbness":"Y"})");
  CHECK(record["status"] == "ok");
  CHECK(record["outputs"].dump() ==
        R"({"duration_class":"acute","category":"nonspecific","recommendation":"see-specialist","urgency":"emergency"})");
  CHECK(record["emergency"] == true);
  CHECK(record["rules"].dump() == R"(["D1","E1"])");
  CHECK(record["red_flags"].dump() == R"(["numbness"])");
  CHECK(record["unanswered"].dump() == R"(["fever"])");
  CHECK(record["stopped_at_emergency"] == true);
  CHECK(record["shown"]["as"] == "text patient");
  CHECK(record["shown"]["sha256"] == sha256_hex("shown text\n"));
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // FIPS 180-2
}

TEST_CASE("an audit record of a case with no result says why, and has no outputs") {
  AuditCase c;
  c.mode = "score";
  c.id = "P7";
  c.answers["duration_days"] = "three\nweeks\x1b[A";
  c.status = "error";
  c.error = "line 8: column 'duration_days': expected a number of days";
  c.shown_as = "csv";
  std::string line = audit_line(audit_rules(), c);
  CHECK(line.find('\n') == line.size() - 1);  // the line break and the escape byte in the answer are escaped
  CHECK(line.find('\x1b') == std::string::npos);
  auto record = nlohmann::json::parse(line);
  CHECK(record["answered_by"].is_null());
  CHECK(record["status"] == "error");
  CHECK(record["error"] == "line 8: column 'duration_days': expected a number of days");
  CHECK(record["outputs"].is_null());
  CHECK(record["emergency"] == false);
  CHECK(record["stopped_at_emergency"].is_null());
  CHECK(record["answers"]["duration_days"] == "three\nweeks\x1b[A");
}

TEST_CASE("the audit summary counts outcomes, emergencies per day and red flags, and names bad lines") {
  const RuleSet& rules = audit_rules();
  AuditSummary summary;
  Decision emergency = decide(rules, {10, 1, kUnknown}), routine = decide(rules, {40, 0, 0});
  auto line = [&](std::time_t time, const Decision* d) {
    AuditCase c;
    c.time = time;
    c.mode = "eval";
    c.id = "x";
    c.decision = d;
    c.status = d ? "ok" : "error";
    c.error = "bad";
    std::string text = audit_line(rules, c);
    text.pop_back();
    return text;
  };
  CHECK(summary.add(line(1798200000, &emergency)) == "");
  CHECK(summary.add(line(1798200000 + 86400, &emergency)) == "");
  CHECK(summary.add(line(1798200000 + 86400, &routine)) == "");
  CHECK(summary.add(line(1798200000, nullptr)) == "");
  CHECK(summary.add("") == "");
  CHECK(summary.add(R"({"time":"2026-12-25T1)") == "invalid JSON (a line cut short?)");
  CHECK(summary.add(R"([1])") == "not a JSON object");
  CHECK(summary.add(R"({"time":"yesterday"})") == "field 'time' is missing or not a UTC time");
  CHECK(summary.records() == 4);
  std::string text = summary.text("audit.jsonl");
  CHECK(text.rfind("audit.jsonl: 4 records, 2026-12-25T12:00:00Z to 2026-12-26T12:00:00Z\n", 0) == 0);
  CHECK(text.find("  by mode: 4 eval\n  by status: 1 error, 3 ok\n") != std::string::npos);
  CHECK(text.find("Outcomes (recommendation / urgency)\n"
                  "  see-specialist / emergency       2\n"
                  "  (error)                          1\n"
                  "  self-manage / routine            1\n") != std::string::npos);
  CHECK(text.find("Emergencies per day (UTC)\n  2026-12-25       1\n  2026-12-26       1\n") != std::string::npos);
  CHECK(text.find("Most frequent red flags (cases)\n  numbness       2\n") != std::string::npos);
  CHECK(text.find(rules.hash + " audit-mini 3") != std::string::npos);
}

TEST_CASE("the audit file is appended to, private when new, and a line cut short is not glued to the next") {
  namespace fs = std::filesystem;
  std::string path = (fs::temp_directory_path() / ("backtriage_audit_test_" + std::to_string(::getpid()))).string();
  fs::remove(path);
  {
    AuditLog log(path);
    log.append("{\"a\":1}\n");
    log.append("{\"a\":2}\n");
    log.sync();
  }
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 077) == 0);
  {
    AuditLog log(path);
    // Cut short by another writer while this one has the file open: checked at each append.
    { std::ofstream(path, std::ios::app) << "{\"cut"; }
    log.append("{\"a\":3}\n");
    log.append("{\"a\":4}\n");
  }
  CHECK(read_all(path) == "{\"a\":1}\n{\"a\":2}\n{\"cut\n{\"a\":3}\n{\"a\":4}\n");
  fs::remove(path);
  try {
    AuditLog log("/nonexistent-directory/audit.jsonl");
    FAIL("no error for an audit file that cannot be created");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::cant_create);
    CHECK(std::string(e.what()) ==
          "cannot open the audit file '/nonexistent-directory/audit.jsonl': No such file or directory");
  }
}
