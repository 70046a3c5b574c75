//! The scrubber on its own: every note of the evaluation corpus (core/tests/data/scrub/, 1,037
//! phone-typed notes in English and French) scrubbed against its people list, as a summary
//! scrubs shared entries. Run: `cargo bench -p tandem-core --bench scrub`.

use std::collections::BTreeSet;

use criterion::{Criterion, criterion_group, criterion_main};
use tandem_core::person::Person;
use tandem_core::summary::scrub::Scrubber;
use tandem_core::summary::scrub::corpus::{parse, people_of};

/// The corpus's notes with their marks taken out.
fn notes() -> Vec<String> {
    [
        include_str!("../tests/data/scrub/en.txt"),
        include_str!("../tests/data/scrub/fr.txt"),
    ]
    .into_iter()
    .flat_map(parse)
    .map(|n| n.text)
    .collect()
}

fn people() -> Vec<Person> {
    people_of(include_str!("../tests/data/scrub/people.json"))
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
