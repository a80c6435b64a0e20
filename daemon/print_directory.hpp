#pragma once
// The print shop's directory: one folder per working day, DIR/YYYY-MM-DD/ with that day's post as
// part-0001.pdf, part-0002.pdf, ... and manifest.csv (which letter is on which pages of which
// file). A folder appears whole or not at all: it is written as YYYY-MM-DD.partial, synced, and
// renamed only after the store has recorded the letters as sent, so a crash never leaves a batch
// the store forgot (which would print twice) or one it recorded but never wrote (which would never
// print).
#include <functional>
#include <string>

#include "date.hpp"
#include "result.hpp"
#include "store.hpp"

namespace pinc {

class PrintDirectory {
 public:
  explicit PrintDirectory(std::string root);

  // DAY.partial/ written file by file: opened empty (an older one is removed), each PDF written as
  // it is drawn, then the manifest written and every file and the folder synced.
  Result<Done> open_stage(Date day);
  Result<Done> stage_file(Date day, const std::string& name, const std::string& bytes);
  Result<Done> close_stage(Date day, const std::string& manifest);
  // DAY.partial becomes DAY (the store has recorded it).
  Result<Done> publish(Date day);
  // After a crash: a staged batch the store recorded is published, any other is removed (its
  // letters are still pending and go into a new batch).
  Result<Done> recover(const std::function<Result<bool>(Date)>& recorded);

  std::string folder(Date day) const;
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

}  // namespace pinc
