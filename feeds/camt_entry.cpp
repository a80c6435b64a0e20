#include "camt_entry.hpp"

#include <cctype>
#include <unordered_map>

#include "feed_amounts.hpp"
#include "feed_dates.hpp"
#include "feed_text.hpp"
#include "mt940_fields.hpp"

namespace pinc::feeds {

namespace {

enum class Field {
  ntry_ref,
  amount,
  credit,
  reversal,
  status,
  booking_date,
  value_date,
  acct_svcr_ref,
  batch_msg_id,
  batch_pmt_inf_id,
  batch_size,
  additional_info,
  // inside TxDtls
  d_amount,
  d_credit,
  d_tx_amount,
  d_instructed_amount,
  d_acct_svcr_ref,
  d_end_to_end_id,
  d_tx_id,
  d_mandate_id,
  d_uetr,
  d_pmt_inf_id,
  d_debtor_name,
  d_debtor_account,
  d_ultimate_debtor,
  d_creditor_name,
  d_creditor_account,
  d_ultimate_creditor,
  d_unstructured,
  d_ref,
  d_ref_code,
  d_ref_proprietary,
  d_ref_issuer,
  d_return_reason,
  d_return_info,
  d_additional_info
};

const std::unordered_map<std::string_view, Field>& entry_fields() {
  static const std::unordered_map<std::string_view, Field> fields = {
      {"NtryRef", Field::ntry_ref},
      {"Amt", Field::amount},
      {"CdtDbtInd", Field::credit},
      {"RvslInd", Field::reversal},
      {"Sts", Field::status},
      {"Sts/Cd", Field::status},  // .08 and later
      {"BookgDt/Dt", Field::booking_date},
      {"BookgDt/DtTm", Field::booking_date},
      {"ValDt/Dt", Field::value_date},
      {"ValDt/DtTm", Field::value_date},
      {"AcctSvcrRef", Field::acct_svcr_ref},
      {"NtryDtls/Btch/MsgId", Field::batch_msg_id},
      {"NtryDtls/Btch/PmtInfId", Field::batch_pmt_inf_id},
      {"NtryDtls/Btch/NbOfTxs", Field::batch_size},
      {"AddtlNtryInf", Field::additional_info},
  };
  return fields;
}

const std::unordered_map<std::string_view, Field>& detail_fields() {
  static const std::unordered_map<std::string_view, Field> fields = {
      {"Amt", Field::d_amount},  // .03 and later
      {"CdtDbtInd", Field::d_credit},
      {"AmtDtls/TxAmt/Amt", Field::d_tx_amount},
      {"AmtDtls/InstdAmt/Amt", Field::d_instructed_amount},
      {"Refs/AcctSvcrRef", Field::d_acct_svcr_ref},
      {"Refs/EndToEndId", Field::d_end_to_end_id},
      {"Refs/TxId", Field::d_tx_id},
      {"Refs/MndtId", Field::d_mandate_id},
      {"Refs/UETR", Field::d_uetr},
      {"Refs/PmtInfId", Field::d_pmt_inf_id},
      {"RltdPties/Dbtr/Nm", Field::d_debtor_name},
      {"RltdPties/Dbtr/Pty/Nm", Field::d_debtor_name},  // .08: Dbtr is Pty or Agt
      {"RltdPties/DbtrAcct/Id/IBAN", Field::d_debtor_account},
      {"RltdPties/DbtrAcct/Id/Othr/Id", Field::d_debtor_account},
      {"RltdPties/UltmtDbtr/Nm", Field::d_ultimate_debtor},
      {"RltdPties/UltmtDbtr/Pty/Nm", Field::d_ultimate_debtor},
      {"RltdPties/Cdtr/Nm", Field::d_creditor_name},
      {"RltdPties/Cdtr/Pty/Nm", Field::d_creditor_name},
      {"RltdPties/CdtrAcct/Id/IBAN", Field::d_creditor_account},
      {"RltdPties/CdtrAcct/Id/Othr/Id", Field::d_creditor_account},
      {"RltdPties/UltmtCdtr/Nm", Field::d_ultimate_creditor},
      {"RltdPties/UltmtCdtr/Pty/Nm", Field::d_ultimate_creditor},
      {"RmtInf/Ustrd", Field::d_unstructured},
      {"RmtInf/Strd/AddtlRmtInf", Field::d_unstructured},
      {"RmtInf/Strd/CdtrRefInf/Ref", Field::d_ref},
      {"RmtInf/Strd/CdtrRefInf/Tp/CdOrPrtry/Cd", Field::d_ref_code},
      {"RmtInf/Strd/CdtrRefInf/Tp/CdOrPrtry/Prtry", Field::d_ref_proprietary},
      {"RmtInf/Strd/CdtrRefInf/Tp/Issr", Field::d_ref_issuer},
      {"RtrInf/Rsn/Cd", Field::d_return_reason},
      {"RtrInf/Rsn/Prtry", Field::d_return_reason},
      {"RtrInf/AddtlInf", Field::d_return_info},
      {"AddtlTxInf", Field::d_additional_info},
  };
  return fields;
}

constexpr std::string_view kDetail = "NtryDtls/TxDtls";

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

FieldOutcome read_amount(CamtAmount& into, std::string_view path, std::string_view text,
                         std::string_view currency) {
  FieldOutcome outcome;
  auto parsed = parse_feed_amount(text, ".");
  if (!parsed) {
    outcome.error = std::string(path) + ": " + parsed.error().message;
    return outcome;
  }
  into.present = true;
  into.cents = parsed->cents;
  into.currency = std::string(currency);
  outcome.extra_zero_decimals = parsed->extra_zero_decimals;
  return outcome;
}

FieldOutcome read_credit(std::optional<bool>& into, std::string_view path, std::string_view text) {
  if (text == "CRDT") {
    into = true;
  } else if (text == "DBIT") {
    into = false;
  } else {
    return {std::string(path) + ": '" + std::string(text) + "' is not CRDT or DBIT"};
  }
  return {};
}

FieldOutcome read_date(std::optional<Date>& into, std::string_view path, std::string_view text) {
  auto date = parse_camt_date(text);
  if (!date) return {std::string(path) + ": " + date.error().message};
  into = *date;
  return {};
}

bool digits_only(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

// A creditor reference the matcher can use: a betalingskenmerk (Issr CUR, or bare digits of its
// length without any type) or an RF reference. Swiss QRR, Belgian BBA and others are not ours.
bool is_our_kind_of_reference(const CamtReference& r, const std::string& ref) {
  const std::string issuer = normalize_code(r.issuer);
  if (issuer == "CUR") return true;
  if (ref.rfind("RF", 0) == 0 && (issuer.empty() || issuer == "ISO") && r.proprietary.empty())
    return true;
  return issuer.empty() && r.proprietary.empty() && digits_only(ref) && ref.size() >= 7 &&
         ref.size() <= 16;
}

const CamtAmount* detail_amount(const CamtDetail& detail) {
  if (detail.amount.present) return &detail.amount;
  if (detail.tx_amount.present) return &detail.tx_amount;
  if (detail.instructed_amount.present) return &detail.instructed_amount;
  return nullptr;
}

void append(std::string& text, std::string_view more) {
  if (more.empty()) return;
  if (!text.empty()) text += ' ';
  text += more;
}

// Why the details of a batch entry cannot stand for it, or empty when they can.
std::string split_problem(const CamtEntry& entry) {
  Cents sum = 0;
  for (const CamtDetail& detail : entry.details) {
    const CamtAmount* amount = detail_amount(detail);
    if (!amount) return "carry no amounts of their own";
    if (amount->currency != entry.amount.currency)
      return "are in " + amount->currency + ", not the entry's " + entry.amount.currency;
    const bool same_way = detail.credit.value_or(*entry.credit) == *entry.credit;
    const auto next = same_way ? checked_add(sum, amount->cents) : checked_sub(sum, amount->cents);
    if (!next) return "add up to more than any amount";
    sum = *next;
  }
  if (sum != entry.amount.cents)
    return "add up to " + format_cents_plain(sum) + ", not the entry's " +
           format_cents_plain(entry.amount.cents);
  return {};
}

BankTransaction make_transaction(const CamtEntry& entry, const CamtDetail* detail,
                                 const EntryContext& context, const InfoFields& keyed) {
  BankTransaction t;
  t.format = context.format;
  t.message_version = context.version;
  t.account = context.account;
  t.statement_id = context.statement_id;
  t.entry_index = entry.number - 1;
  t.provisional = context.provisional;
  t.status = entry.status.empty() ? "BOOK" : entry.status;
  t.amount_cents = entry.amount.cents;
  t.currency = entry.amount.currency;
  t.credit = *entry.credit;
  t.booking_date = entry.booking_date;
  t.value_date = entry.value_date;
  t.bank_reference = !entry.acct_svcr_ref.empty() ? entry.acct_svcr_ref : entry.ntry_ref;
  t.batch_reference = !entry.batch_pmt_inf_id.empty() ? entry.batch_pmt_inf_id : entry.batch_msg_id;
  t.batch_size = entry.batch_size;
  std::string additional = collapse_spaces(entry.additional_info);

  if (detail) {
    if (!detail->acct_svcr_ref.empty()) t.bank_reference = detail->acct_svcr_ref;
    if (t.bank_reference.empty()) t.bank_reference = detail->tx_id;
    if (normalize_code(detail->end_to_end_id) != "NOTPROVIDED")
      t.end_to_end_id = std::string(trim(detail->end_to_end_id));
    t.uetr = lower(std::string(trim(detail->uetr)));
    t.mandate_id = std::string(trim(detail->mandate_id));
    // The counterparty is the payer for money in and the payee for money out; when a bank fills
    // only the other side (as ABN AMRO does for returns), that side, unless it is our account.
    const bool payer = t.credit;
    std::string name = payer ? detail->debtor_name : detail->creditor_name;
    if (name.empty()) name = payer ? detail->ultimate_debtor : detail->ultimate_creditor;
    std::string account = payer ? detail->debtor_account : detail->creditor_account;
    if (name.empty() && account.empty()) {
      const std::string other = payer ? detail->creditor_account : detail->debtor_account;
      if (normalize_code(other) != context.account) {
        name = payer ? detail->creditor_name : detail->debtor_name;
        account = other;
      }
    }
    t.counterparty_name = collapse_spaces(name);
    t.counterparty_iban = normalize_code(account);
    // Ustrd lines are up to 140 characters; one that is full was cut mid-word.
    std::vector<WrappedLine> lines;
    for (const std::string& line : detail->unstructured) lines.push_back({line, line.size()});
    std::string text = collapse_spaces(join_wrapped(lines, 140));
    for (const CamtReference& r : detail->references) {
      const std::string ref = normalize_reference(r.ref);
      if (ref.empty()) continue;
      if (t.structured_reference.empty() && is_our_kind_of_reference(r, ref))
        t.structured_reference = ref;
      else if (text.find(std::string(trim(r.ref))) == std::string::npos)
        append(text, trim(r.ref));
    }
    t.remittance_text = text;
    t.return_reason = normalize_code(detail->return_reason);
    if (t.batch_reference.empty() && !detail->pmt_inf_id.empty() && entry.details.size() > 1)
      t.batch_reference = detail->pmt_inf_id;
    const std::string tx_info = collapse_spaces(detail->additional_info);
    if (tx_info != additional) append(additional, tx_info);
    append(additional, collapse_spaces(detail->return_info));
  }
  // ABN AMRO repeats MT940 keywords in AddtlNtryInf: the only source when TxDtls is missing.
  auto fill = [](std::string& a, const std::string& b) {
    if (a.empty()) a = b;
  };
  fill(t.counterparty_name, keyed.counterparty_name);
  fill(t.counterparty_iban, keyed.counterparty_iban);
  fill(t.end_to_end_id, keyed.end_to_end_id);
  fill(t.mandate_id, keyed.mandate_id);
  fill(t.structured_reference, keyed.structured_reference);
  fill(t.remittance_text, keyed.remittance_text);
  fill(t.return_reason, keyed.return_reason);
  fill(t.batch_reference, keyed.batch_reference);
  if (t.batch_size == 0) t.batch_size = keyed.batch_size;
  if (t.structured_reference.empty())
    t.structured_reference = find_structured_reference(t.remittance_text);
  t.reversal = entry.reversal || keyed.returned || !t.return_reason.empty();
  t.additional_info = additional;
  return t;
}

}  // namespace

void open_entry_element(CamtEntry& entry, std::string_view path) {
  if (path == kDetail) {
    entry.details.emplace_back();
  } else if (!entry.details.empty() && path.size() > kDetail.size() &&
             path.substr(0, kDetail.size()) == kDetail &&
             path.substr(kDetail.size()) == "/RmtInf/Strd") {
    entry.details.back().references.emplace_back();
  }
}

FieldOutcome set_entry_field(CamtEntry& entry, std::string_view path, std::string_view raw,
                             std::string_view currency) {
  const std::string_view text = trim(raw);
  // An element with children ends with no text of its own ("Sts" around .08's "Sts/Cd"), and an
  // empty element says nothing: neither may overwrite what its children gave.
  if (text.empty()) return {};
  CamtDetail* detail = nullptr;
  Field field;
  if (path.size() > kDetail.size() + 1 && path.substr(0, kDetail.size()) == kDetail &&
      path[kDetail.size()] == '/') {
    const auto found = detail_fields().find(path.substr(kDetail.size() + 1));
    if (found == detail_fields().end() || entry.details.empty()) return {};
    detail = &entry.details.back();
    field = found->second;
  } else {
    const auto found = entry_fields().find(path);
    if (found == entry_fields().end()) return {};
    field = found->second;
  }
  auto reference = [&]() -> CamtReference& {
    if (detail->references.empty()) detail->references.emplace_back();
    return detail->references.back();
  };
  switch (field) {
    case Field::ntry_ref:
      entry.ntry_ref = text;
      break;
    case Field::amount:
      return read_amount(entry.amount, path, text, currency);
    case Field::credit:
      return read_credit(entry.credit, path, text);
    case Field::reversal:
      entry.reversal = text == "true" || text == "1";
      break;
    case Field::status:
      entry.status = text;
      break;
    case Field::booking_date:
      return read_date(entry.booking_date, path, text);
    case Field::value_date:
      return read_date(entry.value_date, path, text);
    case Field::acct_svcr_ref:
      entry.acct_svcr_ref = text;
      break;
    case Field::batch_msg_id:
      entry.batch_msg_id = text;
      break;
    case Field::batch_pmt_inf_id:
      entry.batch_pmt_inf_id = text;
      break;
    case Field::batch_size:
      entry.batch_size = digits_only(text) && text.size() < 9
                             ? static_cast<std::uint32_t>(std::stoul(std::string(text)))
                             : 0;
      break;
    case Field::additional_info:
      append(entry.additional_info, text);
      break;
    case Field::d_amount:
      return read_amount(detail->amount, path, text, currency);
    case Field::d_credit:
      return read_credit(detail->credit, path, text);
    case Field::d_tx_amount:
      return read_amount(detail->tx_amount, path, text, currency);
    case Field::d_instructed_amount:
      return read_amount(detail->instructed_amount, path, text, currency);
    case Field::d_acct_svcr_ref:
      detail->acct_svcr_ref = text;
      break;
    case Field::d_end_to_end_id:
      detail->end_to_end_id = text;
      break;
    case Field::d_tx_id:
      detail->tx_id = text;
      break;
    case Field::d_mandate_id:
      detail->mandate_id = text;
      break;
    case Field::d_uetr:
      detail->uetr = text;
      break;
    case Field::d_pmt_inf_id:
      detail->pmt_inf_id = text;
      break;
    case Field::d_debtor_name:
      detail->debtor_name = text;
      break;
    case Field::d_debtor_account:
      detail->debtor_account = text;
      break;
    case Field::d_ultimate_debtor:
      detail->ultimate_debtor = text;
      break;
    case Field::d_creditor_name:
      detail->creditor_name = text;
      break;
    case Field::d_creditor_account:
      detail->creditor_account = text;
      break;
    case Field::d_ultimate_creditor:
      detail->ultimate_creditor = text;
      break;
    case Field::d_unstructured:
      detail->unstructured.emplace_back(raw);
      break;
    case Field::d_ref:
      reference().ref = text;
      break;
    case Field::d_ref_code:
      reference().code = text;
      break;
    case Field::d_ref_proprietary:
      reference().proprietary = text;
      break;
    case Field::d_ref_issuer:
      reference().issuer = text;
      break;
    case Field::d_return_reason:
      detail->return_reason = text;
      break;
    case Field::d_return_info:
      append(detail->return_info, text);
      break;
    case Field::d_additional_info:
      append(detail->additional_info, text);
      break;
  }
  return {};
}

void deliver_entry(const CamtEntry& entry, const EntryContext& context, SummaryBuilder& summary,
                   const TransactionCallback& each) {
  const std::string where =
      "entry " + std::to_string(entry.number) + " (line " + std::to_string(entry.line) + ")";
  const InfoFields keyed = is_keyword_text(entry.additional_info)
                               ? read_keyword_text(entry.additional_info)
                               : InfoFields{};
  const std::size_t details = entry.details.size();
  bool split = false;
  if (details >= 2) {
    const std::string problem = split_problem(entry);
    split = problem.empty();
    if (!split)
      summary.warn("details", where + ": its " + std::to_string(details) + " TxDtls " + problem +
                                  "; delivered as one transaction of " +
                                  format_cents_plain(entry.amount.cents) + " " +
                                  entry.amount.currency);
  }
  if (!split) {
    BankTransaction t =
        make_transaction(entry, details == 1 ? &entry.details[0] : nullptr, context, keyed);
    if (details >= 2 && t.batch_size == 0) t.batch_size = static_cast<std::uint32_t>(details);
    if (t.amount_cents == 0) {
      summary.warn("zero", where + ": amount 0.00, nothing to deliver");
      return;
    }
    summary.add_transaction();
    each(t);
    return;
  }
  for (std::size_t i = 0; i < details; ++i) {
    const CamtDetail& detail = entry.details[i];
    BankTransaction t = make_transaction(entry, &detail, context, keyed);
    const CamtAmount* amount = detail_amount(detail);
    t.amount_cents = amount->cents;
    t.credit = detail.credit.value_or(*entry.credit);
    t.detail_index = static_cast<std::uint32_t>(i);
    t.detail_count = static_cast<std::uint32_t>(details);
    if (t.batch_size == 0) t.batch_size = static_cast<std::uint32_t>(details);
    if (t.amount_cents == 0) {
      summary.warn("zero", where + ": TxDtls " + std::to_string(i + 1) +
                               " has amount 0.00, nothing to deliver");
      continue;
    }
    summary.add_transaction();
    each(t);
  }
}

}  // namespace pinc::feeds
