#pragma once
// A generated book of dossiers for the end-to-end test: a seed decides each debtor's kind, e-mail,
// invoices (amounts with a long tail) and what the test will do with the dossier.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "date.hpp"
#include "money.hpp"

namespace pinc::test {

// What the test does with a dossier after its reminder.
enum class Role {
  flow,     // nothing: it must go through every step on the dates `pinc calc schedule` gives
  paid,     // paid in full the day after its reminder: no later step
  dispute,  // disputed the day after its reminder, resolved (rejected) eleven days later
  promise,  // a promise the day after its reminder, never kept: the flow resumes
  payments  // small payments booked while pincd is killed: every acknowledged one must survive
};

struct BookInvoice {
  std::string number;
  Date invoice_date{}, due_date{};
  Cents amount_cents = 0;
};

struct BookDossier {
  std::string debtor_ref, name;
  bool consumer = true;
  std::string email;
  std::vector<BookInvoice> invoices;
  Role role = Role::flow;
  Date opened{};         // the day it is imported
  std::uint64_t id = 0;  // the id pincd gave it

  Date latest_due() const {
    Date latest = invoices.front().due_date;
    for (const auto& invoice : invoices) latest = std::max(latest, invoice.due_date);
    return latest;
  }
  Cents total_cents() const {
    Cents total = 0;
    for (const auto& invoice : invoices) total += invoice.amount_cents;
    return total;
  }
};

inline Role role_for(std::size_t index) {
  switch (index % 10) {
    case 0:
      return Role::paid;
    case 1:
      return Role::dispute;
    case 2:
      return Role::promise;
    case 3:
      return Role::payments;
    default:
      return Role::flow;
  }
}

// `count` dossiers opened on `opened`, due dates drawn from [due_from, due_to].
inline std::vector<BookDossier> generate_book(std::mt19937& random, std::size_t first_index,
                                              std::size_t count, Date opened, Date due_from,
                                              Date due_to) {
  std::vector<BookDossier> book;
  const int due_span = days_between(due_from, due_to);
  for (std::size_t i = first_index; i < first_index + count; ++i) {
    BookDossier dossier;
    dossier.debtor_ref = "D" + std::to_string(i);
    dossier.consumer = random() % 2 == 0;
    dossier.name = (dossier.consumer ? "Debtor " : "Company ") + std::to_string(i) +
                   (dossier.consumer ? "" : " BV");
    if (random() % 2 == 0) dossier.email = "d" + std::to_string(i) + "@example.nl";
    const int invoices = 1 + static_cast<int>(random() % 3);
    for (int k = 0; k < invoices; ++k) {
      BookInvoice invoice;
      invoice.number = "INV-" + std::to_string(i) + "-" + std::to_string(k);
      invoice.due_date = due_from + Days{static_cast<int>(random() % (due_span + 1))};
      invoice.invoice_date = invoice.due_date - Days{30};
      const unsigned band = random() % 100;  // most small, some large: a long tail
      const Cents low = band < 70 ? 2000 : band < 95 ? 50000 : 500000;
      const Cents high = band < 70 ? 50000 : band < 95 ? 500000 : 2000000;
      invoice.amount_cents = low + static_cast<Cents>(random() % (high - low));
      dossier.invoices.push_back(invoice);
    }
    dossier.role = role_for(i);
    dossier.opened = opened;
    book.push_back(std::move(dossier));
  }
  return book;
}

inline std::string euros(Cents cents) {
  return std::to_string(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") +
         std::to_string(cents % 100);
}

// The import file: the header, then one row per invoice.
inline std::string book_csv(const std::vector<BookDossier>& book) {
  std::string csv =
      "creditor,debtor_ref,debtor_name,debtor_kind,email,phone,street,postcode,city,country,"
      "invoice,invoice_date,due_date,amount\n";
  for (const auto& dossier : book)
    for (const auto& invoice : dossier.invoices)
      csv += "acme," + dossier.debtor_ref + "," + dossier.name + "," +
             (dossier.consumer ? "consumer" : "business") + "," + dossier.email +
             ",0612345678,Dorpsstraat 1,1234 AB,Utrecht,NL," + invoice.number + "," +
             format_date(invoice.invoice_date) + "," + format_date(invoice.due_date) + "," +
             euros(invoice.amount_cents) + "\n";
  return csv;
}

}  // namespace pinc::test
