//===- ContextTidyFuzzer.cpp - libFuzzer target for the context-* checks --===//
//
// Takes the fuzzer's bytes as a C++20 source file and runs every context-*
// check on it, the way clang-tidy does (clang::tidy::runClangTidy over a
// fixed compilation database, the file in an in-memory overlay), with the
// mock API headers of test/Inputs/mocks on the include path, so mutations of
// the test inputs keep reaching the checks' APIs.  The checks are compiled
// into this executable (no plugin loading); only clang-tidy's core library
// and this project's checks are linked, so only context-* checks exist.
//
// Not part of the build by default: configure with -DCONTEXT_TIDY_FUZZ=ON and
// clang (see tools/cmake/ContextTidyFuzz.cmake); tools/fuzz runs it.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#ifndef CONTEXT_TIDY_MOCKS_DIR
#error "CONTEXT_TIDY_MOCKS_DIR must name test/Inputs/mocks"
#endif
#ifndef CONTEXT_TIDY_RESOURCE_DIR
#error "CONTEXT_TIDY_RESOURCE_DIR must name clang's resource directory"
#endif

using namespace clang;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  // The file lives in memory, in a directory that exists on disk too:
  // ClangTool changes into the compilation directory on every layer of the
  // overlay, and aborts when the real file system has no such directory.
  static const char *const File = "/context-tidy-fuzz-input.cpp";
  tidy::ClangTidyGlobalOptions GlobalOptions;
  tidy::ClangTidyOptions Options = tidy::ClangTidyOptions::getDefaults();
  Options.Checks = "-*,context-*";
  tidy::ClangTidyContext Context(std::make_unique<tidy::DefaultOptionsProvider>(
      GlobalOptions, Options));

  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  Memory->addFile(File, 0,
                  llvm::MemoryBuffer::getMemBufferCopy(llvm::StringRef(
                      reinterpret_cast<const char *>(Data), Size)));
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  FS->pushOverlay(Memory);

  std::vector<std::string> Args = {
      "-std=c++20", "-fsyntax-only", "-isystem", CONTEXT_TIDY_MOCKS_DIR,
      "-resource-dir", CONTEXT_TIDY_RESOURCE_DIR, "-ferror-limit=50",
      "-ftemplate-depth=128", "-fconstexpr-steps=100000",
      "-fbracket-depth=128"};
  tooling::FixedCompilationDatabase Compilations("/", Args);
  std::vector<tidy::ClangTidyError> Errors = tidy::runClangTidy(
      Context, Compilations, {File}, FS, /*ApplyAnyFix=*/false);
  (void)Errors;
  return 0;
}
