#include "print_run.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>
#include <future>
#include <optional>
#include <span>

#include "letter_format.hpp"

namespace pinc {

namespace {

struct Slice {
  std::vector<letters::PrintFile> files;  // not yet named
  std::vector<DeliveryRecord> letters;
  std::optional<Error> error;  // the slice could not be drawn; nothing of the day is recorded
};

void settle(DeliveryRecord& record, DeliveryRecord::State state, std::string why) {
  record.state = state;
  record.last_error = std::move(why);
}

Slice draw_slice(LetterSource& source, Date day,
                 std::span<const std::pair<keys::Delivery, std::string>> due) {
  Slice slice;
  letters::PrintBatch file;
  auto close_file = [&]() -> Result<Done> {
    if (file.entries().empty()) return Done{};
    std::vector<letters::PrintBatch::Entry> entries = file.entries();
    auto pdf = file.finish();
    if (!pdf) return pdf.error();
    slice.files.push_back({std::string(), std::move(*pdf), std::move(entries)});
    file = letters::PrintBatch();
    return Done{};
  };
  for (const auto& [key, value] : due) {
    auto record = decode_delivery(value, key);
    if (!record) {
      slice.error = record.error();
      return slice;
    }
    DeliveryRecord& letter = slice.letters.emplace_back(std::move(*record));
    auto prepared = source.prepare(key);
    if (!prepared) {
      settle(letter, DeliveryRecord::State::failed, prepared.error().to_string());
      continue;
    }
    letter.kind = letters::to_string(prepared->letter.kind);
    if (prepared->cancelled) {
      settle(letter, DeliveryRecord::State::cancelled, *prepared->cancelled);
      continue;
    }
    if (file.full())
      if (auto closed = close_file(); !closed) {
        slice.error = closed.error();
        return slice;
      }
    if (auto added = file.add(prepared->letter, prepared->text); !added) {
      settle(letter, DeliveryRecord::State::failed, added.error().to_string());
      continue;
    }
    letter.state = DeliveryRecord::State::sent;
    letter.sent_on = day_number(day);
    letter.batch = day_number(day);
    letter.attempts += 1;
    letter.recipient = prepared->letter.recipient.name + ", " +
                       letters::one_line_address(prepared->letter.recipient.address);
  }
  if (auto closed = close_file(); !closed) slice.error = closed.error();
  return slice;
}

std::string file_name(std::size_t number) {
  char name[32];
  std::snprintf(name, sizeof name, "part-%04zu.pdf", number);
  return name;
}

}  // namespace

Result<DrawnPost> draw_post(LetterSource& source, Date day, const DueLetters& due,
                            std::size_t letters_per_file, unsigned threads,
                            const FileSink& write_file) {
  const std::span<const std::pair<keys::Delivery, std::string>> all(due);
  const std::size_t per_slice = std::max<std::size_t>(letters_per_file, 1);
  const std::size_t slice_count = (due.size() + per_slice - 1) / per_slice;
  const std::size_t workers = std::max(threads, 1u);
  DrawnPost post;
  post.letters.reserve(due.size());
  // In waves of one slice per worker, so that a busy day's PDFs are never all in memory at once.
  for (std::size_t wave = 0; wave < slice_count; wave += workers) {
    const std::size_t wave_end = std::min(wave + workers, slice_count);
    std::vector<Slice> slices(wave_end - wave);
    std::atomic<std::size_t> next{wave};
    auto work = [&] {
      for (std::size_t i = next++; i < wave_end; i = next++) {
        Slice& slice = slices[i - wave];
        try {
          slice = draw_slice(
              source, day,
              all.subspan(i * per_slice, std::min(per_slice, due.size() - i * per_slice)));
        } catch (const std::exception& failure) {
          slice.error = make_error("print batch", failure.what());
        }
      }
    };
    std::vector<std::future<void>> running;
    for (std::size_t i = 1; i < slices.size(); ++i)
      running.push_back(std::async(std::launch::async, work));
    work();  // this thread is one of the workers
    for (auto& worker : running) worker.get();

    for (Slice& slice : slices) {
      if (slice.error) return *slice.error;
      for (letters::PrintFile& file : slice.files) {
        file.name = file_name(post.files.size() + 1);
        for (const auto& entry : file.entries) post.pages += entry.pages;
        if (auto written = write_file(file); !written) return written.error();
        std::string().swap(file.pdf);
        post.files.push_back(std::move(file));
      }
      for (DeliveryRecord& letter : slice.letters) {
        switch (letter.state) {
          case DeliveryRecord::State::sent:
            ++post.sent;
            break;
          case DeliveryRecord::State::cancelled:
            ++post.cancelled;
            break;
          default:
            ++post.failed;
            break;
        }
        post.letters.push_back(std::move(letter));
      }
    }
  }
  return post;
}

}  // namespace pinc
