#include "bank_transaction.hpp"

namespace pinc::feeds {

std::string_view to_string(FileFormat format) {
  switch (format) {
    case FileFormat::camt053:
      return "camt.053";
    case FileFormat::camt054:
      return "camt.054";
    case FileFormat::camt052:
      return "camt.052";
    case FileFormat::mt940:
      return "mt940";
    case FileFormat::mt942:
      return "mt942";
  }
  return "unknown";
}

}  // namespace pinc::feeds
