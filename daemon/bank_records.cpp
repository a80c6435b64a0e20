#include "bank_records.hpp"

#include <array>

#include "rpc_support.hpp"

namespace pinc {

namespace {

using rpc::text;

// Day numbers as the schema has them: 0 for none.
std::int32_t day_or_zero(const std::optional<Date>& date) {
  return date ? rpc::day(*date) : 0;
}
std::optional<Date> day_of(std::int32_t number) {
  if (number == 0) return std::nullopt;
  return rpc::date_of(number);
}

constexpr std::array<feeds::FileFormat, 5> kFormats = {
    feeds::FileFormat::camt053, feeds::FileFormat::camt054, feeds::FileFormat::camt052,
    feeds::FileFormat::mt940, feeds::FileFormat::mt942};

}  // namespace

void write_bank_transaction(schema::BankTransaction::Builder out, const feeds::BankTransaction& t) {
  out.setFormat(std::string(feeds::to_string(t.format)));
  out.setAccount(t.account);
  out.setStatementId(t.statement_id);
  out.setEntryIndex(t.entry_index);
  out.setDetailIndex(t.detail_index);
  out.setProvisional(t.provisional);
  out.setStatus(t.status);
  out.setAmountCents(t.amount_cents);
  out.setCurrency(t.currency);
  out.setCredit(t.credit);
  out.setReversal(t.reversal);
  out.setReturnReason(t.return_reason);
  out.setBookingDate(day_or_zero(t.booking_date));
  out.setValueDate(day_or_zero(t.value_date));
  out.setBankReference(t.bank_reference);
  out.setEndToEndId(t.end_to_end_id);
  out.setUetr(t.uetr);
  out.setMandateId(t.mandate_id);
  out.setCounterpartyName(t.counterparty_name);
  out.setCounterpartyIban(t.counterparty_iban);
  out.setStructuredReference(t.structured_reference);
  out.setRemittanceText(t.remittance_text);
  out.setAdditionalInfo(t.additional_info);
}

Result<feeds::BankTransaction> read_bank_transaction(schema::BankTransaction::Reader in) {
  feeds::BankTransaction t;
  const std::string format = text(in.getFormat());
  bool known = false;
  for (const feeds::FileFormat candidate : kFormats)
    if (feeds::to_string(candidate) == format) t.format = candidate, known = true;
  if (!known) return make_error("format", "'" + format + "' is not camt.053/054/052 or mt940/942");
  if (in.getAmountCents() <= 0)
    return make_error("amount_cents", std::to_string(in.getAmountCents()) + " is not above 0");
  t.currency = text(in.getCurrency());
  if (t.currency.size() != 3) return make_error("currency", "'" + t.currency + "' is not ISO 4217");
  t.account = text(in.getAccount());
  t.statement_id = text(in.getStatementId());
  t.entry_index = in.getEntryIndex();
  t.detail_index = in.getDetailIndex();
  t.provisional = in.getProvisional();
  t.status = text(in.getStatus());
  if (t.status.empty()) t.status = "BOOK";
  t.amount_cents = in.getAmountCents();
  t.credit = in.getCredit();
  t.reversal = in.getReversal();
  t.return_reason = text(in.getReturnReason());
  t.booking_date = day_of(in.getBookingDate());
  t.value_date = day_of(in.getValueDate());
  t.bank_reference = text(in.getBankReference());
  t.end_to_end_id = text(in.getEndToEndId());
  t.uetr = text(in.getUetr());
  t.mandate_id = text(in.getMandateId());
  t.counterparty_name = text(in.getCounterpartyName());
  t.counterparty_iban = text(in.getCounterpartyIban());
  t.structured_reference = text(in.getStructuredReference());
  t.remittance_text = text(in.getRemittanceText());
  t.additional_info = text(in.getAdditionalInfo());
  return t;
}

}  // namespace pinc
