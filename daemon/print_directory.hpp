#pragma once
// The print shop's directory: one folder per working day, DIR/YYYY-MM-DD/ with batch.pdf (every
// post letter of that day) and manifest.csv. A folder appears whole or not at all: it is written
// as YYYY-MM-DD.partial, synced, and renamed only after the store has recorded the letters as sent,
// so a crash never leaves a batch the store forgot (which would print twice) or one it recorded
// but never wrote (which would never print).
#include <functional>
#include <string>

#include "date.hpp"
#include "result.hpp"
#include "store.hpp"

namespace pinc {

class PrintDirectory {
 public:
  explicit PrintDirectory(std::string root);

  // Writes DAY.partial/ with both files, synced. An older DAY.partial is replaced.
  Result<Done> stage(Date day, const std::string& pdf, const std::string& manifest);
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
