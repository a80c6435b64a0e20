# Every third-party library pinc links, all from Debian 12 packages (installed by scripts/deps.sh).
# The README explains why each one was chosen.
find_package(Threads REQUIRED)
find_package(tomlplusplus CONFIG REQUIRED)   # strategy and interest-rate files (TOML)
find_package(CLI11 CONFIG REQUIRED)          # command-line parsing for pinc and pincd
find_package(nlohmann_json CONFIG REQUIRED)  # --json output
find_package(Catch2 2 CONFIG REQUIRED)       # tests; also puts Catch.cmake on the module path
find_package(RocksDB CONFIG REQUIRED)        # the store: RocksDB::rocksdb-shared
find_package(CapnProto CONFIG REQUIRED)      # stored records and RPC: CapnProto::capnp, ::capnp-rpc
