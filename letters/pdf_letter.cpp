#include "pdf_letter.hpp"

#include "pdf_document.hpp"
#include "pdf_layout.hpp"

namespace pinc::letters {

Result<std::string> render_pdf(const Letter& letter, const RenderedText& text) {
  PdfDocument pdf;
  if (auto error = pdf.error()) return *error;
  draw_letter(pdf, letter, text);
  pdf.set_info(text.subject, letter.agency.name, letter.letter_date);
  return pdf.save();
}

}  // namespace pinc::letters
