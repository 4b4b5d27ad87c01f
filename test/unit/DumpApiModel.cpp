//===- DumpApiModel.cpp - Print the built-in API model as Markdown --------===//
//
// Regenerates the tables of docs/api-model.md:
//   build/llvm-19/test/DumpApiModel > /tmp/table.md
//
//===----------------------------------------------------------------------===//
#include "lib/model/ApiModel.h"
#include "llvm/Support/raw_ostream.h"

using namespace context_tidy;

static std::string flags(unsigned F) {
  std::string S;
  auto Add = [&](unsigned Bit, const char *Name) {
    if (F & Bit)
      S += std::string(S.empty() ? "" : ", ") + Name;
  };
  Add(BlindUnlessTokenArg, "aware with a token argument");
  Add(SleepCall, "sleep");
  Add(BlindOnlyWithoutArgs, "blind only without arguments");
  Add(SecondsIfArithmetic, "numbers are seconds");
  Add(CauseHandle, "handle takes a cause");
  Add(MemberShift, "member form: argument - 1");
  Add(Structural, "needs Done() and Err()/Deadline()");
  Add(ReturnsContext, "must return a context");
  Add(PointerLike, "pointer-like");
  Add(JoinsCallable, "joins a callable");
  Add(MillisecondsIfArithmetic, "numbers are milliseconds");
  return S;
}

static std::string argument(const ApiEntry &E) {
  switch (E.R) {
  case Role::RelativeTimeout:
  case Role::AbsoluteDeadline:
  case Role::PollTimeout:
  case Role::PollDeadline:
  case Role::BoundedWait:
  case Role::WithValue:
  case Role::SignalHandlerRegistration:
    return E.Arg == AutoArg ? "auto" : std::to_string(E.Arg);
  default:
    return "";
  }
}

int main() {
  for (unsigned P = 0; P < static_cast<unsigned>(Profile::User); ++P) {
    Profile Prof = static_cast<Profile>(P);
    llvm::outs() << "\n### Profile `" << profileName(Prof) << "`\n\n"
                 << "| role | pattern | argument | flags | note |\n"
                 << "|---|---|---|---|---|\n";
    for (const ApiEntry &E : builtinEntries()) {
      if (E.From != Prof)
        continue;
      std::string Pattern = E.Pattern;
      // Markdown tables need escaped pipes.
      std::string Escaped;
      for (char C : Pattern)
        Escaped += C == '|' ? std::string("\\|") : std::string(1, C);
      llvm::outs() << "| " << roleName(E.R) << " | `" << Escaped << "` | "
                   << argument(E)
                   << " | " << flags(E.Flags) << " | " << E.Note << " |\n";
    }
  }
  return 0;
}
