#pragma once
// Errors as values for the domain: a refused input or an impossible computation is returned, never
// thrown (business outcomes are not exceptions). An Error names the field and what is wrong with
// it, so a CLI or RPC layer can show it to a person as it is.
#include <string>
#include <utility>
#include <variant>

namespace pinc {

struct Error {
  std::string field;    // the argument, column or input that is wrong, e.g. "--due" or "amount"
  std::string message;  // what is wrong with it, e.g. "not a date (expected YYYY-MM-DD)"

  std::string to_string() const { return field.empty() ? message : field + ": " + message; }
  friend bool operator==(const Error&, const Error&) = default;
};

// Either a value or an Error. Deliberately small: has_value(), value(), error(), and operator bool.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : content_(std::move(value)) {}
  Result(Error error) : content_(std::move(error)) {}

  bool has_value() const { return content_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<0>(content_); }
  const T& value() const& { return std::get<0>(content_); }
  // By value: `for (x : f().value())` must not dangle once the temporary Result is gone.
  T value() && { return std::get<0>(std::move(content_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<1>(content_); }

 private:
  std::variant<T, Error> content_;
};

inline Error make_error(std::string field, std::string message) {
  return Error{std::move(field), std::move(message)};
}

}  // namespace pinc
