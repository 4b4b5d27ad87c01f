//===- CallSites.h - What every call of a function passes -------*- C++ -*-===//
//
// The values a parameter takes at every call site in the translation unit,
// for the one question the checks ask today: whether a token parameter
// can ever be given a token that stops.  A parameter declared with a
// default (`std::stop_token st = {}`) that every call leaves to that
// default, or passes a value-initialized token (`{}`, `std::stop_token()`),
// is never stoppable: the function is not a cancellable scope through it.
//
// "Every call" is judged on what the unit shows, and only when it shows
// all uses: each reference to the function is the callee of a direct call
// (not an address taken, not a std::thread or std::jthread constructed
// with it, which would pass a token of its own), the function is not
// virtual, and there is at least one call.  Calls from other translation
// units are not seen: an externally visible function that they call with a
// real token loses this unit's findings in it (a miss, never a false
// finding).
//
// The index of the unit's calls by callee is built on first use, over the
// declarations outside system headers (template instantiations included).
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_SUMMARIES_CALLSITES_H
#define CONTEXT_TIDY_LIB_SUMMARIES_CALLSITES_H

#include "lib/contexts/CancellationScope.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class ASTContext;
class CallExpr;
class FunctionDecl;
} // namespace clang

namespace context_tidy {

class CallSites {
public:
  explicit CallSites(clang::ASTContext &Ctx) : Ctx(Ctx) {}

  /// Whether every call of \p FD in this unit (there is one at least, and
  /// no other use) leaves its parameter \p Index to its default argument
  /// or passes a value-initialized object.
  bool everyCallDefaults(const clang::FunctionDecl *FD, unsigned Index);

private:
  struct Uses {
    llvm::SmallVector<const clang::CallExpr *, 4> Calls;
    /// Referred to other than as the callee of a direct call.
    bool Escapes = false;
  };
  void build();

  clang::ASTContext &Ctx;
  bool Built = false;
  llvm::DenseMap<const clang::FunctionDecl *, Uses> ByCallee;
};

/// Whether token \p T of scope \p S can never be stopped there: a
/// parameter that every call leaves to a default (CallSites above), or a
/// parameter that this template instantiation never reads although the
/// template's pattern does (an `if constexpr` branch that uses the token
/// was discarded: its other branch is for callers without one).
bool tokenNeverStops(const Scope &S, const ScopeToken &T, CallSites &Sites);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_SUMMARIES_CALLSITES_H
