//===- ReadinessGuard.h - Blocking calls that return at once ---*- C++ -*-===//
//
// `f.get()` blocks, unless the code has just learnt that `f` is ready:
//
//   if (f.wait_for(0s) == std::future_status::ready) use(f.get());
//   if (!f.isReady()) return;  f.get();
//   while (f.wait_for(50ms) != std::future_status::ready) { ... } f.get();
//
// A readiness test is a Role::ReadinessCheck call on an object: one that
// returns bool means "ready" when true; one that returns a status means
// "ready" when compared equal to a Role::ReadyStatus enumerator, or unequal
// to a Role::NotReadyStatus one (`f.wait_for(d) != timeout`).  A local
// variable initialised with such a call or test counts as the test.
//
// A null test of a pointer or pointer-like variable (`!ctx`, `ctx`,
// `ctx == nullptr`, `p != NULL`) is read the same way, "absent" standing
// for "ready": a wait where the scope's token is null cannot observe it.
//
// A call on object X is guarded when every path to it goes through the
// "ready" edge of a test of X: the edge's target has the test as its only
// predecessor and dominates the call (Clang's CFG and its dominator tree).
// The CFG is built only for bodies that test the readiness of an object
// they also block on, at most once per body.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_WAITS_READINESSGUARD_H
#define CONTEXT_TIDY_LIB_WAITS_READINESSGUARD_H

#include "lib/model/ApiModel.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>

namespace clang {
class ASTContext;
class CFG;
class CFGBlock;
class Decl;
class Expr;
class Stmt;
class ValueDecl;
template <bool> class CFGDominatorTreeImpl;
} // namespace clang

namespace context_tidy {

/// What a condition says about an object's readiness.
struct ReadinessTest {
  const clang::ValueDecl *Object = nullptr; ///< canonical
  bool ReadyWhen = true; ///< the condition's value that means "ready"
};

/// The readiness test \p Cond is, if any: `f.is_ready()`, `!f.isReady()`,
/// `f.wait_for(0s) == ready`, `f.wait_for(d) == timeout` (ready when false),
/// `status != ready` with
/// `auto status = f.wait_for(d)`, `ready` with `bool ready = <test>`;
/// `A && B` when A or B says "ready" when true, `A || B` when one says
/// "ready" when false; and null tests, "absent" standing for "ready":
/// `!p`, `p` (absent when false), `p == nullptr`, `p != nullptr`.
std::optional<ReadinessTest> readinessTest(const clang::Expr *Cond,
                                           const ApiModel &M);

class ReadinessGuards {
public:
  /// \p Body is the body of function \p Fn (or a lambda's call operator).
  ReadinessGuards(const clang::Decl *Fn, const clang::Stmt *Body,
                  clang::ASTContext &Ctx, const ApiModel &M);
  ~ReadinessGuards();

  /// Whether \p Call (in the body) runs only after a readiness test of
  /// \p Object said it is ready.
  bool isGuarded(const clang::Expr *Call, const clang::ValueDecl *Object);

  /// Whether the CFG was built (for tests: it is built lazily).
  bool builtCFG() const { return Built; }

private:
  void build();

  const clang::Decl *Fn;
  const clang::Stmt *Body;
  clang::ASTContext &Ctx;
  const ApiModel &M;
  bool Scanned = false;
  bool Built = false;
  llvm::SmallPtrSet<const clang::ValueDecl *, 4> Tested;
  std::unique_ptr<clang::CFG> Graph;
  std::unique_ptr<clang::CFGDominatorTreeImpl<false>> DomTree;
  llvm::DenseMap<const clang::Stmt *, const clang::CFGBlock *> BlockOf;
  /// Per object: blocks entered only through a "ready" edge.
  llvm::DenseMap<const clang::ValueDecl *,
                 llvm::SmallVector<const clang::CFGBlock *, 2>>
      ReadyBlocks;
};

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_READINESSGUARD_H
