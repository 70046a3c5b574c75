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

#[test]
fn every_line_of_the_weights_names_a_feature_the_model_can_produce() {
    // A feature the code no longer writes would weigh nothing, silently: the weights and the
    // features must come from the same code.
    let prefixes: BTreeSet<&str> = super::WEIGHTS
        .keys()
        .map(|f| f.split(['=', '&']).next().unwrap_or(f))
        .collect();
    let produced: BTreeSet<String> = super::super::name_features("Darnell said hi to the team")
        .into_iter()
        .flat_map(|(_, fs)| fs)
        .map(|f| f.split(['=', '&']).next().unwrap_or(&f).to_string())
        .collect();
    for p in prefixes {
        assert!(
            produced.contains(p) || ["possessive", "hyphen"].contains(&p),
            "the weights name a feature {p:?} the model never produces"
        );
    }
}

#[test]
fn a_place_no_list_holds_goes_when_the_model_is_sure_it_names_somewhere() {
    let text = "on l'a référé à la Maison Le Phare de Rivière-Bleue";
    let (with, rules) = scrubbed(text);
    assert_eq!(rules, text, "the rules alone keep it");
    assert!(!with.contains("Rivière-Bleue"), "{with}");
    assert!(with.contains("[place name]"), "{with}");
    // The worker is told why, to keep it if it identifies no one.
    let out = Scrubber::new(&[]).scrub(text, &BTreeSet::new());
    let flag = out
        .flags
        .iter()
        .find(|f| f.found == "Rivière-Bleue")
        .unwrap();
    assert_eq!(flag.why, super::super::Why::Learned);
}

#[test]
fn every_reason_a_word_is_flagged_is_told_in_both_languages() {
    use super::super::Why;
    use crate::i18n::{Language, lookup};
    for why in [
        Why::Title,
        Why::Relation,
        Why::Named,
        Why::Initials,
        Why::NameList,
        Why::Context,
        Why::List,
        Why::Learned,
    ] {
        for lang in [Language::En, Language::Fr] {
            let key = format!("review.why.{}", why.code());
            assert!(lookup(lang, &key).is_some(), "{key} in {lang:?}");
        }
    }
}
