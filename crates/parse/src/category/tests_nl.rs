//! The categoriser on Dutch names (`dictionary/nl.toml`), with the compound rule Dutch
//! declares (`lang/nl.toml`) and its limits.

use super::*;

#[test]
fn dutch_categorise_cases() {
    let cases: &[(&str, Option<&str>)] = &[
        // singular and plural, accents as typed or not
        ("melk", Some(DAIRY)),
        ("halfvolle melk", Some(DAIRY)),
        ("Melk lactosevrij", Some(DAIRY)),
        ("ei", Some(DAIRY)),
        ("eieren", Some(DAIRY)),
        ("Scharreleieren", Some(DAIRY)),
        ("kaas", Some(DAIRY)),
        ("jonge kaas", Some(DAIRY)),
        ("boter", Some(DAIRY)),
        ("yoghurt", Some(DAIRY)),
        ("kwark", Some(DAIRY)),
        ("vla", Some(DAIRY)),
        ("brood", Some(BAKERY)),
        ("broden", Some(BAKERY)),
        ("broodje", Some(BAKERY)),
        ("broodjes", Some(BAKERY)),
        ("beschuit", Some(BAKERY)),
        ("appel", Some(PRODUCE)),
        ("appels", Some(PRODUCE)),
        ("2 appels", Some(PRODUCE)),
        ("banaan", Some(PRODUCE)),
        ("bananen", Some(PRODUCE)),
        ("tomaat", Some(PRODUCE)),
        ("tomaten", Some(PRODUCE)),
        ("aardappel", Some(PRODUCE)),
        ("aardappelen", Some(PRODUCE)),
        ("ui", Some(PRODUCE)),
        ("uien", Some(PRODUCE)),
        ("wortels", Some(PRODUCE)),
        ("komkommer", Some(PRODUCE)),
        ("sla", Some(PRODUCE)),
        ("taugé", Some(PRODUCE)),
        ("tauge", Some(PRODUCE)),
        ("gehakt", Some(MEAT)),
        ("kip", Some(MEAT)),
        ("kipfilet", Some(MEAT)),
        ("rookworst", Some(MEAT)),
        ("zalm", Some(MEAT)),
        ("garnalen", Some(MEAT)),
        ("pasta", Some(PANTRY)),
        ("rijst", Some(PANTRY)),
        ("suiker", Some(PANTRY)),
        ("hagelslag", Some(PANTRY)),
        ("pindakaas", Some(PANTRY)),
        ("maïs", Some(PANTRY)),
        ("koffie", Some(BEVERAGES)),
        ("thee", Some(BEVERAGES)),
        ("bier", Some(BEVERAGES)),
        ("wijn", Some(BEVERAGES)),
        ("jus d'orange", Some(BEVERAGES)),
        ("havermelk", Some(BEVERAGES)),
        ("chips", Some(SNACKS)),
        ("drop", Some(SNACKS)),
        ("pinda's", Some(SNACKS)),
        ("stroopwafels", Some(SNACKS)),
        ("wc-papier", Some(HOUSEHOLD)),
        ("wc papier", Some(HOUSEHOLD)),
        ("afwasmiddel", Some(HOUSEHOLD)),
        ("diepvrieszakjes", Some(HOUSEHOLD)),
        ("tandpasta", Some(PERSONAL)),
        ("shampoo", Some(PERSONAL)),
        ("luiers", Some(BABY)),
        ("kattenvoer", Some(PETS)),
        ("hondenvoer", Some(PETS)),
        ("ijs", Some(FROZEN)),
        ("vissticks", Some(FROZEN)),
        ("bloem", Some(PANTRY)),
        ("bloemen", Some(OTHER)),
        ("cadeaupapier", Some(OTHER)),
        // the rightmost word is the head, as in English and German
        ("melkchocolade", Some(SNACKS)),
        ("chocolademelk", Some(DAIRY)),
        ("worst voor de hond", Some(PETS)),
        // override and modifier words, alone and at the start of a word
        ("diepvries erwten", Some(FROZEN)),
        ("diepvries-erwten", Some(FROZEN)),
        ("bevroren frambozen", Some(FROZEN)),
        ("diepvriesspinazie", Some(FROZEN)),
        ("hondenkoekjes", Some(PETS)),
        ("kattenmelk", Some(PETS)),
        ("babyshampoo", Some(BABY)),
        ("baby spinazie", Some(BABY)),
        // English's paprika (the spice) keeps its key; the vegetable has its own words
        ("paprika", Some(PANTRY)),
        ("paprika's", Some(PANTRY)),
        ("rode paprika", Some(PRODUCE)),
        ("puntpaprika", Some(PRODUCE)),
        // Dutch, English and German in one list
        ("Vollmilch", Some(DAIRY)),
        ("chocolate milk", Some(DAIRY)),
        ("appel sap", Some(BEVERAGES)),
    ];
    for (name, expected) in cases {
        assert_eq!(categorise(name), *expected, "categorise({name:?})");
    }
}

#[test]
fn a_dutch_compound_takes_its_last_words_category() {
    for (name, expected) in [
        ("karnemelk", DAIRY),
        ("Biologische volle melk", DAIRY),
        ("volkorenbrood", BAKERY),
        ("suikerbrood", BAKERY),
        ("slagroom", DAIRY),
        ("roomboter", DAIRY),
        ("kruidenboter", DAIRY),
        ("rundergehakt", MEAT),
        ("varkensgehakt", MEAT),
        ("leverworst", MEAT),
        ("volkorenpasta", PANTRY),
        ("zonnebloemolie", PANTRY),
        ("zilvervliesrijst", PANTRY),
        ("rietsuiker", PANTRY),
        ("tomatensoep", PANTRY),
        ("muntthee", BEVERAGES),
        ("witbier", BEVERAGES),
        ("huiswijn", BEVERAGES),
        ("handappels", PRODUCE),
        ("stoofperen", PRODUCE),
        ("bospeen", PRODUCE),
        ("paprikachips", SNACKS),
        ("kleurwasmiddel", HOUSEHOLD),
        // the longest head wins: pannenkoeken, not koek
        ("boekweitpannenkoeken", BAKERY),
    ] {
        assert_eq!(categorise(name), Some(expected), "categorise({name:?})");
    }
}

#[test]
fn the_dutch_compound_rule_has_limits() {
    // Compounds whose last part misleads are in the dictionary themselves.
    for (name, expected) in [
        ("pindakaas", PANTRY),
        ("kokosmelk", PANTRY),
        ("sojamelk", BEVERAGES),
        ("zonnebrandmelk", PERSONAL),
        ("kikkererwten", PANTRY),
        ("kidneybonen", PANTRY),
        ("hoestsiroop", PERSONAL),
        ("mondwater", PERSONAL),
        ("houtskool", HOUSEHOLD),
        ("tandpasta", PERSONAL),
        ("rijstebloem", BABY),
        ("babyolie", BABY),
    ] {
        assert_eq!(categorise(name), Some(expected), "categorise({name:?})");
    }
    // Heads shorter than four letters (keys: `kaa`, `sap`, `ijs`, `vis`, `kip`) do not
    // count, so compounds of them are listed or unknown.
    for name in ["hüttenkaas", "perensap", "schepijs", "zeevis", "soepkip"] {
        assert_eq!(categorise(name), None, "categorise({name:?})");
    }
    assert_eq!(categorise("geitenkaas"), Some(DAIRY), "listed");
    assert_eq!(categorise("sinaasappelsap"), Some(BEVERAGES), "listed");
    assert_eq!(categorise("roomijs"), Some(FROZEN), "listed");
    // At least three letters before the head.
    assert_eq!(compound_head(&DICTIONARY, "xxmelk"), None);
    assert_eq!(compound_head(&DICTIONARY, "biomelk"), Some(DAIRY));
    // At least four letters after an override or modifier word.
    assert_eq!(compound_prefix("hondenvoer", false), Some(PETS));
    assert_eq!(compound_prefix("diepvriespizza", true), Some(FROZEN));
    assert_eq!(compound_prefix("hondje", false), None);
}

#[test]
fn every_dutch_phrase_categorises_to_its_own_category() {
    let count = super::tests::check_every_phrase(include_str!("dictionary/nl.toml"));
    assert!(count >= 250, "only {count} Dutch phrases");
}
