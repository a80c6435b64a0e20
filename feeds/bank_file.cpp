// Which reader a file needs, told by its content: XML (after an optional byte-order mark, white
// space and control bytes) is camt, anything else is tried as MT940/MT942.
#include "bank_file.hpp"

#include "camt_reader.hpp"
#include "feed_input.hpp"
#include "mt940_reader.hpp"

namespace pinc::feeds {

namespace {

bool looks_like_xml(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF") return true;  // UTF-16
  for (const char c : head) {
    if (c == '<') return true;
    if (static_cast<unsigned char>(c) > ' ') return false;
  }
  return false;
}

Result<FileSummary> read_source(ByteSource& source, const std::string& name,
                                const TransactionCallback& each) {
  auto head = peek(source, 4096);
  if (!head) return make_error(name, head.error().message);
  if (head->empty()) return make_error(name, "empty file: not a bank statement");
  if (looks_like_xml(*head)) return read_camt(source, name, each);
  return read_mt940(source, name, each);
}

}  // namespace

Result<FileSummary> read_bank_file(std::string_view bytes, const std::string& name,
                                   const TransactionCallback& each) {
  MemorySource source(bytes);
  return read_source(source, name, each);
}

Result<FileSummary> read_bank_file_at(const std::string& path, const TransactionCallback& each) {
  auto source = FileSource::open(path);
  if (!source) return source.error();
  return read_source(**source, path, each);
}

}  // namespace pinc::feeds
