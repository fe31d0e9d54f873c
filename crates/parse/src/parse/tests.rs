//! The parser's tables: what people type, and what it must become.

use super::numbers::{NUMBER_WORDS, NumKind, number_prefix, plain_number, signed_number_prefix};
use super::quantity::is_times;
use super::split::is_punct;
use super::table::{Case, check_pastes, check_single_items, item};
use super::*;

/// Single-item cases: input → (quantity, unit, name, note).
#[rustfmt::skip]
const ONE: &[Case] = &[
    // plain names and whitespace
    ("milk", None, None, "milk", None),
    ("  Milk  ", None, None, "Milk", None),
    ("whole   milk", None, None, "whole milk", None),
    ("\tsoy\u{a0}sauce ", None, None, "soy sauce", None),
    // integers and units
    ("3 eggs", Some(3.0), None, "eggs", None),
    ("2 cups milk", Some(2.0), Some(Unit::Cup), "milk", None),
    ("1 loaf bread", Some(1.0), Some(Unit::Loaf), "bread", None),
    ("2 lbs Ground Beef", Some(2.0), Some(Unit::Lb), "Ground Beef", None),
    ("3 tablespoons olive oil", Some(3.0), Some(Unit::Tbsp), "olive oil", None),
    ("2 tsp. vanilla", Some(2.0), Some(Unit::Tsp), "vanilla", None),
    ("2 pcs avocado", Some(2.0), Some(Unit::Piece), "avocado", None),
    ("1 head lettuce", Some(1.0), Some(Unit::Head), "lettuce", None),
    ("3 cloves garlic", Some(3.0), Some(Unit::Clove), "garlic", None),
    ("2 Kg potatoes", Some(2.0), Some(Unit::Kg), "potatoes", None),
    ("1 L milk", Some(1.0), Some(Unit::L), "milk", None),
    ("4 slices ham", Some(4.0), Some(Unit::Slice), "ham", None),
    ("2 bunches cilantro", Some(2.0), Some(Unit::Bunch), "cilantro", None),
    ("6 bottles beer", Some(6.0), Some(Unit::Bottle), "beer", None),
    ("2 packets crisps", Some(2.0), Some(Unit::Pack), "crisps", None),
    ("1 gallon milk", Some(1.0), Some(Unit::Gal), "milk", None),
    ("2 tins tomatoes", Some(2.0), Some(Unit::Can), "tomatoes", None),
    ("2 heads of garlic", Some(2.0), Some(Unit::Head), "garlic", None),
    ("half a cup of milk", Some(0.5), Some(Unit::Cup), "milk", None),
    // "of" is dropped only after a unit
    ("2 cups of milk", Some(2.0), Some(Unit::Cup), "milk", None),
    ("a can of beans", Some(1.0), Some(Unit::Can), "beans", None),
    ("2 boxes of cereal", Some(2.0), Some(Unit::Box), "cereal", None),
    ("a pinch of salt", Some(1.0), None, "pinch of salt", None),
    ("2 cups of", Some(2.0), None, "cups of", None),
    // glued units
    ("500g flour", Some(500.0), Some(Unit::G), "flour", None),
    ("1.5kg potatoes", Some(1.5), Some(Unit::Kg), "potatoes", None),
    ("250ml cream", Some(250.0), Some(Unit::Ml), "cream", None),
    ("500g of mince", Some(500.0), Some(Unit::G), "mince", None),
    ("½lb butter", Some(0.5), Some(Unit::Lb), "butter", None),
    // decimals and fractions
    ("1,5 kg flour", Some(1.5), Some(Unit::Kg), "flour", None),
    ("1.5 l water", Some(1.5), Some(Unit::L), "water", None),
    ("1/2 cup sugar", Some(0.5), Some(Unit::Cup), "sugar", None),
    ("1 1/2 cups sugar", Some(1.5), Some(Unit::Cup), "sugar", None),
    ("½ lb butter", Some(0.5), Some(Unit::Lb), "butter", None),
    ("1½ l milk", Some(1.5), Some(Unit::L), "milk", None),
    ("1 ½ cups flour", Some(1.5), Some(Unit::Cup), "flour", None),
    ("¾ cup oats", Some(0.75), Some(Unit::Cup), "oats", None),
    ("⅛ tsp salt", Some(0.125), Some(Unit::Tsp), "salt", None),
    ("2¼ cups flour", Some(2.25), Some(Unit::Cup), "flour", None),
    ("3/2 cups rice", Some(1.5), Some(Unit::Cup), "rice", None),
    ("1/0 eggs", None, None, "1/0 eggs", None),
    // a comma between digits is always a decimal comma, never thousands
    ("1,000 g sugar", Some(1.0), Some(Unit::G), "sugar", None),
    // multipliers
    ("eggs x2", Some(2.0), None, "eggs", None),
    ("eggs X 2", Some(2.0), None, "eggs", None),
    ("milk ×2", Some(2.0), None, "milk", None),
    ("milk × 2", Some(2.0), None, "milk", None),
    ("limes 3x", Some(3.0), None, "limes", None),
    ("2x eggs", Some(2.0), None, "eggs", None),
    ("x2 eggs", Some(2.0), None, "eggs", None),
    ("× 3 limes", Some(3.0), None, "limes", None),
    ("2 x eggs", Some(2.0), None, "eggs", None),
    ("2 eggs x3", Some(2.0), None, "eggs x3", None),
    ("xmas crackers", None, None, "xmas crackers", None),
    ("x", None, None, "x", None),
    ("x2", None, None, "x2", None),
    ("2x", None, None, "2x", None),
    // number words
    ("a dozen eggs", Some(12.0), None, "eggs", None),
    ("dozen eggs", Some(12.0), None, "eggs", None),
    ("half a dozen eggs", Some(6.0), None, "eggs", None),
    ("2 dozen eggs", Some(24.0), None, "eggs", None),
    ("two dozen rolls", Some(24.0), None, "rolls", None),
    ("an apple", Some(1.0), None, "apple", None),
    ("A bag of chips", Some(1.0), Some(Unit::Bag), "chips", None),
    ("one onion", Some(1.0), None, "onion", None),
    ("Three lemons", Some(3.0), None, "lemons", None),
    ("twelve eggs", Some(12.0), None, "eggs", None),
    ("a couple of limes", Some(2.0), None, "limes", None),
    ("a couple bananas", Some(2.0), None, "bananas", None),
    ("half a lemon", Some(0.5), None, "lemon", None),
    ("half and half", None, None, "half and half", None),
    ("a", None, None, "a", None),
    ("a few apples", None, None, "a few apples", None),
    ("a little cream", None, None, "a little cream", None),
    ("a dozen", None, None, "a dozen", None),
    ("thirteen eggs", None, None, "thirteen eggs", None),
    // unit-looking words stay in the name
    ("21 seasoning salt", Some(21.0), None, "seasoning salt", None),
    ("2 cans", Some(2.0), None, "cans", None),
    ("2 kg", Some(2.0), None, "kg", None),
    ("500g", Some(500.0), None, "g", None),
    ("can of beans", None, None, "can of beans", None),
    ("1 can opener", Some(1.0), None, "can opener", None),
    ("2 pound cakes", Some(2.0), None, "pound cakes", None),
    ("1 tin foil", Some(1.0), None, "tin foil", None),
    ("2 T sugar", Some(2.0), None, "T sugar", None),
    ("garlic cloves", None, None, "garlic cloves", None),
    // zero and negative amounts are quantities, for validation to refuse
    ("0 eggs", Some(0.0), None, "eggs", None),
    ("0.0 kg flour", Some(0.0), Some(Unit::Kg), "flour", None),
    ("-2 eggs", Some(-2.0), None, "eggs", None),
    ("−1 l milk", Some(-1.0), Some(Unit::L), "milk", None),
    ("eggs x0", Some(0.0), None, "eggs", None),
    ("milk 0 l", Some(0.0), Some(Unit::L), "milk", None),
    // quantities after the name
    ("Cheddar cheese 200g", Some(200.0), Some(Unit::G), "Cheddar cheese", None),
    ("Crème fraîche 200 ml", Some(200.0), Some(Unit::Ml), "Crème fraîche", None),
    ("milk 2 l", Some(2.0), Some(Unit::L), "milk", None),
    ("Mehl 1,5 kg", Some(1.5), Some(Unit::Kg), "Mehl", None),
    ("beans 2 cans", Some(2.0), Some(Unit::Can), "beans", None),
    ("eggs x6", Some(6.0), None, "eggs", None),
    ("cola 1.5l (diet)", Some(1.5), Some(Unit::L), "cola", Some("diet")),
    ("Coke Zero 2", None, None, "Coke Zero 2", None),
    ("Route 66 sauce", None, None, "Route 66 sauce", None),
    ("g 2", None, None, "g 2", None),
    // things that are not quantities
    ("00 flour", None, None, "00 flour", None),
    ("007 aftershave", None, None, "007 aftershave", None),
    ("2", None, None, "2", None),
    ("1 1/2", None, None, "1 1/2", None),
    ("7up", None, None, "7up", None),
    ("2% milk", None, None, "2% milk", None),
    ("A1 sauce", None, None, "A1 sauce", None),
    ("2-3 eggs", None, None, "2-3 eggs", None),
    ("1.5.2 widgets", None, None, "1.5.2 widgets", None),
    // notes
    ("milk (organic)", None, None, "milk", Some("organic")),
    ("2 (large) eggs", Some(2.0), None, "eggs", Some("large")),
    ("milk (organic, local)", None, None, "milk", Some("organic, local")),
    ("milk - the big one", None, None, "milk", Some("the big one")),
    ("Milk – semi skimmed", None, None, "Milk", Some("semi skimmed")),
    ("bread — sliced", None, None, "bread", Some("sliced")),
    ("2 l milk (organic) - farm shop", Some(2.0), Some(Unit::L), "milk", Some("organic; farm shop")),
    ("milk (a) (b)", None, None, "milk", Some("a; b")),
    ("milk (organic", None, None, "milk", Some("organic")),
    ("milk (organic (local))", None, None, "milk", Some("organic (local)")),
    ("milk ()", None, None, "milk", None),
    ("(organic)", None, None, "(organic)", None),
    ("milk )", None, None, "milk )", None),
    ("milk-shake", None, None, "milk-shake", None),
    ("2 - 3 eggs", Some(2.0), None, "- 3 eggs", None),
    ("milk -", None, None, "milk -", None),
    // list markers
    ("- milk", None, None, "milk", None),
    ("* 2 eggs", Some(2.0), None, "eggs", None),
    ("• bread", None, None, "bread", None),
    ("•bread", None, None, "bread", None),
    ("[ ] milk", None, None, "milk", None),
    ("[x] milk", None, None, "milk", None),
    ("- [ ] 2 l milk", Some(2.0), Some(Unit::L), "milk", None),
    ("☐ butter", None, None, "butter", None),
    ("1. milk", None, None, "milk", None),
    ("2. eggs", None, None, "eggs", None),
    ("3) 2 lemons", Some(2.0), None, "lemons", None),
    ("1.", None, None, "1.", None),
    ("-milk", None, None, "-milk", None),
    // unicode and case
    ("2 Äpfel", Some(2.0), None, "Äpfel", None),
    ("3 🥚", Some(3.0), None, "🥚", None),
    ("🍌 bananas", None, None, "🍌 bananas", None),
    ("🥑", None, None, "🥑", None),
    ("200 g Crème fraîche", Some(200.0), Some(Unit::G), "Crème fraîche", None),
    ("1 kg 大米", Some(1.0), Some(Unit::Kg), "大米", None),
    ("Jalapeño", None, None, "Jalapeño", None),
];

#[test]
fn single_item_table() {
    check_single_items(ONE);
}

#[test]
fn multi_item_table() {
    let cases: Vec<(&str, Vec<ParsedItem>)> = vec![
        (
            "2 cups milk, 1 loaf bread, 3 eggs",
            vec![
                item(Some(2.0), Some(Unit::Cup), "milk"),
                item(Some(1.0), Some(Unit::Loaf), "bread"),
                item(Some(3.0), None, "eggs"),
            ],
        ),
        (
            "1,5 kg flour, 2 eggs",
            vec![
                item(Some(1.5), Some(Unit::Kg), "flour"),
                item(Some(2.0), None, "eggs"),
            ],
        ),
        (
            "milk\neggs\r\nbread\n",
            vec![
                item(None, None, "milk"),
                item(None, None, "eggs"),
                item(None, None, "bread"),
            ],
        ),
        (
            "milk; eggs;bread",
            vec![
                item(None, None, "milk"),
                item(None, None, "eggs"),
                item(None, None, "bread"),
            ],
        ),
        (
            "milk,,  , eggs,\n\n;  ;",
            vec![item(None, None, "milk"), item(None, None, "eggs")],
        ),
        (
            "- milk\n- 2 eggs\n- [ ] bread",
            vec![
                item(None, None, "milk"),
                item(Some(2.0), None, "eggs"),
                item(None, None, "bread"),
            ],
        ),
        (
            "1. milk\n2. eggs\n3. 500g flour",
            vec![
                item(None, None, "milk"),
                item(None, None, "eggs"),
                item(Some(500.0), Some(Unit::G), "flour"),
            ],
        ),
        (
            "eggs,2 apples",
            vec![item(None, None, "eggs"), item(Some(2.0), None, "apples")],
        ),
        (
            "milk (organic, local), eggs",
            vec![
                ParsedItem {
                    note: Some("organic, local".to_string()),
                    ..item(None, None, "milk")
                },
                item(None, None, "eggs"),
            ],
        ),
        (
            "milk (organic\neggs, bread",
            vec![
                ParsedItem {
                    note: Some("organic".to_string()),
                    ..item(None, None, "milk")
                },
                item(None, None, "eggs"),
                item(None, None, "bread"),
            ],
        ),
        (
            "• 2 Äpfel\n• 🥛 milk x2",
            vec![
                item(Some(2.0), None, "Äpfel"),
                item(Some(2.0), None, "🥛 milk"),
            ],
        ),
        ("", vec![]),
        ("   \n\t ", vec![]),
        (", ; ,", vec![]),
        ("- \n* \n[ ]\n...", vec![]),
    ];
    check_pastes(&cases);
}

#[test]
fn punctuation_only_is_nothing() {
    for input in ["", " ", "-", "...", "()", "- [ ]", "•", "—", "¿?"] {
        assert_eq!(parse_item(input), None, "{input:?}");
    }
}

#[test]
fn huge_and_hostile_input_does_not_panic() {
    let long = "eggs, 1½ kg flour (organic) - note; ".repeat(300);
    assert!(long.len() > 10_000);
    assert_eq!(parse_items(&long).len(), 600);
    let one_word = "a".repeat(10_000);
    assert_eq!(parse_items(&one_word)[0].name, one_word);
    let digits = "9".repeat(10_000);
    let item = parse_item(&format!("{digits} eggs")).unwrap();
    assert_eq!(
        item.quantity, None,
        "an infinite quantity is not a quantity"
    );
    let parens = "(".repeat(5_000) + &")".repeat(5_000);
    let _ = parse_items(&parens);
    let mixed = "½⅓x×,.;:()[]- –—•é🥚 1/ 2/0 ".repeat(400);
    let _ = parse_items(&mixed);
}

/// Words the parser may consume: quantities, units, multipliers, fillers,
/// markers and note brackets.
fn consumable(word: &str) -> bool {
    let w = word.trim_matches(|c: char| is_punct(c) && c != '×' && c != '⁄');
    let lower = w.to_lowercase();
    w.is_empty()
        // the decimals of `1,000` once the test splits words at commas
        || w.bytes().all(|b| b.is_ascii_digit())
        || is_times(w)
        || Unit::recognise(w).is_some()
        || signed_number_prefix(w).is_some_and(|n| {
            n.rest.is_empty() || is_times(n.rest) || Unit::recognise(n.rest).is_some()
        })
        || w.strip_prefix(['x', 'X', '×'])
            .and_then(plain_number)
            .is_some()
        || matches!(
            lower.as_str(),
            "a" | "an" | "of" | "half" | "dozen" | "couple" | "x]"
        )
        || NUMBER_WORDS.iter().any(|(n, _)| *n == lower)
}

#[test]
fn no_user_word_is_lost() {
    let mut inputs: Vec<&str> = ONE.iter().map(|c| c.0).collect();
    inputs.extend([
        "2 cups milk, 1 loaf bread, 3 eggs",
        "Tomatoes (ripe) - for the sauce, 2 heads of garlic; 1 bunch Coriander",
        "- [ ] 3 x Greek yoghurt\n- [x] kitchen roll (the soft one)",
        "a can of chickpeas - the cheap ones (any brand)",
        "1,5 l Apfelsaft, ½ Wassermelone, 3 Brötchen",
        "tofu extra firm x2, 2 pkg tempeh, a couple of limes",
        "12 eggs free range; 6 pints milk; half a dozen bagels",
        "cheese ((strong)) - cheddar - mature",
        "21 seasoning salt, 2 kg, 500g, 2, a, x2",
        "🍕 pizza night: 2 bases, 1 jar of sauce, 200 g mozzarella",
    ]);
    for input in inputs {
        let items = parse_items(input);
        let mut kept = String::new();
        for item in &items {
            kept.push_str(&item.name);
            kept.push(' ');
            if let Some(note) = &item.note {
                kept.push_str(note);
                kept.push(' ');
            }
        }
        for word in input.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';')) {
            let bare = word.trim_matches(|c: char| is_punct(c) && c != '×');
            if consumable(bare) {
                continue;
            }
            assert!(
                kept.contains(bare),
                "{input:?}: word {bare:?} lost; got {items:?}"
            );
        }
    }
}

#[test]
fn number_prefix_kinds() {
    let n = number_prefix("12").unwrap();
    assert_eq!((n.value, n.rest, n.kind), (12.0, "", NumKind::Integer));
    let n = number_prefix("1/4").unwrap();
    assert_eq!((n.value, n.kind), (0.25, NumKind::Fraction));
    let n = number_prefix("5/4kg").unwrap();
    assert_eq!((n.value, n.rest, n.kind), (1.25, "kg", NumKind::Other));
    let n = number_prefix("⅔").unwrap();
    assert_eq!(n.kind, NumKind::Fraction);
    assert!((n.value - 2.0 / 3.0).abs() < 1e-12);
    assert!(number_prefix("2.").is_none());
    assert!(number_prefix("00").is_none(), "a leading zero makes a code");
    let n = signed_number_prefix("−1,5l").unwrap();
    assert_eq!((n.value, n.rest), (-1.5, "l"));
    assert!(number_prefix("abc").is_none());
    assert!(number_prefix("").is_none());
}

#[test]
fn a_quantity_on_its_own() {
    for (text, expected) in [
        ("2", Some(2.0)),
        (" 1,5 ", Some(1.5)),
        ("1/2", Some(0.5)),
        ("1 1/2", Some(1.5)),
        ("½", Some(0.5)),
        ("two", Some(2.0)),
        ("a dozen", Some(12.0)),
        ("-1", Some(-1.0)),
        ("0", Some(0.0)),
        ("", None),
        ("abc", None),
        ("2 kg", None),
        ("2 eggs", None),
        ("1e9", None),
        ("NaN", None),
        ("inf", None),
    ] {
        assert_eq!(parse_quantity(text), expected, "{text:?}");
    }
}
