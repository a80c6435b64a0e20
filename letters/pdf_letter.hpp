#pragma once
// Letters as PDF: one letter as its own document (an e-mail attachment, an archive copy), or a
// print file of many letters for the print shop (a day's post is cut into several: see
// kMaxPagesPerFile). A4, the agency's letterhead, the address where
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

// A PDF page tree node holds at most 8191 kids (PDF 1.4 implementation limits, which libharu
// enforces: one more page fails the whole document), and libharu's object lists grow by copying,
// so a file's cost rises with the square of its pages. A print file stays well below both.
inline constexpr std::size_t kMaxPagesPerFile = 8000;

class PrintBatch {
 public:
  struct Entry {
    DossierId dossier = 0;
    std::uint64_t effect_seq = 0;
    std::string kind, recipient_name, postcode, city, country;
    int first_page = 0;  // 1-based, in its file
    int pages = 0;       // sides, including the blank one that makes the count even
  };

  explicit PrintBatch(std::size_t max_pages = kMaxPagesPerFile);
  ~PrintBatch();
  PrintBatch(PrintBatch&&) noexcept;
  PrintBatch& operator=(PrintBatch&&) noexcept;

  // Appends a letter on a new sheet: every letter gets an even page count (a blank back page when
  // needed), so duplex printing never puts two letters on one sheet. Refused, before anything is
  // drawn, once full().
  Result<Done> add(const Letter& letter, const RenderedText& text);
  Result<std::string> finish();  // the file's bytes
  const std::vector<Entry>& entries() const { return entries_; }
  bool full() const;  // holds max_pages: the next letter goes into another file

 private:
  std::size_t max_pages_;
  std::unique_ptr<PdfDocument> pdf_;
  std::vector<Entry> entries_;
  Date latest_{};
};

// One PDF of a day's post and the letters in it.
struct PrintFile {
  std::string name;
  std::string pdf;
  std::vector<PrintBatch::Entry> entries;
};

// The print shop's list: a header line and one line per letter, in print order (file, then page).
std::string batch_manifest_csv(const std::vector<PrintFile>& files);

}  // namespace pinc::letters
