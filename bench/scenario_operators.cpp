// operators: two operators working dossiers at once, each over a connection of its own, as two
// `pinc` sessions would: show a dossier, log a call, record a promise, book a payment by hand.
// Reports RPC latency p50/p99/p999 per call and ops/s. A refusal (a promise on a paid dossier) is
// a completed call; the check is that every call came back.
#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include "bench.hpp"
#include "date.hpp"
#include "stats.hpp"

namespace pinc::bench {

namespace s = schema;

namespace {

constexpr int kOperators = 2;

struct OperatorRun {
  std::vector<double> latencies_ms;
  std::size_t refused = 0;
  std::string failure;
};

// One operator's session: `calls` calls over dossiers drawn from `ids`.
OperatorRun work(const std::string& address, const std::string& token,
                 const std::vector<std::uint64_t>& ids, std::size_t calls, std::uint64_t seed) {
  OperatorRun run;
  auto client = Client::connect(address, token);
  if (!client) {
    run.failure = client.error().to_string();
    return run;
  }
  auto op = (*client)->operator_client();
  if (!op) {
    run.failure = op.error().to_string();
    return run;
  }
  auto& wait = (*client)->wait_scope();
  std::mt19937_64 random(seed);
  const std::int32_t promise_day =
      static_cast<std::int32_t>(make_date(2026, 3, 31).time_since_epoch().count());
  run.latencies_ms.reserve(calls);
  for (std::size_t i = 0; i < calls; ++i) {
    const std::uint64_t id = ids[random() % ids.size()];
    const auto started = std::chrono::steady_clock::now();
    try {
      if (i % 4 == 0) {
        auto request = op->showRequest();
        request.setId(id);
        request.send().wait(wait);
      } else {
        auto request = op->commandRequest();
        request.setId(id);
        request.setActor("operator:bench");
        request.setRequestId("bench-" + std::to_string(seed) + "-" + std::to_string(i));
        auto command = request.initCommand();
        if (i % 4 == 1) {
          auto call = command.initCallLog();
          call.setOutcome(s::CallOutcome::NO_ANSWER);
          call.setNote("voicemail");
        } else if (i % 4 == 2) {
          auto promise = command.initPromise();
          promise.setBy(promise_day);
        } else {
          auto pay = command.initPay();
          pay.setPaymentId("bench-pay-" + std::to_string(seed) + "-" + std::to_string(i));
          pay.setAmountCents(100);
        }
        request.send().wait(wait);
      }
    } catch (const kj::Exception& refused) {
      if (refused.getType() == kj::Exception::Type::DISCONNECTED) {
        run.failure = rpc_error(refused);
        return run;
      }
      ++run.refused;  // the dossier's answer, e.g. a promise on a paid dossier
    }
    run.latencies_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count());
  }
  return run;
}

}  // namespace

ScenarioResult run_operators(Context& context) {
  ScenarioResult result;
  result.name = "operators";
  PincdRunner& pincd = context.booked_pincd();
  const std::size_t calls = std::clamp<std::size_t>(context.book.size() / 10, 1000, 20000);
  std::vector<OperatorRun> runs(kOperators);
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int k = 0; k < kOperators; ++k)
    threads.emplace_back([&, k] {
      runs[k] = work(pincd.address(), pincd.token(), context.ids, calls, context.options.seed + k);
    });
  for (auto& thread : threads) thread.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::vector<double> all;
  std::size_t refused = 0;
  for (const OperatorRun& run : runs) {
    if (!run.failure.empty()) result.failures.push_back("operator: " + run.failure);
    all.insert(all.end(), run.latencies_ms.begin(), run.latencies_ms.end());
    refused += run.refused;
  }
  if (all.size() != calls * kOperators)
    result.failures.push_back("operators: " + std::to_string(all.size()) + " of " +
                              std::to_string(calls * kOperators) + " calls came back");
  const Percentiles p = percentiles(all);
  result.figures = {
      {"operators x calls", std::to_string(kOperators) + " x " + std::to_string(calls)},
      {"calls refused by the dossier", std::to_string(refused)},
      {"ops/s", fmt(all.size() / std::max(seconds, 1e-9))},
      {"latency p50 / p99 / p999 ms",
       fmt(p.p50, 2) + " / " + fmt(p.p99, 2) + " / " + fmt(p.p999, 2)},
      {"latency max ms", fmt(p.max, 2)}};
  result.json = {
      {"operators", kOperators}, {"calls", calls * kOperators},
      {"refused", refused},      {"ops_per_second", all.size() / std::max(seconds, 1e-9)},
      {"p50_ms", p.p50},         {"p99_ms", p.p99},
      {"p999_ms", p.p999},       {"max_ms", p.max}};
  return result;
}

}  // namespace pinc::bench
