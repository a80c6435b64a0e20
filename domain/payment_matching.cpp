#include "payment_matching.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace pinc {

std::string_view to_string(MatchRule rule) {
  switch (rule) {
    case MatchRule::structured_reference:
      return "structured_reference";
    case MatchRule::reference_in_text:
      return "reference_in_text";
    case MatchRule::invoice_in_text:
      return "invoice_in_text";
    case MatchRule::known_iban:
      return "known_iban";
    case MatchRule::name_and_amount:
      return "name_and_amount";
  }
  return "unknown";
}

namespace {

// How much each rule is worth, and whether it alone may apply a payment. A reference the payer
// copied is certain; an IBAN that paid this dossier before is, when only one open dossier fits;
// a name with an amount is a guess an operator confirms.
struct RuleWeight {
  MatchRule rule;
  int confidence;
  bool may_apply;
};
constexpr RuleWeight kRules[] = {
    {MatchRule::structured_reference, 100, true}, {MatchRule::reference_in_text, 95, true},
    {MatchRule::invoice_in_text, 90, true},       {MatchRule::known_iban, 80, true},
    {MatchRule::name_and_amount, 60, false},
};

// Whether a candidate of this rule is plausible for the amount at all.
bool plausible(const MatchCandidate& candidate, Cents amount_cents) {
  switch (candidate.rule) {
    case MatchRule::known_iban:
      return !candidate.closed && amount_cents <= candidate.open_cents;
    case MatchRule::name_and_amount:
      return !candidate.closed && amount_cents == candidate.open_cents;
    default:
      return true;  // a reference the payer gave counts even on a closed dossier (refund)
  }
}

}  // namespace

MatchDecision decide_match(Cents amount_cents, const std::vector<MatchCandidate>& candidates) {
  MatchDecision decision;
  for (const RuleWeight& weight : kRules) {
    std::set<DossierId> dossiers;
    std::set<std::string> invoices;
    for (const MatchCandidate& candidate : candidates) {
      if (candidate.rule != weight.rule || !plausible(candidate, amount_cents)) continue;
      dossiers.insert(candidate.id);
      if (candidate.invoice) invoices.insert(*candidate.invoice);
    }
    if (dossiers.empty()) continue;
    decision.rule = weight.rule;
    decision.dossier = *dossiers.begin();
    if (dossiers.size() > 1) {
      decision.confidence = weight.confidence / 2;
      decision.reason = std::string(to_string(weight.rule)) + " points at " +
                        std::to_string(dossiers.size()) + " dossiers";
      return decision;
    }
    decision.confidence = weight.confidence;
    decision.certain = weight.may_apply;
    if (invoices.size() == 1) decision.designated_invoice = *invoices.begin();
    if (!decision.certain)
      decision.reason = std::string(to_string(weight.rule)) + " suggests dossier " +
                        std::to_string(*decision.dossier) + "; an operator confirms";
    return decision;
  }
  decision.reason = "no dossier matches its reference, text, IBAN or name and amount";
  return decision;
}

std::vector<std::string> reference_tokens(std::string_view text, std::size_t limit) {
  constexpr std::string_view kTrimmed = ".-_!?";
  std::vector<std::string> tokens;
  std::set<std::string> seen;
  auto add = [&](const std::string& token) {
    if (token.size() < 3 || tokens.size() >= limit || !seen.insert(token).second) return;
    tokens.push_back(token);
  };
  std::string digits;  // a run of digit groups separated by single spaces
  auto end_digits = [&] {
    if (digits.size() >= 7) add(digits);
    digits.clear();
  };
  std::string word;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : '\n';
    const bool separator = std::isspace(static_cast<unsigned char>(c)) ||
                           std::string_view(",;:/()[]'\"+*").find(c) != std::string_view::npos;
    if (!separator) {
      word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      continue;
    }
    if (word.empty()) {
      end_digits();
      continue;
    }
    const std::size_t first = word.find_first_not_of(kTrimmed);
    const std::size_t last = word.find_last_not_of(kTrimmed);
    const std::string trimmed =
        first == std::string::npos ? "" : word.substr(first, last - first + 1);
    const bool all_digits =
        !trimmed.empty() &&
        std::all_of(trimmed.begin(), trimmed.end(), [](char d) { return d >= '0' && d <= '9'; });
    if (all_digits) {
      digits += trimmed;
      // Only a single space continues a grouped number ("5000 0567 8901 2345").
      if (c != ' ' || last + 1 != word.size()) end_digits();
    } else {
      end_digits();
    }
    add(trimmed);
    word.clear();
  }
  end_digits();
  return tokens;
}

std::string normalize_name(std::string_view name) {
  // UTF-8 Latin letters with accents as they occur in Dutch names, folded to ASCII.
  static const std::pair<std::string_view, char> kFolds[] = {
      {"á", 'a'}, {"à", 'a'}, {"ä", 'a'}, {"â", 'a'}, {"é", 'e'}, {"è", 'e'}, {"ë", 'e'},
      {"ê", 'e'}, {"í", 'i'}, {"ï", 'i'}, {"î", 'i'}, {"ó", 'o'}, {"ö", 'o'}, {"ô", 'o'},
      {"ú", 'u'}, {"ü", 'u'}, {"û", 'u'}, {"ç", 'c'}, {"ñ", 'n'}, {"Á", 'a'}, {"É", 'e'},
      {"Ë", 'e'}, {"Ö", 'o'}, {"Ü", 'u'}, {"Ï", 'i'}, {"ĳ", 'i'}};
  std::string folded;
  for (std::size_t i = 0; i < name.size();) {
    bool matched = false;
    for (const auto& [from, to] : kFolds)
      if (name.substr(i, from.size()) == from) {
        folded += to;
        i += from.size();
        matched = true;
        break;
      }
    if (matched) continue;
    const unsigned char c = static_cast<unsigned char>(name[i++]);
    folded += std::isalnum(c) ? static_cast<char>(std::tolower(c)) : ' ';
  }
  // Words, without legal forms and the "en/of" of joint accounts.
  static const std::set<std::string> kDropped = {
      "bv", "b", "v", "nv", "vof", "cv", "en", "of", "eo", "mevrouw", "mevr", "heer", "dhr", "mw"};
  std::string normalized, word;
  for (std::size_t i = 0; i <= folded.size(); ++i) {
    const char c = i < folded.size() ? folded[i] : ' ';
    if (c != ' ') {
      word += c;
      continue;
    }
    if (!word.empty() && !kDropped.count(word))
      normalized += (normalized.empty() ? "" : " ") + word;
    word.clear();
  }
  return normalized;
}

}  // namespace pinc
