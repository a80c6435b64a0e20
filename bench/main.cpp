// pinc-bench: measures pincd on a generated book (see README.md). `pinc-bench [SCENARIO|all]`.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>

#include "bench.hpp"

namespace pinc::bench {

Context::Context(Options opts, std::string dir)
    : options(std::move(opts)), book(options.seed, options.dossiers), work_dir(std::move(dir)) {}

PincdRunner& Context::booked_pincd() {
  if (!pincd) {
    pincd = std::make_unique<PincdRunner>(options.pincd, work_dir + "/data", kSimStart);
    pincd->start();
  }
  if (!pincd->running()) pincd->start();
  if (!imported) results.push_back(run_intake(*this));
  return *pincd;
}

}  // namespace pinc::bench

int main(int argc, char** argv) {
  using namespace pinc::bench;
  Options options;
  std::string scenario = "all";
  CLI::App app{"pinc-bench: pincd measured on a generated book, against RocksDB's own limit"};
  app.add_option("SCENARIO", scenario,
                 "intake, payments, operators, schedule, footprint, restart, limit, print or all "
                 "(default)")
      ->check(CLI::IsMember({"all", "intake", "payments", "operators", "schedule", "footprint",
                             "restart", "limit", "print"}));
  auto* dossiers = app.add_option("--dossiers", options.dossiers, "dossiers (default 1,000,000)");
  app.add_flag("--quick", options.quick, "100,000 dossiers unless --dossiers is given");
  app.add_option("--seed", options.seed, "the book's seed (default 42)");
  app.add_option("--json", options.json_file, "also write the figures as JSON to FILE");
  app.add_option("--pincd", options.pincd, "the pincd binary (default: next to pinc-bench)");
  app.add_option("--days", options.days, "simulated days for schedule (default 90)");
  app.add_option("--payments", options.payments, "credits for payments (default dossiers/4)");
  app.add_option("--letters", options.letters, "first reminders for print (default 20,000)");
  CLI11_PARSE(app, argc, argv);
  if (options.quick && dossiers->count() == 0) options.dossiers = 100000;
  if (options.pincd.empty())
    options.pincd = (std::filesystem::canonical("/proc/self/exe").parent_path() / "pincd").string();
  if (!std::filesystem::exists(options.pincd)) {
    std::fprintf(stderr, "pinc-bench: no pincd at %s (give --pincd PATH)\n", options.pincd.c_str());
    return 2;
  }
  std::string dir_template =
      (std::filesystem::temp_directory_path() / "pinc-bench-XXXXXX").string();
  if (!mkdtemp(dir_template.data())) {
    std::perror("pinc-bench: mkdtemp");
    return 2;
  }
  Context context(options, dir_template);
  const std::vector<std::pair<std::string, std::function<ScenarioResult(Context&)>>> order = {
      {"limit", run_limit},       {"intake", run_intake},     {"footprint", run_footprint},
      {"restart", run_restart},   {"payments", run_payments}, {"operators", run_operators},
      {"schedule", run_schedule}, {"print", run_print}};
  int status = 0;
  try {
    for (const auto& [name, run] : order) {
      if (scenario != "all" && scenario != name) continue;
      std::fprintf(stderr, "pinc-bench: %s...\n", name.c_str());
      if (name == "intake") {
        if (!context.imported) context.booked_pincd();  // runs and records intake
        continue;
      }
      context.results.push_back(run(context));
    }
  } catch (const std::exception& failure) {
    std::fprintf(stderr, "pinc-bench: %s\n", failure.what());
    status = 1;
  } catch (const kj::Exception& failure) {
    std::fprintf(stderr, "pinc-bench: RPC failed: %s\n", rpc_error(failure).c_str());
    status = 1;
  }
  if (context.pincd) context.pincd->stop();
  print_report(context);
  if (!options.json_file.empty()) write_json(context, options.json_file);
  for (const auto& result : context.results)
    if (!result.failures.empty()) status = 1;
  std::error_code ignored;
  std::filesystem::remove_all(context.work_dir, ignored);
  return status;
}
