// print: the limit for drawing the post, without pincd. The first reminder of the book's first
// `--letters` dossiers (default 20,000), built from the generated debtors and invoices, rendered
// with the built-in templates and drawn into print files of 500 letters, one file per worker at a
// time on every core, as pincd's outbox does. Letters/s is what the schedule's print work costs at
// best; the files are checked to hold every letter and an even page count.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include "bench.hpp"
#include "pdf_letter.hpp"
#include "templates.hpp"

namespace pinc::bench {

namespace {

constexpr std::size_t kLettersPerFile = 500;  // pincd's default ([letters] letters_per_file)

letters::Letter reminder_for(const Book& book, std::size_t index, const letters::Agency& agency) {
  const BenchDossier d = book.dossier(index);
  const BenchCreditor& creditor = book.creditors()[d.creditor];
  letters::Letter letter;
  letter.kind = letters::LetterKind::reminder;
  letter.agency = agency;
  letter.creditor = {creditor.id, creditor.name, creditor.iban, "", {}};
  letter.recipient = {d.debtor_name, {d.street, d.postcode, d.city, "NL"}, d.email};
  letter.debtor_kind = d.kind == "business" ? DebtorKind::business : DebtorKind::consumer;
  letter.debtor_name = d.debtor_name;
  letter.debtor_ref = d.debtor_ref;
  letter.dossier = index + 1;
  letter.effect_seq = 1;
  letter.payment_reference = "RF18" + std::to_string(100000 + index);
  letter.letter_date = make_date(2026, 3, 3);
  letter.pay_by = make_date(2026, 3, 10);
  for (const BenchInvoice& invoice : d.invoices) {
    letter.invoices.push_back({invoice.number, *parse_date(invoice.invoice_date),
                               *parse_date(invoice.due_date), invoice.cents, invoice.cents});
    letter.principal_open_cents += invoice.cents;
  }
  letter.open_cents = letter.principal_open_cents;
  return letter;
}

}  // namespace

ScenarioResult run_print(Context& context) {
  ScenarioResult result;
  result.name = "print";
  const std::size_t n = std::min(context.options.letters, context.book.size());
  auto templates = letters::TemplateSet::load("");
  if (!templates) throw std::runtime_error("print: " + templates.error().to_string());
  const letters::Agency agency{
      "Incasso Bench B.V.", "Justis 00000",       {"Stationsplein 1", "3511 ED", "Utrecht", "NL"},
      "030 123 4567",       "post@bench.example", "https://bench.example"};

  const std::size_t files = (n + kLettersPerFile - 1) / kLettersPerFile;
  std::atomic<std::size_t> next{0}, letters_drawn{0}, pages{0}, bytes{0}, odd{0};
  std::atomic<bool> failed{false};
  std::string failure;
  std::mutex failure_mutex;
  auto fail = [&](const Error& error) {
    std::lock_guard lock(failure_mutex);
    failed = true;
    failure = error.to_string();
  };
  auto work = [&] {
    for (std::size_t file = next++; file < files; file = next++) {
      letters::PrintBatch batch;
      const std::size_t end = std::min(n, (file + 1) * kLettersPerFile);
      for (std::size_t i = file * kLettersPerFile; i < end; ++i) {
        const letters::Letter letter = reminder_for(context.book, i, agency);
        auto text = templates->render(letter);
        auto added = text ? batch.add(letter, *text) : Result<letters::Done>(text.error());
        if (!added) return fail(added.error());
      }
      for (const auto& entry : batch.entries()) {
        pages += static_cast<std::size_t>(entry.pages);
        odd += entry.pages % 2;
      }
      letters_drawn += batch.entries().size();
      auto pdf = batch.finish();
      if (!pdf) return fail(pdf.error());
      bytes += pdf->size();
    }
  };
  const unsigned workers = std::max(1u, std::thread::hardware_concurrency());
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::future<void>> running;
  for (unsigned i = 1; i < workers; ++i) running.push_back(std::async(std::launch::async, work));
  work();
  for (auto& worker : running) worker.get();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  result.figures = {
      {"letters drawn", std::to_string(letters_drawn.load()) + " first reminders, " +
                            std::to_string(pages.load()) + " pages, " + std::to_string(files) +
                            " files (" + fmt(bytes.load() / 1e6, 1) + " MB)"},
      {"workers", std::to_string(workers)},
      {"seconds", fmt(seconds, 2)},
      {"letters/s (the print limit)", fmt(letters_drawn.load() / seconds)},
      {"ms of a core per letter", fmt(seconds * workers * 1000 / std::max<double>(n, 1), 3)}};
  result.json = {{"letters", letters_drawn.load()},
                 {"pages", pages.load()},
                 {"files", files},
                 {"bytes", bytes.load()},
                 {"workers", workers},
                 {"seconds", seconds},
                 {"letters_per_s", letters_drawn.load() / seconds}};
  if (failed) result.failures.push_back("a letter could not be drawn: " + failure);
  if (letters_drawn.load() != n)
    result.failures.push_back("drew " + std::to_string(letters_drawn.load()) + " of " +
                              std::to_string(n) + " letters");
  if (odd.load() != 0) result.failures.push_back("letters with an odd page count");
  return result;
}

}  // namespace pinc::bench
