//===- ContextTidyModule.cpp - Registers the context-* checks -------------===//
//
// Registers the checks with clang-tidy under the prefix "context-".  A check
// is registered here only once it works.
//
// The plugin must run inside the clang-tidy it was compiled for: clang's C++
// ABI changes with every major version, and a plugin built for another one
// can load, register nothing and say nothing, or crash later.  The guard
// below runs when the plugin is loaded, before it registers anything, and
// stops clang-tidy with an explanation when the versions differ.
//
//===----------------------------------------------------------------------===//

#include "checks/DetachedContextCheck.h"
#include "checks/LostCancelCheck.h"
#include "checks/NonpositiveTimeoutCheck.h"
#include "checks/StoredContextCheck.h"
#include "checks/UncancellableWaitCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/Basic/Version.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/raw_ostream.h"
#if LLVM_VERSION_MAJOR < 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif
#include <cstdlib>
#include <dlfcn.h>

namespace clang::tidy::context {
namespace {

/// The major version in a string such as "Debian clang version 22.1.8 (...)".
int hostMajorVersion(llvm::StringRef Full) {
  size_t At = Full.find("clang version ");
  if (At == llvm::StringRef::npos)
    return -1;
  llvm::StringRef Rest = Full.substr(At + strlen("clang version "));
  int Major = -1;
  if (Rest.consumeInteger(10, Major))
    return -1;
  return Major;
}

std::string pluginPath() {
  Dl_info Info;
  if (dladdr(reinterpret_cast<void *>(&hostMajorVersion), &Info) &&
      Info.dli_fname)
    return Info.dli_fname;
  return "the context-tidy plugin";
}

struct VersionGuard {
  VersionGuard() {
    std::string Host = getClangFullVersion();
    if (hostMajorVersion(Host) == CLANG_VERSION_MAJOR)
      return;
    llvm::errs() << "error: " << pluginPath()
                 << " was built for clang-tidy " CLANG_VERSION_STRING
                    " but is loaded into "
                 << Host
                 << ".\nerror: a clang-tidy plugin works only in the clang-tidy "
                    "major version it was built against; use clang-tidy-" CLANG_VERSION_MAJOR_STRING
                    " or rebuild context-tidy with "
                    "-DCONTEXT_TIDY_LLVM_VERSION="
                 << hostMajorVersion(Host) << ".\n";
    llvm::errs().flush();
    std::_Exit(1);
  }
};

// Defined before the registration below, so it is initialised first.
VersionGuard Guard;

class ContextTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<DetachedContextCheck>("context-detached-context");
    Factories.registerCheck<LostCancelCheck>("context-lost-cancel");
    Factories.registerCheck<NonpositiveTimeoutCheck>(
        "context-nonpositive-timeout");
    Factories.registerCheck<StoredContextCheck>("context-stored-context");
    Factories.registerCheck<UncancellableWaitCheck>("context-uncancellable-wait");
  }
};

} // namespace

// NOLINTNEXTLINE(cert-err58-cpp): registration is what this object is for.
static ClangTidyModuleRegistry::Add<ContextTidyModule>
    Registration("context-module",
                 "Go's context-misuse lint rules for C++ cancellation APIs.");

} // namespace clang::tidy::context
