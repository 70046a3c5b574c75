//! In-process benchmarks of the vault: key derivation, unlock after it, listing, search, bulk
//! import next to plain SQLite, and building supervision summaries. Run with `cargo bench -p tandem-core --bench vault`; results go
//! to docs/benchmarks.md.

mod common;

use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use rusqlite::{Connection, params};
use tandem_core::crypto::{KdfParams, derive_from_passphrase};
use tandem_core::synth::Corpus;
use tandem_core::{Filter, Kind, Vault};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn kdf(c: &mut Criterion) {
    let mut g = c.benchmark_group("kdf");
    g.sample_size(10);
    g.bench_function("argon2id_64MiB_t3_p1", |b| {
        b.iter(|| derive_from_passphrase(b"benchmark passphrase", &[7; 16], KdfParams::DEFAULT))
    });
    g.finish();
}

fn by_size(c: &mut Criterion) {
    for n in SIZES {
        let mut vault = common::vault_with(n);
        let mut g = c.benchmark_group("vault");
        g.sample_size(if n >= 100_000 { 10 } else { 30 });
        g.measurement_time(Duration::from_secs(if n >= 100_000 { 20 } else { 5 }));

        // Everything an unlock does after the key derivation: read, decrypt and parse every
        // record, and build the search buffer.
        // (Dropping the previous copy is locking, not unlocking, so it is left out of the timing.)
        g.bench_with_input(BenchmarkId::new("unlock_after_kdf", n), &n, |b, _| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    vault.unload_entries();
                    let start = std::time::Instant::now();
                    vault.load_entries().unwrap();
                    total += start.elapsed();
                }
                total
            })
        });

        let first_page = Filter::default();
        let boundaries_in_2025 = Filter {
            kind: Some(Kind::Boundary),
            from: chrono::NaiveDate::from_ymd_opt(2025, 1, 1),
            to: chrono::NaiveDate::from_ymd_opt(2025, 12, 31),
            ..Default::default()
        };
        let reader = vault.reader().unwrap();
        g.bench_with_input(BenchmarkId::new("list_first_page_50", n), &n, |b, _| {
            b.iter(|| reader.list(&first_page).take(50).count())
        });
        g.bench_with_input(BenchmarkId::new("list_filtered_all", n), &n, |b, _| {
            b.iter(|| reader.list(&boundaries_in_2025).count())
        });
        // A word in about a third of entries: the scan plus sorting every hit.
        g.bench_with_input(BenchmarkId::new("search_common_word", n), &n, |b, _| {
            b.iter(|| reader.search("housing", &Filter::default()).len())
        });
        // Two words, one rare: the typical search for a name or a place.
        g.bench_with_input(BenchmarkId::new("search_two_terms", n), &n, |b, _| {
            b.iter(|| reader.search("naloxone celebr", &Filter::default()).len())
        });
        // A word the app shows as a label ("Work" for the employment domain): the search also
        // looks for the codes it labels, in both languages.
        g.bench_with_input(BenchmarkId::new("search_by_label", n), &n, |b, _| {
            b.iter(|| reader.search("work", &Filter::default()).len())
        });
        // The journal's first page as the app receives it: each entry owned, with its date
        // and time in words.
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        g.bench_with_input(BenchmarkId::new("first_page_in_words_50", n), &n, |b, _| {
            b.iter(|| {
                reader
                    .list(&first_page)
                    .take(50)
                    .map(|e| reader.view(e, Some((tandem_core::i18n::Language::Fr, today))))
                    .collect::<Vec<_>>()
            })
        });
        g.bench_with_input(BenchmarkId::new("search_no_match", n), &n, |b, _| {
            b.iter(|| reader.search("zanzibar", &Filter::default()).len())
        });
        g.finish();
    }
}

/// 10,000 entries imported into a new vault, next to the same rows written to a plain SQLite
/// table with the same durability (WAL, synchronous=FULL, one transaction).
fn import(c: &mut Criterion) {
    let jsonl = Corpus::new(9).jsonl(10_000);
    let mut g = c.benchmark_group("import_10k");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(15));
    g.bench_function("tandem_vault", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let (vault, _) = Vault::create(&dir.path().join("v.tandem"), common::PASS).unwrap();
                (dir, vault)
            },
            |(dir, mut vault)| {
                vault.import_jsonl(&jsonl).unwrap();
                (dir, vault)
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("plain_sqlite", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let conn = Connection::open(dir.path().join("plain.db")).unwrap();
                conn.query_row("PRAGMA journal_mode=WAL", [], |_| Ok(()))
                    .unwrap();
                conn.execute_batch(
                    "PRAGMA synchronous=FULL;
                     CREATE TABLE entries (id BLOB PRIMARY KEY, body TEXT NOT NULL);",
                )
                .unwrap();
                (dir, conn)
            },
            |(dir, mut conn)| {
                let tx = conn.transaction().unwrap();
                {
                    let mut stmt = tx.prepare("INSERT INTO entries VALUES (?1, ?2)").unwrap();
                    for line in jsonl.lines() {
                        // Parse and re-serialise, as any store of these rows must at least check
                        // they are JSON.
                        let value: serde_json::Value = serde_json::from_str(line).unwrap();
                        let id = tandem_core::RecordId::random();
                        stmt.execute(params![&id.as_bytes()[..], value.to_string()])
                            .unwrap();
                    }
                }
                tx.commit().unwrap();
                (dir, conn)
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

/// Supervision summaries over 100,000 entries, one in five shared (so their words are scrubbed):
/// the last four weeks, and the last year.
fn summaries(c: &mut Criterion) {
    use tandem_core::summary::document::{Options, build};
    let mut vault = common::vault_with(100_000);
    let reader = vault.reader().unwrap();
    let mut entries: Vec<tandem_core::Entry> = reader.list(&Filter::default()).cloned().collect();
    for (i, e) in entries.iter_mut().enumerate() {
        e.share = i % 5 == 0;
    }
    let people = reader.people().to_vec();
    let last = entries
        .iter()
        .map(|e| e.occurred_at.date_naive())
        .max()
        .unwrap();
    let mut g = c.benchmark_group("summary");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    for (name, days) in [("last_4_weeks", 27), ("last_year", 364)] {
        let options = Options::new(last - chrono::Duration::days(days), last);
        let in_period = entries
            .iter()
            .filter(|e| e.occurred_at.date_naive() >= options.from)
            .count();
        g.bench_function(BenchmarkId::new(name, in_period), |b| {
            b.iter(|| {
                build(entries.iter(), &people, &options)
                    .unwrap()
                    .narratives
                    .len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, kdf, by_size, import, summaries);
criterion_main!(benches);
