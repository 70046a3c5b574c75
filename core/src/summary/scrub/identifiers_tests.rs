//! Tests of `identifiers.rs`, kept apart so the module reads as what it does.
use super::super::text::tokens;
use super::*;

fn found(text: &str) -> Vec<(String, Class)> {
    let toks = tokens(text);
    let mut f = find(text, &toks);
    f.sort_by_key(|x| x.0);
    f.into_iter()
        .map(|(s, e, c)| (text[s..e].to_string(), c))
        .collect()
}

#[test]
fn identifiers_spelled_out_or_named_by_their_platform_are_found() {
    let cases = [
        (
            "her email is jdoe at gmail dot com ok",
            "jdoe at gmail dot com",
            Class::Email,
        ),
        (
            "from rjones(at)yahoo(dot)ca lol",
            "rjones(at)yahoo(dot)ca",
            Class::Email,
        ),
        (
            "he spelled it bigmike77 @ gmail.com",
            "bigmike77 @ gmail.com",
            Class::Email,
        ),
        (
            "his fb is facebook dot com slash kevin.obrien.77 no",
            "facebook dot com slash kevin.obrien.77",
            Class::Link,
        ),
        (
            "her insta is jaydee_22, she wants",
            "jaydee_22",
            Class::Handle,
        ),
        (
            "discord: shadowfox#1234 is where",
            "shadowfox#1234",
            Class::Handle,
        ),
        (
            "posts as u/soberdad2020 lol",
            "u/soberdad2020",
            Class::Handle,
        ),
        ("truck w plate ABCD 123 keeps", "ABCD 123", Class::Plate),
        ("la plaque AB-123-CD encore", "AB-123-CD", Class::Plate),
        (
            "file 2023-004512 at court",
            "2023-004512",
            Class::CaseNumber,
        ),
        ("he's 16 and using", "16", Class::Age),
        ("file is W308812456, next", "W308812456", Class::CaseNumber),
        (
            "dossier d'immigration V318840217 ok",
            "V318840217",
            Class::CaseNumber,
        ),
        (
            "récépissé 2024/008812 perdu",
            "2024/008812",
            Class::CaseNumber,
        ),
        ("passport T4829137 is in", "T4829137", Class::IdNumber),
        ("her bfs car cwrt 448 was", "cwrt 448", Class::Plate),
        (
            "he shares it as sunnyside_dan",
            "sunnyside_dan",
            Class::Handle,
        ),
        ("appt 3/14 at the clinic", "3/14", Class::Date),
        ("entrevue le 14 à 9h", "le 14", Class::Date),
        ("Réjean, 61 ans, dort dehors", "61 ans", Class::Age),
        ("son GSM 0470 12 34 56 ok", "0470 12 34 56", Class::Phone),
        ("sa voiture c'est la 2-ABK-771", "2-ABK-771", Class::Plate),
        (
            "une lettre, réf SG/2024/3381",
            "SG/2024/3381",
            Class::CaseNumber,
        ),
        (
            "office des étrangers 8.234.567",
            "8.234.567",
            Class::CaseNumber,
        ),
        ("on va le visiter 31/10", "31/10", Class::Date),
        ("dort là depuis le 1er", "le 1er", Class::Date),
        ("application no B000318842", "B000318842", Class::CaseNumber),
        ("rocky is only 19", "19", Class::Age),
        ("elle a 15 ans", "15 ans", Class::Age),
        ("a 72-year-old man", "72-year-old", Class::Age),
        (
            "he said he's sixty-five next month",
            "sixty-five",
            Class::Age,
        ),
        ("elle a quarante ans", "quarante ans", Class::Age),
        ("at 14 he was on his own", "14", Class::Age),
        ("court on the 5th of may", "the 5th of may", Class::Date),
        ("moved to oct 3 again", "oct 3", Class::Date),
        ("rdv le 5 mai", "5 mai", Class::Date),
        ("see u 5/5", "5/5", Class::Date),
        (
            "four one six five five five oh one nine nine",
            "four one six five five five oh one nine nine",
            Class::Phone,
        ),
    ];
    for (text, want, class) in cases {
        let f = found(text);
        assert!(f.contains(&(want.to_string(), class)), "{text}: {f:?}");
    }
}

#[test]
fn numbers_that_identify_nobody_stay() {
    for plain in [
        "20 min on the phone, he's 20 min late",
        "took the 505 streetcar",
        "open 24/7",
        "3 ppl came, 2 coffees",
        "she is 5 min away",
        "room 448 was cold",
        "we sent 100 flyers",
        "4 ans de sobriété demain",
        "il était marin avant, 20 ans sur les bateaux",
        "Housing wait list is 2 years now",
        "rated it 7/10",
    ] {
        assert!(found(plain).is_empty(), "{plain}: {:?}", found(plain));
    }
}

#[test]
fn ages_set_apart_after_someone_or_in_words_are_found() {
    for (text, age) in [
        ("Caleb, 19, aged out of care", "19"),
        ("new kid at drop in, jayden, 15, couch surfing", "15"),
        ("Ana Ferreira, sixty-three, passport expired", "sixty-three"),
        ("Lorne, seventy-one, sleeping in his car", "seventy-one"),
        ("Nour a seize ans et dort dans un parc", "seize ans"),
        (
            "Roger, septante-deux ans, dort dans sa voiture",
            "septante-deux ans",
        ),
    ] {
        assert!(
            found(text).contains(&(age.to_string(), Class::Age)),
            "{text}: {:?}",
            found(text)
        );
    }
    // How long, and a count set apart after no one, are no age.
    for text in [
        "à la rue depuis quinze ans, fatigué",
        "we handed out socks, 12, then ran out",
        "né le 04/09/1987, 37 ans, carte vitale",
    ] {
        let ages: Vec<_> = found(text)
            .into_iter()
            .filter(|(w, c)| *c == Class::Age && w != "37 ans")
            .collect();
        assert!(ages.is_empty(), "{text}: {ages:?}");
    }
}

#[test]
fn a_match_is_never_cut_inside_a_word() {
    // The patterns' word boundaries are ASCII's: "78 apr" of "78 après" is no date.
    let text = "je l'appelle au 06 12 34 56 78 après 18h";
    let toks = crate::summary::scrub::text::tokens(text);
    assert!(
        find(text, &toks)
            .iter()
            .all(|&(_, e, _)| !text[e..].starts_with('è')),
        "{:?}",
        find(text, &toks)
    );
}
