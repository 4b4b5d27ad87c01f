//===- Facts.cpp - Summaries that travel between translation units --------===//

#include "lib/summaries/Facts.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>

namespace context_tidy {

namespace {

constexpr llvm::StringLiteral FormatName = "context-tidy-facts";
constexpr unsigned FormatVersion = 1;
constexpr llvm::StringLiteral Suffix = ".facts";

std::string hex64(uint64_t V) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << llvm::format_hex_no_prefix(V, 16);
  return S;
}

llvm::StringRef kindName(BlockKind K) {
  switch (K) {
  case BlockKind::Sleep:
    return "sleep";
  case BlockKind::BoundedWait:
    return "bounded-wait";
  case BlockKind::Wait:
    break;
  }
  return "wait";
}

std::optional<BlockKind> kindOf(llvm::StringRef S) {
  if (S == "sleep")
    return BlockKind::Sleep;
  if (S == "bounded-wait")
    return BlockKind::BoundedWait;
  if (S == "wait")
    return BlockKind::Wait;
  return std::nullopt;
}

llvm::json::Value periodJson(const Period &P) {
  return llvm::json::Array{P.Num, P.Den};
}

std::optional<Period> periodOf(const llvm::json::Value *V) {
  const llvm::json::Array *A = V ? V->getAsArray() : nullptr;
  if (!A || A->size() != 2)
    return std::nullopt;
  std::optional<int64_t> Num = (*A)[0].getAsInteger();
  std::optional<int64_t> Den = (*A)[1].getAsInteger();
  if (!Num || !Den || *Num <= 0 || *Den <= 0)
    return std::nullopt;
  return Period{*Num, *Den};
}

llvm::json::Value effectJson(const BlockEffect &E) {
  llvm::json::Object O{{"kind", kindName(E.Kind)}, {"api", E.Api}};
  switch (E.Bound.K) {
  case BlockBound::Unbounded:
    O["bound"] = "unbounded";
    break;
  case BlockBound::Constant: {
    O["bound"] = "constant";
    const DurationValue &V = E.Bound.Value;
    if (V.IsFloat)
      O["float"] = V.Float;
    else
      O["count"] = V.Int.getSExtValue();
    O["unit"] = periodJson(V.Unit);
    if (E.Bound.ByDefault)
      O["by_default"] = true;
    break;
  }
  case BlockBound::Parameter:
    O["bound"] = "parameter";
    O["param"] = static_cast<int64_t>(E.Bound.Param);
    if (E.Bound.NumberUnit)
      O["number_unit"] = periodJson(*E.Bound.NumberUnit);
    break;
  }
  llvm::json::Array Chain;
  for (const ChainStep &S : E.Chain)
    Chain.push_back(llvm::json::Object{
        {"function", S.Function}, {"callee", S.Callee}, {"where", S.Where}});
  O["chain"] = std::move(Chain);
  return O;
}

llvm::Error bad(const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
}

llvm::Expected<BlockEffect> effectOf(const llvm::json::Value &V) {
  const llvm::json::Object *O = V.getAsObject();
  if (!O)
    return bad("an effect is not an object");
  BlockEffect E;
  std::optional<BlockKind> K =
      kindOf(O->getString("kind").value_or(llvm::StringRef()));
  std::optional<llvm::StringRef> Api = O->getString("api");
  std::optional<llvm::StringRef> Bound = O->getString("bound");
  if (!K || !Api || !Bound)
    return bad("an effect lacks its kind, api or bound");
  E.Kind = *K;
  E.Api = Api->str();
  if (*Bound == "unbounded") {
    E.Bound.K = BlockBound::Unbounded;
  } else if (*Bound == "constant") {
    E.Bound.K = BlockBound::Constant;
    std::optional<Period> Unit = periodOf(O->get("unit"));
    if (!Unit)
      return bad("a constant bound lacks its unit");
    E.Bound.Value.Unit = *Unit;
    if (std::optional<double> F = O->getNumber("float");
        F && !O->getInteger("count")) {
      E.Bound.Value.IsFloat = true;
      E.Bound.Value.Float = *F;
    } else if (std::optional<int64_t> C = O->getInteger("count")) {
      E.Bound.Value.Int = llvm::APSInt(llvm::APInt(64, *C, /*isSigned=*/true),
                                       /*isUnsigned=*/false);
    } else {
      return bad("a constant bound lacks its value");
    }
    E.Bound.ByDefault = O->getBoolean("by_default").value_or(false);
  } else if (*Bound == "parameter") {
    E.Bound.K = BlockBound::Parameter;
    std::optional<int64_t> P = O->getInteger("param");
    if (!P || *P < 0 || *P > 0xffff)
      return bad("a parameter bound lacks its parameter");
    E.Bound.Param = static_cast<unsigned>(*P);
    if (const llvm::json::Value *U = O->get("number_unit")) {
      E.Bound.NumberUnit = periodOf(U);
      if (!E.Bound.NumberUnit)
        return bad("a parameter bound has a bad unit");
    }
  } else {
    return bad("an effect has an unknown bound '" + *Bound + "'");
  }
  const llvm::json::Array *Chain = O->getArray("chain");
  if (!Chain || Chain->empty())
    return bad("an effect lacks its chain");
  for (const llvm::json::Value &SV : *Chain) {
    const llvm::json::Object *SO = SV.getAsObject();
    std::optional<llvm::StringRef> Fn = SO ? SO->getString("function") : std::nullopt;
    std::optional<llvm::StringRef> Callee = SO ? SO->getString("callee") : std::nullopt;
    std::optional<llvm::StringRef> Where = SO ? SO->getString("where") : std::nullopt;
    if (!Fn || !Callee || !Where)
      return bad("a chain step lacks its function, callee or place");
    ChainStep S;
    S.Function = Fn->str();
    S.Callee = Callee->str();
    S.Where = Where->str();
    E.Chain.push_back(std::move(S));
  }
  return E;
}

} // namespace

std::string factsProducer(llvm::StringRef PluginVersion) {
  return (llvm::Twine(FormatName) + "/" + llvm::Twine(FormatVersion) + " " +
          PluginVersion)
      .str();
}

std::string contentHash(llvm::StringRef Content) {
  return hex64(llvm::xxh3_64bits(llvm::arrayRefFromStringRef(Content)));
}

std::string serializeFacts(const FactsFile &F) {
  std::vector<const FunctionFacts *> Sorted;
  Sorted.reserve(F.Functions.size());
  for (const FunctionFacts &Fn : F.Functions)
    Sorted.push_back(&Fn);
  llvm::sort(Sorted, [](const FunctionFacts *A, const FunctionFacts *B) {
    return A->Key < B->Key;
  });
  llvm::json::Array Functions;
  for (const FunctionFacts *Fn : Sorted) {
    llvm::json::Array Blocks;
    for (const BlockEffect &E : Fn->Blocks.Effects)
      Blocks.push_back(effectJson(E));
    Functions.push_back(llvm::json::Object{
        {"usr", Fn->Key}, {"name", Fn->Name}, {"blocks", std::move(Blocks)}});
  }
  llvm::json::Object Root{{"producer", F.Producer},
                          {"source", F.Source},
                          {"source_hash", F.SourceHash},
                          {"functions", std::move(Functions)}};
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::json::Value(std::move(Root)) << "\n";
  return Out;
}

llvm::Expected<FactsFile> parseFacts(llvm::StringRef Text) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V)
    return V.takeError();
  const llvm::json::Object *Root = V->getAsObject();
  if (!Root)
    return bad("not a JSON object");
  FactsFile F;
  std::optional<llvm::StringRef> Producer = Root->getString("producer");
  std::optional<llvm::StringRef> Source = Root->getString("source");
  std::optional<llvm::StringRef> Hash = Root->getString("source_hash");
  const llvm::json::Array *Functions = Root->getArray("functions");
  if (!Producer || !Source || !Hash || !Functions)
    return bad("lacks its producer, source, source_hash or functions");
  F.Producer = Producer->str();
  F.Source = Source->str();
  F.SourceHash = Hash->str();
  for (const llvm::json::Value &FV : *Functions) {
    const llvm::json::Object *FO = FV.getAsObject();
    std::optional<llvm::StringRef> Key = FO ? FO->getString("usr") : std::nullopt;
    std::optional<llvm::StringRef> Name = FO ? FO->getString("name") : std::nullopt;
    const llvm::json::Array *Blocks = FO ? FO->getArray("blocks") : nullptr;
    if (!Key || !Name || !Blocks)
      return bad("a function lacks its usr, name or blocks");
    FunctionFacts Fn;
    Fn.Key = Key->str();
    Fn.Name = Name->str();
    for (const llvm::json::Value &EV : *Blocks) {
      llvm::Expected<BlockEffect> E = effectOf(EV);
      if (!E)
        return E.takeError();
      Fn.Blocks.Effects.push_back(std::move(*E));
    }
    F.Functions.push_back(std::move(Fn));
  }
  return F;
}

namespace {

/// \p Message, once the half-written \p Temp is removed (or with why it
/// could not be).
std::string failedFactsWrite(std::string Message, llvm::StringRef Temp) {
  if (std::error_code EC = llvm::sys::fs::remove(Temp))
    Message += " ('" + Temp.str() + "' is left: " + EC.message() + ")";
  return Message;
}

} // namespace

std::string writeFactsFile(llvm::StringRef Dir, const FactsFile &F) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return "cannot make facts directory '" + Dir.str() + "': " + EC.message();
  std::string Stem = contentHash(F.Source);
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Stem + "." + F.SourceHash + Suffix.str());
  std::string Text = serializeFacts(F);
  // Written next to its final name and renamed: a reader never sees half a
  // file (parallel runs of the facts phase share the directory).
  llvm::SmallString<256> Temp;
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          Path + ".tmp-%%%%%%%%", FD, Temp))
    return "cannot write facts file '" + Path.str().str() + "': " + EC.message();
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error())
      return failedFactsWrite("cannot write facts file '" + Path.str().str() + "'",
                         Temp);
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path))
    return failedFactsWrite("cannot write facts file '" + Path.str().str() +
                           "': " + EC.message(),
                       Temp);
  // The files an older content of the same source left.
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (!Name.starts_with(Stem + ".") || !Name.ends_with(Suffix) ||
        It->path() == Path.str())
      continue;
    // Left behind, it is judged stale when read (its source's content is
    // not its own): one warning then, and one now.
    if (std::error_code RemoveEC = llvm::sys::fs::remove(It->path()))
      return "cannot remove the older facts file '" + It->path() +
             "': " + RemoveEC.message();
  }
  return {};
}

FactStore::FactStore(std::string Dir, std::string Producer)
    : Dir(std::move(Dir)), Producer(std::move(Producer)) {}

void FactStore::load(FactsWarning Warn) {
  Loaded = true;
  if (!llvm::sys::fs::is_directory(Dir)) {
    Warn("facts directory '" + Dir +
         "' does not exist: calls into other translation units are not "
         "followed");
    return;
  }
  std::vector<std::string> Paths;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(Suffix))
      Paths.push_back(It->path());
  // The order of the directory is the file system's: sorted, the first
  // file to define a key is the same on every machine.
  llvm::sort(Paths);
  for (const std::string &P : Paths) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
        llvm::MemoryBuffer::getFile(P);
    if (!Buf) {
      Warn("ignoring facts file '" + P + "': " + Buf.getError().message());
      continue;
    }
    llvm::Expected<FactsFile> F = parseFacts((*Buf)->getBuffer());
    if (!F) {
      Warn("ignoring facts file '" + P +
           "': it is not a valid facts file (" + llvm::toString(F.takeError()) +
           ")");
      continue;
    }
    if (F->Producer != Producer) {
      Warn("ignoring facts file '" + P + "': written by '" + F->Producer +
           "', not by '" + Producer + "'; run the facts phase again");
      continue;
    }
    unsigned FileIndex = Files.size();
    Files.push_back({P, std::move(*F), 0});
    const std::vector<FunctionFacts> &Fns = Files.back().Facts.Functions;
    for (unsigned I = 0; I < Fns.size(); ++I)
      Index.try_emplace(Fns[I].Key, FileIndex, I);
  }
}

const FunctionFacts *FactStore::lookup(llvm::StringRef Key, FactsWarning Warn) {
  if (!Loaded)
    load(Warn);
  auto It = Index.find(Key);
  if (It == Index.end())
    return nullptr;
  LoadedFile &F = Files[It->second.first];
  if (F.State == 0) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
        llvm::MemoryBuffer::getFile(F.Facts.Source);
    F.State = Buf && contentHash((*Buf)->getBuffer()) == F.Facts.SourceHash
                  ? 1
                  : 2;
    if (F.State == 2)
      Warn("ignoring facts file '" + F.Path + "': '" + F.Facts.Source +
           "' has changed since its facts were written; run the facts phase "
           "again");
  }
  if (F.State != 1)
    return nullptr;
  return &F.Facts.Functions[It->second.second];
}

} // namespace context_tidy
