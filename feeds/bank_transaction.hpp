#pragma once
// One payment as a bank reported it, normalized across camt.053, camt.054 and MT940/MT942
// (../shared/domain/BANK-FEEDS.md): amounts in integer cents, dates as days, references and IBANs
// without spaces and upper-cased. The parsers produce these; matching and applying consume them.
#include <cstdint>
#include <optional>
#include <string>

#include "date.hpp"
#include "money.hpp"

namespace pinc::feeds {

enum class FileFormat : std::uint8_t { camt053, camt054, camt052, mt940, mt942 };
std::string_view to_string(FileFormat format);  // "camt.053", "mt940", ...

struct BankTransaction {
  // Where it stands in the file.
  FileFormat format = FileFormat::camt053;
  std::string message_version;     // the camt namespace's version ("001.02"), empty for MT940
  std::string account;             // the statement's account: IBAN, or the bank's account id
  std::string statement_id;        // camt Stmt/Id or Ntfctn/Id; MT940 :20: + "/" + :28C:
  std::uint64_t entry_index = 0;   // 0-based position of its entry (Ntry, :61:) in the file
  std::uint32_t detail_index = 0;  // 0-based position of its TxDtls inside the entry
  std::uint32_t detail_count = 1;  // how many transactions the entry was split into
  bool provisional = false;        // camt.052/054 and MT942: a notification, not a statement
  std::string status;              // camt Ntry/Sts (BOOK, PDNG, INFO); "BOOK" for MT940

  // Money: the transaction's own amount (the TxDtls amount of a split batch, else the entry's).
  Cents amount_cents = 0;     // > 0; the direction is `credit`
  std::string currency;       // ISO 4217, e.g. "EUR"
  bool credit = true;         // money in (CRDT, C, RD)
  bool reversal = false;      // RvslInd=true, RC/RD, or a return with a reason code
  std::string return_reason;  // RtrInf/Rsn/Cd or /RTRN/ (AC04, MD06, MS03, ...), empty if none
  std::optional<Date> booking_date, value_date;

  // References.
  std::string bank_reference;  // AcctSvcrRef / NtryRef / the :61: reference after "//"
  std::string end_to_end_id;   // empty when absent or NOTPROVIDED
  std::string uetr;            // camt .08+ Refs/UETR, lower-case UUID
  std::string mandate_id;
  std::string counterparty_name;
  std::string counterparty_iban;     // normalized; may be a non-IBAN account number
  std::string structured_reference;  // betalingskenmerk digits or an RF reference, normalized
  std::string remittance_text;       // unstructured remittance, wrapped lines joined
  std::string additional_info;       // AddtlNtryInf / leftover :86: text, for operators

  // A collective booking (added with the parsers): the bank's batch id (camt Btch/PmtInfId or
  // MsgId, MT940 /PREF/) and how many payments the bank says the entry holds (Btch/NbOfTxs,
  // /NRTX/); 0 and empty for a single payment. An entry with batch_size > 1 and detail_count 1
  // was not split (the bank gave no per-payment amounts): its amount is the batch total.
  std::string batch_reference;
  std::uint32_t batch_size = 0;
};

}  // namespace pinc::feeds
