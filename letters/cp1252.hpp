#pragma once
// UTF-8 to Windows-1252, the encoding of the PDF's base-14 fonts (WinAnsi): the euro sign, accented
// letters and typographic quotes survive; a character outside the code page becomes '?'.
#include <string>
#include <string_view>

namespace pinc::letters {

std::string utf8_to_cp1252(std::string_view utf8);

}  // namespace pinc::letters
