#pragma once
// The MT940 :86: field ("information to account owner") in the dialects of the Dutch banks
// (BANK-FEEDS.md 7, 8 and 13), told apart by content, not by bank name:
//   keywords  /EREF/../CNTP/iban/bic/name/city//REMI/USTD//text/ (ING, Triodos IBAN-era),
//             /TRTP/../IBAN/../NAME/../REMI/../EREF/.. (ABN AMRO, Knab, Van Lanschot, bunq,
//             and ABN's camt AddtlNtryInf), /BENM//NAME/ and /ORDP//NAME/ (Rabobank);
//   ASN/SNS   counterparty IBAN and name on the first line, then 65-column padded text;
//   ING IBP   "[reason] IBAN BIC name ... text" free text;
//   labels    "IBAN: .. NAAM: .. OMSCHRIJVING: .." (ABN legacy), "REK: ../NAAM: .." (Knab legacy);
//   subfields German ?20..?33 and Triodos legacy >10..>31;
//   anything else is remittance text, searched for a betalingskenmerk or RF reference.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "feed_text.hpp"

namespace pinc::feeds {

struct InfoFields {
  std::string counterparty_name, counterparty_iban;
  std::string end_to_end_id, mandate_id, structured_reference, remittance_text;
  std::string return_reason, batch_reference;
  std::uint32_t batch_size = 0;
  bool returned = false;  // /RTYP/ (ABN's R-transactions) or a reason code
};

// One physical line of a :86: field; `new_tag` marks the first line of a second :86: tag (old
// Rabobank files give a transaction several), `width` counts the ":86:" in front of a first line.
struct InfoLine {
  std::string text;
  std::size_t width = 0;
  bool new_tag = false;
};

// The :86: lines of one statement line; `customer_reference` is the :61: reference (ASN and SNS
// put the counterparty IBAN there).
InfoFields read_mt940_info(const std::vector<InfoLine>& lines, std::string_view customer_reference);

// The :86: lines as one text for people (a space where a line ended early), for additional_info.
std::string join_info_text(const std::vector<InfoLine>& lines);

// Whether `text` is in the keyword form, and its fields.
bool is_keyword_text(std::string_view text);
InfoFields read_keyword_text(std::string_view text);

}  // namespace pinc::feeds
