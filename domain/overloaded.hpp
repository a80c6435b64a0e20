#pragma once
// The usual visitor helper: overloaded{[](A&){...}, [](B&){...}} for std::visit.
namespace pinc {
template <class... Fs>
struct overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
overloaded(Fs...) -> overloaded<Fs...>;
}  // namespace pinc
