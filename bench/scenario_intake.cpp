// intake: the book's N dossiers imported through the ImportSink, in chunks of 1000 rows with a few
// in flight, as `pinc import` does. Checks every row accepted and N distinct dossiers seen.
#include <chrono>
#include <cstdio>
#include <deque>
#include <unordered_set>

#include "bench.hpp"

namespace pinc::bench {

namespace s = schema;

namespace {

void add_creditors(Context& context) {
  Client& client = context.pincd->client();
  auto admin = client.admin();
  if (!admin) throw std::runtime_error(admin.error().to_string());
  for (const auto& creditor : context.book.creditors()) {
    auto request = admin->creditorAddRequest();
    auto c = request.initCreditor();
    c.setId(creditor.id);
    c.setName(creditor.name);
    c.setIban(creditor.iban);
    request.send().wait(client.wait_scope());
  }
}

void fill_row(s::ImportRow::Builder row, std::uint32_t line, const BenchDossier& d,
              const std::string& creditor, const BenchInvoice& invoice) {
  row.setLine(line);
  row.setCreditor(creditor);
  row.setDebtorRef(d.debtor_ref);
  row.setDebtorName(d.debtor_name);
  row.setDebtorKind(d.kind);
  row.setEmail(d.email);
  row.setPhone(d.phone);
  row.setStreet(d.street);
  row.setPostcode(d.postcode);
  row.setCity(d.city);
  row.setCountry("NL");
  row.setInvoice(invoice.number);
  row.setInvoiceDate(invoice.invoice_date);
  row.setDueDate(invoice.due_date);
  row.setAmount(std::to_string(invoice.cents / 100) + "." + (invoice.cents % 100 < 10 ? "0" : "") +
                std::to_string(invoice.cents % 100));
}

}  // namespace

ScenarioResult run_intake(Context& context) {
  ScenarioResult result;
  result.name = "intake";
  const std::size_t n = context.book.size();
  add_creditors(context);
  Client& client = context.pincd->client();
  auto op = client.operator_client();
  if (!op) throw std::runtime_error(op.error().to_string());
  auto& wait = client.wait_scope();
  context.ids.assign(n, 0);

  constexpr std::size_t kChunk = 1000, kInFlight = 4;
  std::size_t rows_sent = 0, accepted = 0, rejected = 0, duplicates = 0;
  std::string first_error;
  // Row line numbers index a table of (book index) so results map back to dossiers.
  std::vector<std::uint32_t> line_to_index;
  line_to_index.reserve(n * 2);
  const auto started = std::chrono::steady_clock::now();
  auto sink = op->importRequest().send().wait(wait).getSink();
  std::deque<kj::Promise<capnp::Response<s::ImportSink::AddResults>>> in_flight;
  auto drain_one = [&] {
    auto response = in_flight.front().wait(wait);
    for (auto row : response.getResults()) {
      if (row.getAccepted()) {
        ++accepted;
        if (row.getDuplicate()) ++duplicates;
        context.ids[line_to_index[row.getLine()]] = row.getDossier();
      } else {
        ++rejected;
        if (first_error.empty()) first_error = row.getError().cStr();
      }
    }
    in_flight.pop_front();
  };
  std::vector<std::pair<BenchDossier, std::size_t>> pending;  // dossiers of the chunk being built
  std::size_t pending_rows = 0;
  auto flush = [&] {
    if (pending.empty()) return;
    auto request = sink.addRequest();
    auto rows = request.initRows(static_cast<unsigned>(pending_rows));
    unsigned at = 0;
    for (const auto& [dossier, index] : pending)
      for (const auto& invoice : dossier.invoices) {
        const auto line = static_cast<std::uint32_t>(line_to_index.size());
        line_to_index.push_back(static_cast<std::uint32_t>(index));
        fill_row(rows[at++], line, dossier, context.book.creditors()[dossier.creditor].id, invoice);
      }
    rows_sent += pending_rows;
    pending.clear();
    pending_rows = 0;
    in_flight.push_back(request.send());
    while (in_flight.size() >= kInFlight) drain_one();
  };
  for (std::size_t i = 0; i < n; ++i) {
    BenchDossier dossier = context.book.dossier(i);
    if (pending_rows + dossier.invoices.size() > kChunk) flush();
    pending_rows += dossier.invoices.size();
    pending.emplace_back(std::move(dossier), i);
  }
  flush();
  while (!in_flight.empty()) drain_one();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::unordered_set<std::uint64_t> distinct(context.ids.begin(), context.ids.end());
  distinct.erase(0);
  context.imported = true;
  result.rate = n / seconds;
  result.figures = {{"dossiers", std::to_string(n)},
                    {"invoice rows", std::to_string(rows_sent)},
                    {"seconds", fmt(seconds, 2)},
                    {"dossiers/s", fmt(n / seconds)},
                    {"rows/s", fmt(rows_sent / seconds)}};
  result.json = {{"dossiers", n},
                 {"rows", rows_sent},
                 {"accepted", accepted},
                 {"rejected", rejected},
                 {"duplicates", duplicates},
                 {"seconds", seconds},
                 {"dossiers_per_s", n / seconds},
                 {"distinct_dossiers", distinct.size()}};
  if (accepted != rows_sent)
    result.failures.push_back("accepted " + std::to_string(accepted) + " of " +
                              std::to_string(rows_sent) + " rows (first error: " + first_error +
                              ")");
  if (distinct.size() != n)
    result.failures.push_back(std::to_string(distinct.size()) + " distinct dossiers seen, " +
                              std::to_string(n) + " sent");
  return result;
}

}  // namespace pinc::bench
