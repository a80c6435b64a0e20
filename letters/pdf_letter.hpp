#pragma once
// Letters as PDF: one letter as its own document (an e-mail attachment, an archive copy), or a
// day's post as one print batch for the print shop. A4, the agency's letterhead, the address where
// a Dutch window envelope shows it (NEN/DIN 5008 left window), the body, the claim specification,
// the agency's registration and page numbers in the footer. Deterministic: the same letters give
// the same bytes, so a batch regenerated after a crash is identical to the one it replaces.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "letter.hpp"
#include "result.hpp"
#include "templates.hpp"

namespace pinc::letters {

struct Done {};

// The window of a window envelope, in millimetres from the page's top left: the return line and
// the address are drawn inside it.
inline constexpr float kWindowLeftMm = 20, kWindowTopMm = 45, kWindowWidthMm = 85,
                       kWindowHeightMm = 45;
inline constexpr float kAddressTopMm = 50, kAddressHeightMm = 35;

Result<std::string> render_pdf(const Letter& letter, const RenderedText& text);

class PdfDocument;

class PrintBatch {
 public:
  struct Entry {
    DossierId dossier = 0;
    std::uint64_t effect_seq = 0;
    std::string kind, recipient_name, postcode, city, country;
    int first_page = 0;  // 1-based, in the batch's PDF
    int pages = 0;       // sides, including the blank one that makes the count even
  };

  PrintBatch();
  ~PrintBatch();
  PrintBatch(PrintBatch&&) noexcept;
  PrintBatch& operator=(PrintBatch&&) noexcept;

  // Appends a letter on a new sheet: every letter gets an even page count (a blank back page when
  // needed), so duplex printing never puts two letters on one sheet.
  Result<Done> add(const Letter& letter, const RenderedText& text);
  Result<std::string> finish();  // the batch as one PDF
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::unique_ptr<PdfDocument> pdf_;
  std::vector<Entry> entries_;
  Date latest_{};
};

// The print shop's list: a header line and one line per letter, in the batch's order.
std::string batch_manifest_csv(const std::vector<PrintBatch::Entry>& entries);

}  // namespace pinc::letters
