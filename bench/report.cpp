#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <thread>

#include "bench.hpp"

namespace pinc::bench {

namespace {

std::string today_utc() {
  const std::time_t now = std::time(nullptr);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  return out;
}

nlohmann::json header(const Context& context) {
  return {{"cores", std::thread::hardware_concurrency()},
          {"build_type", PINC_BUILD_TYPE},
          {"date", today_utc()},
          {"dossiers", context.options.dossiers},
          {"seed", context.options.seed},
          {"quick", context.options.quick},
          {"durability", "WAL on, synced group commit (RocksOptions defaults), unchanged"}};
}

}  // namespace

std::string fmt(double value, int decimals) {
  char out[64];
  std::snprintf(out, sizeof out, "%.*f", decimals, value);
  return out;
}

std::string rpc_error(const kj::Exception& exception) {
  return Client::describe(exception);
}

void print_report(const Context& context) {
  const auto h = header(context);
  std::printf("\npinc-bench: %zu dossiers, seed %llu%s\n", context.options.dossiers,
              static_cast<unsigned long long>(context.options.seed),
              context.options.quick ? " (--quick)" : "");
  std::printf("machine: %u cores, build %s, %s\n", std::thread::hardware_concurrency(),
              PINC_BUILD_TYPE, h["date"].get<std::string>().c_str());
  std::printf("durability: WAL on and synced group commit in every scenario (nothing changed)\n\n");
  std::size_t width = 10;
  for (const auto& result : context.results)
    for (const auto& figure : result.figures) width = std::max(width, figure.name.size());
  std::printf("%-10s  %-*s  %s\n", "scenario", static_cast<int>(width), "figure", "value");
  for (const auto& result : context.results) {
    bool first = true;
    for (const auto& figure : result.figures) {
      std::printf("%-10s  %-*s  %s\n", first ? result.name.c_str() : "", static_cast<int>(width),
                  figure.name.c_str(), figure.value.c_str());
      first = false;
    }
    if (result.rate > 0 && context.limit_rate > 0 && result.name != "limit")
      std::printf("%-10s  %-*s  %s%%\n", "", static_cast<int>(width), "ratio to limit",
                  fmt(100.0 * result.rate / context.limit_rate, 1).c_str());
    for (const auto& failure : result.failures)
      std::printf("%-10s  COUNTS DO NOT ADD UP: %s\n", "", failure.c_str());
  }
}

void write_json(const Context& context, const std::string& path) {
  nlohmann::json out = header(context);
  out["scenarios"] = nlohmann::json::object();
  for (const auto& result : context.results) {
    nlohmann::json scenario = result.json;
    if (result.rate > 0 && context.limit_rate > 0 && result.name != "limit")
      scenario["ratio_to_limit"] = result.rate / context.limit_rate;
    scenario["failures"] = result.failures;
    out["scenarios"][result.name] = scenario;
  }
  std::ofstream(path) << out.dump(2) << "\n";
}

}  // namespace pinc::bench
