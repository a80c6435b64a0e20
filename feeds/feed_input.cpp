#include "feed_input.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <sys/stat.h>

namespace pinc::feeds {

long MemorySource::read(char* buffer, std::size_t capacity) {
  const std::size_t n = std::min(capacity, bytes_.size() - offset_);
  std::memcpy(buffer, bytes_.data() + offset_, n);
  offset_ += n;
  return static_cast<long>(n);
}

Result<std::unique_ptr<FileSource>> FileSource::open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return make_error(path, std::string("cannot open: ") + std::strerror(errno));
  struct stat info {};
  const bool seekable = ::fstat(fileno(file), &info) == 0 && S_ISREG(info.st_mode);
  if (S_ISDIR(info.st_mode)) {
    std::fclose(file);
    return make_error(path, "cannot read: a directory, not a file");
  }
  return std::unique_ptr<FileSource>(new FileSource(file, seekable));
}

FileSource::~FileSource() {
  std::fclose(file_);
}

long FileSource::read(char* buffer, std::size_t capacity) {
  if (replayed_ < replay_.size()) {
    const std::size_t n = std::min(capacity, replay_.size() - replayed_);
    std::memcpy(buffer, replay_.data() + replayed_, n);
    replayed_ += n;
    return static_cast<long>(n);
  }
  const std::size_t n = std::fread(buffer, 1, capacity, file_);
  if (n == 0 && std::ferror(file_)) {
    error_ = std::string("cannot read: ") + std::strerror(errno);
    return -1;
  }
  return static_cast<long>(n);
}

bool FileSource::rewind() {
  if (!seekable_) {
    error_ = "cannot read it twice: not a regular file";
    return false;
  }
  std::clearerr(file_);
  if (std::fseek(file_, 0, SEEK_SET) == 0) return true;
  error_ = std::string("cannot read it twice (not a regular file?): ") + std::strerror(errno);
  return false;
}

Result<std::string> peek(ByteSource& source, std::size_t limit) {
  std::string head(limit, '\0');
  std::size_t filled = 0;
  while (filled < limit) {
    const long n = source.read(head.data() + filled, limit - filled);
    if (n < 0) return make_error("", source.error());
    if (n == 0) break;
    filled += static_cast<std::size_t>(n);
  }
  head.resize(filled);
  if (source.can_rewind()) {
    if (!source.rewind()) return make_error("", source.error());
  } else if (auto* file = dynamic_cast<FileSource*>(&source)) {
    file->replay(head);
  } else {
    return make_error("", "cannot look at the start of this input");
  }
  return head;
}

bool LineReader::fill() {
  if (ended_) return false;
  if (position_ > 0) {
    buffer_.erase(0, position_);
    position_ = 0;
  }
  constexpr std::size_t kChunk = 64 * 1024;
  const std::size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  const long n = source_.read(buffer_.data() + old, kChunk);
  if (n < 0) {
    error_ = source_.error();
    ended_ = true;
    buffer_.resize(old);
    return false;
  }
  buffer_.resize(old + static_cast<std::size_t>(n));
  if (n == 0) ended_ = true;
  return n > 0;
}

bool LineReader::next(std::string& line) {
  if (!error_.empty()) return false;
  for (;;) {
    const std::size_t newline = buffer_.find('\n', position_);
    if (newline != std::string::npos) {
      line.assign(buffer_, position_, newline - position_);
      position_ = newline + 1;
      ++line_number_;
      return true;
    }
    if (buffer_.size() - position_ > max_) {
      error_ = "line " + std::to_string(line_number_ + 1) + " is longer than " +
               std::to_string(max_) + " bytes: not a bank statement";
      return false;
    }
    if (!fill()) {
      if (!error_.empty()) return false;
      if (position_ >= buffer_.size()) return false;
      // The last line, without a final newline.
      line.assign(buffer_, position_, std::string::npos);
      position_ = buffer_.size();
      ++line_number_;
      return true;
    }
  }
}

}  // namespace pinc::feeds
