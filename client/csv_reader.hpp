#pragma once
// Reads a CSV file a line at a time (constant memory): a header line, then rows; fields may be
// quoted ("a, b"), with "" for a quote inside.
#include <fstream>
#include <string>
#include <vector>

namespace pinc::cli {

class CsvReader {
 public:
  explicit CsvReader(const std::string& path) : in_(path, std::ios::binary) {}
  bool ok() const { return static_cast<bool>(in_); }
  // The next non-empty line's fields; false at the end. `line` is its 1-based line number.
  bool next(std::vector<std::string>& fields, std::size_t& line) {
    std::string text;
    while (std::getline(in_, text)) {
      ++line_;
      if (!text.empty() && text.back() == '\r') text.pop_back();
      if (text.empty()) continue;
      fields = split(text);
      line = line_;
      return true;
    }
    return false;
  }
  std::size_t bytes_read() {
    return static_cast<std::size_t>(std::max<std::streamoff>(0, in_.tellg()));
  }

  static std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (quoted) {
        if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
          fields.back() += '"', ++i;
        else if (c == '"')
          quoted = false;
        else
          fields.back() += c;
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.emplace_back();
      } else {
        fields.back() += c;
      }
    }
    return fields;
  }

 private:
  std::ifstream in_;
  std::size_t line_ = 0;
};

}  // namespace pinc::cli
