#pragma once
// A realistic book, generated from a seed: several creditors; consumer and business debtors; 1-5
// invoices per dossier; amounts with a long tail (most under 500 euros, some over 10,000); and a
// behaviour per dossier. Dossier i is derived from (seed, i) alone, so a million dossiers cost no
// memory until they are asked for, and every scenario sees the same book.
#include <cstdint>
#include <string>
#include <vector>

namespace pinc::bench {

struct BenchCreditor {
  std::string id, name, iban;
};

enum class Behaviour {
  pays_after_reminder,
  pays_after_call,
  pays_after_final_notice,
  pays_partly,
  promises_and_keeps,
  promises_and_breaks,
  disputes,
  never_pays,
};
const char* behaviour_name(Behaviour behaviour);

struct BenchInvoice {
  std::string number, invoice_date, due_date;  // dates YYYY-MM-DD
  std::int64_t cents = 0;
};

struct BenchDossier {
  std::size_t creditor = 0;  // index into Book::creditors()
  std::string debtor_ref, debtor_name, kind, email, phone, street, postcode, city;
  std::string payer_iban;  // the account the debtor pays from
  std::vector<BenchInvoice> invoices;
  Behaviour behaviour = Behaviour::never_pays;
  int acts_on_day = 0;  // the simulated day (0..89) the behaviour shows
  std::int64_t total_cents() const;
};

class Book {
 public:
  Book(std::uint64_t seed, std::size_t dossiers);
  std::size_t size() const { return size_; }
  std::uint64_t seed() const { return seed_; }
  const std::vector<BenchCreditor>& creditors() const { return creditors_; }
  BenchDossier dossier(std::size_t index) const;

 private:
  std::uint64_t seed_;
  std::size_t size_;
  std::vector<BenchCreditor> creditors_;
};

// A valid Dutch IBAN for a bank code (4 letters) and a 10-digit account number.
std::string make_nl_iban(const std::string& bank, std::uint64_t account);
// YYYY-MM-DD of a day number (days since 1970-01-01).
std::string day_string(std::int32_t day);

}  // namespace pinc::bench
