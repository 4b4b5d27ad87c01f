//===- ContextClangdMain.cpp - context-clangd: clangd with the checks -----===//
//
// clangd's own main, clangdMain() from libclangdMain.a, linked with the
// context-* check objects: the checks register in ClangTidyModuleRegistry
// through the static object in ContextTidyModule.cpp, and clangd iterates
// that registry for every file it builds, so the checks run like upstream
// ones (enabled by .clang-tidy or .clangd, CheckOptions, NOLINT, fixes as
// quick fixes).  tools/cmake/ContextTidyClangd.cmake builds it.
//
// Two additions to clangd:
//
// - clangd runs, by default (FastCheckFilter: Strict), only the checks its
//   table of measured latencies calls fast: an AST build with the check
//   costs at most 8% more than one without it, measured by
//   `clangd --check=FILE --check-tidy-time`.  The table is a static map in
//   libclangDaemon.a that nothing can extend; the link wraps its accessor
//   (-Wl,--wrap) with the function below, which answers for the context-*
//   checks, measured the same way (docs/performance.md), and asks the table
//   for every other check.
// - `--version` prints clangd's own lines, then one that names context-tidy.
// - The checks report nothing on a file that does not compile
//   (ContextCheck::setQuietOnCompileErrors).
//
//===----------------------------------------------------------------------===//

#include "checks/ContextCheck.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <optional>

namespace clang::clangd {
// libclangdMain.a defines it; Debian installs no clangd headers.
// NOLINTNEXTLINE(misc-use-internal-linkage): declared here, defined there.
int clangdMain(int Argc, char **Argv);
} // namespace clang::clangd

// clang::clangd::isFastTidyCheck(llvm::StringRef), as clangd defines it
// (TidyProvider.cpp), and its replacement.  With
// -Wl,--wrap=<its mangled name>, every call to it from clangd's other
// objects (ParsedAST.cpp, ConfigCompile.cpp) reaches wrappedIsFastTidyCheck,
// and the original is reachable as realIsFastTidyCheck.  If clangd ever
// renames it, the __real_ reference stays undefined and the link fails.
#define CONTEXT_CLANGD_IS_FAST "_ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE"
// Both must have external linkage: the linker binds them by these names.
// NOLINTNEXTLINE(misc-use-internal-linkage)
std::optional<bool> realIsFastTidyCheck(llvm::StringRef Check) __asm__(
    "__real_" CONTEXT_CLANGD_IS_FAST);
// NOLINTNEXTLINE(misc-use-internal-linkage)
std::optional<bool> wrappedIsFastTidyCheck(llvm::StringRef Check) __asm__(
    "__wrap_" CONTEXT_CLANGD_IS_FAST);

// NOLINTNEXTLINE(misc-use-internal-linkage)
std::optional<bool> wrappedIsFastTidyCheck(llvm::StringRef Check) {
  // Every context-* check: each adds well under 8% to an AST build
  // (docs/performance.md has the figures and the command).
  if (Check.starts_with("context-"))
    return true;
  return realIsFastTidyCheck(Check);
}

namespace {

void printContextTidyVersion() {
  llvm::outs() << "context-tidy " CONTEXT_TIDY_VERSION
                  ": the context-* checks are built in\n";
  llvm::outs().flush();
}

} // namespace

int main(int Argc, char **Argv) {
  // clangd prints its version and exits from inside clangdMain (its
  // version printer replaces any other), so ours runs at exit.  llvm::outs()
  // is created first, so it is destroyed (and flushed) after this handler,
  // and clangd's lines, still in its buffer, come first: editors look for
  // "clangd version N.N.N" in the output.
  for (int I = 1; I < Argc; ++I) {
    const llvm::StringRef Arg(Argv[I]);
    if (Arg == "--version" || Arg == "-version") {
      llvm::outs();
      std::atexit(printContextTidyVersion);
      break;
    }
  }
  // An editor builds the file at every edit: while it does not compile, the
  // checks add nothing to the errors clangd shows (ContextCheck.h).
  clang::tidy::context::ContextCheck::setQuietOnCompileErrors(true);
  // clangd traverses the main file's top-level declarations, never the
  // translation unit node.
  clang::tidy::context::ContextCheck::setTraversalStartsAtTopLevelDecls(true);
  return clang::clangd::clangdMain(Argc, Argv);
}
