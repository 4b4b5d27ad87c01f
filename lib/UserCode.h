//===- UserCode.h - The declarations a check looks at ----------*- C++ -*-===//
//
// A translation unit that includes <future>, Asio or gRPC is mostly system
// headers, and nothing in a system header is reported.  An AST matcher is
// tried on every node it may match, headers included, and that is where a
// checker's cost goes (docs/performance.md).  The checks run their matchers
// on the top-level declarations outside system headers only, through the
// ASTContext's traversal scope; the parent map, when something asks for
// it, is then built for that code only too.
//
// A declaration outside system headers is one whose location, expanded out
// of macros, is not in a system header: the same test as the matcher
// isExpansionInSystemHeader(), made once per top-level declaration instead
// of once per node.  Templates written outside system headers are walked
// with their instantiations; a system template instantiated with the
// user's types is not (its code is in the system header).
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_USERCODE_H
#define CONTEXT_TIDY_LIB_USERCODE_H

#include <vector>

namespace clang {
class ASTContext;
class Decl;
} // namespace clang

namespace context_tidy {

/// The top-level declarations of the translation unit that are outside
/// system headers, in order.  When the traversal scope of \p Ctx is already
/// narrower than the translation unit (clangd sets it to the main file's
/// top-level declarations), the declarations of that scope outside system
/// headers.
std::vector<clang::Decl *> userDeclarations(clang::ASTContext &Ctx);

/// Restricts the traversal scope of \p Ctx to userDeclarations() while it
/// lives, and restores the previous scope after.
class UserCodeScope {
public:
  explicit UserCodeScope(clang::ASTContext &Ctx);
  ~UserCodeScope();
  UserCodeScope(const UserCodeScope &) = delete;
  UserCodeScope &operator=(const UserCodeScope &) = delete;

private:
  clang::ASTContext &Ctx;
  std::vector<clang::Decl *> Saved;
};

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_USERCODE_H
