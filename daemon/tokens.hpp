#pragma once
// Access tokens: a token is exchanged for a capability of one role. pincd keeps only SHA-256
// hashes: from its config file, plus the admin token it generates on a data directory that has
// none (written to DATA/admin.token, mode 0600, and never stored in clear elsewhere).
#include <map>
#include <optional>
#include <string>

#include "result.hpp"
#include "store.hpp"

namespace pinc {

enum class Role : std::uint8_t { admin, operator_, feed };
Result<Role> parse_role(std::string_view text, std::string_view field);
std::string_view to_string(Role role);

std::string sha256_hex(std::string_view text);
std::string random_token();  // 32 random bytes, hex

class TokenBook {
 public:
  void add_hash(const std::string& sha256, Role role) { roles_[sha256] = role; }
  std::optional<Role> role_of(const std::string& token) const;
  bool empty() const { return roles_.empty(); }

  // When the book is empty: the admin token of this data directory, generated (and its hash kept
  // in the store) on first start, and again when DATA/admin.token has been deleted (which revokes
  // the old token). Returns the token file's path when one was written.
  Result<std::optional<std::string>> ensure_admin_token(Store& store, const std::string& data_dir);

 private:
  std::map<std::string, Role> roles_;
};

}  // namespace pinc
