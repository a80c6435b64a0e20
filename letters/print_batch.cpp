#include "pdf_document.hpp"
#include "pdf_layout.hpp"
#include "pdf_letter.hpp"

namespace pinc::letters {

namespace {

// RFC 4180: quoted when it holds a separator, a quote or a line break.
std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

PrintBatch::PrintBatch(std::size_t max_pages)
    : max_pages_(max_pages), pdf_(std::make_unique<PdfDocument>()) {}
PrintBatch::~PrintBatch() = default;
PrintBatch::PrintBatch(PrintBatch&&) noexcept = default;
PrintBatch& PrintBatch::operator=(PrintBatch&&) noexcept = default;

Result<Done> PrintBatch::add(const Letter& letter, const RenderedText& text) {
  if (!pdf_) return make_error("print batch", "already finished");
  if (auto error = pdf_->error()) return *error;
  if (full())
    return make_error("print batch",
                      "full at " + std::to_string(max_pages_) + " pages; start another file");
  const std::size_t first = pdf_->page_count();
  std::size_t pages = draw_letter(*pdf_, letter, text);
  // Duplex: the next letter must start on a sheet of its own.
  if (pages % 2 == 1) {
    pdf_->add_page();
    ++pages;
  }
  if (auto error = pdf_->error()) return *error;
  const Address& address = letter.recipient.address;
  entries_.push_back({letter.dossier, letter.effect_seq, std::string(to_string(letter.kind)),
                      letter.recipient.name, address.postcode, address.city, address.country,
                      static_cast<int>(first + 1), static_cast<int>(pages)});
  latest_ = std::max(latest_, letter.letter_date);
  return Done{};
}

bool PrintBatch::full() const {
  return pdf_ && pdf_->page_count() >= max_pages_;
}

Result<std::string> PrintBatch::finish() {
  if (!pdf_) return make_error("print batch", "already finished");
  if (entries_.empty()) return make_error("print batch", "no letters");
  pdf_->set_info("pinc print batch", "pinc", latest_);
  auto bytes = pdf_->save();
  pdf_.reset();
  return bytes;
}

std::string batch_manifest_csv(const std::vector<PrintFile>& files) {
  std::string csv =
      "file,first_page,pages,dossier,effect_seq,kind,recipient_name,postcode,city,country\n";
  for (const PrintFile& file : files)
    for (const PrintBatch::Entry& entry : file.entries) {
      csv += csv_field(file.name) + "," + std::to_string(entry.first_page) + "," +
             std::to_string(entry.pages) + "," + std::to_string(entry.dossier) + "," +
             std::to_string(entry.effect_seq) + "," + csv_field(entry.kind) + "," +
             csv_field(entry.recipient_name) + "," + csv_field(entry.postcode) + "," +
             csv_field(entry.city) + "," + csv_field(entry.country) + "\n";
    }
  return csv;
}

}  // namespace pinc::letters
