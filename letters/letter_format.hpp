#pragma once
// How a figure reads in a letter's language: amounts, dates, IBANs and the address block. Shared by
// the template data, the specification, the e-mail text and the PDF so that each figure is written
// the same way everywhere a debtor may compare them.
#include <string>
#include <string_view>
#include <vector>

#include "letter.hpp"

namespace pinc::letters {

bool is_english(std::string_view language);  // anything else is written in Dutch

std::string format_amount(Cents cents, std::string_view language);  // "€ 1.234,56" / "€1,234.56"
std::string format_letter_date(Date date, std::string_view language);  // "2 februari 2026"
std::string group_iban(std::string_view iban);  // "NL91 ABNA 0417 1643 00", for reading aloud

// The postal address block, one line per entry: name, street, "1234 AB  CITY", country when abroad.
std::vector<std::string> address_lines(const Recipient& recipient);
std::string one_line_address(const Address& address);  // "Street 1, 1234 AB City"

}  // namespace pinc::letters
