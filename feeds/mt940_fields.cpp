#include "mt940_fields.hpp"

#include <array>
#include <map>
#include <optional>

namespace pinc::feeds {

namespace {

constexpr std::size_t kWrapWidth = 65;

constexpr std::array<std::string_view, 31> kKeywords = {
    "ADDR", "BENM", "BIC",  "BUSP", "CHGS", "CNTP", "CSID", "EREF", "EXCH", "ID",   "IBAN",
    "IREF", "ISDT", "MARF", "NAME", "NRTX", "OCMT", "ORDP", "PIND", "PREF", "PURP", "REMI",
    "RTRN", "RTYP", "SUM",  "SWOC", "TRCD", "TRTP", "ULTB", "ULTC", "ULTD"};

// Keywords ING separates with "//"; finding one so is how the ING form is told apart.
constexpr std::array<std::string_view, 13> kIngGroupKeywords = {
    "BENM", "BUSP", "CNTP", "CSID", "EREF", "IREF", "MARF",
    "PREF", "PURP", "REMI", "RTRN", "ULTC", "ULTD"};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The keyword starting right after the '/' at `slash`, if one is there and is closed by '/'.
std::optional<std::string_view> keyword_at(std::string_view text, std::size_t slash) {
  for (const std::string_view key : kKeywords) {
    if (text.size() < slash + key.size() + 2) continue;
    if (text.compare(slash + 1, key.size(), key) == 0 && text[slash + 1 + key.size()] == '/')
      return key;
  }
  return std::nullopt;
}

bool is_ing_style(std::string_view text) {
  for (const std::string_view key : kIngGroupKeywords)
    if (text.find("//" + std::string(key) + "/") != std::string_view::npos) return true;
  return false;
}

std::string simple_value(std::string_view value) {
  value = trim(value);
  while (!value.empty() && value.back() == '/') value.remove_suffix(1);
  return std::string(trim(value));
}

std::vector<std::string> split_slash(std::string_view value) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = value.find('/', start);
    parts.emplace_back(trim(value.substr(start, slash - start)));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

std::string without_notprovided(std::string value) {
  return normalize_code(value) == "NOTPROVIDED" ? std::string() : value;
}

// /REMI/: ING "USTD//text/" or "STRD/CUR/ref/", IBP "//text/", elsewhere the text itself.
void read_remittance(std::string_view value, InfoFields& out) {
  std::string_view v = trim(value);
  std::string text;
  if (v.substr(0, 4) == "STRD") {
    v.remove_prefix(4);
    while (!v.empty() && v.front() == '/') v.remove_prefix(1);
    const std::size_t slash = v.find('/');
    const std::string_view reference =
        slash == std::string_view::npos ? v : v.substr(slash + 1);  // after the issuer
    const std::string ref = simple_value(reference);
    if (!ref.empty() && out.structured_reference.empty())
      out.structured_reference = normalize_reference(ref);
    return;
  }
  if (v.substr(0, 4) == "USTD") v.remove_prefix(4);
  if (!v.empty() && v.front() == '/') {
    while (!v.empty() && v.front() == '/') v.remove_prefix(1);
    while (!v.empty() && v.back() == '/') v.remove_suffix(1);
  }
  text = collapse_spaces(v);
  if (text.empty()) return;
  if (!out.remittance_text.empty()) out.remittance_text += ' ';
  out.remittance_text += text;
}

void take_party(std::string_view value, InfoFields& out) {
  const auto parts = split_slash(value);
  if (!parts.empty() && !parts[0].empty() && out.counterparty_iban.empty())
    out.counterparty_iban = normalize_code(parts[0]);
  if (parts.size() > 2 && !parts[2].empty() && out.counterparty_name.empty())
    out.counterparty_name = collapse_spaces(parts[2]);
}

std::string first_word(std::string_view text) {
  text = trim(text);
  const std::size_t end = text.find_first_of(" /");
  return std::string(text.substr(0, end));
}

// Lines joined for the keyword form: ING wraps every line at 65 columns, so its lines always
// continue directly; other banks also end lines early, and a short line then ends a word.
std::string join_keyword_lines(const std::vector<InfoLine>& lines, bool ing) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) {
      const InfoLine& prev = lines[i - 1];
      const std::string_view next = lines[i].text;
      const bool direct = !lines[i].new_tag &&
                          (ing || prev.width >= kWrapWidth || (!next.empty() && next[0] == '/') ||
                           (!prev.text.empty() && prev.text.back() == '/'));
      if (!direct) out += ' ';
    }
    out += lines[i].text;
  }
  return out;
}

std::string join_direct(const std::vector<InfoLine>& lines, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < lines.size(); ++i) {
    if (i > from && lines[i].new_tag) out += ' ';
    out += lines[i].text;
  }
  return out;
}

std::string join_free_text(const std::vector<InfoLine>& lines, std::size_t from = 0) {
  std::vector<WrappedLine> wrapped;
  for (std::size_t i = from; i < lines.size(); ++i)
    wrapped.push_back({lines[i].text, lines[i].new_tag && i > from ? 0 : lines[i].width});
  // A new :86: tag always starts a new word: give the line before it a zero width.
  for (std::size_t i = from + 1; i < lines.size(); ++i)
    if (lines[i].new_tag) wrapped[i - from - 1].width = 0;
  return collapse_spaces(join_wrapped(wrapped, kWrapWidth));
}

// Subfields "?NN" (German) or ">NN" (old Triodos): number -> text, repeated numbers joined.
std::map<int, std::string> subfields(std::string_view text, char marker, std::string& code) {
  std::map<int, std::string> fields;
  std::size_t at = text.find(marker);
  code = std::string(trim(text.substr(0, at)));
  while (at != std::string_view::npos) {
    if (at + 2 >= text.size() || !is_digit(text[at + 1]) || !is_digit(text[at + 2])) {
      at = text.find(marker, at + 1);
      continue;
    }
    const int number = (text[at + 1] - '0') * 10 + (text[at + 2] - '0');
    std::size_t next = at + 3;
    for (;;) {
      next = text.find(marker, next);
      if (next == std::string_view::npos ||
          (next + 2 < text.size() && is_digit(text[next + 1]) && is_digit(text[next + 2])))
        break;
      ++next;
    }
    fields[number] += text.substr(at + 3, next - at - 3);
    at = next;
  }
  return fields;
}

// German SEPA purpose lines carry "EREF+", "MREF+", "SVWZ+" ...: the parts we use.
void read_german(std::string_view text, InfoFields& out) {
  std::string code;
  const auto fields = subfields(text, '?', code);
  std::string purpose;
  for (const auto& [number, value] : fields)
    if ((number >= 20 && number <= 29) || (number >= 60 && number <= 63)) purpose += value;
  if (fields.count(31)) out.counterparty_iban = normalize_code(fields.at(31));
  std::string name;
  for (const int n : {32, 33})
    if (fields.count(n)) name += fields.at(n);
  out.counterparty_name = collapse_spaces(name);
  // SEPA identifiers: the value of each runs to the next identifier.
  static constexpr std::array<std::string_view, 8> kIds = {"EREF+", "KREF+", "MREF+", "CRED+",
                                                           "DEBT+", "SVWZ+", "ABWA+", "ABWE+"};
  std::map<std::size_t, std::string_view> found;
  for (const std::string_view id : kIds)
    if (const std::size_t at = purpose.find(id); at != std::string::npos) found[at] = id;
  if (found.empty()) {
    out.remittance_text = collapse_spaces(purpose);
    return;
  }
  for (auto it = found.begin(); it != found.end(); ++it) {
    const std::size_t start = it->first + it->second.size();
    const std::size_t end = std::next(it) == found.end() ? purpose.size() : std::next(it)->first;
    const std::string value = collapse_spaces(std::string_view(purpose).substr(start, end - start));
    if (it->second == "EREF+") out.end_to_end_id = without_notprovided(value);
    if (it->second == "MREF+") out.mandate_id = value;
    if (it->second == "SVWZ+") out.remittance_text = value;
  }
  if (out.remittance_text.empty()) out.remittance_text = collapse_spaces(purpose);
}

// Old Triodos: ">10" counterparty account, ">20".. description, ">31" our own account; SEPA
// lines give the counterparty's BIC in >20 and IBAN in >21 instead.
void read_triodos(std::string_view text, InfoFields& out) {
  std::string code;
  const auto fields = subfields(text, '>', code);
  int first_text = 20;
  if (fields.count(20) && fields.count(21) && looks_like_bic(std::string(trim(fields.at(20)))) &&
      looks_like_iban(normalize_code(fields.at(21)))) {
    out.counterparty_iban = normalize_code(fields.at(21));
    first_text = 22;
  } else if (fields.count(10)) {
    const std::string account = normalize_code(fields.at(10));
    if (account.find_first_not_of('0') != std::string::npos) out.counterparty_iban = account;
  }
  std::string description;
  for (const auto& [number, value] : fields)
    if (number >= first_text && number <= 29) description += value;
  out.remittance_text = collapse_spaces(description);
}

// "IBAN: .. BIC: .. NAAM: .. OMSCHRIJVING: .." (ABN AMRO legacy SEPA) and
// "REK: ../NAAM: .." (Knab legacy).
bool read_labels(std::string_view text, InfoFields& out) {
  static constexpr std::array<std::string_view, 12> kLabels = {"IBAN:",
                                                               "REK:",
                                                               "BIC:",
                                                               "NAAM:",
                                                               "OMSCHRIJVING:",
                                                               "KENMERK:",
                                                               "ID DEBITEUR:",
                                                               "MACHTIGING:",
                                                               "INCASSANT:",
                                                               "BETALINGSKENM.:",
                                                               "BETALINGSKENMERK:",
                                                               "BETALINGSKENM."};
  std::map<std::size_t, std::string_view> found;
  for (const std::string_view label : kLabels) {
    for (std::size_t at = text.find(label); at != std::string_view::npos;
         at = text.find(label, at + 1)) {
      // "BETALINGSKENMERK:" holds "KENMERK:" but is not it; the longest label at a place wins.
      if (label == "KENMERK:" && at > 0 && text[at - 1] != ' ' && text[at - 1] != '/') continue;
      if (found.count(at) && found[at].size() > label.size()) continue;
      found[at] = label;
    }
  }
  const bool labelled = text.find("IBAN:") != std::string_view::npos ||
                        text.find("REK:") != std::string_view::npos ||
                        text.find("NAAM:") != std::string_view::npos;
  if (!labelled) return false;
  std::string description, before_labels(trim(text.substr(0, found.begin()->first)));
  for (auto it = found.begin(); it != found.end(); ++it) {
    const std::size_t start = it->first + it->second.size();
    const std::size_t end = std::next(it) == found.end() ? text.size() : std::next(it)->first;
    std::string_view value = trim(text.substr(start, end - start));
    while (!value.empty() && value.back() == '/') value.remove_suffix(1);
    if (it->second == "IBAN:" || it->second == "REK:")
      out.counterparty_iban = normalize_code(first_word(value));
    else if (it->second == "NAAM:")
      out.counterparty_name = collapse_spaces(value);
    else if (it->second == "OMSCHRIJVING:" || it->second == "KENMERK:")
      description += (description.empty() ? "" : " ") + collapse_spaces(value);
  }
  out.remittance_text = description.empty() ? collapse_spaces(before_labels) : description;
  return true;
}

bool is_reason_code(std::string_view token) {
  return token.size() == 4 && token[0] >= 'A' && token[0] <= 'Z' && token[1] >= 'A' &&
         token[1] <= 'Z' && is_digit(token[2]) && is_digit(token[3]);
}

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

// The rest of `text` after its first `n` words.
std::string_view after_words(std::string_view text, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t w = 0; w < n; ++w) {
    while (i < text.size() && text[i] == ' ') ++i;
    while (i < text.size() && text[i] != ' ') ++i;
  }
  return trim(text.substr(i));
}

void merge_missing(InfoFields& into, const InfoFields& from) {
  auto fill = [](std::string& a, const std::string& b) {
    if (a.empty()) a = b;
  };
  fill(into.counterparty_name, from.counterparty_name);
  fill(into.counterparty_iban, from.counterparty_iban);
  fill(into.end_to_end_id, from.end_to_end_id);
  fill(into.mandate_id, from.mandate_id);
  fill(into.structured_reference, from.structured_reference);
  fill(into.return_reason, from.return_reason);
  fill(into.batch_reference, from.batch_reference);
  if (into.batch_size == 0) into.batch_size = from.batch_size;
  into.returned = into.returned || from.returned;
}

// ASN and SNS: "IBAN name" on the first line, then padded lines of text, which may hold the
// ABN-style keywords of a SEPA direct debit.
void read_volksbank(const std::vector<InfoLine>& lines, std::string_view first, InfoFields& out) {
  out.counterparty_iban = normalize_code(first_word(first));
  out.counterparty_name = std::string(after_words(collapse_spaces(first), 1));
  const std::string rest = collapse_spaces(join_direct(lines, 1));
  const std::size_t keyword = rest.find("/TRTP/");
  if (keyword != std::string::npos) {
    const InfoFields keyed = read_keyword_text(std::string_view(rest).substr(keyword));
    out.remittance_text = keyed.remittance_text;
    merge_missing(out, keyed);
    const std::string before(trim(std::string_view(rest).substr(0, keyword)));
    if (!before.empty())
      out.remittance_text = before + (out.remittance_text.empty() ? "" : " ") + out.remittance_text;
  } else {
    out.remittance_text = rest;
  }
}

}  // namespace

bool is_keyword_text(std::string_view text) {
  text = trim(text);
  return !text.empty() && text[0] == '/' && keyword_at(text, 0).has_value();
}

InfoFields read_keyword_text(std::string_view text) {
  InfoFields out;
  std::vector<std::pair<std::size_t, std::string_view>> keys;
  for (std::size_t i = text.find('/'); i != std::string_view::npos;) {
    if (const auto key = keyword_at(text, i)) {
      keys.emplace_back(i, *key);
      i = text.find('/', i + key->size() + 2);
    } else {
      i = text.find('/', i + 1);
    }
  }
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const auto [at, key] = keys[k];
    const std::size_t start = at + key.size() + 2;
    const std::size_t end = k + 1 < keys.size() ? keys[k + 1].first : text.size();
    const std::string_view value = text.substr(start, end - start);
    if (key == "EREF") {
      out.end_to_end_id = without_notprovided(simple_value(value));
    } else if (key == "CNTP" || key == "BENM" || key == "ORDP") {
      take_party(value, out);
    } else if (key == "IBAN") {
      if (const std::string iban = normalize_code(simple_value(value)); !iban.empty())
        out.counterparty_iban = iban;
    } else if (key == "NAME") {
      if (const std::string name = collapse_spaces(simple_value(value)); !name.empty())
        out.counterparty_name = name;
    } else if (key == "REMI") {
      read_remittance(value, out);
    } else if (key == "MARF") {
      out.mandate_id = simple_value(value);
    } else if (key == "RTRN") {
      out.return_reason = normalize_code(first_word(simple_value(value)));
      if (!out.return_reason.empty()) out.returned = true;
    } else if (key == "RTYP") {
      out.returned = true;
    } else if (key == "PREF") {
      out.batch_reference = simple_value(value);
    } else if (key == "NRTX") {
      std::uint32_t n = 0;
      for (const char c : simple_value(value)) {
        if (!is_digit(c) || n > 100000000) break;
        n = n * 10 + static_cast<std::uint32_t>(c - '0');
      }
      out.batch_size = n;
    }
  }
  if (out.structured_reference.empty())
    out.structured_reference = find_structured_reference(out.remittance_text);
  return out;
}

std::string join_info_text(const std::vector<InfoLine>& lines) {
  return join_free_text(lines);
}

InfoFields read_mt940_info(const std::vector<InfoLine>& lines,
                           std::string_view customer_reference) {
  InfoFields out;
  if (lines.empty()) return out;
  const std::string direct = join_direct(lines);
  const std::string_view trimmed = trim(direct);
  if (is_keyword_text(trimmed)) {
    out = read_keyword_text(join_keyword_lines(lines, is_ing_style(trimmed)));
    return out;
  }
  if (trimmed.size() > 5 && is_digit(trimmed[0]) && is_digit(trimmed[1]) && is_digit(trimmed[2])) {
    if (trimmed[3] == '?') {
      read_german(trimmed, out);
      if (out.structured_reference.empty())
        out.structured_reference = find_structured_reference(out.remittance_text);
      return out;
    }
    if (trimmed[3] == '>') {
      read_triodos(trimmed, out);
      return out;
    }
  }
  const std::string text = join_free_text(lines);
  auto tokens = words(text);
  std::size_t skip = 0;
  if (tokens.size() > 1 && is_reason_code(tokens[0]) && looks_like_iban(tokens[1])) {
    out.return_reason = std::string(tokens[0]);  // ING IBP: a return's reason comes first
    out.returned = true;
    skip = 1;
  }
  if (tokens.size() > skip && looks_like_iban(tokens[skip])) {
    const std::string iban(tokens[skip]);
    if (normalize_code(customer_reference) != iban && tokens.size() > skip + 1 &&
        looks_like_bic(tokens[skip + 1])) {
      // ING IBP unstructured: IBAN, BIC, then name and texts with no marked boundaries.
      out.counterparty_iban = iban;
      out.remittance_text = std::string(after_words(text, skip + 2));
    } else {
      read_volksbank(lines, collapse_spaces(lines[0].text), out);
    }
  } else if (!read_labels(text, out)) {
    out.remittance_text = text;
  }
  if (out.structured_reference.empty()) out.structured_reference = find_structured_reference(text);
  return out;
}

}  // namespace pinc::feeds
