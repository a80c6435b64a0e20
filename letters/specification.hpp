#pragma once
// The claim specification every letter carries (Wki: a clear specification of principal, costs,
// interest and payments on every debtor communication, NL-RULES 2.5). Built by code, never by a
// template, so that no agency or creditor text can leave a figure out. The PDF draws it as a table,
// the e-mail as aligned text.
#include <string>
#include <vector>

#include "letter.hpp"

namespace pinc::letters {

struct SpecificationLine {
  std::string label, value;
  bool total = false;  // drawn emphasised
};

struct Specification {
  std::string title;
  std::vector<std::string> invoice_columns;            // number, date, due, amount, open
  std::vector<std::vector<std::string>> invoice_rows;  // in the same order
  std::string payments_title;
  std::vector<SpecificationLine> payments;  // date, amount; or one line saying there are none
  std::vector<SpecificationLine> amounts;   // principal, costs, interest, total
  std::vector<SpecificationLine> payment_details;  // IBAN, reference, pay-by, announced costs
};

Specification specification(const Letter& letter);

}  // namespace pinc::letters
