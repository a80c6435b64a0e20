#include "pdf_layout.hpp"

#include <algorithm>

#include "letter_format.hpp"
#include "paragraphs.hpp"
#include "pdf_letter.hpp"
#include "specification.hpp"

namespace pinc::letters {

namespace {

constexpr TextStyle kBody{10, false};
constexpr TextStyle kBold{10, true};
constexpr TextStyle kSmall{8, false};
constexpr TextStyle kTiny{7, false};
constexpr TextStyle kTable{9, false};
constexpr TextStyle kTableBold{9, true};
constexpr TextStyle kName{15, true};
constexpr float kLeading = 13.5f;  // body line distance, points
constexpr float kTableLeading = 12.5f;
constexpr float kParagraphGap = 6.0f;

const float kLeft = mm(20);
const float kRight = mm(190);
const float kBottom = mm(25);  // content stops here; the footer lives below

// Where the next line goes, and a new page when it does not fit.
class Cursor {
 public:
  Cursor(PdfDocument& pdf, const Letter& letter) : pdf_(pdf), letter_(letter) {}

  PdfDocument& pdf() { return pdf_; }
  HPDF_Page page() const { return page_; }
  float y() const { return y_; }
  std::size_t pages() const { return pages_; }

  // The letter's first page; its text starts below the window, `top_mm` from the top.
  void first_page(float top_mm) {
    page_ = pdf_.add_page();
    ++pages_;
    y_ = pdf_.page_height() - mm(top_mm);
  }
  // Room for `height` points below the current line, else continue on a new page.
  void need(float height) {
    if (y_ - height >= kBottom) return;
    page_ = pdf_.add_page();
    ++pages_;
    const float top = pdf_.page_height() - mm(15);
    pdf_.text(page_, kLeft, top, kSmall,
              letter_.agency.name + " \xC2\xB7 " + (english() ? "file " : "dossier ") +
                  std::to_string(letter_.dossier) + (english() ? " (continued)" : " (vervolg)"));
    y_ = top - mm(10);
  }
  void down(float height) { y_ -= height; }
  bool english() const { return is_english(letter_.language); }

 private:
  PdfDocument& pdf_;
  const Letter& letter_;
  HPDF_Page page_ = nullptr;
  float y_ = 0;
  std::size_t pages_ = 0;
};

// Word wrap by the font's widths. Each word is measured once (base-14 widths add up, no
// kerning), so a paragraph costs linear time: a print batch wraps thousands of them.
std::vector<std::string> wrap(PdfDocument& pdf, const TextStyle& style, std::string_view text,
                              float width) {
  std::vector<std::string> lines;
  std::string line;
  float line_width = 0;
  const float space = pdf.width(style, " ");
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = start + next_word_end(text.substr(start));
    const std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    const float word_width = pdf.width(style, word);
    if (line.empty()) {
      line = word;
      line_width = word_width;
    } else if (line_width + space + word_width <= width) {
      line += ' ';
      line += word;
      line_width += space + word_width;
    } else {
      lines.push_back(std::move(line));
      line = word;
      line_width = word_width;
    }
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

float from_top(PdfDocument& pdf, float millimetres) {
  return pdf.page_height() - mm(millimetres);
}

void letterhead(PdfDocument& pdf, HPDF_Page page, const Letter& letter) {
  const Agency& agency = letter.agency;
  const bool english = is_english(letter.language);
  float y = from_top(pdf, 15) - 12;
  pdf.text_right(page, kRight, y, kName, agency.name);
  y -= 12;
  for (const std::string& line :
       {one_line_address(agency.address),
        agency.phone.empty() ? std::string() : (english ? "Phone " : "Tel. ") + agency.phone,
        agency.email, agency.website,
        (english ? "Justis registration (Wki) " : "Justis-registratie (Wki) ") +
            agency.registration}) {
    if (line.empty()) continue;
    pdf.text_right(page, kRight, y, kSmall, line);
    y -= 9.5f;
  }
}

// The return line and the address, inside the envelope's window.
void window_address(PdfDocument& pdf, HPDF_Page page, const Letter& letter) {
  const float left = mm(kWindowLeftMm);
  const float window_right = mm(kWindowLeftMm + kWindowWidthMm);
  std::string sender = letter.agency.name;
  if (const std::string address = one_line_address(letter.agency.address); !address.empty())
    sender += " \xC2\xB7 " + address;
  // Small enough to fit the window's width; the post reads it only when the letter comes back.
  TextStyle style = kTiny;
  while (style.size > 5 && pdf.width(style, sender) > window_right - left) style.size -= 0.5f;
  const float return_line = from_top(pdf, kAddressTopMm - 1.5f);
  pdf.text(page, left, return_line, style, sender);
  pdf.line(page, left, return_line - 1.5f, left + pdf.width(style, sender), return_line - 1.5f,
           0.3f);

  float y = from_top(pdf, kAddressTopMm) - 10;
  const float bottom = from_top(pdf, kAddressTopMm + kAddressHeightMm);
  for (const std::string& line : address_lines(letter.recipient)) {
    if (y < bottom) break;  // a longer address would show outside the window
    TextStyle fitted = kBody;
    while (fitted.size > 7 && pdf.width(fitted, line) > window_right - left - mm(2))
      fitted.size -= 0.5f;
    pdf.text(page, left, y, fitted, line);
    y -= 12.5f;
  }
}

void heading(Cursor& cursor, const Letter& letter, const RenderedText& text) {
  PdfDocument& pdf = cursor.pdf();
  const bool english = cursor.english();
  const std::string place = letter.agency.address.city;
  const std::string date = format_letter_date(letter.letter_date, letter.language);
  pdf.text(cursor.page(), kLeft, cursor.y(), kBody, place.empty() ? date : place + ", " + date);
  cursor.down(kLeading * 2);
  const std::string label = english ? "Subject: " : "Betreft: ";
  const float indent = pdf.width(kBold, label);
  const auto lines = wrap(pdf, kBold, text.subject, kRight - kLeft - indent);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i == 0) pdf.text(cursor.page(), kLeft, cursor.y(), kBold, label);
    pdf.text(cursor.page(), kLeft + indent, cursor.y(), kBold, lines[i]);
    cursor.down(kLeading);
  }
  std::string references = (english ? "File " : "Dossier ") + std::to_string(letter.dossier);
  if (!letter.payment_reference.empty())
    references += (english ? " \xC2\xB7 payment reference " : " \xC2\xB7 betalingskenmerk ") +
                  letter.payment_reference;
  pdf.text(cursor.page(), kLeft + indent, cursor.y(), kBody, references);
  cursor.down(kLeading * 2.5f);
}

void body(Cursor& cursor, const RenderedText& text) {
  PdfDocument& pdf = cursor.pdf();
  const float bullet_indent = mm(5);
  for (const Paragraph& paragraph : paragraphs(text.body)) {
    for (const BodyLine& line : paragraph) {
      const float x = line.item ? kLeft + bullet_indent : kLeft;
      const auto lines = wrap(pdf, kBody, line.text, kRight - x);
      for (std::size_t i = 0; i < lines.size(); ++i) {
        cursor.need(kLeading);
        if (line.item && i == 0)
          pdf.text(cursor.page(), kLeft + mm(1), cursor.y(), kBody, "\u2022");
        pdf.text(cursor.page(), x, cursor.y(), kBody, lines[i]);
        cursor.down(kLeading);
      }
    }
    cursor.down(kParagraphGap);
  }
}

// The specification as a table: invoices, payments, amounts, and how to pay.
void specification_table(Cursor& cursor, const Letter& letter) {
  PdfDocument& pdf = cursor.pdf();
  const Specification spec = specification(letter);
  // Column x positions: three left-aligned, two right-aligned at their right edge.
  const float number_x = kLeft, date_x = mm(62), due_x = mm(100), amount_right = mm(158),
              open_right = kRight;
  const float value_x = mm(85);

  cursor.need(kLeading * 2 + kTableLeading * 3);
  cursor.down(kParagraphGap);
  pdf.text(cursor.page(), kLeft, cursor.y(), {11, true}, spec.title);
  cursor.down(kLeading + 2);

  const auto header = [&] {
    const auto& c = spec.invoice_columns;
    pdf.text(cursor.page(), number_x, cursor.y(), kTableBold, c[0]);
    pdf.text(cursor.page(), date_x, cursor.y(), kTableBold, c[1]);
    pdf.text(cursor.page(), due_x, cursor.y(), kTableBold, c[2]);
    pdf.text_right(cursor.page(), amount_right, cursor.y(), kTableBold, c[3]);
    pdf.text_right(cursor.page(), open_right, cursor.y(), kTableBold, c[4]);
    pdf.line(cursor.page(), kLeft, cursor.y() - 3, kRight, cursor.y() - 3);
    cursor.down(kTableLeading + 1);
  };
  header();
  for (const auto& row : spec.invoice_rows) {
    if (cursor.y() - kTableLeading < kBottom) {
      cursor.need(kTableLeading * 2);
      header();
    }
    // An invoice number too wide for its column is shortened rather than run into the date.
    std::string number = row[0];
    while (number.size() > 4 && pdf.width(kTable, number) > date_x - number_x - mm(2))
      number.pop_back();
    pdf.text(cursor.page(), number_x, cursor.y(), kTable, number);
    pdf.text(cursor.page(), date_x, cursor.y(), kTable, row[1]);
    pdf.text(cursor.page(), due_x, cursor.y(), kTable, row[2]);
    pdf.text_right(cursor.page(), amount_right, cursor.y(), kTable, row[3]);
    pdf.text_right(cursor.page(), open_right, cursor.y(), kTable, row[4]);
    cursor.down(kTableLeading);
  }
  cursor.down(kParagraphGap);

  cursor.need(kTableLeading * 2);
  pdf.text(cursor.page(), kLeft, cursor.y(), kTableBold, spec.payments_title);
  cursor.down(kTableLeading);
  for (const SpecificationLine& payment : spec.payments) {
    cursor.need(kTableLeading);
    pdf.text(cursor.page(), kLeft + mm(4), cursor.y(), kTable, payment.label);
    if (!payment.value.empty())
      pdf.text_right(cursor.page(), open_right, cursor.y(), kTable, payment.value);
    cursor.down(kTableLeading);
  }
  cursor.down(kParagraphGap);

  for (const SpecificationLine& line : spec.amounts) {
    cursor.need(kTableLeading + 3);
    const TextStyle& style = line.total ? kTableBold : kTable;
    if (line.total) {
      pdf.line(cursor.page(), mm(120), cursor.y() + kTableLeading - 3, kRight,
               cursor.y() + kTableLeading - 3);
    }
    pdf.text(cursor.page(), kLeft, cursor.y(), style, line.label);
    pdf.text_right(cursor.page(), open_right, cursor.y(), style, line.value);
    cursor.down(kTableLeading);
  }
  cursor.down(kParagraphGap);

  for (const SpecificationLine& line : spec.payment_details) {
    const TextStyle& style = line.total ? kTableBold : kTable;
    const auto values = wrap(pdf, style, line.value, kRight - value_x);
    cursor.need(kTableLeading * static_cast<float>(std::max<std::size_t>(values.size(), 1)));
    pdf.text(cursor.page(), kLeft, cursor.y(), style, line.label);
    for (const std::string& value : values) {
      pdf.text(cursor.page(), value_x, cursor.y(), style, value);
      cursor.down(kTableLeading);
    }
    if (values.empty()) cursor.down(kTableLeading);
  }
}

void footers(PdfDocument& pdf, const Letter& letter, std::size_t first, std::size_t count) {
  const bool english = is_english(letter.language);
  for (std::size_t i = 0; i < count; ++i) {
    std::string footer = letter.agency.name;
    if (!letter.agency.registration.empty())
      footer += (english ? " \xC2\xB7 Justis registration " : " \xC2\xB7 Justis-registratie ") +
                letter.agency.registration;
    footer += (english ? " \xC2\xB7 page " : " \xC2\xB7 pagina ") + std::to_string(i + 1) +
              (english ? " of " : " van ") + std::to_string(count);
    const HPDF_Page page = pdf.page(first + i);
    const float y = mm(12);
    pdf.line(page, kLeft, y + 10, kRight, y + 10, 0.3f);
    pdf.text(page, (pdf.page_width() - pdf.width(kTiny, footer)) / 2, y, kTiny, footer);
  }
}

}  // namespace

std::size_t draw_letter(PdfDocument& pdf, const Letter& letter, const RenderedText& text) {
  const std::size_t first = pdf.page_count();
  Cursor cursor(pdf, letter);
  cursor.first_page(100);  // below the envelope's window (45 + 45 mm) with some air
  letterhead(pdf, cursor.page(), letter);
  window_address(pdf, cursor.page(), letter);
  heading(cursor, letter, text);
  body(cursor, text);
  specification_table(cursor, letter);
  footers(pdf, letter, first, cursor.pages());
  return cursor.pages();
}

}  // namespace pinc::letters
