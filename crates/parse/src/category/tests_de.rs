//! The categoriser on German names (`dictionary/de.toml`), with the compound rule German
//! declares (`lang/de.toml`) and its limits. Every language has cases like these,
//! `tests_<code>.rs`.

use super::*;

#[test]
fn german_categorise_cases() {
    let cases: &[(&str, Option<&str>)] = &[
        // singular and plural, umlauts as typed or not
        ("Milch", Some(DAIRY)),
        ("fettarme Milch", Some(DAIRY)),
        ("H-Milch", Some(DAIRY)),
        ("Eier", Some(DAIRY)),
        ("Ei", Some(DAIRY)),
        ("Bio-Eier", Some(DAIRY)),
        ("Brot", Some(BAKERY)),
        ("Brötchen", Some(BAKERY)),
        ("Brotchen", Some(BAKERY)),
        ("Butter", Some(DAIRY)),
        ("Käse", Some(DAIRY)),
        ("Joghurt", Some(DAIRY)),
        ("Quark", Some(DAIRY)),
        ("Sahne", Some(DAIRY)),
        ("Äpfel", Some(PRODUCE)),
        ("Apfel", Some(PRODUCE)),
        ("2 Äpfel", Some(PRODUCE)),
        ("Bananen", Some(PRODUCE)),
        ("Kartoffeln", Some(PRODUCE)),
        ("Kartoffel", Some(PRODUCE)),
        ("Zwiebeln", Some(PRODUCE)),
        ("Tomaten", Some(PRODUCE)),
        ("Tomate", Some(PRODUCE)),
        ("Gurke", Some(PRODUCE)),
        ("Möhren", Some(PRODUCE)),
        ("Karotten", Some(PRODUCE)),
        ("Salat", Some(PRODUCE)),
        ("Hackfleisch", Some(MEAT)),
        ("Hähnchen", Some(MEAT)),
        ("Wurst", Some(MEAT)),
        ("Schinken", Some(MEAT)),
        ("Lachs", Some(MEAT)),
        ("Nudeln", Some(PANTRY)),
        ("Reis", Some(PANTRY)),
        ("Mehl", Some(PANTRY)),
        ("Zucker", Some(PANTRY)),
        ("Dosentomaten", Some(PANTRY)),
        ("Kaffee", Some(BEVERAGES)),
        ("Tee", Some(BEVERAGES)),
        ("Wasser", Some(BEVERAGES)),
        ("Bier", Some(BEVERAGES)),
        ("Wein", Some(BEVERAGES)),
        ("Saft", Some(BEVERAGES)),
        ("Hafermilch", Some(BEVERAGES)),
        ("Klopapier", Some(HOUSEHOLD)),
        ("Toilettenpapier", Some(HOUSEHOLD)),
        ("Spülmittel", Some(HOUSEHOLD)),
        ("Waschmittel", Some(HOUSEHOLD)),
        ("Zahnpasta", Some(PERSONAL)),
        ("Shampoo", Some(PERSONAL)),
        ("Windeln", Some(BABY)),
        ("Katzenfutter", Some(PETS)),
        ("Hundefutter", Some(PETS)),
        ("Tiefkühlpizza", Some(FROZEN)),
        ("Fischstäbchen", Some(FROZEN)),
        ("Geschenkpapier", Some(OTHER)),
        // the rightmost word is the head, as in English
        ("Milch laktosefrei", Some(DAIRY)),
        ("Milchschokolade", Some(SNACKS)),
        ("Wurst für den Hund", Some(PETS)),
        // override and modifier words, alone and at the start of a word
        ("TK-Erbsen", Some(FROZEN)),
        ("tiefgekühlte Himbeeren", Some(FROZEN)),
        ("Tiefkühlerbsen", Some(FROZEN)),
        ("Hundeleckerli", Some(PETS)),
        ("Katzenmilch", Some(PETS)),
        ("Babynahrung", Some(BABY)),
        ("Babyspinat", Some(PRODUCE)),
        ("Katzenzungen", Some(SNACKS)),
        // English's paprika (the spice) keeps its key; the vegetable has its own words
        ("Paprika", Some(PANTRY)),
        ("rote Paprika", Some(PRODUCE)),
        ("Spitzpaprika", Some(PRODUCE)),
        // English and German in one list
        ("Vollmilch", Some(DAIRY)),
        ("chocolate milk", Some(DAIRY)),
        ("Apfel Saft", Some(BEVERAGES)),
    ];
    for (name, expected) in cases {
        assert_eq!(categorise(name), *expected, "categorise({name:?})");
    }
}

#[test]
fn a_german_compound_takes_its_last_words_category() {
    for (name, expected) in [
        ("Vollmilch", DAIRY),
        ("Bio Vollmilch 3,5%", DAIRY),
        ("Vollkornbrot", BAKERY),
        ("Schlagsahne", DAIRY),
        ("Rinderhackfleisch", MEAT),
        ("Freilandeier", DAIRY),
        ("Naturjoghurt", DAIRY),
        ("Magerquark", DAIRY),
        ("Orangensaft", BEVERAGES),
        ("Weizenbier", BEVERAGES),
        ("Rotwein", BEVERAGES),
        ("Weizenmehl", PANTRY),
        ("Puderzucker", PANTRY),
        ("Bandnudeln", PANTRY),
        ("Räucherlachs", MEAT),
        ("Hähnchenbrustfilet", MEAT),
        ("Eisbergsalat", PRODUCE),
        ("Hokkaidokürbis", PRODUCE),
        ("Kartoffelchips", SNACKS),
        ("Geschirrspülmittel", HOUSEHOLD),
        ("Backofenreiniger", HOUSEHOLD),
        // the longest head wins: Kuchen, not Käse
        ("Käsekuchen", BAKERY),
        // Schwein, not Wein
        ("Wildschwein", MEAT),
    ] {
        assert_eq!(categorise(name), Some(expected), "categorise({name:?})");
    }
}

#[test]
fn the_compound_rule_has_limits() {
    // Compounds whose last part misleads are in the dictionary themselves.
    for (name, expected) in [
        ("Sonnenmilch", PERSONAL),
        ("Studentenfutter", SNACKS),
        ("Leberkäse", MEAT),
        ("Erdnussbutter", PANTRY),
        ("Hustensaft", PERSONAL),
        ("Glühbirnen", HOUSEHOLD),
        ("Kokosmilch", PANTRY),
        ("Kaffeebohnen", BEVERAGES),
        ("Babyöl", BABY),
    ] {
        assert_eq!(categorise(name), Some(expected), "categorise({name:?})");
    }
    // Heads shorter than four letters (keys: `tee`, `eis`, `rei`, `mai`, `kek`) do not
    // count, so compounds of them are listed or unknown.
    for name in [
        "Rooibostee",
        "Himbeereis",
        "Dosenmais",
        "Butterkeks",
        "Kürbiskernöl",
    ] {
        assert_eq!(categorise(name), None, "categorise({name:?})");
    }
    assert_eq!(categorise("Basmatireis"), Some(PANTRY), "listed");
    assert_eq!(categorise("Pfefferminztee"), Some(BEVERAGES), "listed");
    // At least three letters before the head: `Tomate` is no compound of anything.
    assert_eq!(compound_head(&DICTIONARY, "milch"), None);
    assert_eq!(compound_head(&DICTIONARY, "xmilch"), None);
    assert_eq!(compound_head(&DICTIONARY, "xxmilch"), None);
    assert_eq!(compound_head(&DICTIONARY, "biomilch"), Some(DAIRY));
    // At least four letters after an override or modifier word.
    assert_eq!(compound_prefix("hundefutter", false), Some(PETS));
    assert_eq!(compound_prefix("hundert", false), None);
    assert_eq!(compound_prefix("babyol", false), None);
    // Only German words are heads: English has no compounds.
    assert_eq!(categorise("Wholemilk"), None);
    assert_eq!(categorise("peanutbutter"), Some(DAIRY), "German has Butter");
}

#[test]
fn every_german_phrase_categorises_to_its_own_category() {
    let count = super::tests::check_every_phrase(include_str!("dictionary/de.toml"));
    assert!(count >= 400, "only {count} German phrases");
}
