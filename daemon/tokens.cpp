#include "tokens.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

namespace pinc {

Result<Role> parse_role(std::string_view text, std::string_view field) {
  if (text == "admin") return Role::admin;
  if (text == "operator") return Role::operator_;
  if (text == "feed") return Role::feed;
  return make_error(std::string(field),
                    "unknown role '" + std::string(text) + "' (expected admin, operator or feed)");
}

std::string_view to_string(Role role) {
  switch (role) {
    case Role::admin:
      return "admin";
    case Role::operator_:
      return "operator";
    case Role::feed:
      return "feed";
  }
  return "";
}

namespace {
std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}
}  // namespace

std::string sha256_hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr);
  return hex(digest, size);
}

std::string random_token() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) std::abort();  // no entropy: nothing safe to do
  return hex(bytes, sizeof bytes);
}

std::optional<Role> TokenBook::role_of(const std::string& token) const {
  const auto found = roles_.find(sha256_hex(token));
  if (found == roles_.end()) return std::nullopt;
  return found->second;
}

Result<std::optional<std::string>> TokenBook::ensure_admin_token(Store& store,
                                                                 const std::string& data_dir) {
  const std::string path = data_dir + "/admin.token";
  auto stored = store.get_meta("admin-token-sha256");
  if (!stored) return stored.error();
  // The file is the only place the token is kept in clear: once it is gone, nobody can log in
  // with it, so a new one replaces it (deleting the file revokes the old token).
  if (*stored && ::access(path.c_str(), F_OK) == 0) {
    add_hash(**stored, Role::admin);
    return std::optional<std::string>{};
  }
  const std::string token = random_token();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return make_error("--data", "cannot write " + path);
  const std::string line = token + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                       ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return make_error("--data", "cannot write " + path);
  const std::string hash = sha256_hex(token);
  if (auto saved = store.put_meta("admin-token-sha256", hash); !saved) return saved.error();
  add_hash(hash, Role::admin);
  return std::optional<std::string>{path};
}

}  // namespace pinc
