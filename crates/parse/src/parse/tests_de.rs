//! The parser's German table (`src/lang/de.toml`): what German households type, and what
//! it must become. Every language has a table like it, `tests_<code>.rs`.

use super::table::*;
use super::*;

/// Single-item cases: input → (quantity, unit, name, note).
#[rustfmt::skip]
const ONE: &[Case] = &[
    // names and numbers
    ("Milch", None, None, "Milch", None),
    ("3 Eier", Some(3.0), None, "Eier", None),
    ("2 Äpfel", Some(2.0), None, "Äpfel", None),
    ("zwei Zitronen", Some(2.0), None, "Zitronen", None),
    ("Drei Äpfel", Some(3.0), None, "Äpfel", None),
    ("zwölf Eier", Some(12.0), None, "Eier", None),
    ("elf Brötchen", Some(11.0), None, "Brötchen", None),
    ("eins", None, None, "eins", None),
    ("anderthalb Liter Wasser", Some(1.5), Some(Unit::L), "Wasser", None),
    // articles count one when more words follow
    ("ein Brot", Some(1.0), None, "Brot", None),
    ("eine Gurke", Some(1.0), None, "Gurke", None),
    ("Einen Kopf Salat", Some(1.0), Some(Unit::Head), "Salat", None),
    ("ein", None, None, "ein", None),
    // a dozen, and half
    ("ein Dutzend Eier", Some(12.0), None, "Eier", None),
    ("2 Dutzend Eier", Some(24.0), None, "Eier", None),
    ("zwei Dutzend Eier", Some(24.0), None, "Eier", None),
    ("Dutzend Eier", Some(12.0), None, "Eier", None),
    ("ein halbes Dutzend Eier", Some(6.0), None, "Eier", None),
    ("ein Dutzend", None, None, "ein Dutzend", None),
    ("ein halbes Brot", Some(0.5), None, "Brot", None),
    ("eine halbe Gurke", Some(0.5), None, "Gurke", None),
    ("ein halber Liter Milch", Some(0.5), Some(Unit::L), "Milch", None),
    ("halbe Gurke", None, None, "halbe Gurke", None),
    ("½ Gurke", Some(0.5), None, "Gurke", None),
    // vague amounts are no count: "ein paar" is "a few", however it is written
    ("ein paar Äpfel", None, None, "ein paar Äpfel", None),
    ("ein Paar Würstchen", None, None, "ein Paar Würstchen", None),
    ("ein bisschen Salz", None, None, "ein bisschen Salz", None),
    ("eine Handvoll Nüsse", None, None, "eine Handvoll Nüsse", None),
    ("etwas Salz", None, None, "etwas Salz", None),
    // decimal comma, glued units
    ("1,5 kg Mehl", Some(1.5), Some(Unit::Kg), "Mehl", None),
    ("0,5 l Sahne", Some(0.5), Some(Unit::L), "Sahne", None),
    ("500g Hackfleisch", Some(500.0), Some(Unit::G), "Hackfleisch", None),
    ("500 Gramm Hackfleisch", Some(500.0), Some(Unit::G), "Hackfleisch", None),
    ("250 ml Sahne", Some(250.0), Some(Unit::Ml), "Sahne", None),
    ("2 Liter Milch", Some(2.0), Some(Unit::L), "Milch", None),
    ("1 Kilo Äpfel", Some(1.0), Some(Unit::Kg), "Äpfel", None),
    ("1 1/2 TL Salz", Some(1.5), Some(Unit::Tsp), "Salz", None),
    // units, abbreviations and case
    ("2 EL Zucker", Some(2.0), Some(Unit::Tbsp), "Zucker", None),
    ("2 el Zucker", Some(2.0), Some(Unit::Tbsp), "Zucker", None),
    ("1 TL Salz", Some(1.0), Some(Unit::Tsp), "Salz", None),
    ("2 Esslöffel Öl", Some(2.0), Some(Unit::Tbsp), "Öl", None),
    ("3 Teelöffel Zimt", Some(3.0), Some(Unit::Tsp), "Zimt", None),
    ("1 Bund Petersilie", Some(1.0), Some(Unit::Bunch), "Petersilie", None),
    ("3 Dosen Tomaten", Some(3.0), Some(Unit::Can), "Tomaten", None),
    ("1 Dose Mais", Some(1.0), Some(Unit::Can), "Mais", None),
    ("2 Packungen Nudeln", Some(2.0), Some(Unit::Pack), "Nudeln", None),
    ("1 Pck. Backpulver", Some(1.0), Some(Unit::Pack), "Backpulver", None),
    ("2 Päckchen Vanillezucker", Some(2.0), Some(Unit::Pack), "Vanillezucker", None),
    ("6 Flaschen Wasser", Some(6.0), Some(Unit::Bottle), "Wasser", None),
    ("1 Glas Gurken", Some(1.0), Some(Unit::Jar), "Gurken", None),
    ("2 Gläser Honig", Some(2.0), Some(Unit::Jar), "Honig", None),
    ("1 Beutel Reis", Some(1.0), Some(Unit::Bag), "Reis", None),
    ("1 Tüte Chips", Some(1.0), Some(Unit::Bag), "Chips", None),
    ("2 Tassen Mehl", Some(2.0), Some(Unit::Cup), "Mehl", None),
    ("4 Scheiben Käse", Some(4.0), Some(Unit::Slice), "Käse", None),
    ("3 Zehen Knoblauch", Some(3.0), Some(Unit::Clove), "Knoblauch", None),
    ("1 Laib Brot", Some(1.0), Some(Unit::Loaf), "Brot", None),
    ("2 Stück Butter", Some(2.0), Some(Unit::Piece), "Butter", None),
    ("4 St. Brötchen", Some(4.0), Some(Unit::Piece), "Brötchen", None),
    ("3 Stk Paprika", Some(3.0), Some(Unit::Piece), "Paprika", None),
    ("1 Schachtel Pralinen", Some(1.0), Some(Unit::Box), "Pralinen", None),
    // words that are no unit of aisle's, or only look like one, stay in the name
    ("eine Prise Salz", Some(1.0), None, "Prise Salz", None),
    ("2 Becher Sahne", Some(2.0), None, "Becher Sahne", None),
    ("1 Pfund Hack", Some(1.0), None, "Pfund Hack", None),
    ("1 Kasten Bier", Some(1.0), None, "Kasten Bier", None),
    ("2 Dosen", Some(2.0), None, "Dosen", None),
    ("1 EL", Some(1.0), None, "EL", None),
    ("2 Dosenöffner", Some(2.0), None, "Dosenöffner", None),
    ("1 Kopfsalat", Some(1.0), None, "Kopfsalat", None),
    ("3 Knoblauchzehen", Some(3.0), None, "Knoblauchzehen", None),
    ("Glasreiniger", None, None, "Glasreiniger", None),
    ("2 fl oz Sahne", Some(2.0), None, "fl oz Sahne", None),
    // notes
    ("Milch (laktosefrei)", None, None, "Milch", Some("laktosefrei")),
    ("2 l Milch (fettarm, Bio)", Some(2.0), Some(Unit::L), "Milch", Some("fettarm, Bio")),
    ("Brot - vom Bäcker", None, None, "Brot", Some("vom Bäcker")),
    // quantities after the name
    ("Käse 200g", Some(200.0), Some(Unit::G), "Käse", None),
    ("Milch 2 Liter", Some(2.0), Some(Unit::L), "Milch", None),
    ("Tomaten 3 Dosen", Some(3.0), Some(Unit::Can), "Tomaten", None),
    ("Eier x10", Some(10.0), None, "Eier", None),
    ("2x Joghurt", Some(2.0), None, "Joghurt", None),
    // list markers
    ("- [ ] 2 Liter Milch", Some(2.0), Some(Unit::L), "Milch", None),
    ("• 1 Bund Radieschen", Some(1.0), Some(Unit::Bunch), "Radieschen", None),
    ("TK-Erbsen", None, None, "TK-Erbsen", None),
];

#[test]
fn german_single_item_table() {
    assert!(ONE.len() >= 40);
    check_single_items(ONE);
}

#[test]
fn german_and_mixed_pastes() {
    let cases: Vec<(&str, Vec<ParsedItem>)> = vec![
        (
            "2 Liter Milch, 3 eggs, 1 Bund Petersilie",
            vec![
                item(Some(2.0), Some(Unit::L), "Milch"),
                item(Some(3.0), None, "eggs"),
                item(Some(1.0), Some(Unit::Bunch), "Petersilie"),
            ],
        ),
        (
            "1,5 kg Mehl, 2 Dosen Tomaten; ein Brot",
            vec![
                item(Some(1.5), Some(Unit::Kg), "Mehl"),
                item(Some(2.0), Some(Unit::Can), "Tomaten"),
                item(Some(1.0), None, "Brot"),
            ],
        ),
        (
            "a dozen eggs\nein Dutzend Eier\n2 cups milk\n2 Tassen Milch",
            vec![
                item(Some(12.0), None, "eggs"),
                item(Some(12.0), None, "Eier"),
                item(Some(2.0), Some(Unit::Cup), "milk"),
                item(Some(2.0), Some(Unit::Cup), "Milch"),
            ],
        ),
        (
            "Milch\nEier\nBrot",
            vec![
                item(None, None, "Milch"),
                item(None, None, "Eier"),
                item(None, None, "Brot"),
            ],
        ),
    ];
    check_pastes(&cases);
}

#[test]
fn german_quantities_and_amounts_on_their_own() {
    for (text, expected) in [
        ("zwei", Some(2.0)),
        ("eins", Some(1.0)),
        ("ein Dutzend", Some(12.0)),
        ("anderthalb", Some(1.5)),
        ("1,5", Some(1.5)),
        ("ein paar", None),
        ("2 EL", None),
    ] {
        assert_eq!(parse_quantity(text), expected, "{text:?}");
    }
    for (text, expected) in [
        ("2 EL", Some((2.0, Some(Unit::Tbsp)))),
        ("1,5 Liter", Some((1.5, Some(Unit::L)))),
        ("3 Stück", Some((3.0, Some(Unit::Piece)))),
        ("zwei Dosen", Some((2.0, Some(Unit::Can)))),
        ("2 Becher", None),
    ] {
        assert_eq!(parse_amount(text), expected, "{text:?}");
    }
}

#[test]
fn no_german_word_is_lost() {
    check_no_word_lost(ONE, |word, _| consumable(word));
}
