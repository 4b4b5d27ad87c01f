//===- RootCalls.h - Summary kind: work started from a fresh root -*- C++
//-*-===//
//
// Whether calling a function starts work with a fresh root context where
// its callee takes a context: `void refresh() { client.Fetch(Background());
// }`, directly or through up to SummaryLimits::MaxDepth calls.  Called
// where a context is in scope, such a wrapper cuts the cancellation chain
// as `client.Fetch(Background())` written there would: the finding of
// context-detached-context, one or more calls above the root.
//
// A function counts when it takes no token, source or context parameter
// (one that does is given its caller's and may pass it on), and one of its
// own calls (not in a lambda it contains) passes a fresh root
// (lib/contexts/DetachedCalls.h: findFreshRoots), or calls, passing no
// token, a function that counts.  Detach functions (WithoutCancel) are
// never roots, and the context library's own code is never summarised.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_SUMMARIES_ROOTCALLS_H
#define CONTEXT_TIDY_LIB_SUMMARIES_ROOTCALLS_H

#include "lib/summaries/FunctionSummary.h"
#include "lib/summaries/SummaryTable.h"
#include "clang/AST/Type.h"

namespace context_tidy {

/// A fresh root that calling a function passes to a callee below it.
struct RootCall {
  /// The type of the parameter the root is passed to.
  clang::QualType ParamType;
  /// The root as written ("Background()", "ApplicationContext").
  std::string Root;
  /// The function it is passed to.
  std::string Callee;
  /// From the summarised function down to the call that passes the root.
  SummaryChain Chain;
};

struct RootCallSummary {
  llvm::SmallVector<RootCall, 1> Roots;
};

class RootCallSummaries {
public:
  explicit RootCallSummaries(SummaryTable &Table) : Table(Table) {}
  SummaryTable &table() const { return Table; }

  /// The fresh roots that calling \p FD passes, within \p Depth calls.
  const RootCallSummary &of(const clang::FunctionDecl *FD,
                            unsigned Depth = SummaryLimits::MaxDepth);

private:
  void compute(const clang::FunctionDecl *FD, unsigned Depth,
               RootCallSummary &Out);

  SummaryTable &Table;
  DepthMemo<RootCallSummary> Memo;
};

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_SUMMARIES_ROOTCALLS_H
