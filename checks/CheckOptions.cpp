//===- CheckOptions.cpp - Reading a check's options -----------------------===//

#include "checks/CheckOptions.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "lib/model/ApiModel.h"
#include "lib/waits/BlockingCalls.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::context {

namespace {

std::optional<bool> parseBoolean(StringRef Text) {
  Text = Text.trim();
  for (StringRef T : {"true", "1", "yes", "on"})
    if (Text.equals_insensitive(T))
      return true;
  for (StringRef F : {"false", "0", "no", "off"})
    if (Text.equals_insensitive(F))
      return false;
  return std::nullopt;
}

std::string quoted(StringRef S) { return "'" + S.str() + "'"; }

} // namespace

std::string OptionReader::text(StringRef Name, StringRef Default,
                               Scope Where) const {
  return (Where == Scope::Local ? Options.get(Name, Default)
                                : Options.getLocalOrGlobal(Name, Default))
      .str();
}

void OptionReader::invalid(StringRef Name, StringRef Value, StringRef Why,
                           StringRef Expected, StringRef Using) const {
  std::string Message = "invalid value " + quoted(Value) + " in option " +
                        quoted(Name) + " of " + CheckName.str();
  if (!Why.empty())
    Message += ": " + Why.str();
  Message += "; expected " + Expected.str() + "; using " + Using.str();
  // The message is an argument, not the format: a value may hold a '%'.
  Context->configurationDiag("%0") << Message;
}

bool OptionReader::boolean(StringRef Name, bool Default) {
  const std::string Text = text(Name, Default ? "true" : "false", Scope::Local);
  if (std::optional<bool> B = parseBoolean(Text))
    return *B;
  invalid(Name, Text, "", "true or false", Default ? "true" : "false");
  return Default;
}

OptionReader::Duration OptionReader::duration(StringRef Name,
                                              StringRef Default) {
  const std::string Text = text(Name, Default, Scope::Local);
  if (std::optional<double> S = context_tidy::parseDurationString(Text))
    return {Text, *S};
  invalid(Name, Text, "",
          ("a number and a unit (ns, us, ms, s, min, h), such as '" +
           Default + "'")
              .str(),
          Default);
  return {Default.str(),
          context_tidy::parseDurationString(Default).value_or(0)};
}

OptionReader::PatternList
OptionReader::patterns(StringRef Name, bool WithArgument, Scope Where) {
  PatternList Result{text(Name, "", Where), {}};
  std::vector<std::string> Errors;
  for (StringRef Item : utils::options::parseStringList(Result.Text)) {
    Item = Item.trim();
    if (Item.empty())
      continue;
    std::string Why;
    if (WithArgument) {
      Why = context_tidy::extraEntryError(Item);
    } else {
      context_tidy::NameTable Scratch;
      Scratch.add(Item, 0, &Why);
    }
    if (Why.empty())
      Result.Usable.push_back(Item.str());
    else
      Errors.push_back(quoted(Item) + " " + Why);
  }
  if (Errors.empty() &&
      (!Result.Usable.empty() || StringRef(Result.Text).trim().empty()))
    return Result;
  if (Errors.empty())
    Errors.push_back("it holds no pattern");
  invalid(Name, Result.Text, llvm::join(Errors, ", "),
          WithArgument
              ? "a semicolon-separated list of qualified names or regular "
                "expressions, each optionally followed by ':<argument index>'"
              : "a semicolon-separated list of qualified names or regular "
                "expressions",
          Result.Usable.empty() ? "no pattern of it"
                                : quoted(llvm::join(Result.Usable, ";")));
  return Result;
}

OptionReader::EnumList OptionReader::enumerators(StringRef Name,
                                                 StringRef Default,
                                                 ArrayRef<StringRef> Known,
                                                 Scope Where) {
  EnumList Result{text(Name, Default, Where), {}};
  std::vector<std::string> Unknown;
  std::vector<StringRef> Used;
  for (StringRef Item : utils::options::parseStringList(Result.Text)) {
    Item = Item.trim();
    if (Item.empty())
      continue;
    const auto *It = llvm::find(Known, Item);
    if (It == Known.end()) {
      Unknown.push_back(quoted(Item));
      continue;
    }
    Result.Enumerated.push_back(static_cast<unsigned>(It - Known.begin()));
    Used.push_back(Item);
  }
  if (Unknown.empty())
    return Result;
  invalid(Name, Result.Text,
          llvm::join(Unknown, ", ") + (Unknown.size() == 1 ? " is" : " are") +
              " unknown",
          "a semicolon-separated list of: " + llvm::join(Known, ", "),
          Used.empty() ? "none" : quoted(llvm::join(Used, ";")));
  return Result;
}

} // namespace clang::tidy::context
