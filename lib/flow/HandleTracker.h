//===- HandleTracker.h - Cancel handles that must be called ----*- C++ -*-===//
//
// The analysis behind context-lost-cancel, for one function body:
//
//  - finds the calls to cancel factories (the API model's cancel_factory
//    role) and follows each result to where its cancel handle goes: bound
//    to variables (structured bindings, std::tie, plain copies, a whole
//    result kept and read later), invoked, handed elsewhere (returned,
//    stored, moved, passed, captured by an escaping lambda, given to a scope
//    guard), or thrown away;
//  - with CheckSources, finds local cancellation sources (std::stop_source,
//    ...) whose token is handed to an owner (a thread, a worker object);
//  - turns these into events for FlowAnalysis (gen at the binding, kill at
//    each invocation or transfer) and runs it once over the body's CFG.
//
// Every API it recognises comes from the ApiModel.  What it reports
// (LostHandle) and its options are in LostHandle.h; how it follows the
// handles is the Tracker (Tracker.h, internal to this folder).
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_FLOW_HANDLETRACKER_H
#define CONTEXT_TIDY_LIB_FLOW_HANDLETRACKER_H

#include "lib/flow/LostHandle.h"
#include "lib/model/ApiModel.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class Decl;
class Expr;
class LambdaExpr;
class Stmt;
} // namespace clang

namespace context_tidy {

/// Analyses the body of \p D (a function, method, or lambda call operator;
/// for a coroutine, its own body).  Returns nothing for dependent code or
/// code with errors.
std::vector<LostHandle> findLostHandles(const clang::Decl *D,
                                        clang::ASTContext &Ctx,
                                        const ApiModel &M,
                                        const TrackerOptions &O = {});

/// For a factory call outside any function body (the initializer \p Root of
/// a global, a static or a member), whether its handle is discarded.
std::optional<LostHandle> findDiscardedHandle(const clang::CallExpr *Call,
                                              const clang::Expr *Root,
                                              clang::ASTContext &Ctx,
                                              const ApiModel &M);

/// What findLostHandles or findDiscardedHandle must look at, found walking
/// down from a function body or an initializer.
struct FactorySite {
  /// The innermost lambda around the site below the walk's root, whose call
  /// operator is the function to analyse; null when the site belongs to the
  /// root itself (its function, or its initializer).
  const clang::LambdaExpr *Lambda = nullptr;
  /// The cancel-factory call; null for a local source (CheckSources).
  const clang::CallExpr *Call = nullptr;
  clang::SourceLocation Loc;
};

/// One walk down \p Root, never up (no parent map): every cancel-factory
/// call and, with CheckSources, every local variable of a source type.
/// Code in blocks and in captured statements (OpenMP) belongs to no function
/// the check analyses and is left out; lambdas written in it are not.
/// Dependent code and code with errors are walked like any other:
/// findLostHandles decides what it can analyse.
void findFactorySites(const clang::Stmt *Root, const ApiModel &M,
                      const TrackerOptions &O,
                      llvm::SmallVectorImpl<FactorySite> &Out);

/// The body findLostHandles analyses for \p D, or null.
clang::Stmt *analysedBody(const clang::Decl *D);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_FLOW_HANDLETRACKER_H
