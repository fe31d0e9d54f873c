//! Reads the language files (`src/lang/<code>.toml`) and the grocery dictionaries
//! (`src/category/dictionary/<code>.toml`), checks them and merges every language into the
//! Rust data the parser and the categoriser use (`lang.rs` and `dictionary.rs` in
//! `OUT_DIR`). Compiled into `build.rs`, which runs it on the files, and into the crate's
//! tests, which pin its rules (`lang/tests.rs`).
//!
//! Rules:
//! - a parser word (a number, an article, a unit word…) that means two different things,
//!   in two files or in one, is an error naming the files; the same word with the same
//!   meaning in several files is one word;
//! - a dictionary phrase whose name key stands in two categories is an error naming the
//!   files; the same key in the same category in two files is kept once (German `Butter`
//!   and English `butter`), while a key twice in one file is kept twice, for the tests to
//!   say which (`category/tests.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use toml::{Table, Value};

/// A file: its name, for messages (`de.toml`), and its text.
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

impl Source<'_> {
    /// The language code: the file name without `.toml`.
    fn code(&self) -> &str {
        self.name.strip_suffix(".toml").unwrap_or(self.name)
    }
}

/// Where a language puts the article around a half word.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    Before,
    After,
    Alone,
}

/// What a parser word means.
#[derive(Debug, Clone, PartialEq)]
enum Meaning {
    Number(f64),
    Article,
    Vague,
    Couple,
    Dozen,
    Half(Place),
    Filler,
    Unit(String),
}

impl Meaning {
    fn describe(&self) -> String {
        match self {
            Meaning::Number(n) => format!("the number {n}"),
            Meaning::Article => "an article".to_string(),
            Meaning::Vague => "a vague word".to_string(),
            Meaning::Couple => "a couple word".to_string(),
            Meaning::Dozen => "a dozen word".to_string(),
            Meaning::Half(place) => format!("a half word (article {place:?})"),
            Meaning::Filler => "a filler".to_string(),
            Meaning::Unit(unit) => format!("the unit `{unit}`"),
        }
    }
}

/// How a language's names are categorised (`[names]`).
#[derive(Debug, Clone)]
struct Names {
    head_first: bool,
    connectors: Vec<String>,
    compounds: bool,
    min_head: usize,
}

impl Default for Names {
    fn default() -> Self {
        Names {
            head_first: false,
            connectors: Vec::new(),
            compounds: false,
            min_head: 4,
        }
    }
}

/// Every language's parser words, merged.
pub struct Languages {
    /// Word → its meaning and the file that first gave it.
    words: BTreeMap<String, (Meaning, String)>,
    /// (canonical unit, start of the next word) pairs.
    product_names: BTreeSet<(String, String)>,
    /// Language code → its `[names]`.
    names: BTreeMap<String, Names>,
}

/// A word as the parser compares it: lowercase, single spaces, `’` as `'`, without one
/// trailing full stop.
fn normal_word(word: &str) -> String {
    let lower = word
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('’', "'");
    match lower.strip_suffix('.') {
        Some(stripped) => stripped.to_string(),
        None => lower,
    }
}

fn strings(file: &str, what: &str, value: &Value) -> Result<Vec<String>, String> {
    let list = value
        .as_array()
        .ok_or_else(|| format!("{file}: `{what}` must be a list of strings"))?;
    list.iter()
        .map(|v| {
            v.as_str()
                .map(str::to_string)
                .ok_or_else(|| format!("{file}: `{what}` must be a list of strings"))
        })
        .collect()
}

fn table<'v>(file: &str, what: &str, value: &'v Value) -> Result<&'v Table, String> {
    value
        .as_table()
        .ok_or_else(|| format!("{file}: `[{what}]` must be a table"))
}

impl Languages {
    /// Reads every language file; `units` are the canonical unit names.
    pub fn read(sources: &[Source], units: &[&str]) -> Result<Languages, String> {
        let mut languages = Languages {
            words: BTreeMap::new(),
            product_names: BTreeSet::new(),
            names: BTreeMap::new(),
        };
        for source in sources {
            languages.read_one(source, units)?;
        }
        Ok(languages)
    }

    fn add(&mut self, file: &str, word: &str, meaning: Meaning) -> Result<(), String> {
        let word = normal_word(word);
        if word.is_empty() {
            return Err(format!("{file}: an empty word ({})", meaning.describe()));
        }
        match self.words.get(&word) {
            Some((known, _)) if *known == meaning => Ok(()),
            Some((known, first)) => Err(format!(
                "`{word}` is {} in {first} and {} in {file}: a word may mean one thing only \
                 (leave it out of one file; src/lang/README.md)",
                known.describe(),
                meaning.describe()
            )),
            None => {
                self.words.insert(word, (meaning, file.to_string()));
                Ok(())
            }
        }
    }

    fn read_one(&mut self, source: &Source, units: &[&str]) -> Result<(), String> {
        let file = source.name;
        let root: Table = source
            .text
            .parse()
            .map_err(|e| format!("{file}: not TOML: {e}"))?;
        let mut place = Place::After;
        let mut halves = Vec::new();
        let mut has_units = false;
        for (section, value) in &root {
            match section.as_str() {
                "numbers" => {
                    for (word, n) in table(file, section, value)? {
                        let n = match n {
                            Value::Integer(i) => *i as f64,
                            Value::Float(f) => *f,
                            _ => return Err(format!("{file}: number `{word}` must be a number")),
                        };
                        if !(n.is_finite() && n > 0.0) {
                            return Err(format!("{file}: number `{word}` must be above 0"));
                        }
                        self.add(file, word, Meaning::Number(n))?;
                    }
                }
                "words" => {
                    for (key, value) in table(file, section, value)? {
                        let meaning = match key.as_str() {
                            "articles" => Meaning::Article,
                            "vague" => Meaning::Vague,
                            "couple" => Meaning::Couple,
                            "dozen" => Meaning::Dozen,
                            "fillers" => Meaning::Filler,
                            "half" => {
                                halves = strings(file, key, value)?;
                                continue;
                            }
                            "half_article" => {
                                place = match value.as_str() {
                                    Some("before") => Place::Before,
                                    Some("after") => Place::After,
                                    Some("none") => Place::Alone,
                                    _ => {
                                        return Err(format!(
                                            "{file}: `half_article` is \"before\", \"after\" \
                                             or \"none\""
                                        ));
                                    }
                                };
                                continue;
                            }
                            other => {
                                return Err(format!("{file}: unknown key `{other}` in [words]"));
                            }
                        };
                        for word in strings(file, key, value)? {
                            self.add(file, &word, meaning.clone())?;
                        }
                    }
                }
                "units" => {
                    has_units = true;
                    for (unit, value) in table(file, section, value)? {
                        if !units.contains(&unit.as_str()) {
                            return Err(format!(
                                "{file}: `{unit}` is not one of aisle's units ({}): a word \
                                 without a canonical unit stays in the name",
                                units.join(" ")
                            ));
                        }
                        for word in strings(file, unit, value)? {
                            self.add(file, &word, Meaning::Unit(unit.clone()))?;
                        }
                    }
                }
                "product_names" => {
                    for (unit, value) in table(file, section, value)? {
                        if !units.contains(&unit.as_str()) {
                            return Err(format!(
                                "{file}: `{unit}` in [product_names] is not a unit"
                            ));
                        }
                        for next in strings(file, unit, value)? {
                            self.product_names
                                .insert((unit.clone(), normal_word(&next)));
                        }
                    }
                }
                "names" => {
                    let names = read_names(file, table(file, section, value)?)?;
                    self.names.insert(source.code().to_string(), names);
                }
                other => return Err(format!("{file}: unknown section `[{other}]`")),
            }
        }
        if !has_units {
            return Err(format!("{file}: no [units]"));
        }
        for word in halves {
            self.add(file, &word, Meaning::Half(place))?;
        }
        self.names.entry(source.code().to_string()).or_default();
        Ok(())
    }

    /// The Rust data of the parser (`lang.rs`).
    pub fn rust(&self) -> String {
        let mut rust =
            String::from("// Made by build.rs from src/lang/*.toml (lang/merge.rs).\n\n");
        let _ = writeln!(rust, "/// Number words of every language, sorted by word.");
        let _ = writeln!(rust, "pub(crate) const NUMBER_WORDS: &[(&str, f64)] = &[");
        for (word, (meaning, _)) in &self.words {
            if let Meaning::Number(n) = meaning {
                let _ = writeln!(rust, "    ({word:?}, {n:?}),");
            }
        }
        rust.push_str("];\n\n/// The other words of the parser, sorted by word.\n");
        rust.push_str("pub(crate) const WORDS: &[(&str, Word)] = &[\n");
        for (word, (meaning, _)) in &self.words {
            let role = match meaning {
                Meaning::Number(_) | Meaning::Unit(_) => continue,
                Meaning::Article => "Word::Article".to_string(),
                Meaning::Vague => "Word::Vague".to_string(),
                Meaning::Couple => "Word::Couple".to_string(),
                Meaning::Dozen => "Word::Dozen".to_string(),
                Meaning::Filler => "Word::Filler".to_string(),
                Meaning::Half(place) => format!("Word::Half(Place::{place:?})"),
            };
            let _ = writeln!(rust, "    ({word:?}, {role}),");
        }
        rust.push_str("];\n\n/// Unit words, sorted by word.\n");
        rust.push_str("pub(crate) const UNIT_WORDS: &[(&str, Unit)] = &[\n");
        let (mut max_words, mut max_len) = (1, 20);
        for (word, (meaning, _)) in &self.words {
            if let Meaning::Unit(unit) = meaning {
                max_words = max_words.max(word.split(' ').count());
                max_len = max_len.max(word.len() + 8);
                let _ = writeln!(rust, "    ({word:?}, Unit::{}),", variant(unit));
            }
        }
        rust.push_str("];\n\n");
        let _ = writeln!(
            rust,
            "/// The most words of a unit.\npub(crate) const UNIT_MAX_WORDS: usize = {max_words};"
        );
        let _ = writeln!(
            rust,
            "/// Longer typed words are no unit (bytes: the longest and some, at least 20).\n\
             pub(crate) const UNIT_MAX_LEN: usize = {max_len};\n"
        );
        rust.push_str("/// Product names that begin with a unit word: the unit, the start of the next word.\n");
        rust.push_str("pub(crate) const PRODUCT_NAMES: &[(Unit, &str)] = &[\n");
        for (unit, next) in &self.product_names {
            let _ = writeln!(rust, "    (Unit::{}, {next:?}),", variant(unit));
        }
        rust.push_str("];\n\n/// Connectors of the head-first languages (`jus d'orange`).\n");
        rust.push_str("pub(crate) const HEAD_FIRST_CONNECTORS: &[&str] = &[\n");
        let connectors: BTreeSet<&String> = self
            .names
            .values()
            .filter(|n| n.head_first)
            .flat_map(|n| &n.connectors)
            .collect();
        for connector in connectors {
            let _ = writeln!(rust, "    {connector:?},");
        }
        rust.push_str("];\n");
        rust
    }
}

fn read_names(file: &str, names: &Table) -> Result<Names, String> {
    let mut out = Names::default();
    for (key, value) in names {
        match key.as_str() {
            "head" => {
                out.head_first = match value.as_str() {
                    Some("first") => true,
                    Some("last") => false,
                    _ => return Err(format!("{file}: `head` is \"first\" or \"last\"")),
                }
            }
            "connectors" => {
                out.connectors = strings(file, key, value)?
                    .iter()
                    .map(|c| normal_word(c))
                    .collect();
            }
            "compounds" => {
                out.compounds = value
                    .as_bool()
                    .ok_or_else(|| format!("{file}: `compounds` is true or false"))?;
            }
            "compound_min_head" => {
                out.min_head = value
                    .as_integer()
                    .and_then(|n| usize::try_from(n).ok())
                    .filter(|n| *n >= 3)
                    .ok_or_else(|| format!("{file}: `compound_min_head` is a number, 3 or more"))?;
            }
            other => return Err(format!("{file}: unknown key `{other}` in [names]")),
        }
    }
    Ok(out)
}

/// The `Unit` variant of a canonical unit name: `kg` → `Kg`.
fn variant(unit: &str) -> String {
    let mut chars = unit.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Every language's grocery dictionary, merged.
pub struct Dictionaries {
    /// Category → its phrases, as written.
    file: BTreeMap<String, Vec<String>>,
    /// Key → (category, file, phrase as written): who has a key.
    keys: BTreeMap<String, (String, String, String)>,
    /// `[overrides]` and `[modifiers]`: key, category and file, in the order of the files.
    overrides: Vec<(String, String, String)>,
    modifiers: Vec<(String, String, String)>,
    /// Keys of the single-word phrases of compounding languages, of `compound_min_head`
    /// letters or more.
    heads: BTreeSet<String>,
    /// Override (true) and modifier (false) words of compounding languages, that also
    /// count at the start of a word: key → (category, override).
    prefixes: BTreeMap<String, (String, bool)>,
}

impl Dictionaries {
    /// Reads every dictionary; `key` is `name_key`.
    pub fn read(
        sources: &[Source],
        languages: &Languages,
        key: fn(&str) -> String,
    ) -> Result<Dictionaries, String> {
        let mut out = Dictionaries {
            file: BTreeMap::new(),
            keys: BTreeMap::new(),
            overrides: Vec::new(),
            modifiers: Vec::new(),
            heads: BTreeSet::new(),
            prefixes: BTreeMap::new(),
        };
        for source in sources {
            let names = languages
                .names
                .get(source.code())
                .cloned()
                .unwrap_or_default();
            out.read_one(source, &names, key)?;
        }
        Ok(out)
    }

    fn read_one(
        &mut self,
        source: &Source,
        names: &Names,
        key: fn(&str) -> String,
    ) -> Result<(), String> {
        let file = source.name;
        let root: Table = source
            .text
            .parse()
            .map_err(|e| format!("{file}: not TOML: {e}"))?;
        for (name, value) in &root {
            match (name.as_str(), value) {
                ("overrides" | "modifiers", Value::Table(words)) => {
                    let is_override = name == "overrides";
                    for (category, value) in words {
                        for word in strings(file, category, value)? {
                            let k = key(&word);
                            if k.is_empty() {
                                return Err(format!("{file}: {word:?} has no letters"));
                            }
                            let list = if is_override {
                                &mut self.overrides
                            } else {
                                &mut self.modifiers
                            };
                            match list.iter().find(|(w, _, _)| *w == k) {
                                Some((_, other, first)) if other != category => {
                                    return Err(format!(
                                        "[{name}] {k:?} is {other} in {first} and {category} in \
                                         {file}: a word has one category"
                                    ));
                                }
                                Some(_) => {}
                                None => list.push((k.clone(), category.clone(), file.to_string())),
                            }
                            if names.compounds
                                && !k.contains(' ')
                                && k.chars().count() >= names.min_head
                            {
                                self.prefixes.insert(k, (category.clone(), is_override));
                            }
                        }
                    }
                }
                (_, Value::Array(_)) => {
                    for phrase in strings(file, name, value)? {
                        self.phrase(file, name, &phrase, names, key)?;
                    }
                }
                _ => {
                    return Err(format!(
                        "{file}: `{name}` is neither a category with a list of phrases nor \
                         [overrides] or [modifiers]"
                    ));
                }
            }
        }
        Ok(())
    }

    fn phrase(
        &mut self,
        file: &str,
        category: &str,
        phrase: &str,
        names: &Names,
        key: fn(&str) -> String,
    ) -> Result<(), String> {
        let k = key(phrase);
        if k.is_empty() {
            return Err(format!("{file}: {phrase:?} has no letters"));
        }
        if phrase.contains('\n') {
            return Err(format!("{file}: {phrase:?} is on two lines"));
        }
        if names.compounds && !k.contains(' ') && k.chars().count() >= names.min_head {
            self.heads.insert(k.clone());
        }
        let first = self.keys.get(&k);
        match first {
            Some((other, first_file, first_phrase)) if other != category => Err(format!(
                "the dictionary key {k:?} is {other} in {first_file} ({first_phrase:?}) and \
                 {category} in {file} ({phrase:?}): a key has one category (leave it out of \
                 one file; src/lang/README.md)"
            )),
            // The same key and category in another language: the phrase is already there.
            Some((_, first_file, _)) if first_file != file => Ok(()),
            _ => {
                self.keys.entry(k).or_insert_with(|| {
                    (category.to_string(), file.to_string(), phrase.to_string())
                });
                self.file
                    .entry(category.to_string())
                    .or_default()
                    .push(phrase.to_string());
                Ok(())
            }
        }
    }

    /// The Rust data of the categoriser (`dictionary.rs`).
    pub fn rust(&self) -> String {
        let mut rust = String::from(
            "// Made by build.rs from src/category/dictionary/*.toml (lang/merge.rs).\n\n\
             /// The dictionary files, merged: each category with its phrases as written, one\n\
             /// a line (one string rather than a slice of them: 8 bytes less a phrase).\n\
             const FILE: &[(&str, &str)] = &[\n",
        );
        for (category, phrases) in &self.file {
            let _ = writeln!(rust, "    ({category:?}, {:?}),", phrases.join("\n"));
        }
        rust.push_str("];\n\n");
        rust.push_str(
            "/// `[overrides]`: words (keys) that put any name holding them in a category.\n",
        );
        rust.push_str("const OVERRIDE_WORDS: &[(&str, &str)] = &[\n");
        for (word, category, _) in &self.overrides {
            let _ = writeln!(rust, "    ({word:?}, {category:?}),");
        }
        rust.push_str("];\n\n");
        rust.push_str("/// `[modifiers]`: words (keys) that put a name in a category unless a longer phrase says otherwise.\n");
        rust.push_str("const MODIFIER_WORDS: &[(&str, &str)] = &[\n");
        for (word, category, _) in &self.modifiers {
            let _ = writeln!(rust, "    ({word:?}, {category:?}),");
        }
        rust.push_str("];\n\n");
        let heads: Vec<&str> = self.heads.iter().map(String::as_str).collect();
        let _ = writeln!(
            rust,
            "/// Keys that end a compound word of a compounding language, one a line.\n\
             const COMPOUND_HEADS: &str = {:?};\n",
            heads.join("\n")
        );
        rust.push_str("/// Override (true) and modifier words that also start a compound word: (key, category, override).\n");
        rust.push_str("const COMPOUND_PREFIXES: &[(&str, &str, bool)] = &[\n");
        for (word, (category, is_override)) in &self.prefixes {
            let _ = writeln!(rust, "    ({word:?}, {category:?}, {is_override}),");
        }
        rust.push_str("];\n");
        rust
    }
}
