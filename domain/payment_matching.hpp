#pragma once
// Which dossier a bank payment is for, best evidence first (issue "Bank payment feeds",
// ../shared/domain/BANK-FEEDS.md section 13): a structured reference (betalingskenmerk or RF) that
// belongs to a dossier; a dossier's payment reference or the creditor's invoice number in the free
// text; the payer's IBAN already seen paying that dossier, with a plausible amount; the payer's
// name with the exact open amount. Pure: the caller looks the candidates up and passes them in.
// Only a certain match is applied automatically; anything else goes to the unmatched queue with
// what the evidence suggested.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier_state.hpp"

namespace pinc {

enum class MatchRule : std::uint8_t {
  structured_reference,  // the payment's structured reference is a dossier's payment reference
  reference_in_text,     // a dossier's payment reference appears in the free text
  invoice_in_text,       // one of the creditor's invoice numbers appears in the free text
  known_iban,            // the payer's IBAN paid this dossier before, and the amount fits
  name_and_amount,       // the payer's name is the debtor's and the amount is exactly what is open
};
std::string_view to_string(MatchRule rule);

// A dossier one piece of evidence points at, with what the rules need to know of it.
struct MatchCandidate {
  DossierId id = 0;
  MatchRule rule = MatchRule::structured_reference;
  Cents open_cents = 0;
  bool closed = false;
  std::optional<std::string> invoice;  // invoice_in_text: the invoice number found
};

struct MatchDecision {
  std::optional<DossierId> dossier;  // the dossier meant (certain) or suggested (not certain)
  std::optional<MatchRule> rule;
  int confidence = 0;  // 0..100
  bool certain = false;
  std::optional<std::string> designated_invoice;  // the debtor named this invoice
  std::string reason;  // why it was not applied automatically (for the queue); empty if certain
};

// Decides over the candidates that `amount_cents` (a credit) came with.
MatchDecision decide_match(Cents amount_cents, const std::vector<MatchCandidate>& candidates);

// Words of a payment's free text that may be a reference or an invoice number: split at spaces
// and punctuation that never occurs inside one, trimmed, upper-cased, at most `limit` distinct.
// Digit groups written with spaces ("5000 0567 8901 2345") also come back joined.
std::vector<std::string> reference_tokens(std::string_view text, std::size_t limit = 32);

// A name as matching compares it: lower-case ASCII letters and digits, accents folded, single
// spaces, legal forms and "en/of" dropped ("J. de Vries EN/OF M. Smit" -> "j de vries m smit").
std::string normalize_name(std::string_view name);

}  // namespace pinc
