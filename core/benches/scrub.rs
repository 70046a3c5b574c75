//! The scrubber on its own: every note of the evaluation corpus (core/tests/data/scrub/, 1,037
//! phone-typed notes in English and French) scrubbed against its people list, as a summary
//! scrubs shared entries. Run: `cargo bench -p tandem-core --bench scrub`.

use std::collections::BTreeSet;

use criterion::{Criterion, criterion_group, criterion_main};
use tandem_core::person::Person;
use tandem_core::summary::scrub::Scrubber;

/// The corpus's notes with their marks taken out.
fn notes() -> Vec<String> {
    let mut out = Vec::new();
    for corpus in [
        include_str!("../tests/data/scrub/en.txt"),
        include_str!("../tests/data/scrub/fr.txt"),
    ] {
        for line in corpus.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut text = String::new();
            let mut rest = line;
            while let Some(open) = rest.find("[[") {
                text.push_str(&rest[..open]);
                let inner = &rest[open + 2..];
                let close = inner.find("]]").unwrap();
                text.push_str(inner[..close].split_once(':').unwrap().1);
                rest = &inner[close + 2..];
            }
            text.push_str(rest);
            out.push(text);
        }
    }
    out
}

fn people() -> Vec<Person> {
    let list: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("../tests/data/scrub/people.json")).unwrap();
    list.iter()
        .map(|p| Person {
            id: tandem_core::RecordId::random(),
            alias: p["alias"].as_str().unwrap().into(),
            name: p["name"].as_str().map(Into::into),
            details: p["details"].as_str().map(Into::into),
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        })
        .collect()
}

fn scrub(c: &mut Criterion) {
    let notes = notes();
    let people = people();
    let named: Vec<(String, &Person)> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("Person {i}"), p))
        .collect();
    let scrubber = Scrubber::new(&named);
    let keep = BTreeSet::new();
    // Warm the lexicon and the patterns, as the first summary of a session does.
    scrubber.scrub("warm up", &keep);
    let mut g = c.benchmark_group("scrub");
    g.bench_function(format!("corpus_{}_notes", notes.len()), |b| {
        b.iter(|| {
            notes
                .iter()
                .map(|n| scrubber.scrub(n, &keep).text.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, scrub);
criterion_main!(benches);
