#pragma once
// A thin owner of one libharu document: A4 pages, Helvetica in WinAnsi (CP1252) so that pdftotext
// and every viewer read back the euro sign and accents, text given in UTF-8, and libharu's errors
// recorded by its error handler and returned as an Error instead of aborting. Internal to
// pinc_letters.
#include <hpdf.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.hpp"
#include "result.hpp"

namespace pinc::letters {

inline constexpr float kPointsPerMm = 72.0f / 25.4f;
constexpr float mm(float millimetres) {
  return millimetres * kPointsPerMm;
}

struct TextStyle {
  float size = 10;
  bool bold = false;
};

class PdfDocument {
 public:
  PdfDocument();
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // The first libharu error since the document was made, if any.
  std::optional<Error> error() const;

  HPDF_Page add_page();  // A4 portrait
  HPDF_Page page(std::size_t index) const { return pages_[index]; }
  std::size_t page_count() const { return pages_.size(); }
  float page_height() const { return page_height_; }
  float page_width() const { return page_width_; }

  // Text at (x, baseline y) in points from the page's bottom left; right: x is the right edge.
  void text(HPDF_Page page, float x, float y, const TextStyle& style, std::string_view utf8);
  void text_right(HPDF_Page page, float right, float y, const TextStyle& style,
                  std::string_view utf8);
  float width(const TextStyle& style, std::string_view utf8) const;
  void line(HPDF_Page page, float x1, float y1, float x2, float y2, float line_width = 0.5f);

  void set_info(std::string_view title, std::string_view author, Date created);
  Result<std::string> save();  // the document's bytes

 private:
  static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data);
  HPDF_Font font(const TextStyle& style) const { return style.bold ? bold_ : regular_; }

  HPDF_Doc doc_ = nullptr;
  HPDF_Font regular_ = nullptr, bold_ = nullptr;
  std::vector<HPDF_Page> pages_;
  float page_width_ = 0, page_height_ = 0;
  std::optional<Error> error_;
};

}  // namespace pinc::letters
