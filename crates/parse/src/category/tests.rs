//! The name key and the categoriser on names people type, and the dictionary file.

use super::*;

/// The dictionary file, as the lookup table is built from it.
fn table() -> Vec<(&'static str, Vec<String>)> {
    match phrases() {
        Ok(table) => table,
        Err(e) => panic!("{e}"),
    }
}

/// Every phrase of a language's dictionary file categorises to the category it is listed
/// under; returns how many there are.
pub(super) fn check_every_phrase(text: &str) -> usize {
    let Ok(file) = text.parse::<toml::Table>() else {
        panic!("not TOML");
    };
    let mut count = 0;
    for (category, value) in &file {
        let Some(category) = DEFAULT_CATEGORIES.iter().find(|c| *c == category) else {
            continue;
        };
        for phrase in value
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
        {
            count += 1;
            assert_eq!(categorise(phrase), Some(*category), "{phrase:?}");
        }
    }
    count
}

#[test]
fn defaults_are_the_designed_thirteen() {
    assert_eq!(
        DEFAULT_CATEGORIES,
        [
            "Produce",
            "Bakery",
            "Meat & Fish",
            "Dairy & Eggs",
            "Frozen",
            "Pantry",
            "Snacks",
            "Beverages",
            "Household",
            "Personal Care",
            "Baby",
            "Pets",
            "Other"
        ]
    );
    assert_eq!(FALLBACK, "Other");
    assert!(DEFAULT_CATEGORIES.contains(&FALLBACK));
}

#[test]
fn name_key_cases() {
    let cases: &[(&str, &str)] = &[
        ("Eggs", "egg"),
        ("  Free   Range  EGGS ", "free range egg"),
        ("Tomatoes", "tomato"),
        ("potatoes", "potato"),
        ("shoes", "shoe"),
        ("berries", "berry"),
        ("cherries", "cherry"),
        ("cookies", "cookie"),
        ("brownies", "brownie"),
        ("pies", "pie"),
        ("loaves", "loaf"),
        ("leaves", "leaf"),
        ("bay leaves", "bay leaf"),
        ("olives", "olive"),
        ("cloves", "clove"),
        ("knives", "knife"),
        ("boxes", "box"),
        ("peaches", "peach"),
        ("radishes", "radish"),
        ("glasses", "glass"),
        ("cheeses", "cheese"),
        ("quiches", "quiche"),
        ("sauces", "sauce"),
        ("bananas", "banana"),
        ("kiwis", "kiwi"),
        ("glass", "glass"),
        ("grass", "grass"),
        ("hummus", "hummus"),
        ("asparagus", "asparagus"),
        ("Swiss cheese", "swiss cheese"),
        ("molasses", "molasses"),
        ("couscous", "couscous"),
        ("series", "series"),
        ("Brussels sprouts", "brussels sprout"),
        ("lenses", "lens"),
        ("tennis balls", "tennis ball"),
        ("gas", "gas"),
        ("peas", "pea"),
        ("Ben & Jerry's", "ben and jerry"),
        ("half-and-half", "half and half"),
        ("M&M's", "m and ms"),
        ("Crème fraîche", "creme fraiche"),
        ("jalapeños", "jalapeno"),
        ("milk (organic)!", "milk organic"),
        ("7up", "7up"),
        ("2% milk", "2 milk"),
        ("Äpfel", "apfel"),
        ("🥚 eggs", "egg"),
        ("", ""),
        ("  ", ""),
        ("!!!", ""),
    ];
    for (name, key) in cases {
        assert_eq!(name_key(name), *key, "name_key({name:?})");
    }
}

#[test]
fn name_key_is_idempotent() {
    for (_, phrases) in table() {
        for phrase in &phrases {
            let key = name_key(phrase);
            assert_eq!(name_key(&key), key, "{phrase:?}");
        }
    }
}

#[test]
fn categorise_cases() {
    let cases: &[(&str, Option<&str>)] = &[
        ("milk", Some(DAIRY)),
        ("Milk", Some(DAIRY)),
        ("organic whole milk", Some(DAIRY)),
        ("chocolate milk", Some(DAIRY)),
        ("milk chocolate", Some(SNACKS)),
        ("oat milk", Some(BEVERAGES)),
        ("evaporated milk", Some(PANTRY)),
        ("coconut milk", Some(PANTRY)),
        ("frozen peas", Some(FROZEN)),
        ("peas", Some(PRODUCE)),
        ("Frozen chicken breasts", Some(FROZEN)),
        ("frozen", Some(FROZEN)),
        ("peanut butter", Some(PANTRY)),
        ("crunchy peanut butter", Some(PANTRY)),
        ("butter", Some(DAIRY)),
        ("salted butter", Some(DAIRY)),
        ("ice cream", Some(FROZEN)),
        ("vanilla ice cream", Some(FROZEN)),
        ("dog food", Some(PETS)),
        ("Dog shampoo", Some(PETS)),
        ("cat litter", Some(PETS)),
        ("baby wipes", Some(BABY)),
        ("baby shampoo", Some(BABY)),
        ("baby carrots", Some(PRODUCE)),
        ("baby spinach", Some(PRODUCE)),
        ("toilet paper", Some(HOUSEHOLD)),
        ("Toilet Paper 24 rolls", Some(HOUSEHOLD)),
        ("chicken breast", Some(MEAT)),
        ("chicken breasts", Some(MEAT)),
        ("chicken", Some(MEAT)),
        ("chicken stock", Some(PANTRY)),
        ("low sodium chicken stock", Some(PANTRY)),
        ("chicken nuggets", Some(FROZEN)),
        ("hot dogs", Some(MEAT)),
        ("hot dog buns", Some(BAKERY)),
        ("Tomatoes", Some(PRODUCE)),
        ("cherry tomatoes", Some(PRODUCE)),
        ("canned tomatoes", Some(PANTRY)),
        ("tomato sauce", Some(PANTRY)),
        ("Bananas", Some(PRODUCE)),
        // German is read too now (dictionary/de.toml; was None when English was all)
        ("2 Äpfel", Some(PRODUCE)),
        ("eggs", Some(DAIRY)),
        ("free range eggs", Some(DAIRY)),
        ("sourdough bread", Some(BAKERY)),
        ("garlic bread", Some(BAKERY)),
        ("garlic", Some(PRODUCE)),
        ("apple juice", Some(BEVERAGES)),
        ("orange juice", Some(BEVERAGES)),
        ("red wine", Some(BEVERAGES)),
        ("ground coffee", Some(BEVERAGES)),
        ("coffee filters", Some(HOUSEHOLD)),
        ("paper towels", Some(HOUSEHOLD)),
        ("laundry detergent", Some(HOUSEHOLD)),
        ("dish soap", Some(HOUSEHOLD)),
        ("soap", Some(PERSONAL)),
        ("toothpaste", Some(PERSONAL)),
        ("petroleum jelly", Some(PERSONAL)),
        ("jelly", Some(PANTRY)),
        ("strawberry jam", Some(PANTRY)),
        ("diapers", Some(BABY)),
        ("Nappies size 4", Some(BABY)),
        ("bay leaves", Some(PANTRY)),
        ("lettuce leaves", Some(PRODUCE)),
        ("crème fraîche", Some(DAIRY)),
        ("Jalapeños", Some(PRODUCE)),
        ("Ben & Jerry's ice cream", Some(FROZEN)),
        ("mac & cheese", Some(PANTRY)),
        ("cheddar cheese", Some(DAIRY)),
        ("cream cheese", Some(DAIRY)),
        ("potato chips", Some(SNACKS)),
        ("tortilla chips", Some(SNACKS)),
        ("tortillas", Some(BAKERY)),
        ("salted peanuts", Some(SNACKS)),
        ("hummus", Some(DAIRY)),
        ("asparagus", Some(PRODUCE)),
        ("couscous", Some(PANTRY)),
        ("molasses", Some(PANTRY)),
        ("birthday card", Some(OTHER)),
        ("AA batteries", Some(HOUSEHOLD)),
        ("half-and-half", Some(DAIRY)),
        ("7up", Some(BEVERAGES)),
        ("frozen pizza", Some(FROZEN)),
        ("pepperoni pizza", Some(FROZEN)),
        ("pizza dough", Some(BAKERY)),
        ("can opener", Some(HOUSEHOLD)),
        ("flux capacitor", None),
        ("widgets", None),
        ("", None),
        ("🥚", None),
        ("!!!", None),
    ];
    for (name, expected) in cases {
        assert_eq!(categorise(name), *expected, "categorise({name:?})");
    }
}

#[test]
fn every_category_is_a_default_and_has_entries() {
    // `phrases` refuses a file that does not parse or names another category.
    let table = table();
    assert_eq!(table.len(), DEFAULT_CATEGORIES.len());
    for (category, phrases) in &table {
        assert!(DEFAULT_CATEGORIES.contains(category), "{category}");
        assert!(!phrases.is_empty(), "{category}");
    }
}

#[test]
fn dictionary_is_large_and_has_no_duplicate_keys() {
    let mut seen: HashMap<String, (&str, String)> = HashMap::new();
    let mut total = 0;
    let mut dups = Vec::new();
    for (category, phrases) in table() {
        for phrase in phrases {
            total += 1;
            let key = name_key(&phrase);
            assert!(!key.is_empty(), "{phrase:?}");
            assert_eq!(categorise(&phrase), Some(category), "{phrase:?}");
            if let Some((first_category, first)) =
                seen.insert(key.clone(), (category, phrase.clone()))
            {
                dups.push(format!(
                    "{phrase:?} ({category}) and {first:?} ({first_category}) are both {key:?}"
                ));
            }
        }
    }
    assert!(dups.is_empty(), "keep one of each: {dups:#?}");
    assert!(total >= 400, "only {total} entries");
    assert_eq!(DICTIONARY.map.len(), total);
}
