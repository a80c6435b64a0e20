#include "print_directory.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace pinc {

namespace fs = std::filesystem;

namespace {

Error io_error(const std::string& what, const std::string& path, int error) {
  return make_error("print_dir", what + " " + path + ": " + std::strerror(error));
}

Result<Done> sync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("cannot open", path, errno);
  const int synced = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (synced != 0) return io_error("cannot sync", path, error);
  return Done{};
}

// Written, and synced when `sync`; otherwise the kernel is asked to start writing it back now, so a
// later fsync finds little left to do.
Result<Done> write_file(const std::string& path, const std::string& bytes, bool sync) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("cannot create", path, errno);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;  // ENOSPC on a full disk
      ::close(fd);
      return io_error("cannot write", path, error);
    }
    written += static_cast<std::size_t>(n);
  }
  if (!sync) {
    ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);  // a hint: its failure changes nothing
    ::close(fd);
    return Done{};
  }
  const int synced = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (synced != 0) return io_error("cannot sync", path, error);
  return Done{};
}

}  // namespace

PrintDirectory::PrintDirectory(std::string root) : root_(std::move(root)) {}

std::string PrintDirectory::folder(Date day) const {
  return root_ + "/" + format_date(day);
}

Result<Done> PrintDirectory::open_stage(Date day) {
  const std::string partial = folder(day) + ".partial";
  std::error_code error;
  fs::create_directories(root_, error);
  if (error) return make_error("print_dir", "cannot create " + root_ + ": " + error.message());
  fs::remove_all(partial, error);
  fs::create_directory(partial, error);
  if (error) return make_error("print_dir", "cannot create " + partial + ": " + error.message());
  return Done{};
}

Result<Done> PrintDirectory::stage_file(Date day, const std::string& name,
                                        const std::string& bytes) {
  // Synced in close_stage, all together: one fsync per file here would stall the drawing.
  return write_file(folder(day) + ".partial/" + name, bytes, false);
}

Result<Done> PrintDirectory::close_stage(Date day, const std::string& manifest) {
  const std::string partial = folder(day) + ".partial";
  if (auto done = write_file(partial + "/manifest.csv", manifest, true); !done) return done;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(partial, error))
    if (entry.path().extension() == ".pdf")
      if (auto done = sync_path(entry.path().string(), false); !done) return done;
  if (error) return make_error("print_dir", "cannot list " + partial + ": " + error.message());
  if (auto done = sync_path(partial, true); !done) return done;
  return sync_path(root_, true);
}

Result<Done> PrintDirectory::publish(Date day) {
  const std::string target = folder(day);
  std::error_code error;
  fs::rename(target + ".partial", target, error);
  if (error) return make_error("print_dir", "cannot publish " + target + ": " + error.message());
  return sync_path(root_, true);
}

Result<Done> PrintDirectory::recover(const std::function<Result<bool>(Date)>& recorded) {
  std::error_code error;
  if (!fs::exists(root_, error)) return Done{};
  for (const auto& entry : fs::directory_iterator(root_, error)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".partial")) continue;
    auto day = parse_date(name.substr(0, name.size() - 8));
    if (!day) continue;
    auto known = recorded(*day);
    if (!known) return known.error();
    if (*known && !fs::exists(folder(*day))) {
      if (auto done = publish(*day); !done) return done;
    } else {
      fs::remove_all(entry.path(), error);
    }
  }
  return Done{};
}

}  // namespace pinc
