# Every third-party library pinc links, all from Debian 12 packages (installed by scripts/deps.sh).
# The README explains why each one was chosen.
find_package(Threads REQUIRED)
find_package(tomlplusplus CONFIG REQUIRED)   # strategy and interest-rate files (TOML)
find_package(CLI11 CONFIG REQUIRED)          # command-line parsing for pinc and pincd
find_package(nlohmann_json CONFIG REQUIRED)  # --json output
find_package(Catch2 2 CONFIG REQUIRED)       # tests; also puts Catch.cmake on the module path
find_package(RocksDB CONFIG REQUIRED)        # the store: RocksDB::rocksdb-shared
find_package(CapnProto CONFIG REQUIRED)      # stored records and RPC: CapnProto::capnp, ::capnp-rpc
find_package(spdlog CONFIG REQUIRED)         # logging (pulls fmt, SPDLOG_FMT_EXTERNAL)
# CAF 0.17 ships no CMake config: import it by hand (../shared/BUILD-NOTES.md).
find_path(CAF_INCLUDE_DIR caf/all.hpp REQUIRED)
find_library(CAF_CORE_LIBRARY caf_core REQUIRED)
add_library(CAF::core SHARED IMPORTED)
set_target_properties(CAF::core PROPERTIES IMPORTED_LOCATION "${CAF_CORE_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${CAF_INCLUDE_DIR}" INTERFACE_LINK_LIBRARIES Threads::Threads)
find_package(OpenSSL REQUIRED)              # SHA-256 of access tokens, random tokens
# Standalone Asio is header-only with no CMake config: an interface target (../shared/BUILD-NOTES.md).
find_path(ASIO_INCLUDE_DIR asio.hpp REQUIRED)
add_library(asio INTERFACE)
target_include_directories(asio INTERFACE ${ASIO_INCLUDE_DIR})
target_compile_definitions(asio INTERFACE ASIO_STANDALONE ASIO_NO_DEPRECATED)
target_link_libraries(asio INTERFACE Threads::Threads)
# Letters: libharu draws the PDFs (A4, window-envelope address), kainjow mustache renders the
# agency's and creditors' templates (header-only), libcurl speaks SMTP to the agency's mail relay.
find_path(HPDF_INCLUDE_DIR hpdf.h REQUIRED)
find_library(HPDF_LIBRARY hpdf REQUIRED)
add_library(hpdf SHARED IMPORTED)
set_target_properties(hpdf PROPERTIES IMPORTED_LOCATION "${HPDF_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${HPDF_INCLUDE_DIR}")
find_path(MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)
add_library(kainjow_mustache INTERFACE)
target_include_directories(kainjow_mustache INTERFACE ${MUSTACHE_INCLUDE_DIR})
find_package(CURL REQUIRED)
