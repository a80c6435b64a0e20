// Matching a bank payment to a dossier, best evidence first (issue "Bank payment feeds",
// BANK-FEEDS.md section 13): rules, confidence, and what is applied automatically.
#include <catch2/catch.hpp>

#include "payment_matching.hpp"

using namespace pinc;

namespace {
MatchCandidate candidate(DossierId id, MatchRule rule, Cents open = 10000, bool closed = false) {
  return MatchCandidate{id, rule, open, closed, std::nullopt};
}
}  // namespace

TEST_CASE("a structured reference that belongs to a dossier is certain, and beats other evidence",
          "[matching]") {
  const auto decision = decide_match(
      5000, {candidate(7, MatchRule::name_and_amount, 5000),
             candidate(3, MatchRule::structured_reference), candidate(9, MatchRule::known_iban)});
  REQUIRE(decision.dossier == 3u);
  CHECK(decision.rule == MatchRule::structured_reference);
  CHECK(decision.confidence == 100);
  CHECK(decision.certain);
  CHECK(decision.reason.empty());
}

TEST_CASE("a reference on a closed dossier still matches: the payment is kept for refund",
          "[matching]") {
  const auto decision = decide_match(5000, {candidate(3, MatchRule::structured_reference, 0, true)});
  CHECK(decision.dossier == 3u);
  CHECK(decision.certain);
}

TEST_CASE("an invoice number in the text is certain and designates that invoice", "[matching]") {
  MatchCandidate found = candidate(4, MatchRule::invoice_in_text);
  found.invoice = "F-2026-001";
  const auto decision = decide_match(2500, {found});
  CHECK(decision.dossier == 4u);
  CHECK(decision.confidence == 90);
  CHECK(decision.certain);
  CHECK(decision.designated_invoice == std::optional<std::string>("F-2026-001"));
}

TEST_CASE("evidence pointing at two dossiers is never applied", "[matching]") {
  const auto decision = decide_match(
      100, {candidate(4, MatchRule::reference_in_text), candidate(5, MatchRule::reference_in_text)});
  CHECK_FALSE(decision.certain);
  CHECK(decision.confidence < 90);
  CHECK_THAT(decision.reason, Catch::Contains("2 dossiers"));
}

TEST_CASE("a known IBAN applies only with a plausible amount on an open dossier", "[matching]") {
  CHECK(decide_match(8000, {candidate(6, MatchRule::known_iban, 10000)}).certain);
  // More than is open: not plausible, so no evidence at all.
  const auto too_much = decide_match(12000, {candidate(6, MatchRule::known_iban, 10000)});
  CHECK_FALSE(too_much.dossier);
  CHECK_FALSE(too_much.certain);
  CHECK_FALSE(decide_match(100, {candidate(6, MatchRule::known_iban, 10000, true)}).dossier);
}

TEST_CASE("name and exact open amount suggest a dossier for an operator, never apply it",
          "[matching]") {
  const auto decision = decide_match(4242, {candidate(8, MatchRule::name_and_amount, 4242)});
  CHECK(decision.dossier == 8u);
  CHECK_FALSE(decision.certain);
  CHECK(decision.confidence == 60);
  CHECK_THAT(decision.reason, Catch::Contains("suggests dossier 8"));
  CHECK_FALSE(decide_match(4000, {candidate(8, MatchRule::name_and_amount, 4242)}).dossier);
}

TEST_CASE("no evidence: nothing matched, and the reason says so", "[matching]") {
  const auto decision = decide_match(100, {});
  CHECK_FALSE(decision.dossier);
  CHECK_FALSE(decision.certain);
  CHECK_FALSE(decision.reason.empty());
}

TEST_CASE("free text yields reference tokens: words, and digit groups joined", "[matching]") {
  const auto tokens =
      reference_tokens("Betaling factuur F-2026-001, kenmerk 5000 0567 8901 2345. Dank!");
  CHECK(std::find(tokens.begin(), tokens.end(), "F-2026-001") != tokens.end());
  CHECK(std::find(tokens.begin(), tokens.end(), "5000056789012345") != tokens.end());
  CHECK(std::find(tokens.begin(), tokens.end(), "BETALING") != tokens.end());
  CHECK(std::find(tokens.begin(), tokens.end(), "DANK!") == tokens.end());
  CHECK(reference_tokens("/REMI/USTD//INV-133-0/").front() == "REMI");
  const auto slashed = reference_tokens("/REMI/USTD//INV-133-0/");
  CHECK(std::find(slashed.begin(), slashed.end(), "INV-133-0") != slashed.end());
  CHECK(reference_tokens(std::string(2000, 'a') + " b c", 5).size() == 1);
}

TEST_CASE("names compare without case, accents, legal forms and en/of", "[matching]") {
  CHECK(normalize_name("J. de Vries EN/OF M. Smit") == "j de vries m smit");
  CHECK(normalize_name("Café De Zwaan VOF") == normalize_name("CAFE DE ZWAAN"));
  CHECK(normalize_name("Bouwbedrijf Hendriks B.V.") == "bouwbedrijf hendriks");
  CHECK(normalize_name("Müller") == "muller");
}
