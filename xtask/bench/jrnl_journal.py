"""Build an encrypted jrnl journal from a JSONL file, for benchmarking.

Usage: python jrnl_journal.py INPUT.jsonl OUTDIR PASSWORD

Run it with the Python of a virtualenv that has jrnl 4.6 installed. Each input
line is a JSON object with "occurred_at" (RFC 3339) and "text"; other fields are
ignored. The script writes OUTDIR/jrnl.yaml and OUTDIR/journal.txt, the latter
encrypted with PASSWORD. It uses jrnl's own Journal, Entry, encryption and config
code, so the files are exactly what jrnl itself would write. It prints the config
path at the end.
"""

import datetime
import json
import os
import sys

# The timestamp format written into the journal. Python's strptime cannot read
# jrnl's default, "%F %r", so with it jrnl falls back to a slower fuzzy date parser
# for every entry on every run (about 0.1 ms more per entry). We use a plain format
# that strptime reads directly, so jrnl takes its fast path.
TIMEFORMAT = "%Y-%m-%d %H:%M:%S"


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    input_path, outdir, password = sys.argv[1:]
    outdir = os.path.abspath(outdir)
    os.makedirs(outdir, exist_ok=True)

    # jrnl creates XDG data and config folders as a side effect. Point them inside
    # OUTDIR before importing jrnl, so nothing is written to the real home folder.
    # The benchmark commands must set the same two variables.
    os.environ["XDG_DATA_HOME"] = os.path.join(outdir, "xdg-data")
    os.environ["XDG_CONFIG_HOME"] = os.path.join(outdir, "xdg-config")

    from jrnl.config import get_default_config, save_config
    from jrnl.journals import Entry, Journal

    config_path = os.path.join(outdir, "jrnl.yaml")
    journal_path = os.path.join(outdir, "journal.txt")

    # Start from jrnl's own default config so that jrnl finds no missing keys and
    # does not rewrite the file or print "config updated" on each run.
    config = get_default_config()
    config["journals"] = {"default": {"journal": journal_path, "encrypt": True}}
    config["encrypt"] = True
    config["editor"] = ""
    config["timeformat"] = TIMEFORMAT
    save_config(config, config_path)

    # Journal takes the same flat settings jrnl passes it after scoping the config.
    journal_config = {k: v for k, v in config.items() if k != "journals"}
    journal_config["journal"] = journal_path
    journal = Journal("default", **journal_config)

    with open(input_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            record = json.loads(line)
            # jrnl stores naive local times, so convert the RFC 3339 instant to the
            # local time zone and drop the offset. Python 3.11 accepts "Z".
            when = datetime.datetime.fromisoformat(record["occurred_at"])
            if when.tzinfo is not None:
                when = when.astimezone().replace(tzinfo=None)
            # Seconds are the finest unit the time format keeps.
            when = when.replace(microsecond=0)
            journal.entries.append(Entry(journal, date=when, text=record["text"]))
    journal.sort()

    # Give the password to jrnl's encryption object directly, so it neither
    # prompts for one nor offers to store it in the keyring, then let jrnl
    # serialise, encrypt (its current format, as "jrnl --encrypt" does) and write.
    journal._reconfigure_encryption_method()
    journal.encryption_method.check_keyring = False
    journal.encryption_method.password = password
    journal.write()

    print(config_path)


if __name__ == "__main__":
    main()
