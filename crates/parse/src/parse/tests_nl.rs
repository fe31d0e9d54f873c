//! The parser's Dutch table (`src/lang/nl.toml`): what Dutch households type, and what it
//! must become.

use super::table::*;
use super::*;

/// Single-item cases: input → (quantity, unit, name, note).
#[rustfmt::skip]
const ONE: &[Case] = &[
    // names and numbers
    ("Melk", None, None, "Melk", None),
    ("3 eieren", Some(3.0), None, "eieren", None),
    ("twee citroenen", Some(2.0), None, "citroenen", None),
    ("Drie appels", Some(3.0), None, "appels", None),
    ("twaalf eieren", Some(12.0), None, "eieren", None),
    ("elf broodjes", Some(11.0), None, "broodjes", None),
    ("één brood", Some(1.0), None, "brood", None),
    ("vier", None, None, "vier", None),
    ("anderhalve liter water", Some(1.5), Some(Unit::L), "water", None),
    ("anderhalf brood", Some(1.5), None, "brood", None),
    // the article counts one when more words follow
    ("een brood", Some(1.0), None, "brood", None),
    ("een komkommer", Some(1.0), None, "komkommer", None),
    ("Een krop sla", Some(1.0), Some(Unit::Head), "sla", None),
    ("een", None, None, "een", None),
    // a dozen, and half
    ("een dozijn eieren", Some(12.0), None, "eieren", None),
    ("2 dozijn eieren", Some(24.0), None, "eieren", None),
    ("twee dozijn eieren", Some(24.0), None, "eieren", None),
    ("dozijn eieren", Some(12.0), None, "eieren", None),
    ("een dozijn", None, None, "een dozijn", None),
    ("een halve komkommer", Some(0.5), None, "komkommer", None),
    ("een halve liter melk", Some(0.5), Some(Unit::L), "melk", None),
    ("een halve kilo gehakt", Some(0.5), Some(Unit::Kg), "gehakt", None),
    ("halve komkommer", None, None, "halve komkommer", None),
    ("½ komkommer", Some(0.5), None, "komkommer", None),
    // `half` is English's half word ("half a"), so "een half brood" is one "half brood"
    ("een half brood", Some(1.0), None, "half brood", None),
    // vague amounts are no count
    ("een paar appels", None, None, "een paar appels", None),
    ("een beetje zout", None, None, "een beetje zout", None),
    ("een handvol noten", None, None, "een handvol noten", None),
    ("wat zout", None, None, "wat zout", None),
    // decimal comma, glued units
    ("1,5 kg bloem", Some(1.5), Some(Unit::Kg), "bloem", None),
    ("0,5 l room", Some(0.5), Some(Unit::L), "room", None),
    ("500g gehakt", Some(500.0), Some(Unit::G), "gehakt", None),
    ("500 gram gehakt", Some(500.0), Some(Unit::G), "gehakt", None),
    ("250 ml slagroom", Some(250.0), Some(Unit::Ml), "slagroom", None),
    ("2 liter melk", Some(2.0), Some(Unit::L), "melk", None),
    ("1 kilo appels", Some(1.0), Some(Unit::Kg), "appels", None),
    ("2 kilo's aardappelen", Some(2.0), Some(Unit::Kg), "aardappelen", None),
    ("1 1/2 tl zout", Some(1.5), Some(Unit::Tsp), "zout", None),
    // units, abbreviations and case
    ("2 el suiker", Some(2.0), Some(Unit::Tbsp), "suiker", None),
    ("2 EL suiker", Some(2.0), Some(Unit::Tbsp), "suiker", None),
    ("1 tl zout", Some(1.0), Some(Unit::Tsp), "zout", None),
    ("2 eetlepels olie", Some(2.0), Some(Unit::Tbsp), "olie", None),
    ("1 eetl. olie", Some(1.0), Some(Unit::Tbsp), "olie", None),
    ("3 theelepels kaneel", Some(3.0), Some(Unit::Tsp), "kaneel", None),
    ("1 bos peterselie", Some(1.0), Some(Unit::Bunch), "peterselie", None),
    ("2 bosjes radijs", Some(2.0), Some(Unit::Bunch), "radijs", None),
    ("3 blikken tomaten", Some(3.0), Some(Unit::Can), "tomaten", None),
    ("1 blikje maïs", Some(1.0), Some(Unit::Can), "maïs", None),
    ("2 pakken melk", Some(2.0), Some(Unit::Pack), "melk", None),
    ("1 Pak hagelslag", Some(1.0), Some(Unit::Pack), "hagelslag", None),
    ("6 flessen water", Some(6.0), Some(Unit::Bottle), "water", None),
    ("1 fles wijn", Some(1.0), Some(Unit::Bottle), "wijn", None),
    ("1 pot pindakaas", Some(1.0), Some(Unit::Jar), "pindakaas", None),
    ("2 potjes honing", Some(2.0), Some(Unit::Jar), "honing", None),
    ("1 zak chips", Some(1.0), Some(Unit::Bag), "chips", None),
    ("2 zakjes vanillesuiker", Some(2.0), Some(Unit::Bag), "vanillesuiker", None),
    ("1 kopje bloem", Some(1.0), Some(Unit::Cup), "bloem", None),
    ("4 plakjes kaas", Some(4.0), Some(Unit::Slice), "kaas", None),
    ("2 sneetjes brood", Some(2.0), Some(Unit::Slice), "brood", None),
    ("3 teentjes knoflook", Some(3.0), Some(Unit::Clove), "knoflook", None),
    ("2 stuks paprika", Some(2.0), Some(Unit::Piece), "paprika", None),
    ("4 st. broodjes", Some(4.0), Some(Unit::Piece), "broodjes", None),
    ("1 doos bonbons", Some(1.0), Some(Unit::Box), "bonbons", None),
    ("2 kroppen andijvie", Some(2.0), Some(Unit::Head), "andijvie", None),
    ("1 brood volkoren", Some(1.0), Some(Unit::Loaf), "volkoren", None),
    ("2 broden", Some(2.0), None, "broden", None),
    // words that are no unit of aisle's, or only look like one, stay in the name
    ("2 ons kaas", Some(2.0), None, "ons kaas", None),
    ("1 pond gehakt", Some(1.0), None, "pond gehakt", None),
    ("1 krat bier", Some(1.0), None, "krat bier", None),
    ("1 snufje zout", Some(1.0), None, "snufje zout", None),
    ("2 pak choi", Some(2.0), None, "pak choi", None),
    ("2 blikken", Some(2.0), None, "blikken", None),
    ("1 el", Some(1.0), None, "el", None),
    ("2 blikopeners", Some(2.0), None, "blikopeners", None),
    ("1 kropsla", Some(1.0), None, "kropsla", None),
    ("3 knoflookteentjes", Some(3.0), None, "knoflookteentjes", None),
    ("Potgrond", None, None, "Potgrond", None),
    // `dozen` (boxes) is English's dozen word: "2 dozen eieren" is 24 eggs
    ("2 dozen eieren", Some(24.0), None, "eieren", None),
    // notes
    ("Melk (lactosevrij)", None, None, "Melk", Some("lactosevrij")),
    ("2 l melk (halfvol, bio)", Some(2.0), Some(Unit::L), "melk", Some("halfvol, bio")),
    ("Brood - van de bakker", None, None, "Brood", Some("van de bakker")),
    // quantities after the name
    ("kaas 200g", Some(200.0), Some(Unit::G), "kaas", None),
    ("melk 2 liter", Some(2.0), Some(Unit::L), "melk", None),
    ("tomaten 3 blikken", Some(3.0), Some(Unit::Can), "tomaten", None),
    ("eieren x10", Some(10.0), None, "eieren", None),
    ("2x yoghurt", Some(2.0), None, "yoghurt", None),
    // list markers
    ("- [ ] 2 liter melk", Some(2.0), Some(Unit::L), "melk", None),
    ("• 1 bos bloemen", Some(1.0), Some(Unit::Bunch), "bloemen", None),
    ("diepvries-erwten", None, None, "diepvries-erwten", None),
];

#[test]
fn dutch_single_item_table() {
    assert!(ONE.len() >= 45);
    check_single_items(ONE);
}

#[test]
fn dutch_and_mixed_pastes() {
    let cases: Vec<(&str, Vec<ParsedItem>)> = vec![
        (
            "2 liter melk, 3 eggs, 1 Bund Petersilie",
            vec![
                item(Some(2.0), Some(Unit::L), "melk"),
                item(Some(3.0), None, "eggs"),
                item(Some(1.0), Some(Unit::Bunch), "Petersilie"),
            ],
        ),
        (
            "1,5 kg bloem, 2 blikken tomaten; een brood",
            vec![
                item(Some(1.5), Some(Unit::Kg), "bloem"),
                item(Some(2.0), Some(Unit::Can), "tomaten"),
                item(Some(1.0), None, "brood"),
            ],
        ),
        (
            "een dozijn eieren\na dozen eggs\nein Dutzend Eier\n2 kopjes melk\n2 cups milk",
            vec![
                item(Some(12.0), None, "eieren"),
                item(Some(12.0), None, "eggs"),
                item(Some(12.0), None, "Eier"),
                item(Some(2.0), Some(Unit::Cup), "melk"),
                item(Some(2.0), Some(Unit::Cup), "milk"),
            ],
        ),
        (
            "melk\neieren\nbrood",
            vec![
                item(None, None, "melk"),
                item(None, None, "eieren"),
                item(None, None, "brood"),
            ],
        ),
    ];
    check_pastes(&cases);
}

/// The unit words the Dutch interface shows (`locales/nl/main.ftl`, `unit-*`) read back
/// as the same unit, so an amount shown in the edit sheet can be saved again.
#[test]
fn dutch_unit_words_as_shown_read_back() {
    for (text, unit) in [
        ("1 kopje", Unit::Cup),
        ("2 kopjes", Unit::Cup),
        ("1 el", Unit::Tbsp),
        ("1 tl", Unit::Tsp),
        ("1 blik", Unit::Can),
        ("2 blikken", Unit::Can),
        ("1 pot", Unit::Jar),
        ("2 potten", Unit::Jar),
        ("1 fles", Unit::Bottle),
        ("2 flessen", Unit::Bottle),
        ("1 pak", Unit::Pack),
        ("2 pakken", Unit::Pack),
        ("1 zak", Unit::Bag),
        ("2 zakken", Unit::Bag),
        ("1 doos", Unit::Box),
        ("2 doosjes", Unit::Box),
        ("1 brood", Unit::Loaf),
        ("2 broden", Unit::Loaf),
        ("1 bos", Unit::Bunch),
        ("2 bossen", Unit::Bunch),
        ("1 krop", Unit::Head),
        ("2 kroppen", Unit::Head),
        ("1 teentje", Unit::Clove),
        ("2 teentjes", Unit::Clove),
        ("1 plak", Unit::Slice),
        ("2 plakken", Unit::Slice),
        ("1 stuk", Unit::Piece),
        ("2 stuks", Unit::Piece),
        ("1,5 l", Unit::L),
    ] {
        let n = text
            .split(' ')
            .next()
            .and_then(|n| n.replace(',', ".").parse().ok());
        assert_eq!(parse_amount(text), n.map(|n| (n, Some(unit))), "{text:?}");
    }
}

#[test]
fn dutch_quantities_and_amounts_on_their_own() {
    for (text, expected) in [
        ("twee", Some(2.0)),
        ("één", Some(1.0)),
        ("een dozijn", Some(12.0)),
        ("anderhalf", Some(1.5)),
        ("1,5", Some(1.5)),
        ("een paar", None),
        ("2 el", None),
    ] {
        assert_eq!(parse_quantity(text), expected, "{text:?}");
    }
    for (text, expected) in [
        ("2 el", Some((2.0, Some(Unit::Tbsp)))),
        ("1,5 liter", Some((1.5, Some(Unit::L)))),
        ("3 stuks", Some((3.0, Some(Unit::Piece)))),
        ("twee blikken", Some((2.0, Some(Unit::Can)))),
        ("2 ons", None),
    ] {
        assert_eq!(parse_amount(text), expected, "{text:?}");
    }
}

#[test]
fn no_dutch_word_is_lost() {
    check_no_word_lost(ONE, |word, _| consumable(word));
}
