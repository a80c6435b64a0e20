# Writes INPUT's bytes into OUTPUT as `pinc::builtin_interest_rates()` (see builtin_rates.hpp).
file(READ ${INPUT} content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE ${OUTPUT}
  "// Generated from interest-rates.toml by embed_text.cmake; do not edit.\n"
  "#include \"builtin_rates.hpp\"\n"
  "namespace pinc {\nnamespace {\nconstexpr char kText[] = {${bytes}};\n}\n"
  "std::string_view builtin_interest_rates() { return {kText, sizeof(kText)}; }\n}\n")
