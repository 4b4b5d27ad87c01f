//===- NameMatch.h - Qualified names and name patterns ---------*- C++ -*-===//
//
// How the API model spells a declaration's name, and how a list of name
// patterns is matched against it.  A pattern is one of:
//
//   "::std::stop_token"     fully qualified: the whole name must match;
//   "context::WithCancel"   a suffix: matches "WithCancel" of any namespace
//                           or class whose innermost scope is "context";
//   "WithCancel"            a bare name, in any scope;
//   "::folly::F14.*Map"     a regular expression (any of ^$.*+?[](){}|\ ),
//                           anchored at both ends; without a leading "::"
//                           it may match after any "scope::" prefix.
//
// Names are built from canonical declarations with inline namespaces
// removed (std::__1, std::__cxx11, std::chrono::_V2) and without template
// arguments: a method of std::future<int> is "std::future::get".
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_MODEL_NAMEMATCH_H
#define CONTEXT_TIDY_LIB_MODEL_NAMEMATCH_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"
#include <memory>
#include <string>
#include <vector>

namespace clang {
class NamedDecl;
} // namespace clang

namespace context_tidy {

/// The model's spelling of D's qualified name, without a leading "::".
std::string qualifiedName(const clang::NamedDecl *D);

/// The innermost component of D's name: an identifier, a constructor's class
/// name, or an operator such as "operator()".  Empty for unnamed entities.
std::string simpleName(const clang::NamedDecl *D);

/// A set of name patterns, each carrying an integer payload.  Lookups are
/// cheap when nothing can match: literal patterns are indexed by their last
/// component, so the full qualified name is only built for candidates.
class NameTable {
public:
  /// Adds \p Pattern (see the file comment).  Returns false, with the
  /// reason in \p Error, and leaves the table unchanged if the pattern
  /// cannot match a name: an invalid regular expression, or a literal with
  /// an empty component ("::", "a::") or a single ':'.  An empty pattern is
  /// ignored (true).
  bool add(llvm::StringRef Pattern, unsigned Payload, std::string *Error = nullptr);

  /// True if some pattern could match a declaration whose simple name is
  /// \p Last.  Use it before computing a qualified name.
  bool mayMatch(llvm::StringRef Last) const {
    return !Regexes.empty() || ByLast.count(Last) != 0;
  }

  /// Appends the payloads of the patterns that match \p Qualified (a name
  /// from qualifiedName(), or "Class::method"), whose last component is
  /// \p Last.
  void match(llvm::StringRef Last, llvm::StringRef Qualified,
             llvm::SmallVectorImpl<unsigned> &Out) const;

  /// Matches a name that has no scope (a macro name, a variable's name).
  void matchUnqualified(llvm::StringRef Name,
                        llvm::SmallVectorImpl<unsigned> &Out) const {
    match(Name, Name, Out);
  }

  bool empty() const { return ByLast.empty() && Regexes.empty(); }

  /// The fully qualified literal patterns whose last component is \p Last,
  /// without the leading "::" ("std::condition_variable::wait").
  void qualifiedLiterals(llvm::StringRef Last,
                         llvm::SmallVectorImpl<llvm::StringRef> &Out) const {
    auto It = ByLast.find(Last);
    if (It != ByLast.end())
      for (const Literal &L : It->second)
        if (L.FullyQualified)
          Out.push_back(L.Text);
  }

private:
  struct Literal {
    std::string Text; // pattern without a leading "::"
    bool FullyQualified;
    unsigned Payload;
  };
  struct RegexPattern {
    std::unique_ptr<llvm::Regex> Re;
    unsigned Payload;
  };
  llvm::StringMap<llvm::SmallVector<Literal, 1>> ByLast;
  std::vector<RegexPattern> Regexes;
  // The regular expressions' payloads by qualified name.  llvm::Regex is a
  // backtracking matcher, and the same few names (std::function's call
  // operator, a chrono literal's operator, a class used everywhere) are
  // looked up again for each declaration that has them: matching them
  // again was the largest single cost of the checks on code-rich files
  // (docs/performance.md).  It depends on the names only, not on an AST.
  mutable llvm::StringMap<llvm::SmallVector<unsigned, 1>> RegexHits;
};

/// True if \p Pattern will be treated as a regular expression.
bool isRegexPattern(llvm::StringRef Pattern);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_MODEL_NAMEMATCH_H
