#pragma once
// Draws one letter onto new pages of a document: letterhead, window address, subject, body,
// specification, footer. Internal to pinc_letters (render_pdf and PrintBatch use it).
#include <cstddef>

#include "letter.hpp"
#include "pdf_document.hpp"
#include "templates.hpp"

namespace pinc::letters {

// The number of pages the letter took.
std::size_t draw_letter(PdfDocument& pdf, const Letter& letter, const RenderedText& text);

}  // namespace pinc::letters
