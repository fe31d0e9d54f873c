//! The name key: how item names are compared (the dictionary, a household's corrections
//! and history, merging).

use std::borrow::Cow;

/// The normalised key of an item name, used to match the dictionary and to
/// remember a household's corrections and history: lowercase, common accents
/// folded, apostrophes dropped, `&` read as "and", other punctuation and symbols
/// turned into spaces, whitespace collapsed, and each word made a simple
/// English singular (`Tomatoes` → `tomato`, `Ben & Jerry's` → `ben and jerry`).
pub fn name_key(name: &str) -> String {
    let mut cleaned = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            '\'' | '’' | '`' | '´' => {}
            '&' => cleaned.push_str(" and "),
            c if c.is_alphanumeric() => cleaned.push(fold_accent(c)),
            _ => cleaned.push(' '),
        }
    }
    let mut key = String::with_capacity(cleaned.len());
    for word in cleaned.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&singular(word));
    }
    key
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// Words that look plural but are not (or whose plural rule would mangle them).
const NOT_PLURAL: &[&str] = &[
    "asparagus",
    "brussels",
    "christmas",
    "couscous",
    "diabetes",
    "gas",
    "hummus",
    "lens",
    "molasses",
    "news",
    "series",
    "species",
    "swiss",
    "texas",
    "tennis",
    "this",
    "ananas",
    "atlas",
    "canvas",
    "alias",
    "bias",
    "pastis",
    "iris",
    "chassis",
    "oasis",
    "basis",
    "analysis",
    "always",
];

/// Irregular plurals.
const IRREGULAR: &[(&str, &str)] = &[
    ("leaves", "leaf"),
    ("loaves", "loaf"),
    ("halves", "half"),
    ("knives", "knife"),
    ("shelves", "shelf"),
    ("calves", "calf"),
    ("wolves", "wolf"),
    ("scarves", "scarf"),
    ("wives", "wife"),
    ("lives", "life"),
    ("thieves", "thief"),
    ("lenses", "lens"),
    ("mice", "mouse"),
    ("geese", "goose"),
    ("teeth", "tooth"),
    ("feet", "foot"),
    ("children", "child"),
    ("women", "woman"),
    ("men", "man"),
];

/// Singulars ending in -ie (so `cookies` is `cookie`, not `cooky`).
#[rustfmt::skip]
const IE_WORDS: &[&str] = &[
    "auntie", "beanie", "birdie", "boogie", "brownie", "calorie", "cookie", "cutie", "goalie",
    "hoodie", "lie", "movie", "pie", "rookie", "selfie", "smoothie", "sweetie", "tie", "veggie",
    "zombie", "die", "pixie", "rotie", "eerie", "collie", "genie", "prairie",
];

/// Singulars ending in -o that take -es (`tomatoes`).
#[rustfmt::skip]
const OES_WORDS: &[&str] = &[
    "tomato", "potato", "mango", "hero", "echo", "avocado", "tornado", "volcano", "domino",
    "mosquito", "buffalo", "cargo", "torpedo", "veto",
];

/// Singulars ending in -che (`quiches`), which would otherwise lose the `e`.
#[rustfmt::skip]
const CHE_WORDS: &[&str] = &[
    "quiche", "brioche", "niche", "cache", "avalanche", "moustache", "mustache", "douche", "creche",
];

/// A simple English singular of one lowercase word (borrowed from it when it can be: keys
/// are made for every item of a list page).
fn singular(word: &str) -> Cow<'_, str> {
    if let Some(&(_, s)) = IRREGULAR.iter().find(|(p, _)| *p == word) {
        return Cow::Borrowed(s);
    }
    if word.chars().count() <= 3
        || !word.ends_with('s')
        || word.chars().any(|c| c.is_ascii_digit())
        || NOT_PLURAL.contains(&word)
        || word.ends_with("ss")
        || word.ends_with("us")
    {
        return Cow::Borrowed(word);
    }
    let stem = &word[..word.len() - 1]; // without the final "s"
    if let Some(base) = word.strip_suffix("ies") {
        if IE_WORDS.contains(&stem) || base.chars().count() <= 1 {
            return Cow::Borrowed(stem);
        }
        return Cow::Owned(format!("{base}y"));
    }
    if let Some(base) = word.strip_suffix("oes") {
        if OES_WORDS.iter().any(|w| w.strip_suffix('o') == Some(base)) {
            return Cow::Owned(format!("{base}o"));
        }
        return Cow::Borrowed(stem);
    }
    if let Some(base) = word.strip_suffix("es")
        && (base.ends_with("ss")
            || base.ends_with('x')
            || base.ends_with("sh")
            || (base.ends_with("ch") && !CHE_WORDS.contains(&stem)))
    {
        return Cow::Borrowed(base);
    }
    Cow::Borrowed(stem)
}
