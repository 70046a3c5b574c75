//! Tests of `names.rs`, kept apart so the module reads as what it does.
use super::super::text::tokens;
use super::*;

fn names(text: &str) -> Vec<String> {
    let toks = tokens(text);
    let r = Reader::new(text, &toks);
    // Both looks, as the scrubber takes them: word by word, then the first of a pair.
    let mut found = vec![false; toks.len()];
    for i in 0..toks.len() {
        found[i] = r.likely_name(i, &found).is_some();
    }
    for i in (0..toks.len()).rev() {
        found[i] = found[i] || r.listed_before(i, &found);
    }
    (0..toks.len())
        .filter(|i| found[*i])
        .map(|i| toks[i].folded.clone())
        .collect()
}

#[test]
fn names_typed_without_capitals_are_found_by_the_lists_and_their_context() {
    assert_eq!(names("met up w/ darnell at the drop in"), ["darnell"]);
    assert_eq!(names("her sister tamsin called twice"), ["tamsin"]);
    assert_eq!(names("dr patel upped her meds"), ["patel"]);
    assert_eq!(names("oluwatobi said he'd come"), ["oluwatobi"]);
    assert_eq!(names("hunter asked about food bank hours"), ["hunter"]);
    assert_eq!(dotted_initials("K.M. said she was ok, at 9 a.m."), [(0, 4)]);
}

#[test]
fn an_everyday_word_doing_what_only_a_person_does_is_a_name() {
    assert_eq!(names("will said he will come tmrw"), ["will"]);
    assert_eq!(names("summer wants to go back to school"), ["summer"]);
    assert_eq!(names("pierre only speaks french"), ["pierre"]);
    assert_eq!(names("Modeste a trouvé une chambre"), ["modeste"]);
    assert_eq!(names("hope and her bf were yelling"), ["hope"]);
    assert_eq!(names("aimé pis désiré sont jumeaux"), ["aime", "desire"]);
    assert_eq!(names("km said the same thing"), ["km"]);
    assert_eq!(names("sarah k asked me"), ["sarah", "k"]);
    assert_eq!(names("Sylvain Lavoie a eu sa date"), ["sylvain", "lavoie"]);
    assert_eq!(names("MATHIEU CÔTÉ de l'aide sociale"), ["mathieu", "cote"]);
    assert_eq!(names("Mercy got her status card renewed"), ["mercy"]);
    assert_eq!(names("Sunny got barred for fighting"), ["sunny"]);
    assert_eq!(names("Ray is out of detox"), ["ray"]);
    assert_eq!(
        names("Sylvain à l'accueil nous a prêté la salle"),
        ["sylvain"]
    );
    assert_eq!(names("Ti-Guy a eu 18 ans"), ["ti-guy"]);
    assert_eq!(names("river 16 yo, couch surfing"), ["river"]);
    assert_eq!(names("l'ex à Nathalie conduit un pick-up"), ["nathalie"]);
    assert_eq!(names("her worker at CAS is jen, file 22"), ["jen"]);
    assert_eq!(names("Ti-Jean Gagnon a 67 ans"), ["ti-jean", "gagnon"]);
    assert_eq!(names("Espoir Ilunga a 20 ans"), ["espoir", "ilunga"]);
    assert_eq!(names("wades truck is where he sleeps"), ["wades"]);
    assert_eq!(
        names("circle today: dawn, Ricky, Marcel, faith n Stacey"),
        ["dawn", "ricky", "marcel", "faith", "stacey"]
    );
    assert_eq!(
        names("groupe de parole: Aimé, Patience, Ngalula pis Bilal"),
        ["aime", "patience", "ngalula", "bilal"]
    );
    assert_eq!(
        names("Nyabol Deng n her kids are in the shelter"),
        ["nyabol", "deng"]
    );
    assert_eq!(names("obit for Lyle Cardinal today"), ["lyle", "cardinal"]);
    assert_eq!(names("Parveen mom of 3 wants a hamper"), ["parveen"]);
    assert_eq!(names("big mike new number is out"), ["mike"]);
    assert_eq!(names("met a new kid Hunter, sleeping"), ["hunter"]);
    assert_eq!(names("LUMIÈRE a encore crié"), ["lumiere"]);
    assert_eq!(names("Tsering a 34 ans, débouté"), ["tsering"]);
    assert_eq!(names("marie-soleil au CLSC m'a donné"), ["marie-soleil"]);
}

#[test]
fn everyday_words_and_sentence_capitals_stay_words() {
    for plain in [
        "Honestly today was rough",
        "Proud of myself for not taking the bait",
        "the sky was grey all day",
        "my sister called twice during group",
        "hope he's ok, didnt show for coffee",
        "will call tmrw to check in",
        "mark it done",
        "autumn is hard for me",
        "asked about the grace period on rent",
        "Christmas is hard for ppl",
        "J'ai eu une bonne journée",
        "j'ai dit non doucement",
        "everyone said the same",
        "tout a changé depuis lundi",
        "hier a été dur",
        "the summer was long",
        "hope it goes ok, 5 km walk",
        "Personne a appelé",
        "grâce à toi il a pu dormir",
        "la sage-femme a été super",
        "summer is back and so is the heat",
        "she wants to add me on insta",
        "ran out by noon",
        "need to eat b4 my shift tommorow, got shaky",
        "3 ODs on the block, all came back",
        "3 ppl w heatstroke this week",
        "à Liège les gens sont super solidaires",
        "Constant, le bruit au refuge",
    ] {
        assert!(names(plain).is_empty(), "{plain}: {:?}", names(plain));
    }
}
