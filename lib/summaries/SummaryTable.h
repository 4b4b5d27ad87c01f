//===- SummaryTable.h - The call graph walk behind the summaries -*- C++ -*-===//
//
// Function summaries are computed on demand, once per translation unit, for
// the callees of the calls that a check asks about (a call in a
// cancellable scope, on a stop path, with a timeout argument), never for
// every function of every header:
//  - a function is summarised when its definition is visible, outside
//    system headers, not a coroutine, not the context library's own code,
//    and its body is at most SummaryLimits::MaxNodes statements;
//  - a call is followed when its callee is such a function, is called
//    directly (not through a pointer, nor a virtual call that may reach
//    another override), and is not itself an API of the model that a kind
//    reads as an operation (a wait, a wake, a stop request, a timeout);
//  - a summary of depth D reads its function's body and the summaries of
//    depth D-1 of the functions it calls (depth 1: the body alone), so a
//    chain is at most MaxDepth functions long.  Recursion needs no special
//    case: a cycle is unrolled to the depth bound, each (function, depth)
//    pair computed once (DepthMemo), and each member of a strongly
//    connected component gets the same answer whatever order the calls
//    reach it in;
//  - at most MaxFunctions bodies are read per translation unit: past that,
//    a function is not summarised (its calls are not followed).
//
// The walk of a body is for the kinds to share (LocalFacts: its calls with
// their loops, the parameters of token type and how they are used); a
// kind (Blocks.h) composes its own record from it.  A function whose body
// this unit does not see is followed when the check imported a summary of
// it from another translation unit (Imported, Facts.h).
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_SUMMARIES_SUMMARYTABLE_H
#define CONTEXT_TIDY_LIB_SUMMARIES_SUMMARYTABLE_H

#include "lib/model/ApiModel.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <functional>
#include <memory>
#include <utility>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class FieldDecl;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace context_tidy {

/// The bounds of the walk (see the file comment).
struct SummaryLimits {
  static constexpr unsigned MaxDepth = 3;
  static constexpr unsigned MaxNodes = 4000;
  static constexpr unsigned MaxFunctions = 2000;
};

/// How a summarised function uses one of its parameters of token, source
/// or context type.
struct TokenParamUse {
  unsigned Index = 0;
  /// Named anywhere in the body.
  bool Read = false;
  /// A method is called on it (`st.stop_requested()`).
  bool Checked = false;
  /// Passed as an argument to a call or a construction.
  bool PassedDown = false;
  /// Passed to a stop callback or a stop callback registration.
  bool Registered = false;
};

/// A call of a summarised body.
struct LocalCall {
  const clang::CallExpr *Call = nullptr;
  /// The innermost loop around it in the same body.
  const clang::Stmt *Loop = nullptr;
};

/// What one walk of a function's body finds, shared by the kinds.
struct LocalFacts {
  /// The definition read.
  const clang::FunctionDecl *Function = nullptr;
  /// Its statements (a coroutine is never summarised).
  const clang::Stmt *Body = nullptr;
  /// Every call made in the body (not in the lambdas it contains), in
  /// source order.
  llvm::SmallVector<LocalCall, 8> Calls;
  /// Whether the body names an object of token, source or context type:
  /// a parameter, a member, a local, a global.
  bool MentionsToken = false;
  /// The parameters of token, source or context type, in order.
  llvm::SmallVector<TokenParamUse, 1> TokenParams;
};

/// The walk of one translation unit's bodies, on demand (it holds AST
/// pointers: one per translation unit).
class SummaryTable {
public:
  SummaryTable(clang::ASTContext &Ctx, const ApiModel &M);
  ~SummaryTable();

  /// The walk of \p FD's body (its definition), or null when \p FD is not
  /// summarised.
  const LocalFacts *facts(const clang::FunctionDecl *FD);

  /// The function \p Call calls when the summaries follow it, or null.
  const clang::FunctionDecl *callee(const clang::CallExpr *Call);
  /// For a record of depth \p Depth: callee(Call) when the record reads
  /// its callees' records (Depth > 1), else null.
  const clang::FunctionDecl *calleeBelow(const clang::CallExpr *Call,
                                         unsigned Depth) {
    return Depth > 1 ? callee(Call) : nullptr;
  }

  /// Whether the function of parameter \p Index of \p FD (a definition
  /// the table summarises) may write it (Clang's ExprMutationAnalyzer);
  /// once per parameter.
  bool writesParameter(const clang::FunctionDecl *FD, unsigned Index);

  /// What \p Call has for \p Callee's parameter \p Param: the expression
  /// written, or a CXXDefaultArgExpr where the call leaves it to its
  /// default; null if there is none.
  static const clang::Expr *passedFor(const clang::CallExpr *Call,
                                      const clang::FunctionDecl *Callee,
                                      unsigned Param);

  /// The argument \p Call passes for \p Callee's parameter \p Param: the
  /// expression written, or the default argument; null if there is none.
  static const clang::Expr *argumentFor(const clang::CallExpr *Call,
                                        const clang::FunctionDecl *Callee,
                                        unsigned Param);

  clang::ASTContext &context() const { return Ctx; }
  const ApiModel &model() const { return M; }

  /// Whether a function whose body this unit does not see has a summary
  /// imported from another translation unit (Facts.h); unset: none has.
  /// Such a function's calls are followed too.
  std::function<bool(const clang::FunctionDecl *)> Imported;

private:
  struct Entry {
    std::unique_ptr<LocalFacts> Facts; ///< null: not summarised
  };
  clang::ASTContext &Ctx;
  const ApiModel &M;
  llvm::DenseMap<const clang::FunctionDecl *, Entry> Functions;
  llvm::DenseMap<const clang::FunctionDecl *, bool> Followed;
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, unsigned>, bool>
      Written;
};

/// Records of one kind, one per (function, depth), computed once: the
/// memo of a kind's summaries.
template <class Record> class DepthMemo {
public:
  /// The record of \p FD at \p Depth, computed by \p Compute (which may ask
  /// for records of smaller depths) the first time.
  const Record &
  get(const clang::FunctionDecl *FD, unsigned Depth,
      llvm::function_ref<void(Record &)> Compute) {
    auto Key = std::make_pair(FD, Depth);
    auto It = Records.find(Key);
    if (It != Records.end())
      return *It->second;
    auto R = std::make_unique<Record>();
    Compute(*R);
    // Compute may have added records: look the slot up again.
    return *(Records[Key] = std::move(R));
  }
  void clear() { Records.clear(); }

private:
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, unsigned>,
                 std::unique_ptr<Record>>
      Records;
};

/// A kind's record of \p FD at \p Depth: computed once by \p Compute on
/// the definition \p Table summarises, or an empty record when \p FD is
/// not summarised (or \p Depth is 0).
template <class Record>
const Record &kindRecord(
    SummaryTable &Table, DepthMemo<Record> &Memo, const clang::FunctionDecl *FD,
    unsigned Depth,
    llvm::function_ref<void(const clang::FunctionDecl *, Record &)> Compute) {
  static const Record None;
  const LocalFacts *F = Depth ? Table.facts(FD) : nullptr;
  if (!F)
    return None;
  return Memo.get(F->Function, Depth,
                  [&](Record &Out) { Compute(F->Function, Out); });
}

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_SUMMARIES_SUMMARYTABLE_H
