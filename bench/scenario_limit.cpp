// limit: the hardware's limit for intake: the same dossiers decided (decide(OpenDossier) with the
// default strategy, as pincd does) and their commits (state, events, effects, timer, references)
// written straight into RocksDB with RocksStore and its durable defaults, from a few threads with
// many commits in flight so they group-commit, as pincd's shards do. No actors, no RPC.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "bench.hpp"
#include "builtin_rates.hpp"
#include "dossier.hpp"
#include "keys.hpp"
#include "payment_matching.hpp"
#include "references.hpp"
#include "rocks_store.hpp"

namespace pinc::bench {

namespace {

Date date_of(const std::string& text) {
  auto date = parse_date(text);
  if (!date) throw std::runtime_error(date.error().to_string());
  return *date;
}

}  // namespace

ScenarioResult run_limit(Context& context) {
  ScenarioResult result;
  result.name = "limit";
  const std::size_t n = context.book.size();
  const std::string dir = context.work_dir + "/limit-store";
  auto opened = RocksStore::open(dir);
  if (!opened) throw std::runtime_error("limit: " + opened.error().to_string());
  RocksStore& store = **opened;
  auto rates = parse_rate_table(builtin_interest_rates(), "builtin");
  if (!rates) throw std::runtime_error(rates.error().to_string());
  const Calendar calendar;
  DecideContext decide_context;
  decide_context.strategy = &default_strategy();
  decide_context.calendar = &calendar;
  decide_context.rates = &*rates;
  const Date today = date_of(Context::kSimStart);

  std::atomic<std::size_t> next{0}, durable{0}, failed{0}, records{0};
  std::mutex mutex;
  std::condition_variable done;
  const unsigned threads = std::max(2u, std::thread::hardware_concurrency());
  constexpr std::size_t kInFlightPerThread = 512;
  const auto started = std::chrono::steady_clock::now();
  auto worker = [&] {
    std::atomic<std::size_t> outstanding{0};
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      const BenchDossier d = context.book.dossier(i);
      OpenDossier open;
      open.id = i + 1;
      open.creditor = context.book.creditors()[d.creditor].id;
      open.strategy = "default";
      open.payment_reference = make_betalingskenmerk(open.id);
      open.debtor.ref = d.debtor_ref;
      open.debtor.name = d.debtor_name;
      open.debtor.kind = d.kind == "business" ? DebtorKind::business : DebtorKind::consumer;
      open.debtor.email = d.email;
      open.debtor.phone = d.phone;
      open.debtor.address = {d.street, d.postcode, d.city, "NL"};
      for (const auto& invoice : d.invoices)
        open.invoices.push_back({invoice.number, date_of(invoice.invoice_date),
                                 date_of(invoice.due_date), invoice.cents});
      DossierState empty;
      empty.id = open.id;
      auto decision = decide(empty, Input{"import", open}, today, decide_context);
      if (!decision) throw std::runtime_error("limit: " + decision.error().to_string());
      auto state = std::make_shared<DossierState>(empty);
      for (const Event& event : decision->events) apply(*state, event);
      DossierCommit commit;
      commit.id = open.id;
      commit.state = state.get();
      commit.events = std::move(decision->events);
      commit.effects = std::move(decision->effects);
      commit.new_timer = next_timer(*state);
      commit.references = {keys::payment_reference(open.payment_reference),
                           keys::debtor_reference(open.creditor, open.debtor.ref),
                           keys::debtor_name(normalize_name(open.debtor.name), open.id)};
      for (const auto& invoice : open.invoices)
        commit.references.push_back(keys::invoice_reference(open.creditor, invoice.number));
      records += 1 + commit.events.size() + commit.effects.size() + commit.references.size() +
                 (commit.new_timer ? 1 : 0);
      while (outstanding.load() >= kInFlightPerThread) std::this_thread::yield();
      ++outstanding;
      store.commit_async(commit, [&, state](Result<Done> written) {
        if (!written) ++failed;
        --outstanding;
        if (++durable == n) {
          std::lock_guard lock(mutex);
          done.notify_all();
        }
      });
    }
    while (outstanding.load() > 0) std::this_thread::yield();
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& thread : pool) thread.join();
  {
    std::unique_lock lock(mutex);
    done.wait(lock, [&] { return durable.load() == n; });
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::uint64_t commits = store.commits(), synced = store.synced_writes();
  opened->reset();
  std::filesystem::remove_all(dir);

  context.limit_rate = n / seconds;
  result.rate = context.limit_rate;
  result.figures = {{"dossiers committed", std::to_string(n)},
                    {"seconds", fmt(seconds, 2)},
                    {"dossiers/s (the limit)", fmt(n / seconds)},
                    {"records/s", fmt(records.load() / seconds)},
                    {"commits per synced write",
                     fmt(static_cast<double>(commits) / std::max<std::uint64_t>(1, synced), 1)}};
  result.json = {{"dossiers", n},
                 {"records", records.load()},
                 {"seconds", seconds},
                 {"dossiers_per_s", n / seconds},
                 {"records_per_s", records.load() / seconds},
                 {"commits", commits},
                 {"synced_writes", synced},
                 {"sync", true}};
  if (failed.load() != 0)
    result.failures.push_back(std::to_string(failed.load()) + " commits failed");
  if (durable.load() != n) result.failures.push_back("not every commit became durable");
  return result;
}

}  // namespace pinc::bench
