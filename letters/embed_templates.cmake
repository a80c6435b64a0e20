# Writes every INPUT_DIR/<lang>/<kind>.mustache into OUTPUT as the table behind
# `pinc::letters::builtin_letter_template()` (see builtin_templates.hpp). Sorted, so the generated
# file does not change with the file system's listing order.
file(GLOB files RELATIVE ${INPUT_DIR} ${INPUT_DIR}/*/*.mustache)
list(SORT files)
set(arrays "")
set(entries "")
set(index 0)
foreach(file IN LISTS files)
  get_filename_component(language ${file} DIRECTORY)
  get_filename_component(kind ${file} NAME_WE)
  file(READ ${INPUT_DIR}/${file} content HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
  string(APPEND arrays "constexpr char kText${index}[] = {${bytes}};\n")
  string(APPEND entries "    {\"${language}\", \"${kind}\", {kText${index}, sizeof(kText${index})}},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE ${OUTPUT}
  "// Generated from data/letters by embed_templates.cmake; do not edit.\n"
  "#include \"builtin_templates.hpp\"\n"
  "#include <array>\n"
  "namespace pinc::letters {\nnamespace {\n${arrays}"
  "struct Entry { std::string_view language, kind, text; };\n"
  "constexpr std::array<Entry, ${index}> kEntries = {{\n${entries}}};\n}\n"
  "std::optional<std::string_view> builtin_letter_template(std::string_view language,\n"
  "                                                        std::string_view kind) {\n"
  "  for (const Entry& entry : kEntries)\n"
  "    if (entry.language == language && entry.kind == kind) return entry.text;\n"
  "  return std::nullopt;\n}\n}\n")
