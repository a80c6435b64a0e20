#pragma once
// Bytes in, a chunk at a time, from memory or from a file on disk: a reader never holds a whole
// file, so a statement of a million entries costs the same memory as one of ten. A source can
// start over, because the camt reader checks the encoding in a first pass.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "result.hpp"

namespace pinc::feeds {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Up to `capacity` bytes into `buffer`: how many were read, 0 at the end, -1 on a read error
  // (then error() says why).
  virtual long read(char* buffer, std::size_t capacity) = 0;
  virtual bool rewind() = 0;
  // False for a pipe: it can be read once, and only its start can be looked at first (peek).
  virtual bool can_rewind() const { return true; }
  virtual std::string error() const { return {}; }
};

class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  long read(char* buffer, std::size_t capacity) override;
  bool rewind() override {
    offset_ = 0;
    return true;
  }

 private:
  std::string_view bytes_;
  std::size_t offset_ = 0;
};

class FileSource final : public ByteSource {
 public:
  // The file at `path`, or an Error naming it.
  static Result<std::unique_ptr<FileSource>> open(const std::string& path);
  ~FileSource() override;
  long read(char* buffer, std::size_t capacity) override;
  bool rewind() override;
  bool can_rewind() const override { return seekable_; }
  std::string error() const override { return error_; }
  // A pipe's start, read ahead by peek, to be read again first (before what is still unread of
  // an earlier peek).
  void replay(const std::string& head) {
    replay_ = head + replay_.substr(replayed_);
    replayed_ = 0;
  }

 private:
  FileSource(std::FILE* file, bool seekable) : file_(file), seekable_(seekable) {}
  std::FILE* file_;
  bool seekable_;
  std::string replay_;
  std::size_t replayed_ = 0;
  std::string error_;
};

// The start of a source (up to `limit` bytes), for telling XML from MT940; the source reads from
// its beginning again afterwards (a pipe replays what was looked at).
Result<std::string> peek(ByteSource& source, std::size_t limit);

// Lines of a source, split at LF; a CR before the LF stays (the MT940 reader strips it). Lines
// longer than `max_length` are refused: an MT940 line is at most a few hundred characters, and
// the cap keeps a binary file from growing one line without end.
class LineReader {
 public:
  LineReader(ByteSource& source, std::size_t max_length) : source_(source), max_(max_length) {}
  // The next line into `line`; false at the end (or on an error: see error()).
  bool next(std::string& line);
  std::uint64_t line_number() const { return line_number_; }
  const std::string& error() const { return error_; }

 private:
  bool fill();
  ByteSource& source_;
  std::size_t max_;
  std::string buffer_;
  std::size_t position_ = 0;
  bool ended_ = false;
  std::uint64_t line_number_ = 0;
  std::string error_;
};

}  // namespace pinc::feeds
