// schedule: the simulated clock advanced one day per call over 90 days (clockAdvance returns once
// every timer due is processed and persisted), with the book's behaviour sent as operator commands
// between days (payments in full or in part, promises, disputes). Reports each day's processing
// time (p50/p99/max) and stage moves per second, counted from stats before and after, and the post
// the day's letters put into print files (read from the manifests in DATA/print). The bench runs
// no SMTP relay: e-mails wait in the outbox and cost nothing here.
#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>

#include "bench.hpp"
#include "stats.hpp"

namespace pinc::bench {

namespace s = schema;

namespace {

std::map<std::string, std::uint64_t> stage_counts(Client& client) {
  auto op = client.operator_client();
  auto response = op->statsRequest().send().wait(client.wait_scope());
  std::map<std::string, std::uint64_t> counts;
  for (auto stage : response.getStages()) counts[stage.getStage().cStr()] = stage.getDossiers();
  return counts;
}

struct PrintTotals {
  std::uint64_t letters = 0, files = 0, pages = 0, bytes = 0;
};

// Every print folder's manifest: file,first_page,pages,... one line per letter.
PrintTotals print_totals(const std::string& print_dir) {
  namespace fs = std::filesystem;
  PrintTotals totals;
  std::error_code error;
  if (!fs::exists(print_dir, error)) return totals;
  for (const auto& folder : fs::directory_iterator(print_dir)) {
    for (const auto& file : fs::directory_iterator(folder.path())) {
      if (file.path().extension() != ".pdf") continue;
      ++totals.files;
      totals.bytes += file.file_size();
    }
    std::ifstream manifest(folder.path() / "manifest.csv");
    std::string line;
    std::getline(manifest, line);  // header
    while (std::getline(manifest, line)) {
      const auto first = line.find(',');
      const auto second = line.find(',', first + 1);
      if (first == std::string::npos || second == std::string::npos) continue;
      ++totals.letters;
      totals.pages += std::stoull(line.substr(second + 1));
    }
  }
  return totals;
}

}  // namespace

ScenarioResult run_schedule(Context& context) {
  ScenarioResult result;
  result.name = "schedule";
  PincdRunner& pincd = context.booked_pincd();
  Client& client = pincd.client();
  auto& wait = client.wait_scope();
  auto admin = client.admin();
  if (!admin) throw std::runtime_error(admin.error().to_string());
  const int days = context.options.days;

  std::vector<std::vector<std::size_t>> acting(static_cast<std::size_t>(days));
  for (std::size_t i = 0; i < context.book.size(); ++i) {
    const BenchDossier d = context.book.dossier(i);
    if (d.behaviour != Behaviour::never_pays && d.acts_on_day < days)
      acting[static_cast<std::size_t>(d.acts_on_day)].push_back(i);
  }

  const auto before = stage_counts(client);
  std::vector<double> day_ms;
  std::uint64_t commands = 0, applied = 0, refused = 0;
  double command_seconds = 0;
  for (int day = 0; day < days; ++day) {
    const auto c0 = std::chrono::steady_clock::now();
    std::deque<kj::Promise<capnp::Response<s::Operator::CommandResults>>> in_flight;
    auto drain_one = [&] {
      try {
        in_flight.front().wait(wait);
        ++applied;
      } catch (const kj::Exception&) {
        ++refused;  // the dossier's stage does not accept it (already paid, disputed, ...)
      }
      in_flight.pop_front();
    };
    for (std::size_t index : acting[static_cast<std::size_t>(day)]) {
      const BenchDossier d = context.book.dossier(index);
      auto request = admin->commandRequest();
      request.setId(context.ids[index]);
      request.setActor("operator:bench");
      request.setRequestId("bench-" + std::to_string(index));
      auto command = request.initCommand();
      switch (d.behaviour) {
        case Behaviour::pays_partly: {
          auto pay = command.initPay();
          pay.setPaymentId("bench-pay-" + std::to_string(index));
          pay.setAmountCents(std::max<std::int64_t>(100, d.total_cents() / 2));
          break;
        }
        case Behaviour::promises_and_keeps:
        case Behaviour::promises_and_breaks: {
          auto shown = admin->clockShowRequest().send().wait(wait);
          auto promise = command.initPromise();
          promise.setBy(shown.getToday() + 14);
          break;
        }
        case Behaviour::disputes:
          command.setDispute("debtor says the service was never given");
          break;
        default: {
          auto pay = command.initPay();
          pay.setPaymentId("bench-pay-" + std::to_string(index));
          pay.setAmountCents(d.total_cents());
          break;
        }
      }
      in_flight.push_back(request.send());
      ++commands;
      while (in_flight.size() >= 64) drain_one();
    }
    while (!in_flight.empty()) drain_one();
    const auto c1 = std::chrono::steady_clock::now();
    command_seconds += std::chrono::duration<double>(c1 - c0).count();
    auto advance = admin->clockAdvanceRequest();
    advance.setDays(1);
    advance.send().wait(wait);
    day_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - c1).count());
  }
  const auto after = stage_counts(client);
  const PrintTotals printed = print_totals(pincd.data_dir() + "/print");

  double total_ms = 0;
  for (double ms : day_ms) total_ms += ms;
  std::uint64_t moves = 0, before_total = 0, after_total = 0;
  for (const auto& [stage, count] : after) {
    const auto it = before.find(stage);
    const std::uint64_t was = it == before.end() ? 0 : it->second;
    if (count > was) moves += count - was;
    after_total += count;
  }
  for (const auto& [stage, count] : before) before_total += count;
  const Percentiles p = percentiles(day_ms);
  const double seconds = total_ms / 1000.0;
  result.rate = moves / seconds;
  result.figures = {
      {"days advanced", std::to_string(days)},
      {"clock seconds (all days)", fmt(seconds, 2)},
      {"day p50 / p99 / max ms", fmt(p.p50, 1) + " / " + fmt(p.p99, 1) + " / " + fmt(p.max, 1)},
      {"net stage moves (stats)", std::to_string(moves)},
      {"stage moves/s", fmt(moves / seconds)},
      {"behaviour commands", std::to_string(commands) + " (" + std::to_string(applied) +
                                 " applied, " + std::to_string(refused) + " refused)"},
      {"commands/s", fmt(commands / std::max(command_seconds, 1e-9))},
      {"post printed", std::to_string(printed.letters) + " letters, " +
                           std::to_string(printed.pages) + " pages in " +
                           std::to_string(printed.files) + " files (" +
                           fmt(printed.bytes / 1e6, 1) + " MB)"}};
  result.json = {{"days", days},
                 {"seconds", seconds},
                 {"day_ms", {{"p50", p.p50}, {"p99", p.p99}, {"max", p.max}}},
                 {"net_stage_moves", moves},
                 {"stage_moves_per_s", moves / seconds},
                 {"commands", commands},
                 {"applied", applied},
                 {"refused", refused},
                 {"command_seconds", command_seconds},
                 {"printed",
                  {{"letters", printed.letters},
                   {"pages", printed.pages},
                   {"files", printed.files},
                   {"bytes", printed.bytes}}},
                 {"dossiers_before", before_total},
                 {"dossiers_after", after_total}};
  if (before_total != context.book.size() || after_total != context.book.size())
    result.failures.push_back("stats count " + std::to_string(before_total) + " dossiers before, " +
                              std::to_string(after_total) + " after, of " +
                              std::to_string(context.book.size()));
  if (applied + refused != commands) result.failures.push_back("commands lost");
  return result;
}

}  // namespace pinc::bench
