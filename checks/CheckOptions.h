//===- CheckOptions.h - Reading a check's options --------------*- C++ -*-===//
//
// One reader for the options of every context-* check.  Each reader method
// returns the value to use and, when the option's text is not a valid
// value, reports it once, as a clang-tidy-config warning that names the
// option's value, the option, the check, what was expected and what is used
// instead:
//
//   warning: invalid value 'maybe' in option 'IgnoreMain' of
//   context-lost-cancel; expected true or false; using true
//   [clang-tidy-config]
//
// Use it in the check's constructor, where ClangTidyCheck's `Options` is
// in reach:
//
//   MyCheck::MyCheck(StringRef Name, ClangTidyContext *Context)
//       : ContextCheck(Name, Context, {...}) {
//     OptionReader Read(Name, Options, Context);
//     Strict = Read.boolean("Strict", false);
//     Latency = Read.duration("MaxLatency", "100ms");
//   }
//
// and store the values back in storeOptions() as before (Options.store with
// strings).  Only the non-template OptionsView::get and getLocalOrGlobal
// are called: the templates (get<bool>, get<int>, enums) return
// enable_if types that GCC and Clang mangle differently, so a plugin built
// by GCC could not link to their instantiations in a Clang-built
// clang-tidy.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_CHECKS_CHECKOPTIONS_H
#define CONTEXT_TIDY_CHECKS_CHECKOPTIONS_H

#include "clang-tidy/ClangTidyCheck.h"
#include <cstdint>
#include <string>
#include <vector>

namespace clang::tidy::context {

class OptionReader {
public:
  /// Where an option is looked up: the check's own option only, or that
  /// and then the global option of the same name (the model options).
  enum class Scope : uint8_t { Local, LocalOrGlobal };

  OptionReader(StringRef CheckName, const ClangTidyCheck::OptionsView &Options,
               ClangTidyContext *Context)
      : CheckName(CheckName), Options(Options), Context(Context) {}

  /// true, false, 1, 0, yes, no, on, off (any case); else \p Default.
  bool boolean(StringRef Name, bool Default);

  struct Duration {
    std::string Text; ///< the option's text, or the default's when invalid
    double Seconds;
  };
  /// A number and a unit, such as "100ms" (lib/waits/BlockingCalls.h:
  /// parseDurationString); else \p Default, which must be valid.
  Duration duration(StringRef Name, StringRef Default);

  struct PatternList {
    std::string Text;                ///< the option's text, as written
    std::vector<std::string> Usable; ///< its usable patterns, trimmed
  };
  /// A semicolon-separated list of name patterns (lib/model/NameMatch.h); with
  /// \p WithArgument, each may end in ":<argument index>" (the model
  /// options, lib/model/ApiModel.h).  Empty items are skipped.  Invalid when a
  /// pattern cannot be used, or when the text holds no pattern at all but
  /// is not blank (";;"); only the usable patterns are used.
  PatternList patterns(StringRef Name, bool WithArgument,
                       Scope Where = Scope::Local);

  struct EnumList {
    std::string Text;                 ///< the option's text, as written
    std::vector<unsigned> Enumerated; ///< indices into the known names
  };
  /// A semicolon-separated list of names from \p Known (a set of
  /// enumerators).  Invalid when an item is not a known name; the known
  /// ones are used.
  EnumList enumerators(StringRef Name, StringRef Default,
                       ArrayRef<StringRef> Known, Scope Where = Scope::Local);

private:
  std::string text(StringRef Name, StringRef Default, Scope Where) const;
  /// The one warning of an invalid value.
  void invalid(StringRef Name, StringRef Value, StringRef Why,
               StringRef Expected, StringRef Using) const;

  StringRef CheckName;
  const ClangTidyCheck::OptionsView &Options;
  ClangTidyContext *Context;
};

} // namespace clang::tidy::context

#endif // CONTEXT_TIDY_CHECKS_CHECKOPTIONS_H
