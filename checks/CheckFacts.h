//===- CheckFacts.h - Function summaries and facts for a check --*- C++ -*-===//
//
// What a check needs to read function summaries across calls and facts
// across translation units (docs/facts.md), from its options:
//   FollowCalls     the rules across calls run, on this translation unit's
//                   summaries (lib/summaries/);
//   FactsDirectory  also on the facts of the other units found there
//                   (implies FollowCalls);
//   FactsMode       "use" (the default): read the directory; "export": the
//                   facts phase, which writes this unit's facts there and
//                   reports nothing.
// FactsDirectory and FactsMode are read as the check's option, then as the
// global option of that name, then from the environment variables
// CONTEXT_TIDY_FACTS_DIRECTORY and CONTEXT_TIDY_FACTS_MODE (how
// tools/run-context-tidy --facts passes them without replacing the
// project's configuration).  The keys of facts are USRs, which lib/ does
// not compute (clangIndex): this adapter does.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_CHECKS_CHECKFACTS_H
#define CONTEXT_TIDY_CHECKS_CHECKFACTS_H

#include "clang-tidy/ClangTidyCheck.h"
#include "lib/summaries/Facts.h"
#include <memory>
#include <optional>
#include <string>

namespace clang::tidy::context {

class CheckFacts {
public:
  CheckFacts(StringRef CheckName, const ClangTidyCheck::OptionsView &Options,
             ClangTidyContext *Context);
  void storeOptions(ClangTidyCheck::OptionsView &Options,
                    ClangTidyOptions::OptionMap &Opts) const;

  /// Whether the rules across calls run.
  bool followCalls() const { return Follow; }
  /// The same answer without reading facts (for a check whose rules across
  /// calls read no facts): FollowCalls, or a FactsDirectory given.
  static bool followsCalls(StringRef CheckName,
                           const ClangTidyCheck::OptionsView &Options,
                           ClangTidyContext *Context);
  /// Whether this run is the facts phase.
  bool exporting() const { return Export; }

  /// The imported facts of \p FD (a function whose body this unit does not
  /// see), or null.
  const context_tidy::BlockSummary *imported(const FunctionDecl *FD);

  /// The facts phase: writes the summaries \p Blocks gives for the
  /// functions \p Defined (definitions in the main file, externally
  /// visible) of the unit of \p Ctx.
  void exportUnit(ASTContext &Ctx, llvm::ArrayRef<const FunctionDecl *> Defined,
                  context_tidy::BlockSummaries &Blocks);

private:
  void warn(StringRef Message);

  ClangTidyContext *Context;
  std::string CheckName;
  std::string Directory;
  bool Follow = false;
  bool Export = false;
  std::optional<context_tidy::FactStore> Store;
};

/// The key of \p FD in facts files: its USR, or "" if it has none.
std::string factKey(const FunctionDecl *FD);

} // namespace clang::tidy::context

#endif // CONTEXT_TIDY_CHECKS_CHECKFACTS_H
