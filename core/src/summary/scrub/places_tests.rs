//! Tests of `places.rs`, kept apart so the module reads as what it does.
use super::super::text::tokens;
use super::*;

fn found(text: &str) -> Vec<String> {
    let toks = tokens(text);
    let reader = super::super::names::Reader::new(text, &toks);
    let mut f = find(&reader);
    f.sort();
    f.into_iter()
        .map(|(s, e, _)| text[s..e].to_string())
        .collect()
}

#[test]
fn named_places_corners_and_short_addresses_are_found() {
    for (text, want) in [
        ("looking at humber college", "humber college"),
        ("tents at moss park got cleared", "moss park"),
        ("she's at st mike's now", "st mike's"),
        ("elle est à l'hôpital douglas", "hôpital douglas"),
        ("on s'est retrouvés au parc lafontaine", "parc lafontaine"),
        ("elle est au CHUM depuis hier", "CHUM"),
        ("grew up in kapuskasing", "kapuskasing"),
        (
            "grew up at the corner of jane and finch",
            "the corner of jane and finch",
        ),
        (
            "rendez-vous à l'angle st-laurent et ontario",
            "angle st-laurent et ontario",
        ),
        ("meet at king and dufferin at 3", "king and dufferin"),
        ("his new place at 401 jarvis has", "401 jarvis"),
        (
            "nouvel appart 4500 rue hochelaga app 3",
            "4500 rue hochelaga app 3",
        ),
        ("shift at walmart went ok", "walmart"),
        ("wawa bus stop, that's where", "wawa"),
        (
            "flew down from sioux lookout for treatment",
            "sioux lookout",
        ),
        ("moved back to Timmins last year", "Timmins"),
        ("elle vient d'obedjiwan", "obedjiwan"),
        ("les restos du cœur ouvrent lundi", "restos du cœur"),
        ("the 519 has a group", "the 519"),
        ("le CLSC des faubourgs peut le voir", "CLSC des faubourgs"),
        ("allée dans hochelaga chercher", "hochelaga"),
        ("au CLSC de la basse-ville le 12", "CLSC de la basse-ville"),
        (
            "lettre à l'office d'habitation de l'outaouais, il a peur",
            "office d'habitation de l'outaouais",
        ),
        ("Ernestine from cross lake wants", "cross lake"),
        ("met her at uniacke square", "uniacke square"),
        ("called the IWK for her", "IWK"),
        ("lost his wallet in kensington market", "kensington market"),
        ("postcode SW1A 1AA", "SW1A 1AA"),
    ] {
        assert!(
            found(text).contains(&want.to_string()),
            "{text}: {:?}",
            found(text)
        );
    }
}

#[test]
fn generic_places_and_big_cities_stay() {
    for plain in [
        "went to the shelter and the legal clinic",
        "elle est à l'hôpital depuis hier",
        "moved to toronto last year",
        "at home and at work",
        "went to the park after group",
        "elm st is close",
        "elle dort dans la chambre du fond",
        "we sat by a deep river",
        "la rose est fanée",
        "paris était trop cher pour elle",
        "took the subway to group",
        "dans le métro avec mon chum",
        "au CLSC pour sa jambe",
        "le CLSC de mon quartier",
        "summer hours start monday, office closes at 4",
        "l'espérance de vie dans la rue c'est 20 ans de moins",
        "qu'on manque de lunchs",
        "we swam in the lake",
        "fleur de lys partout pour la St-Jean",
        "CPAS fermé le vendredi aprem",
        "on a déneigé l'entrée du local",
    ] {
        assert!(found(plain).is_empty(), "{plain}: {:?}", found(plain));
    }
}
