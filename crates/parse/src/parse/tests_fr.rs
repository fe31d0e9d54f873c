//! The parser's French table (`src/lang/fr.toml`): what French households type, and what
//! it must become. Every language has a table like it, `tests_<code>.rs`.

use super::table::*;
use super::*;
use crate::lang;

/// Single-item cases: input → (quantity, unit, name, note).
#[rustfmt::skip]
const ONE: &[Case] = &[
    // names and numbers
    ("lait", None, None, "lait", None),
    ("3 œufs", Some(3.0), None, "œufs", None),
    ("deux citrons", Some(2.0), None, "citrons", None),
    ("Trois avocats", Some(3.0), None, "avocats", None),
    ("douze œufs", Some(12.0), None, "œufs", None),
    ("onze croissants", Some(11.0), None, "croissants", None),
    ("dix", None, None, "dix", None),
    ("pommes de terre", None, None, "pommes de terre", None),
    ("jus d'orange", None, None, "jus d'orange", None),
    // articles count one when more words follow
    ("un citron", Some(1.0), None, "citron", None),
    ("une baguette", Some(1.0), None, "baguette", None),
    ("Une botte de radis", Some(1.0), Some(Unit::Bunch), "radis", None),
    ("un", None, None, "un", None),
    // a dozen, and half (the article before the half word, as in German)
    ("une douzaine d'œufs", Some(12.0), None, "œufs", None),
    ("une douzaine d’œufs", Some(12.0), None, "œufs", None),
    ("2 douzaines d'œufs", Some(24.0), None, "œufs", None),
    ("deux douzaines d'œufs", Some(24.0), None, "œufs", None),
    ("douzaine d'œufs", Some(12.0), None, "œufs", None),
    ("une demi douzaine d'œufs", Some(6.0), None, "œufs", None),
    ("une douzaine", None, None, "une douzaine", None),
    ("un demi citron", Some(0.5), None, "citron", None),
    ("une demi baguette", Some(0.5), None, "baguette", None),
    ("un demi litre de lait", Some(0.5), Some(Unit::L), "lait", None),
    ("demi citron", None, None, "demi citron", None),
    ("½ citron", Some(0.5), None, "citron", None),
    // with a hyphen the half is part of one word, which stays in the name
    ("une demi-baguette", Some(1.0), None, "demi-baguette", None),
    // vague amounts are no count
    ("un peu de sel", None, None, "un peu de sel", None),
    ("une poignée de noix", None, None, "une poignée de noix", None),
    ("un tas de pommes", None, None, "un tas de pommes", None),
    ("quelques tomates", None, None, "quelques tomates", None),
    // decimal comma, glued units, fillers (`de`, and `d'` glued to the next word)
    ("1,5 kg de farine", Some(1.5), Some(Unit::Kg), "farine", None),
    ("0,5 l de crème", Some(0.5), Some(Unit::L), "crème", None),
    ("500g de beurre", Some(500.0), Some(Unit::G), "beurre", None),
    ("500 grammes de viande hachée", Some(500.0), Some(Unit::G), "viande hachée", None),
    ("250 ml de lait", Some(250.0), Some(Unit::Ml), "lait", None),
    ("75 cl de vin rouge", Some(75.0), Some(Unit::Cl), "vin rouge", None),
    ("2 dl de crème liquide", Some(2.0), Some(Unit::Dl), "crème liquide", None),
    ("2 litres de lait", Some(2.0), Some(Unit::L), "lait", None),
    ("1 l d'eau", Some(1.0), Some(Unit::L), "eau", None),
    ("1 kilo de pommes de terre", Some(1.0), Some(Unit::Kg), "pommes de terre", None),
    ("1 KG de farine", Some(1.0), Some(Unit::Kg), "farine", None),
    ("2 kilogrammes de sucre", Some(2.0), Some(Unit::Kg), "sucre", None),
    ("100 milligrammes de safran", Some(100.0), Some(Unit::Mg), "safran", None),
    ("1 1/2 cuillère à café de sel", Some(1.5), Some(Unit::Tsp), "sel", None),
    // units of several words, abbreviations and case
    ("2 cuillères à soupe de sucre", Some(2.0), Some(Unit::Tbsp), "sucre", None),
    ("2 cuilleres a soupe de sucre", Some(2.0), Some(Unit::Tbsp), "sucre", None),
    ("1 c. à s. d'huile", Some(1.0), Some(Unit::Tbsp), "huile", None),
    ("2 càs d'huile d'olive", Some(2.0), Some(Unit::Tbsp), "huile d'olive", None),
    ("2 CàS de farine", Some(2.0), Some(Unit::Tbsp), "farine", None),
    ("1 cuillère à café de cannelle", Some(1.0), Some(Unit::Tsp), "cannelle", None),
    ("1 c.à.c. de cannelle", Some(1.0), Some(Unit::Tsp), "cannelle", None),
    ("1 càc de levure", Some(1.0), Some(Unit::Tsp), "levure", None),
    ("2 tasses de farine", Some(2.0), Some(Unit::Cup), "farine", None),
    ("3 boîtes de thon", Some(3.0), Some(Unit::Box), "thon", None),
    ("1 boite de céréales", Some(1.0), Some(Unit::Box), "céréales", None),
    ("2 conserves de tomates", Some(2.0), Some(Unit::Can), "tomates", None),
    ("1 boîte de conserve de maïs", Some(1.0), Some(Unit::Can), "maïs", None),
    ("6 canettes de soda", Some(6.0), Some(Unit::Can), "soda", None),
    ("1 pot de confiture", Some(1.0), Some(Unit::Jar), "confiture", None),
    ("2 bocaux de cornichons", Some(2.0), Some(Unit::Jar), "cornichons", None),
    ("6 bouteilles d'eau", Some(6.0), Some(Unit::Bottle), "eau", None),
    ("2 paquets de pâtes", Some(2.0), Some(Unit::Pack), "pâtes", None),
    ("1 brique de lait", Some(1.0), Some(Unit::Pack), "lait", None),
    ("1 sachet de levure", Some(1.0), Some(Unit::Bag), "levure", None),
    ("1 sac de pommes de terre", Some(1.0), Some(Unit::Bag), "pommes de terre", None),
    ("1 miche de pain", Some(1.0), Some(Unit::Loaf), "pain", None),
    ("1 bouquet de persil", Some(1.0), Some(Unit::Bunch), "persil", None),
    ("2 bottes de radis", Some(2.0), Some(Unit::Bunch), "radis", None),
    ("1 tête d'ail", Some(1.0), Some(Unit::Head), "ail", None),
    ("3 gousses d'ail", Some(3.0), Some(Unit::Clove), "ail", None),
    ("4 tranches de jambon", Some(4.0), Some(Unit::Slice), "jambon", None),
    ("1 morceau de fromage", Some(1.0), Some(Unit::Piece), "fromage", None),
    ("2 Pièces de viande", Some(2.0), Some(Unit::Piece), "viande", None),
    // words that are no unit of aisle's, or only look like one, stay in the name
    ("une pincée de sel", Some(1.0), None, "pincée de sel", None),
    ("2 verres de lait", Some(2.0), None, "verres de lait", None),
    ("1 livre de beurre", Some(1.0), None, "livre de beurre", None),
    ("2 sacs poubelle", Some(2.0), None, "sacs poubelle", None),
    ("1 sac à dos", Some(1.0), None, "sac à dos", None),
    ("1 boîte à œufs", Some(1.0), None, "boîte à œufs", None),
    ("1 paquet cadeau", Some(1.0), None, "paquet cadeau", None),
    ("1 cuillère en bois", Some(1.0), None, "cuillère en bois", None),
    ("2 boîtes", Some(2.0), None, "boîtes", None),
    ("1 c. à s.", Some(1.0), None, "c. à s.", None),
    // notes
    ("lait (sans lactose)", None, None, "lait", Some("sans lactose")),
    ("2 l de lait (demi-écrémé, bio)", Some(2.0), Some(Unit::L), "lait", Some("demi-écrémé, bio")),
    ("pain - chez le boulanger", None, None, "pain", Some("chez le boulanger")),
    // quantities after the name
    ("fromage 200g", Some(200.0), Some(Unit::G), "fromage", None),
    ("lait 2 litres", Some(2.0), Some(Unit::L), "lait", None),
    ("tomates 3 boîtes", Some(3.0), Some(Unit::Box), "tomates", None),
    ("sel 2 cuillères à café", Some(2.0), Some(Unit::Tsp), "sel", None),
    ("œufs x12", Some(12.0), None, "œufs", None),
    ("2x yaourts", Some(2.0), None, "yaourts", None),
    // a unit word is one in every language's line: English "pot noodles" are jars
    ("2 pot noodles", Some(2.0), Some(Unit::Jar), "noodles", None),
    // list markers
    ("- [ ] 2 litres de lait", Some(2.0), Some(Unit::L), "lait", None),
    ("• 1 botte de radis", Some(1.0), Some(Unit::Bunch), "radis", None),
];

#[test]
fn french_single_item_table() {
    assert!(ONE.len() >= 45);
    check_single_items(ONE);
}

#[test]
fn french_and_mixed_pastes() {
    let cases: Vec<(&str, Vec<ParsedItem>)> = vec![
        (
            "2 litres de lait, 3 eggs, 1 Bund Petersilie, une baguette",
            vec![
                item(Some(2.0), Some(Unit::L), "lait"),
                item(Some(3.0), None, "eggs"),
                item(Some(1.0), Some(Unit::Bunch), "Petersilie"),
                item(Some(1.0), None, "baguette"),
            ],
        ),
        (
            "1,5 kg de farine; 2 conserves de tomates; un pain",
            vec![
                item(Some(1.5), Some(Unit::Kg), "farine"),
                item(Some(2.0), Some(Unit::Can), "tomates"),
                item(Some(1.0), None, "pain"),
            ],
        ),
        (
            "une douzaine d'œufs\na dozen eggs\nein Dutzend Eier\n2 cups milk\n2 Tassen Milch\n2 tasses de lait",
            vec![
                item(Some(12.0), None, "œufs"),
                item(Some(12.0), None, "eggs"),
                item(Some(12.0), None, "Eier"),
                item(Some(2.0), Some(Unit::Cup), "milk"),
                item(Some(2.0), Some(Unit::Cup), "Milch"),
                item(Some(2.0), Some(Unit::Cup), "lait"),
            ],
        ),
        (
            "2 EL Zucker, 2 cuillères à soupe de sucre, 2 tbsp sugar",
            vec![
                item(Some(2.0), Some(Unit::Tbsp), "Zucker"),
                item(Some(2.0), Some(Unit::Tbsp), "sucre"),
                item(Some(2.0), Some(Unit::Tbsp), "sugar"),
            ],
        ),
        (
            "lait\nœufs\npain",
            vec![
                item(None, None, "lait"),
                item(None, None, "œufs"),
                item(None, None, "pain"),
            ],
        ),
    ];
    check_pastes(&cases);
}

#[test]
fn french_quantities_and_amounts_on_their_own() {
    for (text, expected) in [
        ("deux", Some(2.0)),
        ("douze", Some(12.0)),
        ("une douzaine", Some(12.0)),
        ("un demi", Some(0.5)),
        ("1,5", Some(1.5)),
        ("un peu", None),
        ("2 càs", None),
    ] {
        assert_eq!(parse_quantity(text), expected, "{text:?}");
    }
    for (text, expected) in [
        ("2 càs", Some((2.0, Some(Unit::Tbsp)))),
        ("1 cuillère à soupe", Some((1.0, Some(Unit::Tbsp)))),
        ("1,5 litre", Some((1.5, Some(Unit::L)))),
        ("3 pièces", Some((3.0, Some(Unit::Piece)))),
        ("deux boîtes", Some((2.0, Some(Unit::Box)))),
        ("2 verres", None),
    ] {
        assert_eq!(parse_amount(text), expected, "{text:?}");
    }
}

#[test]
fn no_french_word_is_lost() {
    check_no_word_lost(ONE, |word, kept| {
        let bare = word.to_lowercase();
        let bare = bare.trim_end_matches('.');
        // a word of a unit of several words (`cuillère à soupe`), or a filler glued to a
        // word the name keeps (`d'eau`)
        consumable(word)
            || lang::UNIT_WORDS.iter().any(|(w, _)| {
                w.contains(' ') && w.split(' ').any(|p| p.trim_end_matches('.') == bare)
            })
            || lang::after_glued_filler(word).is_some_and(|rest| kept.contains(rest))
    });
}
