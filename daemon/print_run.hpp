#pragma once
// A working day's post drawn as print files, on several threads: the letters, in due order, are
// cut into slices of at most `letters_per_file`; each slice is drawn by a worker into a PDF of its
// own (one that reaches letters::kMaxPagesPerFile goes on in another). The files are named
// part-0001.pdf, part-0002.pdf, ... in due order, so the same letters always give the same files,
// which a batch regenerated after a crash relies on. Each file is handed to a sink, in order, as
// soon as it is drawn, and its bytes are then let go.
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "date.hpp"
#include "delivery_records.hpp"
#include "keys.hpp"
#include "letter_source.hpp"
#include "pdf_letter.hpp"
#include "result.hpp"

namespace pinc {

struct DrawnPost {
  std::vector<letters::PrintFile> files;  // names and entries; the bytes went to the sink
  // Every due letter in due order, its record settled: sent (in a file), cancelled or failed.
  std::vector<DeliveryRecord> letters;
  std::size_t sent = 0, cancelled = 0, failed = 0;
  int pages = 0;
};

using DueLetters = std::vector<std::pair<keys::Delivery, std::string>>;  // key, pending value

using FileSink = std::function<Result<Done>(const letters::PrintFile&)>;

Result<DrawnPost> draw_post(LetterSource& source, Date day, const DueLetters& due,
                            std::size_t letters_per_file, unsigned threads,
                            const FileSink& write_file);

}  // namespace pinc
