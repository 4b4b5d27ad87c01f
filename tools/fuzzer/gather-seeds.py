#!/usr/bin/env python3
"""Writes the seed inputs of context-tidy-fuzzer into a directory.

    tools/fuzzer/gather-seeds.py [--root DIR] OUTDIR

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
"""
import argparse
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
    ap.add_argument('outdir')
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    if os.path.isdir(args.outdir):
        shutil.rmtree(args.outdir)
    os.makedirs(args.outdir)
    count = 0

    def write(name, data):
        nonlocal count
        with open(os.path.join(args.outdir, name), 'wb') as f:
            f.write(data)
        count += 1

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
    print(count)


if __name__ == '__main__':
    main()
