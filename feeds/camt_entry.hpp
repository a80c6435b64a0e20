#pragma once
// One camt entry (Ntry) as read, and the transactions it gives (BANK-FEEDS.md 2-5): a batch entry
// whose TxDtls carry amounts that add up to the entry's is split into one transaction per TxDtls;
// otherwise the entry is one transaction with the entry's own amount.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bank_file.hpp"
#include "feed_summary.hpp"

namespace pinc::feeds {

struct CamtAmount {
  bool present = false;
  Cents cents = 0;
  std::string currency;
};

struct CamtReference {  // RmtInf/Strd/CdtrRefInf
  std::string code, proprietary, issuer, ref;
};

struct CamtDetail {  // NtryDtls/TxDtls
  CamtAmount amount, tx_amount, instructed_amount;
  std::optional<bool> credit;
  std::string acct_svcr_ref, end_to_end_id, tx_id, mandate_id, uetr, pmt_inf_id;
  std::string debtor_name, debtor_account, ultimate_debtor;
  std::string creditor_name, creditor_account, ultimate_creditor;
  std::vector<std::string> unstructured;
  std::vector<CamtReference> references;
  std::string return_reason, return_info, additional_info;
};

struct CamtEntry {
  std::uint64_t number = 0, line = 0;  // 1-based position in the file; where it starts
  CamtAmount amount;
  std::optional<bool> credit;
  bool reversal = false;
  std::string status;
  std::optional<Date> booking_date, value_date;
  std::string ntry_ref, acct_svcr_ref, additional_info;
  std::string batch_msg_id, batch_pmt_inf_id;
  std::uint32_t batch_size = 0;
  std::vector<CamtDetail> details;
};

// An element inside Ntry opens (`path` relative to Ntry, e.g. "NtryDtls/TxDtls"): new details and
// references start here.
void open_entry_element(CamtEntry& entry, std::string_view path);

struct FieldOutcome {
  std::string error;  // what is wrong with the value, naming the element; empty if fine
  bool extra_zero_decimals = false;
};
// The text of an element inside Ntry; `currency` is its Ccy attribute, if any.
FieldOutcome set_entry_field(CamtEntry& entry, std::string_view path, std::string_view text,
                             std::string_view currency);

struct EntryContext {
  FileFormat format = FileFormat::camt053;
  std::string version, account, statement_id;
  bool provisional = false;
};

// The entry's transactions, to `each`; warnings (an unsplit batch, a zero amount) to `summary`.
void deliver_entry(const CamtEntry& entry, const EntryContext& context, SummaryBuilder& summary,
                   const TransactionCallback& each);

}  // namespace pinc::feeds
