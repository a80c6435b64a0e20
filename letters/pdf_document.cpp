#include "pdf_document.hpp"

#include <cstdio>

#include "cp1252.hpp"

namespace pinc::letters {

void PdfDocument::on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
  auto* self = static_cast<PdfDocument*>(user_data);
  if (self->error_) return;  // the first error is the cause; later ones follow from it
  char code[64];
  std::snprintf(code, sizeof code, "libharu error 0x%04X (detail %u)",
                static_cast<unsigned>(error_no), static_cast<unsigned>(detail_no));
  self->error_ = make_error("pdf", code);
}

PdfDocument::PdfDocument() {
  doc_ = HPDF_New(&PdfDocument::on_error, this);
  if (!doc_) {
    error_ = make_error("pdf", "libharu could not create a document");
    return;
  }
  // Compressed content; zlib is deterministic, so the same letters still give the same bytes.
  HPDF_SetCompressionMode(doc_, HPDF_COMP_ALL);
  regular_ = HPDF_GetFont(doc_, "Helvetica", "CP1252");
  bold_ = HPDF_GetFont(doc_, "Helvetica-Bold", "CP1252");
}

PdfDocument::~PdfDocument() {
  if (doc_) HPDF_Free(doc_);
}

std::optional<Error> PdfDocument::error() const {
  return error_;
}

HPDF_Page PdfDocument::add_page() {
  HPDF_Page page = HPDF_AddPage(doc_);
  HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  page_width_ = HPDF_Page_GetWidth(page);
  page_height_ = HPDF_Page_GetHeight(page);
  pages_.push_back(page);
  return page;
}

void PdfDocument::text(HPDF_Page page, float x, float y, const TextStyle& style,
                       std::string_view utf8) {
  if (error_ || !page) return;
  const std::string encoded = utf8_to_cp1252(utf8);
  HPDF_Page_BeginText(page);
  HPDF_Page_SetFontAndSize(page, font(style), style.size);
  HPDF_Page_TextOut(page, x, y, encoded.c_str());
  HPDF_Page_EndText(page);
}

void PdfDocument::text_right(HPDF_Page page, float right, float y, const TextStyle& style,
                             std::string_view utf8) {
  text(page, right - width(style, utf8), y, style, utf8);
}

float PdfDocument::width(const TextStyle& style, std::string_view utf8) const {
  if (error_) return 0;
  const std::string encoded = utf8_to_cp1252(utf8);
  const HPDF_TextWidth measured =
      HPDF_Font_TextWidth(font(style), reinterpret_cast<const HPDF_BYTE*>(encoded.data()),
                          static_cast<HPDF_UINT>(encoded.size()));
  return static_cast<float>(measured.width) * style.size / 1000.0f;
}

void PdfDocument::line(HPDF_Page page, float x1, float y1, float x2, float y2, float line_width) {
  if (error_ || !page) return;
  HPDF_Page_SetLineWidth(page, line_width);
  HPDF_Page_MoveTo(page, x1, y1);
  HPDF_Page_LineTo(page, x2, y2);
  HPDF_Page_Stroke(page);
}

void PdfDocument::set_info(std::string_view title, std::string_view author, Date created) {
  if (error_) return;
  HPDF_SetInfoAttr(doc_, HPDF_INFO_TITLE, utf8_to_cp1252(title).c_str());
  HPDF_SetInfoAttr(doc_, HPDF_INFO_AUTHOR, utf8_to_cp1252(author).c_str());
  HPDF_SetInfoAttr(doc_, HPDF_INFO_CREATOR, "pinc");
  // A fixed time of the letter's own date, never the clock: a regenerated batch must be
  // byte-identical to the one it replaces.
  const std::chrono::year_month_day ymd{created};
  HPDF_Date date{};
  date.year = static_cast<int>(ymd.year());
  date.month = static_cast<int>(unsigned(ymd.month()));
  date.day = static_cast<int>(unsigned(ymd.day()));
  date.ind = 'Z';
  HPDF_SetInfoDateAttr(doc_, HPDF_INFO_CREATION_DATE, date);
}

Result<std::string> PdfDocument::save() {
  if (error_) return *error_;
  if (HPDF_SaveToStream(doc_) != HPDF_OK || error_)
    return error_ ? *error_ : make_error("pdf", "libharu could not write the document");
  const HPDF_UINT32 size = HPDF_GetStreamSize(doc_);
  std::string bytes(size, '\0');
  HPDF_ResetStream(doc_);
  HPDF_UINT32 read = size;
  // Asking for exactly the stream's size reads it whole; libharu reports the end of the stream
  // as an error only when asked for more.
  const HPDF_STATUS status =
      HPDF_ReadFromStream(doc_, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
  if ((status != HPDF_OK && status != HPDF_STREAM_EOF) || read != size)
    return make_error("pdf", "libharu could not read the document back");
  if (error_) return *error_;
  return bytes;
}

}  // namespace pinc::letters
