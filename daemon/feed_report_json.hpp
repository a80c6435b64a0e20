#pragma once
// A delivery's report as JSON, for the drop directory's done/ files and the HTTP endpoint's
// answers: the same fields as `pinc feed push --json`.
#include <nlohmann/json.hpp>

#include "payment_desk.hpp"

namespace pinc {

inline nlohmann::json feed_report_json(const FeedReport& report) {
  return {{"format", std::string(feeds::to_string(report.file.format))},
          {"statements", report.file.statements},
          {"entries", report.file.totals.entries},
          {"transactions", report.file.transactions},
          {"matched", report.counts.matched},
          {"unmatched", report.counts.unmatched},
          {"duplicates", report.counts.duplicates},
          {"ignored", report.counts.ignored},
          {"reversed", report.counts.reversed},
          {"rejected", 0},
          {"warnings", report.file.warnings},
          {"unreconciled", report.file.unreconciled_statements}};
}

// A failure on the way (a shard restarting, a full disk), not something wrong with the file.
inline bool is_transient(const Error& error) {
  return error.field == "engine" || error.field == "storage";
}

}  // namespace pinc
