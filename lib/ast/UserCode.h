//===- UserCode.h - The declarations a check looks at ----------*- C++ -*-===//
//
// A translation unit that includes <future>, Asio or gRPC is mostly
// headers, and clang-tidy shows nothing from a system header, nor from a
// header its header filter does not let through.  An AST matcher is tried
// on every node it may match, and that is where a checker's cost goes
// (docs/performance.md).  The checks run their matchers on the
// declarations whose diagnostics can be shown only, through the
// ASTContext's traversal scope; the parent map, when something asks for
// it, is then built for that code only too.
//
// A declaration is looked at when its location, expanded out of macros, is
// in the main file, or in a header outside system headers that the header
// filter shows (ShownFiles).  A namespace or `extern "C"` block in a
// hidden header is looked into, in case a shown file is included inside
// it.  Templates are walked with their instantiations; a template in a
// system or hidden header instantiated with the user's types is not (its
// code, where a diagnostic would be, is the header's).  An analysis still
// reads any declaration it reaches from the code in scope (a class's
// members, a callee's body) directly.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_AST_USERCODE_H
#define CONTEXT_TIDY_LIB_AST_USERCODE_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"
#include <memory>
#include <vector>

namespace clang {
class ASTContext;
class Decl;
class SourceManager;
} // namespace clang

namespace context_tidy {

/// The files whose diagnostics clang-tidy shows: the main file always; a
/// header outside system headers whose name matches the header filter and
/// not the exclude filter.  The filters are clang-tidy's HeaderFilterRegex
/// and ExcludeHeaderFilterRegex as clang-tidy reads them: an empty or
/// invalid expression matches nothing (LLVM 19's default header filter is
/// empty: no header is shown; LLVM 22's is '.*').
class ShownFiles {
public:
  /// Every file outside system headers.
  ShownFiles() = default;
  ShownFiles(llvm::StringRef HeaderFilter, llvm::StringRef ExcludeFilter);

  /// Whether a diagnostic at \p Loc (a file location, expanded out of
  /// macros) can be shown.
  bool shows(clang::SourceLocation Loc, const clang::SourceManager &SM);

private:
  bool AllHeaders = true;
  std::unique_ptr<llvm::Regex> Include, Exclude;
  llvm::DenseMap<clang::FileID, bool> Cache;
};

/// The declarations of the translation unit that \p Shown shows, top-level
/// ones and those inside namespaces of hidden headers, in order.  When the
/// traversal scope of \p Ctx is already narrower than the translation unit
/// (clangd sets it to the main file's top-level declarations), the
/// declarations of that scope that \p Shown shows.
std::vector<clang::Decl *> userDeclarations(clang::ASTContext &Ctx,
                                            ShownFiles &Shown);
/// The top-level declarations outside system headers.
std::vector<clang::Decl *> userDeclarations(clang::ASTContext &Ctx);

/// Restricts the traversal scope of \p Ctx to userDeclarations() while it
/// lives, and restores the previous scope after.
class UserCodeScope {
public:
  explicit UserCodeScope(clang::ASTContext &Ctx);
  UserCodeScope(clang::ASTContext &Ctx, ShownFiles &Shown);
  ~UserCodeScope();
  UserCodeScope(const UserCodeScope &) = delete;
  UserCodeScope &operator=(const UserCodeScope &) = delete;

private:
  clang::ASTContext &Ctx;
  std::vector<clang::Decl *> Saved;
};

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_AST_USERCODE_H
