#pragma once
// Writes camt.053.001.02 statements and camt.054.001.02 notifications, in the element order of
// the ISO schema, with balances that reconcile: for tests and the bench, which need bank files
// that name pincd's own dossiers.
#include <cstdint>
#include <string>
#include <vector>

namespace pinc::feeds {

struct CamtEntry {
  std::int64_t cents = 0;
  bool credit = true;
  std::string booked = "2026-03-02";  // YYYY-MM-DD
  std::string currency = "EUR";
  std::string end_to_end = "NOTPROVIDED";
  std::string payer_name = "J. Jansen";
  std::string payer_iban = "NL20INGB0001234567";
  std::string kenmerk;     // a structured reference (SCOR, issuer CUR), if any
  std::string remittance;  // unstructured text, if any
  bool reversal = false;
  std::string return_reason;  // RtrInf/Rsn/Cd
};

inline std::string camt_amount(std::int64_t cents) {
  const std::string fraction = std::to_string(cents % 100);
  return std::to_string(cents / 100) + "." + (fraction.size() == 1 ? "0" : "") + fraction;
}

inline std::string camt_entry(const CamtEntry& e, std::size_t index) {
  std::string x;
  x += "<Ntry><Amt Ccy=\"" + e.currency + "\">" + camt_amount(e.cents) + "</Amt>";
  x += std::string("<CdtDbtInd>") + (e.credit ? "CRDT" : "DBIT") + "</CdtDbtInd>";
  if (e.reversal) x += "<RvslInd>true</RvslInd>";
  x += "<Sts>BOOK</Sts><BookgDt><Dt>" + e.booked + "</Dt></BookgDt><ValDt><Dt>" + e.booked +
       "</Dt></ValDt>";
  x += "<AcctSvcrRef>BANK-" + std::to_string(index) + "</AcctSvcrRef>";
  x += "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>"
       "</BkTxCd>";
  x += "<NtryDtls><TxDtls><Refs><EndToEndId>" + e.end_to_end + "</EndToEndId></Refs>";
  x += "<AmtDtls><TxAmt><Amt Ccy=\"" + e.currency + "\">" + camt_amount(e.cents) +
       "</Amt></TxAmt></AmtDtls>";
  x += "<RltdPties><Dbtr><Nm>" + e.payer_name + "</Nm></Dbtr><DbtrAcct><Id><IBAN>" + e.payer_iban +
       "</IBAN></Id></DbtrAcct></RltdPties>";
  if (!e.kenmerk.empty() || !e.remittance.empty()) {
    x += "<RmtInf>";
    if (!e.remittance.empty()) x += "<Ustrd>" + e.remittance + "</Ustrd>";
    if (!e.kenmerk.empty())
      x += "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>CUR</Issr></Tp>"
           "<Ref>" +
           e.kenmerk + "</Ref></CdtrRefInf></Strd>";
    x += "</RmtInf>";
  }
  if (!e.return_reason.empty()) x += "<RtrInf><Rsn><Cd>" + e.return_reason + "</Cd></Rsn></RtrInf>";
  x += "</TxDtls></NtryDtls></Ntry>\n";
  return x;
}

inline std::string camt_balance(const std::string& code, std::int64_t cents,
                                const std::string& day) {
  return "<Bal><Tp><CdOrPrtry><Cd>" + code + "</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">" +
         camt_amount(cents < 0 ? -cents : cents) + "</Amt><CdtDbtInd>" +
         (cents < 0 ? "DBIT" : "CRDT") + "</CdtDbtInd><Dt><Dt>" + day + "</Dt></Dt></Bal>\n";
}

// A camt.053 statement of `account` with `entries`, opening at 1,000.00 EUR.
inline std::string camt053(const std::string& statement_id, const std::string& account,
                           const std::vector<CamtEntry>& entries,
                           const std::string& day = "2026-03-02") {
  std::int64_t closing = 100000;
  for (const CamtEntry& e : entries)
    if (e.currency == "EUR") closing += e.credit ? e.cents : -e.cents;
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n"
      "<BkToCstmrStmt><GrpHdr><MsgId>MSG-" +
      statement_id + "</MsgId><CreDtTm>" + day + "T18:00:00</CreDtTm></GrpHdr>\n<Stmt><Id>" +
      statement_id + "</Id><CreDtTm>" + day + "T18:00:00</CreDtTm><Acct><Id><IBAN>" + account +
      "</IBAN></Id><Ccy>EUR</Ccy></Acct>\n";
  x += camt_balance("OPBD", 100000, day) + camt_balance("CLBD", closing, day);
  for (std::size_t i = 0; i < entries.size(); ++i) x += camt_entry(entries[i], i);
  x += "</Stmt></BkToCstmrStmt></Document>\n";
  return x;
}

// A camt.054 credit notification of `account` with `entries` (no balances).
inline std::string camt054(const std::string& notification_id, const std::string& account,
                           const std::vector<CamtEntry>& entries,
                           const std::string& day = "2026-03-02") {
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.02\">\n"
      "<BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>MSG-" +
      notification_id + "</MsgId><CreDtTm>" + day + "T12:00:00</CreDtTm></GrpHdr>\n<Ntfctn><Id>" +
      notification_id + "</Id><CreDtTm>" + day + "T12:00:00</CreDtTm><Acct><Id><IBAN>" + account +
      "</IBAN></Id><Ccy>EUR</Ccy></Acct>\n";
  for (std::size_t i = 0; i < entries.size(); ++i) x += camt_entry(entries[i], i);
  x += "</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>\n";
  return x;
}

}  // namespace pinc::feeds
