#!/usr/bin/env python3
"""Every relative link of README.md and docs/**/*.md points at a file that
exists, and README.md links every page of docs/ that is not a check page
(those are linked from its table of checks once they land).

  check_doc_links.py SRCROOT
"""
import glob
import os
import re
import sys

root = sys.argv[1]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
pages = [os.path.join(root, "README.md")] + sorted(
    glob.glob(os.path.join(root, "docs", "**", "*.md"), recursive=True))
errors = []
count = 0
for page in pages:
    with open(page, encoding="utf-8") as f:
        text = f.read()
    for target in LINK.findall(text):
        if re.match(r"^[a-z]+:", target):
            continue
        count += 1
        path = os.path.normpath(os.path.join(os.path.dirname(page), target))
        if not os.path.exists(path):
            rel = os.path.relpath(page, root)
            # The check pages are written with the checks (other branches).
            if rel == "README.md" and target.startswith("docs/checks/"):
                continue
            errors.append("%s: broken link %s" % (rel, target))
with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
    readme = set(LINK.findall(f.read()))
for page in sorted(glob.glob(os.path.join(root, "docs", "*.md"))):
    rel = os.path.relpath(page, root)
    if rel not in readme:
        errors.append("README.md does not link %s" % rel)
print("\n".join(errors) if errors else "%d links in %d pages, all resolve"
      % (count, len(pages)))
sys.exit(1 if errors else 0)
