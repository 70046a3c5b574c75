//! Tests of `model.rs`: what the learned second opinion changes in what the rules alone do.
use std::collections::BTreeSet;

use super::super::Scrubber;

fn scrubbed(text: &str) -> (String, String) {
    let with = Scrubber::new(&[]).scrub(text, &BTreeSet::new()).text;
    let rules = Scrubber::new(&[])
        .by_rules_alone()
        .scrub(text, &BTreeSet::new())
        .text;
    (with, rules)
}

#[test]
fn a_name_no_rule_foresaw_goes_when_the_model_is_sure_of_it() {
    for (text, want) in [
        ("kiptoo still no show", "[name] still no show"),
        ("Mirela n son chum au parc", "[name] n son chum au parc"),
    ] {
        let (with, rules) = scrubbed(text);
        assert_eq!(rules, text, "the rules alone keep it");
        assert_eq!(with, want);
    }
}

#[test]
fn an_everyday_word_the_rules_took_for_a_name_is_given_back() {
    for (text, by_rules) in [
        (
            "son jumeau est passé au local",
            "son [name] est passé au local",
        ),
        ("j'ai pas son natel", "j'ai pas son [name]"),
        (
            "elle attend son récépissé depuis 2 mois",
            "elle attend son [name] depuis 2 mois",
        ),
    ] {
        let (with, rules) = scrubbed(text);
        assert_eq!(rules, by_rules, "the rules alone take it");
        assert_eq!(with, text);
    }
}

/// The corpora the weights were trained on, as `core/examples/train_names.rs` reads them.
const TRAINED_ON: &[&str] = &[
    include_str!("../../../tests/data/scrub/en.txt"),
    include_str!("../../../tests/data/scrub/fr.txt"),
    include_str!("../../../tests/data/scrub/holdout/en.txt"),
    include_str!("../../../tests/data/scrub/holdout/fr.txt"),
    include_str!("../../../tests/data/scrub/test/en.txt"),
    include_str!("../../../tests/data/scrub/test/fr.txt"),
    include_str!("../../../tests/data/scrub/final/en.txt"),
    include_str!("../../../tests/data/scrub/final/fr.txt"),
    include_str!("../../../tests/data/scrub/fresh/en.txt"),
    include_str!("../../../tests/data/scrub/fresh/fr.txt"),
    include_str!("../../../tests/data/scrub/sixth/en.txt"),
    include_str!("../../../tests/data/scrub/sixth/fr.txt"),
    include_str!("../../../tests/data/scrub/seventh/en.txt"),
    include_str!("../../../tests/data/scrub/seventh/fr.txt"),
    include_str!("../../../tests/data/scrub/train/en.txt"),
    include_str!("../../../tests/data/scrub/train/fr.txt"),
    include_str!("../../../tests/data/scrub/train2/en.txt"),
    include_str!("../../../tests/data/scrub/train2/fr.txt"),
    include_str!("../../../tests/data/scrub/train3/en.txt"),
    include_str!("../../../tests/data/scrub/train3/fr.txt"),
    include_str!("../../../tests/data/scrub/train4/en.txt"),
    include_str!("../../../tests/data/scrub/train4/fr.txt"),
    include_str!("../../../tests/data/scrub/train5/en.txt"),
    include_str!("../../../tests/data/scrub/train5/fr.txt"),
    include_str!("../../../tests/data/scrub/train6/en.txt"),
    include_str!("../../../tests/data/scrub/train6/fr.txt"),
    include_str!("../../../tests/data/scrub/train7/en.txt"),
    include_str!("../../../tests/data/scrub/train7/fr.txt"),
    include_str!("../../../tests/data/scrub/train8/en.txt"),
    include_str!("../../../tests/data/scrub/train8/fr.txt"),
];

#[test]
fn every_weight_is_of_a_feature_the_code_writes_today() {
    // A feature the code no longer writes the same way would weigh nothing, silently: the
    // weights must come from today's features of the corpora they were trained on.
    let mut written = std::collections::HashSet::new();
    for corpus in TRAINED_ON {
        for note in super::super::corpus::parse(corpus) {
            for (_, features) in super::name_features(&note.text) {
                written.extend(features);
            }
        }
    }
    let stale: Vec<&&str> = super::WEIGHTS
        .keys()
        .filter(|f| !written.contains(**f))
        .take(5)
        .collect();
    assert!(
        stale.is_empty(),
        "weights of features never written: {stale:?}"
    );
}

#[test]
fn the_weights_hold_no_name_of_the_corpora_people() {
    // What the model learns is what surrounds names, never the names of the corpora's people:
    // no feature holds a name no dictionary writes in lower case.
    for (feature, _) in super::WEIGHTS.iter() {
        let words = feature
            .split('&')
            .filter_map(|p| p.split_once('='))
            .filter(|(k, _)| ["word", "prev", "next", "prev2", "next2"].contains(k))
            .map(|p| p.1);
        for value in words {
            let lex = super::super::words::compound_lookup(value);
            assert!(
                !(lex.is_name() && !lex.ordinary && super::nameness(&lex, value) >= 0.0),
                "{feature:?} holds a name"
            );
        }
    }
}

#[test]
fn strong_evidence_is_never_given_back() {
    for (text, gone) in [
        ("saw dr jumeau at the clinic", "jumeau"),
        ("un gars qui s'appelle natel", "natel"),
    ] {
        let (with, _) = scrubbed(text);
        assert!(!with.contains(gone), "{with}");
    }
}

#[test]
fn the_model_never_gives_back_a_known_person_nor_takes_what_was_kept() {
    let jumeau = super::super::tests::person("Jumeau", None, None);
    let named = [("Person A".to_string(), &jumeau)];
    let out = Scrubber::new(&named).scrub("son jumeau est passé au local", &BTreeSet::new());
    assert_eq!(out.text, "son Person A est passé au local");
    // A word the model took and the worker kept stays.
    let text = "on l'a référé au Havre de Pointe-Bleue";
    let keep: BTreeSet<String> = ["pointe-bleue".to_string()].into();
    let out = Scrubber::new(&[]).scrub(text, &keep);
    assert!(out.text.contains("Pointe-Bleue"), "{}", out.text);
}

#[test]
fn a_place_no_list_holds_goes_when_the_model_is_sure_it_names_somewhere() {
    let text = "on l'a référé au Havre de Pointe-Bleue";
    let (with, rules) = scrubbed(text);
    assert_eq!(rules, text, "the rules alone keep it");
    assert!(!with.contains("Pointe-Bleue"), "{with}");
    assert!(with.contains("[place name]"), "{with}");
    // The worker is told why, to keep it if it identifies no one.
    let out = Scrubber::new(&[]).scrub(text, &BTreeSet::new());
    let flag = out
        .flags
        .iter()
        .find(|f| f.found == "Pointe-Bleue")
        .unwrap();
    assert_eq!(flag.why, super::super::Why::Learned);
}

#[test]
fn every_reason_a_word_is_flagged_is_told_in_both_languages() {
    use super::super::Why;
    use crate::i18n::{Language, lookup};
    // A reason added without its words fails to compile here first.
    let all = |w: Why| match w {
        Why::Title
        | Why::Relation
        | Why::Named
        | Why::Initials
        | Why::NameList
        | Why::Context
        | Why::List
        | Why::Learned => w,
    };
    for why in [
        Why::Title,
        Why::Relation,
        Why::Named,
        Why::Initials,
        Why::NameList,
        Why::Context,
        Why::List,
        Why::Learned,
    ]
    .map(all)
    {
        for lang in [Language::En, Language::Fr] {
            let key = format!("review.why.{}", why.code());
            assert!(lookup(lang, &key).is_some(), "{key} in {lang:?}");
        }
    }
}
