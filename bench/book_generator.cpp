#include "book_generator.hpp"

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

namespace pinc::bench {

namespace {

constexpr std::array kFirstNames = {"Jan",     "Sanne", "Pieter", "Fatima", "Daan", "Emma",
                                    "Mohamed", "Lotte", "Kees",   "Anouk",  "Sem",  "Yara"};
constexpr std::array kLastNames = {"de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer",
                                   "de Boer",  "Mulder", "Yilmaz", "Bos",    "Vos",  "Peters"};
constexpr std::array kCompanies = {"Bouwbedrijf", "Transport",   "Installatie",
                                   "Horeca",      "Groothandel", "Adviesbureau"};
constexpr std::array kCities = {"Utrecht",   "Amsterdam", "Rotterdam", "Zwolle",
                                "Groningen", "Eindhoven", "Arnhem",    "Leiden"};
constexpr std::array kBanks = {"INGB", "RABO", "ABNA", "SNSB", "TRIO", "ASNB"};

std::uint64_t mix(std::uint64_t x) {  // splitmix64
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Long-tailed invoice amounts: log-normal around ~120 euros, so most are under 500 and a few in a
// thousand are over 10,000.
std::int64_t amount_cents(std::mt19937_64& rng) {
  std::lognormal_distribution<double> euros(4.8, 1.1);
  const double value = std::min(250000.0, std::max(5.0, euros(rng)));
  return static_cast<std::int64_t>(std::llround(value * 100.0));
}

}  // namespace

const char* behaviour_name(Behaviour behaviour) {
  switch (behaviour) {
    case Behaviour::pays_after_reminder:
      return "pays_after_reminder";
    case Behaviour::pays_after_call:
      return "pays_after_call";
    case Behaviour::pays_after_final_notice:
      return "pays_after_final_notice";
    case Behaviour::pays_partly:
      return "pays_partly";
    case Behaviour::promises_and_keeps:
      return "promises_and_keeps";
    case Behaviour::promises_and_breaks:
      return "promises_and_breaks";
    case Behaviour::disputes:
      return "disputes";
    case Behaviour::never_pays:
      return "never_pays";
  }
  return "?";
}

std::int64_t BenchDossier::total_cents() const {
  std::int64_t total = 0;
  for (const auto& invoice : invoices) total += invoice.cents;
  return total;
}

std::string make_nl_iban(const std::string& bank, std::uint64_t account) {
  char digits[11];
  std::snprintf(digits, sizeof digits, "%010llu",
                static_cast<unsigned long long>(account % 10000000000ULL));
  const std::string bban = bank + digits;
  // ISO 13616: BBAN + "NL00", letters as 10..35, mod 97.
  std::string numeric;
  for (char c : bban + "NL00")
    numeric += (c >= 'A' && c <= 'Z') ? std::to_string(c - 'A' + 10) : std::string(1, c);
  unsigned remainder = 0;
  for (char c : numeric) remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % 97;
  const unsigned check = 98 - remainder;
  char out[40];
  std::snprintf(out, sizeof out, "NL%02u%s", check, bban.c_str());
  return out;
}

std::string day_string(std::int32_t day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return out;
}

Book::Book(std::uint64_t seed, std::size_t dossiers) : seed_(seed), size_(dossiers) {
  const char* names[] = {"Energie Noord BV",    "Telecom Plus NV", "Woonzorg Stichting",
                         "Groothandel Smit BV", "Fitness Fit BV",  "Zorgverzekeraar Midden"};
  for (std::size_t i = 0; i < 6; ++i)
    creditors_.push_back(
        {"cred" + std::to_string(i + 1), names[i],
         make_nl_iban(kBanks[i % kBanks.size()], 4000000000ULL + seed % 1000 + i)});
}

BenchDossier Book::dossier(std::size_t index) const {
  std::mt19937_64 rng(mix(seed_ ^ mix(index + 1)));
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  BenchDossier d;
  // Creditors are unequal: the first ones hold most dossiers.
  const std::size_t r = pick(100);
  d.creditor = r < 40 ? 0 : r < 65 ? 1 : r < 80 ? 2 : r < 90 ? 3 : r < 96 ? 4 : 5;
  d.debtor_ref = "D" + std::to_string(index + 1);
  const bool business = pick(100) < 20;
  d.kind = business ? "business" : "consumer";
  const std::string person = std::string(kFirstNames[pick(kFirstNames.size())]) + " " +
                             kLastNames[pick(kLastNames.size())];
  d.debtor_name = business ? std::string(kCompanies[pick(kCompanies.size())]) + " " +
                                 kLastNames[pick(kLastNames.size())] + " BV"
                           : person;
  if (pick(100) < 70) d.email = "debiteur" + std::to_string(index + 1) + "@example.nl";
  if (pick(100) < 60) d.phone = "06" + std::to_string(10000000 + pick(89999999));
  d.street = "Dorpsstraat " + std::to_string(1 + pick(200));
  d.postcode = std::to_string(1000 + pick(8999)) + " " + static_cast<char>('A' + pick(26)) +
               static_cast<char>('A' + pick(26));
  d.city = kCities[pick(kCities.size())];
  d.payer_iban = make_nl_iban(kBanks[pick(kBanks.size())], 1000000000ULL + index);
  // 1-5 invoices, most dossiers one or two.
  const std::size_t q = pick(100);
  const std::size_t count = q < 55 ? 1 : q < 80 ? 2 : q < 92 ? 3 : q < 97 ? 4 : 5;
  // Due between 2025-11-01 and 2026-02-27 (the simulated clock starts on 2026-03-02).
  const std::int32_t first_due = 20393;  // 2025-11-01
  for (std::size_t i = 0; i < count; ++i) {
    BenchInvoice invoice;
    invoice.number = "F" + std::to_string(index + 1) + "-" + std::to_string(i + 1);
    const auto due = static_cast<std::int32_t>(first_due + pick(118));
    invoice.invoice_date = day_string(due - 30);
    invoice.due_date = day_string(due);
    invoice.cents = amount_cents(rng);
    d.invoices.push_back(std::move(invoice));
  }
  const std::size_t b = pick(100);
  d.behaviour = b < 18   ? Behaviour::pays_after_reminder
                : b < 30 ? Behaviour::pays_after_call
                : b < 40 ? Behaviour::pays_after_final_notice
                : b < 50 ? Behaviour::pays_partly
                : b < 60 ? Behaviour::promises_and_keeps
                : b < 67 ? Behaviour::promises_and_breaks
                : b < 72 ? Behaviour::disputes
                         : Behaviour::never_pays;
  switch (d.behaviour) {
    case Behaviour::pays_after_reminder:
      d.acts_on_day = 3 + static_cast<int>(pick(14));
      break;
    case Behaviour::pays_after_call:
      d.acts_on_day = 15 + static_cast<int>(pick(14));
      break;
    case Behaviour::pays_after_final_notice:
      d.acts_on_day = 30 + static_cast<int>(pick(20));
      break;
    default:
      d.acts_on_day = 5 + static_cast<int>(pick(50));
      break;
  }
  return d;
}

}  // namespace pinc::bench
