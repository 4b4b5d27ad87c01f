//===- DefaultArguments.h - Writing a default argument out -------*- C++ -*-===//
//
// A fix-it that passes an argument after parameters left to their defaults
// has to write those defaults at the call.  It does so only where the text
// is exact wherever the call is: `{}` for a default that is a
// value-initialization (`Options()`, `Options{}`, `{}`, `0`, `false`,
// `nullptr`) of a type that `{}` initializes the same way (a class whose
// default constructor is not explicit, an aggregate, a scalar).  Any other
// default (a non-zero value, a call, a name that may not be visible at the
// call) is not written.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_AST_DEFAULTARGUMENTS_H
#define CONTEXT_TIDY_LIB_AST_DEFAULTARGUMENTS_H

#include <optional>
#include <string>

namespace clang {
class FunctionDecl;
class ParmVarDecl;
} // namespace clang

namespace context_tidy {

/// The text that passes what \p P's default argument passes, as above.
std::optional<std::string> defaultArgumentText(const clang::ParmVarDecl *P);

/// Whether the scope \p FD is declared in has another function of its name
/// (where `{}` could pick, or make ambiguous, another overload).
bool hasOverloads(const clang::FunctionDecl *FD);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_AST_DEFAULTARGUMENTS_H
