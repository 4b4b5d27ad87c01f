//===- ContextTidyMain.cpp - The standalone context-tidy executable -------===//
//
// clang-tidy's own driver with the context-* checks compiled in: the same
// command line as clang-tidy, every upstream check, and no --load.  For
// editors and CI images that take the path of a clang-tidy binary, and for
// toolchains that cannot load plugins.
//
// The checks register themselves through the static ClangTidyModuleRegistry
// object in ContextTidyModule.cpp, which is linked in as an object file, so
// nothing here has to name them.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

int main(int Argc, const char **Argv) {
  llvm::cl::AddExtraVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "context-tidy version " CONTEXT_TIDY_VERSION
          " (clang-tidy with the context-* checks built in)\n";
  });
  return clang::tidy::clangTidyMain(Argc, Argv);
}
