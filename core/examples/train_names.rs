//! Trains the scrubber's names model (`core/data/model/names.tsv`) on the labelled corpora of
//! `core/tests/data/scrub/`, and says what it would add to the rules on corpora it was not
//! trained on.
//!
//! Run: `cargo run --release -p tandem-core --example train_names -- [--write]
//! [--train DIR,DIR…] [--eval DIR,DIR…]`, where a DIR is a corpus folder under
//! `core/tests/data/scrub/` (`.` for the first corpus). Without `--write` nothing is written.
//! Training is deterministic: the same corpora give the same weights.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use tandem_core::person::Person;
use tandem_core::summary::scrub::corpus::{Note, parse, people_of};
use tandem_core::summary::scrub::{Scrubber, name_features};

/// The corpora the committed weights were trained on. `train9/` and `train10/` are left out:
/// trained on them too, the model lost names, places and services on eleven corpora (its bars
/// were set before), and one name on the sealed eighth; see docs/anonymization.md.
const TRAIN: &str = ".,holdout,test,final,fresh,sixth,seventh,train,train2,train3,train4,train5,train6,train7,train8";
/// None by default: the eighth corpus is sealed, and nothing is chosen by its figures.
const EVAL: &str = "";
const EPOCHS: usize = 12;
const RATE: f32 = 0.2;
const L2: f32 = 1e-4;
/// Features weighing less than this in both answers are dropped.
const PRUNE: f32 = 0.2;
/// Features met fewer times than this in training are left out.
const MIN_COUNT: usize = 2;

/// A setting, overridden by `TANDEM_TRAIN_<NAME>` while trying others.
fn setting<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(format!("TANDEM_TRAIN_{name}"))
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Corpus {
    dir: String,
    people: Vec<Person>,
    notes: Vec<Note>,
}

fn load(root: &Path, dir: &str) -> Option<Corpus> {
    let base = root.join(dir);
    let people = std::fs::read_to_string(base.join("people.json")).ok()?;
    let mut notes = Vec::new();
    for lang in ["en.txt", "fr.txt"] {
        notes.extend(parse(&std::fs::read_to_string(base.join(lang)).ok()?));
    }
    Some(Corpus {
        dir: dir.to_string(),
        people: people_of(&people),
        notes,
    })
}

/// Each word the model weighs, with its features and what the corpus marks it as: `None`
/// outside every mark.
fn examples(notes: &[Note]) -> Vec<(Vec<String>, Option<String>)> {
    let mut out = Vec::new();
    for note in notes {
        for ((s, e), features) in name_features(&note.text) {
            let marked = note.spans.iter().find(|(a, b, _)| s < *b && *a < e);
            out.push((features, marked.map(|m| m.2.clone())));
        }
    }
    out
}

/// The two questions the model answers, as labels: whether a word names someone (`name`), and
/// whether it names someone or somewhere (`identifying`: a place or a service identifies as a
/// person does, so the model never gives one back). Words in another marked class (a detail,
/// an address) teach nothing either way and are left out.
fn labelled(data: &[(Vec<String>, Option<String>)], places: bool) -> Vec<(&[String], bool)> {
    data.iter()
        .filter_map(|(fs, class)| match class.as_deref() {
            None => Some((fs.as_slice(), false)),
            Some("name" | "known") => Some((fs.as_slice(), true)),
            Some("place" | "institution") if places => Some((fs.as_slice(), true)),
            Some(_) => None,
        })
        .collect()
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Logistic regression by AdaGrad, in a fixed order shuffled by a fixed seed.
fn train(data: &[(&[String], bool)]) -> HashMap<String, f32> {
    // A feature met fewer than `MIN_COUNT` times learns noise: left out.
    let min_count = setting("MIN_COUNT", MIN_COUNT);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (fs, _) in data {
        for f in fs.iter() {
            *counts.entry(f.as_str()).or_default() += 1;
        }
    }
    let mut ids: HashMap<String, usize> = HashMap::new();
    let rows: Vec<(Vec<usize>, bool)> = data
        .iter()
        .map(|(fs, y)| {
            let row = fs
                .iter()
                .filter(|f| counts[f.as_str()] >= min_count)
                .map(|f| {
                    let next = ids.len();
                    *ids.entry(f.clone()).or_insert(next)
                })
                .collect();
            (row, *y)
        })
        .collect();
    let mut w = vec![0f32; ids.len()];
    let mut g2 = vec![1e-6f32; ids.len()];
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut seed: u64 = 0x5eed;
    let (epochs, rate, l2) = (
        setting("EPOCHS", EPOCHS),
        setting("RATE", RATE),
        setting("L2", L2),
    );
    for _ in 0..epochs {
        for k in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(k, (seed >> 33) as usize % (k + 1));
        }
        for &r in &order {
            let (row, y) = &rows[r];
            let p = sigmoid(row.iter().map(|&f| w[f]).sum());
            let g = p - if *y { 1.0 } else { 0.0 };
            for &f in row {
                let grad = g + l2 * w[f];
                g2[f] += grad * grad;
                w[f] -= rate * grad / g2[f].sqrt();
            }
        }
    }
    ids.into_iter().map(|(f, i)| (f, w[i])).collect()
}

/// What the model adds to the rules on a corpus, at several bars: name spans gone by the rules
/// alone and with the model, words wrongly taken, plain notes spoiled.
fn evaluate(corpus: &Corpus, weights: &HashMap<String, f32>, identifying: &HashMap<String, f32>) {
    let named: Vec<(String, &Person)> = corpus
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("Person {i}"), p))
        .collect();
    let rules = Scrubber::new(&named).by_rules_alone();
    let bars = [0.5f32, 0.6, 0.7, 0.8, 0.9];
    let mut names = 0;
    let mut by_rules = 0;
    let mut with = [0usize; 5];
    let mut wrong = [0usize; 5];
    let mut spoiled = [0usize; 5];
    let mut wrong_words: Vec<BTreeSet<String>> = vec![BTreeSet::new(); 5];
    let mut vetoes: Vec<Vec<(bool, String)>> = vec![Vec::new(); 3];
    for note in &corpus.notes {
        let out = rules.scrub(&note.text, &BTreeSet::new());
        let gone = |s: usize, e: usize| out.spans.iter().any(|r| r.start < e && s < r.end);
        let features = name_features(&note.text);
        let adds: Vec<((usize, usize), f32)> = features
            .iter()
            .filter(|((s, e), _)| !gone(*s, *e))
            .map(|(at, fs)| {
                let sum: f32 = fs.iter().filter_map(|f| weights.get(f)).sum();
                (*at, sigmoid(sum))
            })
            .collect();
        if std::env::var_os("TANDEM_TRAIN_PLACES").is_some() {
            for (at, fs) in features.iter().filter(|(at, _)| !gone(at.0, at.1)) {
                let p = sigmoid(fs.iter().filter_map(|f| identifying.get(f)).sum());
                let n = sigmoid(fs.iter().filter_map(|f| weights.get(f)).sum());
                if p >= 0.9 && n < 0.7 {
                    let class = note
                        .spans
                        .iter()
                        .find(|(a, z, _)| at.0 < *z && *a < at.1)
                        .map_or("WRONG", |m| m.2.as_str());
                    println!(
                        "    place-add {class} {:?} {p:.2} in {:?}",
                        &note.text[at.0..at.1],
                        note.text
                    );
                }
            }
        }
        if std::env::var_os("TANDEM_TRAIN_ADDS").is_some() {
            for ((s, e), p) in adds.iter().filter(|(_, p)| *p >= 0.7) {
                let fs = &features.iter().find(|(at, _)| at == &(*s, *e)).unwrap().1;
                let kind = fs
                    .iter()
                    .find(|f| f.starts_with("zipf=") && f.contains('&'))
                    .unwrap();
                let marked = note.spans.iter().any(|(a, z, _)| s < z && a < e);
                println!(
                    "    add {} {:?} {p:.2} {kind}",
                    if marked { "right" } else { "WRONG" },
                    &note.text[*s..*e]
                );
            }
        }
        // What a veto would do: rules' names the model finds very unlikely.
        for ((s, e), fs) in name_features(&note.text) {
            let by_rule = out
                .spans
                .iter()
                .any(|r| r.start <= s && e <= r.end && format!("{:?}", r.class) == "LikelyName");
            if !by_rule {
                continue;
            }
            let p = sigmoid(fs.iter().filter_map(|f| identifying.get(f)).sum());
            for (v, bar) in [0.05f32, 0.1, 0.2].iter().enumerate() {
                if p < *bar {
                    let marked = note.spans.iter().any(|(a, z, _)| s < *z && *a < e);
                    vetoes[v].push((marked, note.text[s..e].to_string()));
                }
            }
        }
        for (b, bar) in bars.iter().enumerate() {
            let added: Vec<(usize, usize)> = adds
                .iter()
                .filter(|(_, p)| p >= bar)
                .map(|(at, _)| *at)
                .collect();
            for (s, e) in &added {
                if !note.spans.iter().any(|(a, z, _)| s < z && a < e) {
                    wrong[b] += 1;
                    wrong_words[b].insert(note.text[*s..*e].to_string());
                }
            }
            if note.spans.is_empty() && !added.is_empty() {
                spoiled[b] += 1;
            }
        }
        for (s, e, class) in &note.spans {
            if class != "name" {
                continue;
            }
            names += 1;
            // A span is gone when every word of it is.
            let words: Vec<(usize, usize)> = name_features(&note.text[*s..*e])
                .into_iter()
                .map(|((a, z), _)| (s + a, s + z))
                .collect();
            let covered = |extra: &dyn Fn(usize, usize) -> bool| {
                words.iter().all(|(a, z)| gone(*a, *z) || extra(*a, *z))
            };
            if covered(&|_, _| false) {
                by_rules += 1;
            }
            for (b, bar) in bars.iter().enumerate() {
                if covered(&|a, z| adds.iter().any(|(at, p)| *at == (a, z) && p >= bar)) {
                    with[b] += 1;
                } else if (bar - 0.7).abs() < 1e-6
                    && std::env::var_os("TANDEM_TRAIN_MISSES").is_some()
                {
                    let ps: Vec<String> = adds
                        .iter()
                        .filter(|((a, z), _)| s <= a && z <= e)
                        .map(|((a, z), p)| format!("{} {p:.2}", &note.text[*a..*z]))
                        .collect();
                    println!(
                        "    missed {:?} {ps:?} in {:?}",
                        &note.text[*s..*e],
                        note.text
                    );
                }
            }
        }
    }
    for (v, bar) in [0.05f32, 0.1, 0.2].iter().enumerate() {
        let right: Vec<&String> = vetoes[v].iter().filter(|x| !x.0).map(|x| &x.1).collect();
        let wrong: Vec<&String> = vetoes[v].iter().filter(|x| x.0).map(|x| &x.1).collect();
        println!("  veto under {bar}: right {right:?}; wrong {wrong:?}");
    }
    let plain = corpus.notes.iter().filter(|n| n.spans.is_empty()).count();
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "{}: {} notes, {plain} plain; names gone by the rules alone {by_rules}/{names} {:.1}%",
        corpus.dir,
        corpus.notes.len(),
        pct(by_rules, names)
    );
    for (b, bar) in bars.iter().enumerate() {
        println!(
            "  bar {bar:.1}: names gone {}/{names} {:.1}%; words wrongly taken {}; plain notes spoiled {}",
            with[b],
            pct(with[b], names),
            wrong[b],
            spoiled[b]
        );
        if (bar - 0.8).abs() < 1e-6 {
            println!("    wrongly taken: {:?}", wrong_words[b]);
        }
    }
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/scrub");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str, default: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1).cloned())
            .unwrap_or_else(|| default.to_string())
    };
    let write = args.iter().any(|a| a == "--write");
    let train_dirs = value("--train", TRAIN);
    let eval_dirs = value("--eval", EVAL);
    let corpora = |dirs: &str| -> Vec<Corpus> {
        dirs.split(',')
            .filter(|d| !d.is_empty())
            .filter_map(|d| {
                let c = load(&root, d);
                if c.is_none() {
                    eprintln!("no corpus at {d}, skipped");
                }
                c
            })
            .collect()
    };
    let trained_on = corpora(&train_dirs);
    let mut data = Vec::new();
    for c in &trained_on {
        data.extend(examples(&c.notes));
    }
    let names = labelled(&data, false);
    let identifying = labelled(&data, true);
    let positives = names.iter().filter(|d| d.1).count();
    println!(
        "training on {} words ({positives} in names) from {}",
        names.len(),
        trained_on
            .iter()
            .map(|c| c.dir.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    // Weights too small to change an answer are dropped, so the model stays small in the
    // binary; what is dropped is dropped before the evaluation, which measures what ships.
    let prune = setting("PRUNE", PRUNE);
    let (mut name_weights, mut identifying_weights) = (train(&names), train(&identifying));
    let small = |f: &String, n: &HashMap<String, f32>, i: &HashMap<String, f32>| {
        n.get(f).copied().unwrap_or(0.0).abs() < prune
            && i.get(f).copied().unwrap_or(0.0).abs() < prune
    };
    let dropped: Vec<String> = name_weights
        .keys()
        .chain(identifying_weights.keys())
        .filter(|f| small(f, &name_weights, &identifying_weights))
        .cloned()
        .collect();
    for f in &dropped {
        name_weights.remove(f);
        identifying_weights.remove(f);
    }
    let kept: BTreeSet<&String> = name_weights
        .keys()
        .chain(identifying_weights.keys())
        .collect();
    println!("{} features kept", kept.len());
    for c in corpora(&eval_dirs) {
        evaluate(&c, &name_weights, &identifying_weights);
    }
    if write {
        let features: BTreeSet<&String> = name_weights
            .keys()
            .chain(identifying_weights.keys())
            .collect();
        let mut out = format!(
            "# The scrubber's names model: logistic regression weights, one feature per line:\n\
             # feature, weight for \"names someone\", weight for \"names someone or somewhere\".\n\
             # Trained by `cargo run --release -p tandem-core --example train_names -- --write`\n\
             # on the corpora {train_dirs} of core/tests/data/scrub/ ({} words, {positives} in names),\n\
             # {epochs} epochs of AdaGrad at rate {rate}, L2 {l2}; features met under {min_count}\n\
             # times left out, features under {prune} in both dropped.\n",
            names.len(),
            epochs = setting("EPOCHS", EPOCHS),
            rate = setting("RATE", RATE),
            l2 = setting("L2", L2),
            min_count = setting("MIN_COUNT", MIN_COUNT),
        );
        for f in features {
            // A tab or a line break would break the file's columns: features never hold one.
            assert!(
                !f.contains(['\t', '\n', '\r']),
                "a feature with a tab or a line break: {f:?}"
            );
            let (n, i) = (
                name_weights.get(f).copied().unwrap_or(0.0),
                identifying_weights.get(f).copied().unwrap_or(0.0),
            );
            out.push_str(&format!("{f}\t{n:.2}\t{i:.2}\n"));
        }
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/model/names.tsv");
        std::fs::write(&path, out).expect("the model written");
        println!("wrote {}", path.display());
    }
}
