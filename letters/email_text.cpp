#include "email_text.hpp"

#include "letter_format.hpp"
#include "paragraphs.hpp"
#include "specification.hpp"

namespace pinc::letters {

namespace {

constexpr std::size_t kLabelWidth = 26;  // the value column of the specification

// "label      value", the value in its column; a label too long for it gets a line of its own.
void add_pair(std::string& out, std::size_t indent, const std::string& label,
              const std::string& value) {
  std::string line(indent, ' ');
  line += label;
  if (!value.empty()) {
    const std::size_t used = utf8_length(line);
    if (used + 1 > kLabelWidth) {
      out += line + "\n";
      line = std::string(kLabelWidth, ' ');
    } else {
      line += std::string(kLabelWidth - used, ' ');
    }
    // The value wraps under its own column.
    const auto wrapped = wrap_text(value, kEmailLineWidth - kLabelWidth);
    for (std::size_t i = 0; i < wrapped.size(); ++i) {
      if (i > 0) line = std::string(kLabelWidth, ' ');
      out += line + wrapped[i] + "\n";
    }
    return;
  }
  out += line + "\n";
}

void add_wrapped(std::string& out, const std::string& text, std::string_view first_prefix,
                 std::string_view next_prefix) {
  const auto lines = wrap_text(text, kEmailLineWidth - utf8_length(first_prefix));
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += std::string(i == 0 ? first_prefix : next_prefix) + lines[i] + "\n";
}

}  // namespace

std::string specification_text(const Letter& letter) {
  const Specification spec = specification(letter);
  std::string out = spec.title + "\n" + std::string(utf8_length(spec.title), '=') + "\n";
  // One block per invoice: five columns do not fit 78 characters with Dutch long dates.
  for (const auto& row : spec.invoice_rows) {
    out += spec.invoice_columns[0] + " " + row[0] + "\n";
    for (std::size_t column = 1; column < row.size(); ++column)
      add_pair(out, 2, spec.invoice_columns[column], row[column]);
  }
  out += spec.payments_title + "\n";
  for (const SpecificationLine& payment : spec.payments)
    add_pair(out, 2, payment.label, payment.value);
  out += "\n";
  for (const SpecificationLine& line : spec.amounts) add_pair(out, 0, line.label, line.value);
  out += "\n";
  for (const SpecificationLine& line : spec.payment_details)
    add_pair(out, 0, line.label, line.value);
  return out;
}

std::string email_text(const Letter& letter, const RenderedText& text) {
  std::string out;
  for (const Paragraph& paragraph : paragraphs(text.body)) {
    for (const BodyLine& line : paragraph) {
      if (line.item)
        add_wrapped(out, line.text, "- ", "  ");
      else
        add_wrapped(out, line.text, "", "");
    }
    out += "\n";
  }
  out += specification_text(letter);

  // The sender as the letterhead gives it, below the conventional signature separator.
  const Agency& agency = letter.agency;
  out += "\n-- \n";
  add_wrapped(out, agency.name, "", "");
  if (const std::string address = one_line_address(agency.address); !address.empty())
    add_wrapped(out, address, "", "");
  std::string contact = agency.phone;
  for (const std::string* part : {&agency.email, &agency.website})
    if (!part->empty()) contact += (contact.empty() ? "" : " | ") + *part;
  if (!contact.empty()) add_wrapped(out, contact, "", "");
  if (!agency.registration.empty())
    add_wrapped(out,
                (is_english(letter.language) ? "Registered with Justis (Wki) under number "
                                             : "Ingeschreven bij Justis (Wki) onder nummer ") +
                    agency.registration,
                "", "");
  return out;
}

}  // namespace pinc::letters
