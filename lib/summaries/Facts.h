//===- Facts.h - Summaries that travel between translation units -*- C++ -*-===//
//
// A fact is the summary of a function, written by the analysis of the
// translation unit that defines it and read by the analysis of the units
// that only declare it (Go's analysis facts, docs/facts.md).  What travels
// is the plain data of a summary: for each way calling the function blocks
// (Blocks.h), the kind, the bound (a constant, or the parameter whose
// argument bounds it), the blocking call's name and the chain of steps as
// text.  No handle into a translation unit travels: an imported effect has
// no Leaf, Object, bound Source nor step locations.
//
// One file per translation unit in a facts directory, named
// "<hash of the unit's path>.<hash of its content>.facts", holding JSON
// with the functions sorted by key: the same input gives the same bytes.
// A facts file is used only when
//  - it parses, and names this format and this producer (FactsProducer:
//    another plugin version's file is stale);
//  - the source file it was written from still has the content it was
//    written from (else it is another, older content's);
// otherwise the store reports one warning for it and ignores it whole.
//
// The key of a function is its USR; lib/ does not compute it (USR
// generation is in clangIndex): the check hands the store its keys.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_SUMMARIES_FACTS_H
#define CONTEXT_TIDY_LIB_SUMMARIES_FACTS_H

#include "lib/summaries/Blocks.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace context_tidy {

/// The producer a facts file must name to be used: the format's version
/// and the plugin's (a fact's meaning may change with either).
std::string factsProducer(llvm::StringRef PluginVersion);

/// The facts of one function.
struct FunctionFacts {
  /// Its USR.
  std::string Key;
  /// Its name, as notes show it.
  std::string Name;
  BlockSummary Blocks;
};

/// The facts of one translation unit.
struct FactsFile {
  std::string Producer;
  /// The main source file, as the compilation named it (absolute).
  std::string Source;
  /// A hash of that file's content when the facts were written.
  std::string SourceHash;
  std::vector<FunctionFacts> Functions;
};

/// The hash of a source file's content, as FactsFile::SourceHash holds it.
std::string contentHash(llvm::StringRef Content);

/// The file's text: deterministic (functions sorted by key, no time).
std::string serializeFacts(const FactsFile &F);

/// The facts in \p Text, or the reason they cannot be read.
llvm::Expected<FactsFile> parseFacts(llvm::StringRef Text);

/// Writes \p F into directory \p Dir (made if missing), replacing the
/// files an older content of the same source left there.  The error, if
/// any, is returned as text.
std::string writeFactsFile(llvm::StringRef Dir, const FactsFile &F);

/// Warnings go through it, one per file or directory that is ignored.
using FactsWarning = llvm::function_ref<void(llvm::StringRef)>;

/// The facts of a directory, read once (a check lives across the
/// translation units of one run).
class FactStore {
public:
  FactStore(std::string Dir, std::string Producer);

  /// The facts of the function with USR \p Key, or null; a file is checked
  /// for staleness the first time one of its facts is asked for.
  const FunctionFacts *lookup(llvm::StringRef Key, FactsWarning Warn);

private:
  struct LoadedFile {
    std::string Path;
    FactsFile Facts;
    /// 0: not checked yet, 1: current, 2: stale.
    unsigned char State = 0;
  };
  void load(FactsWarning Warn);

  std::string Dir;
  std::string Producer;
  bool Loaded = false;
  std::vector<LoadedFile> Files;
  /// Key -> (file index, function index).
  llvm::StringMap<std::pair<unsigned, unsigned>> Index;
};

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_SUMMARIES_FACTS_H
