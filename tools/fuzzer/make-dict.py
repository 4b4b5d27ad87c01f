#!/usr/bin/env python3
"""Writes the libFuzzer dictionary of context-tidy-fuzzer to stdout.

    tools/fuzzer/make-dict.py [--root DIR] > context-tidy.dict

The words come from the API model itself, so the dictionary stays in step
with it (tools/fuzz regenerates it before every run):

  - every name pattern of lib/model/BuiltinApis.def, its regular-expression
    parts expanded ("::std::(future|shared_future)::wait_for" gives
    "std::future::wait_for", "std::shared_future::wait_for"), as the
    qualified name, the last two components and the last one;
  - every role name of lib/model/ApiModelRoles.cpp as the annotation that
    names it ([[clang::annotate("context::blocking")]]);
  - C++ keywords and idioms the checks look at (co_await, std::stop_token,
    lock_guard, notify_all, request_stop, wait_for, chrono literals, ...),
    listed below.

Format: libFuzzer's (-dict=), one "word" a line, sorted, no duplicates.
"""
import argparse
import itertools
import os
import re
import sys

# Words the checks react to that are not names of the table: syntax that
# makes scopes, lambdas, coroutines and loops, the standard's threads and
# locks, literals, and the Go-port idioms of the mocks.
IDIOMS = [
    # C++ keywords and syntax the flow analyses walk through
    "co_await", "co_return", "co_yield", "return", "goto", "break",
    "continue", "throw", "try", "catch (...)", "if constexpr", "while (",
    "for (;;)", "do {", "} while (", "switch (", "case ", "default:",
    "template <typename T>", "typename", "auto", "decltype(auto)",
    "constexpr", "static", "thread_local", "extern", "inline", "mutable",
    "[&]", "[=]", "[this]", "[&](auto &&...)", "->", "&&", "...",
    "std::move(", "std::forward<", "operator()", "requires", "noexcept",
    "[[noreturn]]", "[[clang::annotate(\"", "#include <", "#define ",
    "struct ", "class ", "namespace ", "using namespace std::chrono_literals;",
    "union", "enum class", "sizeof...", "= delete", "= default", "static_cast<",
    # the standard's cancellation, threads, locks, waits
    "std::stop_token", "std::stop_source", "std::stop_callback",
    "std::jthread", "std::thread", "std::nostopstate", "stop_requested()",
    "stop_possible()", "get_stop_token()", "request_stop()",
    "std::condition_variable", "std::condition_variable_any",
    "std::mutex", "std::shared_mutex", "std::timed_mutex",
    "std::lock_guard", "std::unique_lock", "std::scoped_lock",
    "std::shared_lock", "lock_guard", "unique_lock", "scoped_lock",
    "lock()", "unlock()", "notify_one()", "notify_all()", "wait(lock",
    "wait_for(", "wait_until(", "std::atomic<bool>", "store(true)",
    "load()", "exchange(", "std::future", "std::promise", "std::async",
    "get()", "join()", "detach()", "joinable()", "std::latch",
    "std::barrier", "std::counting_semaphore", "std::binary_semaphore",
    "std::this_thread::sleep_for", "std::this_thread::yield()",
    "std::chrono::milliseconds", "std::chrono::seconds",
    "std::chrono::steady_clock::now()", "std::chrono::system_clock::now()",
    "std::chrono::duration_cast<", "std::chrono::duration<double>",
    "std::shared_ptr", "std::make_shared", "std::unique_ptr",
    "std::optional", "std::pair", "std::tuple", "std::function<void()>",
    "std::map<", "std::unordered_map<", "std::vector<",
    # literals and durations
    "0ms", "-1s", "0s", "1h", "500us", "10ns", "2min", "0.5", "-1", "0",
    "1'000", "0x7fffffff", "-9223372036854775807", "1e308", "nullptr",
    "true", "false",
    # the Go-context ports of the mocks
    "gocxx::context::", "golang::context::", "goincpp::context::",
    "bongo::context::", "likecontext::", "ContextPtr", "Context ctx",
    "ctx->Done()", "ctx.done()", "Err()", "Deadline()", "Value(",
    "golang::chan<int>", "golang::select({", "recvs()", "sends(",
    "auto [ctx, cancel] = ", "cancel()", "defer(", "SCOPE_EXIT {",
    "Azure::Core::Context", "folly::coro::Task<void>",
    "seastar::future<>", "asio::awaitable<void>", "grpc::ClientContext",
]

ROW = re.compile(r'^API_ENTRY\(\s*(\w+)\s*,\s*"((?:[^"\\]|\\.)*)"', re.M)
ROLE = re.compile(r'\{Role::\w+,\s*"([a-z_]+)"')
META = set('^$.*+?[](){}|\\')
LIMIT = 64  # expansions of one pattern
MAX_WORD = 64  # libFuzzer rejects a dictionary whose words are longer


def unescape(s):
    return s.replace('\\"', '"').replace('\\\\', '\\')


def parse_alternatives(p, i):
    """Parses p[i:] up to an unmatched ')' or the end; returns (list of
    strings it can expand to, next index)."""
    alts, cur = [], ['']
    while i < len(p):
        c = p[i]
        if c == '|':
            alts.extend(cur)
            cur, i = [''], i + 1
            continue
        if c == ')':
            break
        if c == '(':
            options, i = parse_alternatives(p, i + 1)
            i += 1  # the ')'
        elif c == '[':
            j = p.index(']', i)
            body = p[i + 1:j]
            if '-' in body:  # a range: its first character stands for it
                options = [body[0]]
            else:
                options = list(body)
            i = j + 1
        elif c == '.':
            options, i = [''], i + 1  # '.*' and '.+': the empty string
        elif c == '\\':
            options, i = [p[i + 1]], i + 2
        else:
            options, i = [c], i + 1
        # quantifiers after an atom
        if i < len(p) and p[i] in '*+?':
            q = p[i]
            i += 1
            if q == '?' or q == '*':
                options = options + ['']
        cur = [a + b for a, b in itertools.product(cur, options)][:LIMIT]
    alts.extend(cur)
    return alts[:LIMIT], i


def expand(pattern):
    if not any(c in META for c in pattern):
        return [pattern]
    names, _ = parse_alternatives(pattern, 0)
    return names


def words_of(name):
    name = name.lstrip(':')
    parts = [p for p in name.split('::') if p]
    out = set()
    if not parts:
        return out
    out.add('::'.join(parts))
    out.add(parts[-1])
    if len(parts) >= 2:
        out.add('::'.join(parts[-2:]))
    return {w for w in out if len(w) >= 2}


def dict_line(word):
    escaped = ''.join(
        '\\' + c if c in '"\\' else c if 32 <= ord(c) < 127 else
        '\\x%02x' % ord(c) for c in word)
    return '"%s"' % escaped


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--root', default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', '..'))
    args = ap.parse_args()
    model = os.path.join(args.root, 'lib', 'model')
    with open(os.path.join(model, 'BuiltinApis.def'), encoding='utf-8') as f:
        rows = ROW.findall(f.read())
    with open(os.path.join(model, 'ApiModelRoles.cpp'), encoding='utf-8') as f:
        roles = ROLE.findall(f.read())
    if len(rows) < 100 or len(roles) < 20:
        sys.exit('make-dict.py: found %d rows and %d roles: has the format '
                 'of BuiltinApis.def or ApiModelRoles.cpp changed?'
                 % (len(rows), len(roles)))
    words = set(IDIOMS)
    for _, pattern in rows:
        for name in expand(unescape(pattern)):
            words |= words_of(name)
    for role in roles:
        words.add('[[clang::annotate("context::%s")]]' % role)
        words.add('context::%s' % role)
    print('# Generated by tools/fuzzer/make-dict.py from lib/model/'
          'BuiltinApis.def (%d rows) and ApiModelRoles.cpp (%d roles), '
          'plus its idioms.' % (len(rows), len(roles)))
    for w in sorted(words):
        if len(w.encode('utf-8')) <= MAX_WORD:
            print(dict_line(w))


if __name__ == '__main__':
    main()
