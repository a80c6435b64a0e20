// payments: one camt.053 statement per creditor with M credits in all (most paying a dossier in
// full under its betalingskenmerk, some partly, some without any reference: unmatched), uploaded
// through Feed.upload; then the same files again (all duplicates). Checks that every transaction
// sent is matched, unmatched, a duplicate or ignored.
#include <chrono>
#include <deque>
#include <map>

#include "bench.hpp"
#include "camt_writer.hpp"
#include "references.hpp"

namespace pinc::bench {

namespace s = schema;

namespace {

struct Totals {
  std::uint64_t transactions = 0, matched = 0, unmatched = 0, duplicates = 0, ignored = 0,
                reversed = 0, rejected = 0;
  void add(s::FeedSummary::Reader r) {
    transactions += r.getTransactions();
    matched += r.getMatched();
    unmatched += r.getUnmatched();
    duplicates += r.getDuplicates();
    ignored += r.getIgnored();
    reversed += r.getReversed();
    rejected += r.getRejected();
  }
  std::uint64_t outcomes() const {
    return matched + unmatched + duplicates + ignored + reversed + rejected;
  }
};

void upload(Client& client, const std::string& name, const std::string& content, Totals& totals) {
  auto feed = client.feed();
  if (!feed) throw std::runtime_error(feed.error().to_string());
  auto& wait = client.wait_scope();
  auto request = feed->uploadRequest();
  request.setName(name);
  auto file = request.send().wait(wait).getUpload();
  constexpr std::size_t kChunk = 256 * 1024, kInFlight = 4;
  std::deque<kj::Promise<capnp::Response<s::FileUpload::WriteResults>>> in_flight;
  for (std::size_t at = 0; at < content.size(); at += kChunk) {
    auto write = file.writeRequest();
    const std::size_t size = std::min(kChunk, content.size() - at);
    write.setBytes(kj::arrayPtr(reinterpret_cast<const kj::byte*>(content.data() + at), size));
    in_flight.push_back(write.send());
    while (in_flight.size() >= kInFlight) {
      in_flight.front().wait(wait);
      in_flight.pop_front();
    }
  }
  while (!in_flight.empty()) {
    in_flight.front().wait(wait);
    in_flight.pop_front();
  }
  totals.add(file.finishRequest().send().wait(wait).getSummary());
}

}  // namespace

ScenarioResult run_payments(Context& context) {
  ScenarioResult result;
  result.name = "payments";
  PincdRunner& pincd = context.booked_pincd();
  const std::size_t n = context.book.size();
  const std::size_t m = std::min(n, context.options.payments ? context.options.payments : n / 4);
  // Statements per creditor.
  std::map<std::size_t, std::vector<feeds::CamtEntry>> entries;
  std::size_t sent_full = 0, sent_partial = 0, sent_unreferenced = 0;
  const std::string booked = Context::kSimStart;
  for (std::size_t k = 0; k < m; ++k) {
    const std::size_t index = k * n / m;
    const BenchDossier d = context.book.dossier(index);
    feeds::CamtEntry entry;
    entry.booked = booked;
    entry.end_to_end = "E2E-" + std::to_string(index + 1);
    entry.payer_name = d.debtor_name;
    entry.payer_iban = d.payer_iban;
    const std::size_t kind = k % 25;
    if (kind < 2) {  // no reference at all: waits for an operator
      entry.cents = 1000 + static_cast<std::int64_t>(k % 9000);
      entry.payer_name = "Onbekende betaler " + std::to_string(k);
      entry.payer_iban = make_nl_iban("BUNQ", 9000000000ULL + k);
      entry.remittance = "bestelling " + std::to_string(k);
      ++sent_unreferenced;
    } else if (kind < 5) {  // part of the claim
      entry.cents = std::max<std::int64_t>(100, d.total_cents() / 3);
      entry.kenmerk = make_betalingskenmerk(context.ids[index]);
      ++sent_partial;
    } else {
      entry.cents = d.total_cents();
      entry.kenmerk = make_betalingskenmerk(context.ids[index]);
      ++sent_full;
    }
    entries[d.creditor].push_back(std::move(entry));
  }
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& [creditor, list] : entries) {
    const std::string id = "BENCH-" + std::to_string(creditor + 1);
    files.emplace_back(id + ".xml",
                       feeds::camt053(id, context.book.creditors()[creditor].iban, list, booked));
  }

  Totals first, second;
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& [name, content] : files) upload(pincd.client(), name, content, first);
  const auto t1 = std::chrono::steady_clock::now();
  for (const auto& [name, content] : files) upload(pincd.client(), name, content, second);
  const auto t2 = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(t1 - t0).count();
  const double again = std::chrono::duration<double>(t2 - t1).count();

  result.rate = m / seconds;
  result.figures = {{"credits sent", std::to_string(m) + " (" + std::to_string(sent_full) +
                                         " full, " + std::to_string(sent_partial) + " partial, " +
                                         std::to_string(sent_unreferenced) + " no reference)"},
                    {"matched / unmatched",
                     std::to_string(first.matched) + " / " + std::to_string(first.unmatched)},
                    {"first push seconds", fmt(seconds, 2)},
                    {"payments/s", fmt(m / seconds)},
                    {"same files again: duplicates", std::to_string(second.duplicates)},
                    {"duplicates/s", fmt(m / again)}};
  auto totals_json = [](const Totals& t) {
    return nlohmann::json{{"transactions", t.transactions}, {"matched", t.matched},
                          {"unmatched", t.unmatched},       {"duplicates", t.duplicates},
                          {"ignored", t.ignored},           {"reversed", t.reversed},
                          {"rejected", t.rejected}};
  };
  result.json = {
      {"sent", m},          {"first", totals_json(first)},   {"second", totals_json(second)},
      {"seconds", seconds}, {"payments_per_s", m / seconds}, {"duplicates_per_s", m / again}};
  for (const auto* totals : {&first, &second}) {
    const char* which = totals == &first ? "first push" : "second push";
    if (totals->transactions != m)
      result.failures.push_back(std::string(which) + ": pincd saw " +
                                std::to_string(totals->transactions) + " transactions, " +
                                std::to_string(m) + " sent");
    if (totals->outcomes() != m)
      result.failures.push_back(std::string(which) + ": outcomes add up to " +
                                std::to_string(totals->outcomes()) + ", " + std::to_string(m) +
                                " sent");
  }
  if (second.duplicates != m)
    result.failures.push_back("second push: " + std::to_string(second.duplicates) +
                              " duplicates of " + std::to_string(m));
  if (first.matched < sent_full + sent_partial)
    result.failures.push_back("only " + std::to_string(first.matched) + " matched of " +
                              std::to_string(sent_full + sent_partial) + " with a reference");
  return result;
}

}  // namespace pinc::bench
