//! Builds the anonymizer's lexicon: `data/lexicon/names.tsv` (names and how common they are as
//! first and last names), `data/lexicon/words.tsv` (everyday English and French words and how
//! common they are) and `data/lexicon/places.tsv` (towns and how many live there) become one
//! `fst` map from the folded word to its weights, which the core
//! embeds and reads in place, with nothing to parse at run time. Sources and licences:
//! `data/lexicon/SOURCES.md`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use unicode_normalization::UnicodeNormalization;

/// Folded as the scrubber folds words: lower case, accents removed.
fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A weight (people per million) in tenths, as 16 bits.
fn tenths(text: &str) -> u64 {
    let value: f64 = text.parse().unwrap_or(0.0);
    ((value * 10.0).round() as u64).min(u16::MAX as u64)
}

/// A Zipf frequency (0 to 8) in tenths, as 8 bits.
fn zipf(text: &str) -> u64 {
    let value: f64 = text.parse().unwrap_or(0.0);
    ((value * 10.0).round() as u64).min(u8::MAX as u64)
}

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("data/lexicon");
    let names = dir.join("names.tsv");
    let words = dir.join("words.tsv");
    let places = dir.join("places.tsv");
    println!("cargo:rerun-if-changed={}", names.display());
    println!("cargo:rerun-if-changed={}", words.display());
    println!("cargo:rerun-if-changed={}", places.display());

    // Fields of the packed value: first-name weight (bits 0–15), last-name weight (16–31),
    // English Zipf (32–39), French Zipf (40–47), written in lower case by an English (bit 48)
    // or French (bit 49) spelling dictionary, and the population in thousands of a place of
    // that name (50–61). Words that fold alike keep the largest of each.
    let mut map: BTreeMap<String, [u64; 6]> = BTreeMap::new();
    let mut merge = |key: String, field: usize, value: u64| {
        let slot = &mut map.entry(key).or_insert([0; 6])[field];
        *slot = if field == 4 {
            *slot | value
        } else {
            (*slot).max(value)
        };
    };
    for line in std::fs::read_to_string(&names).unwrap().lines() {
        let mut cols = line.split('\t');
        let (Some(name), Some(first), Some(last)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        merge(fold(name), 0, tenths(first));
        merge(fold(name), 1, tenths(last));
    }
    for line in std::fs::read_to_string(&words).unwrap().lines() {
        let mut cols = line.split('\t');
        let (Some(word), Some(en), Some(fr)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        merge(fold(word), 2, zipf(en));
        merge(fold(word), 3, zipf(fr));
        let ordinary: u64 = cols.next().and_then(|o| o.parse().ok()).unwrap_or(0);
        merge(fold(word), 4, ordinary & 3);
    }
    for line in std::fs::read_to_string(&places).unwrap().lines() {
        let Some((place, thousands)) = line.split_once('\t') else {
            continue;
        };
        let thousands: u64 = thousands.parse().unwrap_or(0);
        merge(fold(place), 5, thousands.clamp(1, 4095));
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("lexicon.fst");
    let mut builder = fst::MapBuilder::new(std::io::BufWriter::new(
        std::fs::File::create(&out).unwrap(),
    ))
    .unwrap();
    for (key, [first, last, en, fr, ordinary, place]) in map {
        if key.is_empty() {
            continue;
        }
        builder
            .insert(
                key,
                first | last << 16 | en << 32 | fr << 40 | ordinary << 48 | place << 50,
            )
            .unwrap();
    }
    builder.finish().unwrap();
}
