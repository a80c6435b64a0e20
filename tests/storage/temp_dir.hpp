#pragma once
// A fresh directory under /tmp, removed with everything in it when the test ends.
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

namespace pinc::test {

class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("pinc-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    // PINC_KEEP_TEST_DIRS=1 keeps the directory for a post-mortem of a failed test.
    if (std::getenv("PINC_KEEP_TEST_DIRS")) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string path() const { return path_.string(); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace pinc::test
