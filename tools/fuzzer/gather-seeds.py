#!/usr/bin/env python3
"""Writes the seed inputs of context-tidy-fuzzer into a directory.

    tools/fuzzer/gather-seeds.py [--root DIR] [--skip-listed LIST]
                                 [--write-list LIST] OUTDIR

OUTDIR is emptied first, then gets one file per seed, named after where it
came from (test/checkers/x.cpp -> test__checkers__x.cpp):

  - every C, C++, Objective-C++ and CUDA source and header under test/
    (the lit inputs: checkers/, real-headers/, robustness/, plugin/, the
    Inputs/ folders, the mock API headers of test/Inputs/mocks, which are
    included as text too) but the unit tests' own sources;
  - every source and header of examples/;
  - the C++ snippets of the unit tests (the raw strings R"(...)" of
    test/unit/*Test.cpp that hold a function, a class or an #include),
    one file each: test__unit__<Test>.<n>.cpp.

tools/fuzz calls it before every run, so a new test is a new seed.

--write-list LIST writes the SHA-1 of every seed's content to LIST, one a
line, sorted (tools/fuzz --update-corpus: tools/fuzzer/seeds.sha1 names
the seeds the committed corpus was minimised with).  --skip-listed LIST
leaves out the seeds whose SHA-1 LIST holds: the committed corpus covers
what they reach, so a run that resumes from it executes only the new and
changed seeds.
"""
import argparse
import hashlib
import os
import re
import shutil
import sys

SOURCE = re.compile(r'\.(c|cc|cpp|cxx|cu|mm|h|hh|hpp|hxx|inc)$')
RAW = re.compile(r'R"(\w{0,16})\((.*?)\)\1"', re.S)
CODE = re.compile(r'#include|\b(struct|class|void|int|auto|namespace|template)\b')


def is_source(rel):
    if SOURCE.search(rel):
        return True
    # extensionless headers of the mocks (gsl/gsl, experimental/scope)
    return rel.startswith('test/Inputs/mocks/') and '.' not in \
        os.path.basename(rel)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--root', default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', '..'))
    ap.add_argument('--skip-listed', metavar='LIST')
    ap.add_argument('--write-list', metavar='LIST')
    ap.add_argument('outdir')
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    if os.path.isdir(args.outdir):
        shutil.rmtree(args.outdir)
    os.makedirs(args.outdir)
    skip = set()
    if args.skip_listed and os.path.exists(args.skip_listed):
        with open(args.skip_listed, encoding='ascii') as f:
            skip = {line.strip() for line in f if line.strip()}
    count, written, sums = 0, 0, set()

    def write(name, data):
        nonlocal count, written
        count += 1
        sha1 = hashlib.sha1(data).hexdigest()
        sums.add(sha1)
        if sha1 in skip:
            return
        with open(os.path.join(args.outdir, name), 'wb') as f:
            f.write(data)
        written += 1

    for top in ('test', 'examples'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for fn in sorted(filenames):
                path = os.path.join(dirpath, fn)
                rel = os.path.relpath(path, root).replace(os.sep, '/')
                if rel.startswith('test/unit/') or not is_source(rel):
                    continue
                with open(path, 'rb') as f:
                    write(rel.replace('/', '__'), f.read())
    unit = os.path.join(root, 'test', 'unit')
    for fn in sorted(os.listdir(unit)):
        if not fn.endswith('Test.cpp'):
            continue
        with open(os.path.join(unit, fn), encoding='utf-8') as f:
            text = f.read()
        n = 0
        for m in RAW.finditer(text):
            snippet = m.group(2)
            if len(snippet) < 40 or not CODE.search(snippet):
                continue
            n += 1
            write('test__unit__%s.%d.cpp' % (fn[:-len('.cpp')], n),
                  snippet.encode('utf-8'))
    if count < 100:
        sys.exit('gather-seeds.py: only %d seeds under %s' % (count, root))
    if args.write_list:
        with open(args.write_list, 'w', encoding='ascii') as f:
            f.write(''.join(s + '\n' for s in sorted(sums)))
    print('%d seeds, %d written, %d skipped (listed)'
          % (count, written, count - written))


if __name__ == '__main__':
    main()
