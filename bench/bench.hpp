#pragma once
// What the scenarios share: the options, the generated book, the pincd under test and the results.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "book_generator.hpp"
#include "pincd_runner.hpp"

namespace pinc::bench {

struct Options {
  std::size_t dossiers = 1000000;
  std::uint64_t seed = 42;
  bool quick = false;
  std::string json_file, pincd;
  int days = 90;
  std::size_t payments = 0;     // 0: a quarter of the dossiers
  std::size_t letters = 20000;  // print: first reminders drawn (at most the dossiers)
};

// One figure of a scenario, for the table; `per_second` ones get a ratio to the limit.
struct Figure {
  std::string name, value;
};

struct ScenarioResult {
  std::string name;
  std::vector<Figure> figures;
  nlohmann::json json = nlohmann::json::object();
  double rate = 0;                    // records/s comparable to the limit's, 0: none
  std::vector<std::string> failures;  // counts that do not add up
};

struct Context {
  Options options;
  Book book;
  std::string work_dir;  // a temp directory, removed at the end
  std::unique_ptr<PincdRunner> pincd;
  std::vector<std::uint64_t> ids;  // dossier id of book index i, once imported
  bool imported = false;
  double limit_rate = 0;  // records/s of the limit scenario, 0: not run
  std::vector<ScenarioResult> results;
  static constexpr const char* kSimStart = "2026-03-02";

  Context(Options opts, std::string dir);
  // The pincd with the book imported (runs intake first when needed).
  PincdRunner& booked_pincd();
};

ScenarioResult run_intake(Context& context);
ScenarioResult run_payments(Context& context);
ScenarioResult run_schedule(Context& context);
ScenarioResult run_footprint(Context& context);
ScenarioResult run_restart(Context& context);
ScenarioResult run_limit(Context& context);
ScenarioResult run_operators(Context& context);
ScenarioResult run_print(Context& context);

// The human table on stdout, and the JSON file when asked for.
void print_report(const Context& context);
void write_json(const Context& context, const std::string& path);

std::string fmt(double value, int decimals = 0);
// Throws a readable error for a failed RPC.
std::string rpc_error(const kj::Exception& exception);

}  // namespace pinc::bench
