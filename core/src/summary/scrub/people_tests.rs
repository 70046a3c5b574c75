//! Tests of `people.rs`, kept apart so the module reads as what it does.
use super::super::tests::person;
use super::*;

fn found(p: &Person, text: &str) -> (Vec<String>, Vec<String>) {
    let k = Known::new(p);
    let toks = tokens(text);
    let reader = names::Reader::new(text, &toks);
    let (who, what) = k.find(&reader);
    let words =
        |r: Vec<(usize, usize)>| r.into_iter().map(|(s, e)| text[s..e].to_string()).collect();
    (words(who), words(what))
}

#[test]
fn a_known_person_is_found_in_every_spelling() {
    let bobby = person(
        "bobby",
        Some("Robert Tremblay"),
        Some("sister Tamsin; lives near the Elm St shelter"),
    );
    for (text, want) in [
        ("bobby came by", "bobby"),
        ("saw rob outside", "rob"),
        ("coffee w RT 20 min", "RT"),
        ("tremblya housing app submitted", "tremblya"),
        ("Robert's mood was up", "Robert"),
    ] {
        assert_eq!(found(&bobby, text).0, [want], "{text}");
    }
    let jf = person("JF", Some("Jean-François Bélanger"), None);
    for (text, want) in [
        ("jean-fran upset again", "jean-fran"),
        ("his mom calls him françois", "françois"),
        ("belanger called", "belanger"),
        ("jfb said", "jfb"),
    ] {
        assert_eq!(found(&jf, text).0, [want], "{text}");
    }
    let mev = person("mev", Some("Marie-Ève Gagnon"), None);
    assert_eq!(found(&mev, "marie eve called").0, ["marie eve"]);
    let sky = person("Sky", Some("Sky Williams"), None);
    assert!(found(&sky, "the sky was grey all day").0.is_empty());
    assert_eq!(found(&sky, "sky came to group").0, ["sky"]);
}

#[test]
fn private_details_are_phrases_not_single_everyday_words() {
    let bobby = person(
        "bobby",
        None,
        Some("sister Tamsin; lives near the Elm St shelter; works at Tim Hortons on Main"),
    );
    assert_eq!(
        found(&bobby, "saw him at the elm st shelter").1,
        ["elm st shelter"]
    );
    assert_eq!(found(&bobby, "tamsin called the office").1, ["tamsin"]);
    assert!(
        found(&bobby, "got shifts at tim hortons on main")
            .1
            .contains(&"tim hortons on main".to_string())
    );
    assert!(found(&bobby, "the main thing is he works").1.is_empty());
}

#[test]
fn details_are_met_across_languages_and_beside_their_person() {
    let jf = person(
        "JF",
        Some("Jean-François Bélanger"),
        Some("works at Tim Hortons on Main"),
    );
    let (_, what) = found(&jf, "jf a eu plus de shifts au tim hortons sur main");
    assert_eq!(what[0], "tim hortons sur main");
    let pr = person("PR", Some("Priya Raghunathan"), Some("cat named Biscuit"));
    let (_, what) = found(&pr, "le chat de priya, biscuit, est malade");
    assert_eq!(what, ["biscuit"]);
    let sam = person("Sam", None, Some("pregnant; partner Dre"));
    assert_eq!(found(&sam, "sam told me shes pregnant").1, ["pregnant"]);
    assert!(found(&sam, "the pregnant women's group met").1.is_empty());
    let vieux = person("le vieux", None, Some("chien Biscuit"));
    let (_, what) = found(&vieux, "le vieux dort encore au bord du canal avec biscuit");
    assert_eq!(what, ["biscuit"]);
    // Far from Priya, an everyday "biscuit" is a biscuit.
    let (_, what) = found(
        &pr,
        "j'ai mangé un biscuit au café ce matin avant le groupe",
    );
    assert!(what.is_empty(), "{what:?}");
}

#[test]
fn an_alias_that_is_a_word_is_read_as_the_word_where_the_sentence_says_so() {
    let hope = person(
        "Hope",
        Some("Hope Kakegamic"),
        Some("staying at her aunt's in Malvern"),
    );
    assert!(found(&hope, "Hope it goes ok w the landlord").0.is_empty());
    assert_eq!(found(&hope, "hope's daughter turns 11").0, ["hope"]);
    assert_eq!(found(&hope, "checked in w hope today").0, ["hope"]);
    // A little word after a relation in the details is no name.
    assert!(found(&hope, "her daughter's in care").1.is_empty());
    let grace = person("Grace", Some("Grace Villanueva"), None);
    assert!(found(&grace, "grâce à l'équipe de nuit").0.is_empty());
    // What phones type is nobody's initials: "everybody ok" for Oksana K.
    let ksu = person("Ksu", Some("Oksana Kovalenko"), None);
    assert!(found(&ksu, "storm's over, everybody ok").0.is_empty());
    let mo = person("Mo", Some("Modeste Nkoulou-Ebogo"), None);
    assert_eq!(found(&mo, "Nkoulou-Ebgo on the form").0, ["Nkoulou-Ebgo"]);
    let rose = person("Rose", Some("Rose-Aimée Constant"), None);
    assert!(found(&rose, "le ciel était tout rose à matin").0.is_empty());
}

#[test]
fn pet_forms_and_rare_words_that_are_their_names_are_them() {
    let paddy = person("Paddy", Some("Patrick McDonagh"), None);
    assert_eq!(found(&paddy, "Paddie posted his gofundme").0, ["Paddie"]);
    assert!(found(&paddy, "they said no").0.is_empty());
    let kawa = person("K", Some("Kawa Barzani-Amin"), None);
    assert_eq!(found(&kawa, "Kawa tel suisse 079").0, ["Kawa"]);
}
