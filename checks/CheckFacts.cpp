//===- CheckFacts.cpp - Function summaries and facts for a check ----------===//

#include "checks/CheckFacts.h"

#include "checks/CheckOptions.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/Support/FileSystem.h"
#include <cstdlib>

using namespace context_tidy;

#ifndef CONTEXT_TIDY_VERSION
#define CONTEXT_TIDY_VERSION "unknown"
#endif

namespace clang::tidy::context {

namespace {

std::string producer() {
  return factsProducer(CONTEXT_TIDY_VERSION
                       " llvm-" LLVM_VERSION_STRING);
}

} // namespace

std::string factKey(const FunctionDecl *FD) {
  llvm::SmallString<128> Usr;
  if (!FD || index::generateUSRForDecl(FD->getCanonicalDecl(), Usr))
    return {};
  return std::string(Usr);
}

bool CheckFacts::followsCalls(StringRef CheckName,
                              const ClangTidyCheck::OptionsView &Options,
                              ClangTidyContext *Context) {
  const char *EnvDir = std::getenv("CONTEXT_TIDY_FACTS_DIRECTORY");
  return OptionReader(CheckName, Options, Context)
             .boolean("FollowCalls", false) ||
         !Options.getLocalOrGlobal("FactsDirectory", EnvDir ? EnvDir : "")
              .empty();
}

CheckFacts::CheckFacts(StringRef CheckName,
                       const ClangTidyCheck::OptionsView &Options,
                       ClangTidyContext *Context)
    : Context(Context), CheckName(CheckName.str()) {
  OptionReader Read(CheckName, Options, Context);
  Follow = Read.boolean("FollowCalls", false);
  // The environment is the default (tools/run-context-tidy --facts sets it:
  // a --config on the command line would replace the project's own).
  const char *EnvDir = std::getenv("CONTEXT_TIDY_FACTS_DIRECTORY");
  const char *EnvMode = std::getenv("CONTEXT_TIDY_FACTS_MODE");
  Directory = std::string(
      Options.getLocalOrGlobal("FactsDirectory", EnvDir ? EnvDir : ""));
  std::string Mode(
      Options.getLocalOrGlobal("FactsMode", EnvMode ? EnvMode : "use"));
  if (Mode == "export") {
    Export = true;
  } else if (Mode != "use") {
    Context->configurationDiag("invalid value '%0' in option 'FactsMode' of "
                               "%1; expected use or export; using use")
        << Mode << CheckName;
  }
  if (Export && Directory.empty()) {
    Context->configurationDiag("option 'FactsMode' of %0 is 'export' but "
                               "'FactsDirectory' is not set; nothing is "
                               "exported")
        << CheckName;
    Export = false;
  }
  if (!Directory.empty()) {
    Follow = true;
    if (!Export)
      Store.emplace(Directory, producer());
  }
}

void CheckFacts::storeOptions(ClangTidyCheck::OptionsView &Options,
                              ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "FollowCalls", Follow ? "true" : "false");
}

void CheckFacts::warn(StringRef Message) {
  Context->configurationDiag("%0 [%1]") << Message << CheckName;
}

const BlockSummary *CheckFacts::imported(const FunctionDecl *FD) {
  if (!Store || !FD || !FD->isExternallyVisible())
    return nullptr;
  std::string Key = factKey(FD);
  if (Key.empty())
    return nullptr;
  const FunctionFacts *F =
      Store->lookup(Key, [this](StringRef M) { warn(M); });
  return F ? &F->Blocks : nullptr;
}

void CheckFacts::exportUnit(ASTContext &Ctx,
                            llvm::ArrayRef<const FunctionDecl *> Defined,
                            BlockSummaries &Blocks) {
  const SourceManager &SM = Ctx.getSourceManager();
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  if (!Main)
    return;
  FactsFile F;
  F.Producer = producer();
  // Absolute in the compilation's working directory (the compile command's
  // "directory"), which is not this process's.
  llvm::SmallString<256> Source(Main->getName());
  SM.getFileManager().makeAbsolutePath(Source);
  F.Source = std::string(Source);
  F.SourceHash = contentHash(SM.getBufferData(SM.getMainFileID()));
  for (const FunctionDecl *FD : Defined) {
    const BlockSummary &S = Blocks.of(FD);
    if (S.Effects.empty())
      continue;
    std::string Key = factKey(FD);
    if (Key.empty())
      continue;
    F.Functions.push_back({std::move(Key), summaryName(FD), S});
  }
  std::string Error = writeFactsFile(Directory, F);
  if (!Error.empty())
    warn(Error);
}

} // namespace clang::tidy::context
