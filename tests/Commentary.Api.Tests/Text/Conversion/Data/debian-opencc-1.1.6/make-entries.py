#!/usr/bin/env python3
"""Writes entries.tsv: the dictionary entries on which Debian's OpenCC 1.1.6 data and the bundled data differ, limited
to keys (or, for dictionaries that are reversed, values) that occur in the texts given, so the file stays small.
Usage: make-entries.py DEBIAN_TEXT_DICTS BUNDLED_DICTS TEXT... > entries.tsv"""
import os
import sys

DICTIONARIES = ["STPhrases", "STCharacters", "TWPhrases", "TWVariants", "HKVariants", "TSPhrases", "TSCharacters",
                "TWPhrasesRev", "TWVariantsRevPhrases", "HKVariantsRevPhrases"]
REVERSED = {"TWVariants", "HKVariants"}


def load(path):
    entries = {}
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#") or "\t" not in line:
            continue
        key, values = line.split("\t", 1)
        entries.setdefault(key, values.strip())
    return entries


debian_dir, bundled_dir, texts = sys.argv[1], sys.argv[2], sys.argv[3:]
corpus = "\n".join(open(t, encoding="utf-8").read() for t in texts)
for name in DICTIONARIES:
    debian, bundled = load(os.path.join(debian_dir, name + ".txt")), load(os.path.join(bundled_dir, name + ".txt"))
    for key in sorted(set(debian) | set(bundled)):
        if debian.get(key) == bundled.get(key):
            continue
        words = [key] + (debian.get(key, "") + " " + bundled.get(key, "")).split() if name in REVERSED else [key]
        if any(word in corpus for word in words):
            print(f"{name}\t{key}\t{debian.get(key, '')}")
