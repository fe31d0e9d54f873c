//! Units of measure: canonical names, lenient recognition of what people type,
//! and human display of units and quantities.

use serde::{Deserialize, Serialize};
use strum::{Display, EnumString, IntoStaticStr, VariantArray};

/// A canonical unit. Serialises and displays as its canonical string (`"kg"`, `"tbsp"`…).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    VariantArray,
    IntoStaticStr,
    EnumString,
    Display,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Unit {
    G,
    Kg,
    Mg,
    Ml,
    Cl,
    Dl,
    L,
    Oz,
    Lb,
    Cup,
    Tbsp,
    Tsp,
    Pt,
    Qt,
    Gal,
    Can,
    Jar,
    Bottle,
    Pack,
    Bag,
    Box,
    Loaf,
    Bunch,
    Head,
    Clove,
    Slice,
    Piece,
}

impl Unit {
    /// Every unit, in display order.
    pub const ALL: &[Unit] = Self::VARIANTS;

    /// The canonical string, as stored in the database and sent over the API.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The unit whose canonical string is exactly `s` (no case folding, no aliases).
    pub fn from_canonical(s: &str) -> Option<Unit> {
        s.parse().ok()
    }

    /// Leniently recognise a unit word as people type it, in any language aisle reads
    /// (`src/lang/<code>.toml`): any case, plurals, common abbreviations, an optional
    /// trailing full stop (`tbsp.`, `St.`). Ambiguous single letters (`t`, `c`) are not
    /// units; only `g` and `l` are. Several words single-spaced are one unit word when a
    /// language has them (`cuillère à soupe`).
    pub fn recognise(word: &str) -> Option<Unit> {
        let word = word.strip_suffix('.').unwrap_or(word);
        if word.is_empty() || word.len() > crate::lang::UNIT_MAX_LEN {
            return None;
        }
        crate::lang::unit(word)
    }

    /// Human display for `quantity` of this unit. Abbreviations never change
    /// (`g`, `kg`, `tbsp`…); counted units are plural above one
    /// (`cup`/`cups`, `loaf`/`loaves`, `box`/`boxes`).
    pub fn label(self, quantity: Option<f64>) -> String {
        let plural = quantity.is_some_and(|q| q.abs() > 1.0);
        let word = self.as_str();
        if !plural {
            return word.to_string();
        }
        match self {
            Unit::G
            | Unit::Kg
            | Unit::Mg
            | Unit::Ml
            | Unit::Cl
            | Unit::Dl
            | Unit::L
            | Unit::Oz
            | Unit::Lb
            | Unit::Tbsp
            | Unit::Tsp
            | Unit::Pt
            | Unit::Qt
            | Unit::Gal => word.to_string(),
            Unit::Loaf => "loaves".to_string(),
            Unit::Box => "boxes".to_string(),
            Unit::Bunch => "bunches".to_string(),
            Unit::Cup
            | Unit::Can
            | Unit::Jar
            | Unit::Bottle
            | Unit::Pack
            | Unit::Bag
            | Unit::Head
            | Unit::Clove
            | Unit::Slice
            | Unit::Piece => format!("{word}s"),
        }
    }
}

/// "2 cups", "500 g", "3", or "" when there is no quantity or unit (`unit` canonical).
pub fn amount(quantity: Option<f64>, unit: Option<&str>) -> String {
    let unit = unit.and_then(Unit::from_canonical);
    match (quantity, unit) {
        (Some(q), Some(u)) => format!("{} {}", format_quantity(q), u.label(Some(q))),
        (Some(q), None) => format_quantity(q),
        (None, Some(u)) => u.label(None),
        (None, None) => String::new(),
    }
}

/// Common vulgar fractions used for display: (value, glyph, is a half).
const DISPLAY_FRACTIONS: [(f64, &str, bool); 5] = [
    (0.25, "¼", false),
    (0.5, "½", true),
    (0.75, "¾", false),
    (1.0 / 3.0, "⅓", false),
    (2.0 / 3.0, "⅔", false),
];

/// Human display of a quantity.
///
/// - whole numbers print plainly: `2` → `"2"`;
/// - below one, a common fraction (¼ ½ ¾ ⅓ ⅔, within 1e-6) prints as its glyph: `0.5` → `"½"`;
/// - above one, quarters and thirds print as mixed glyphs (`1.25` → `"1¼"`, `2.333…` → `"2⅓"`)
///   because their decimals are long, while halves keep the short decimal people type
///   (`1.5` → `"1.5"`);
/// - anything else prints with up to three decimals, trailing zeros trimmed.
pub fn format_quantity(q: f64) -> String {
    if !q.is_finite() {
        return q.to_string();
    }
    // Most quantities are whole: print them as integers, skipping the slow exact formatting
    // of `{:.3}` (it showed in the list page's profile).
    if q.fract() == 0.0 && q.abs() < 1e15 {
        return (q as i64).to_string();
    }
    let sign = if q < 0.0 { "-" } else { "" };
    let abs = q.abs();
    let whole = abs.trunc();
    let frac = abs - whole;
    for (value, glyph, is_half) in DISPLAY_FRACTIONS {
        if (frac - value).abs() <= 1e-6 {
            if whole < 0.5 {
                return format!("{sign}{glyph}");
            }
            if !is_half {
                return format!("{sign}{whole}{glyph}");
            }
        }
    }
    let text = format!("{q:.3}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text.as_str()
    };
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_round_trip_for_every_unit() {
        for &unit in Unit::ALL {
            assert_eq!(Unit::from_canonical(unit.as_str()), Some(unit));
            assert_eq!(unit.to_string(), unit.as_str());
            assert_eq!(Unit::recognise(unit.as_str()), Some(unit), "{unit}");
            let json = serde_json::to_string(&unit).unwrap();
            assert_eq!(json, format!("\"{}\"", unit.as_str()));
            let back: Unit = serde_json::from_str(&json).unwrap();
            assert_eq!(back, unit);
        }
        let mut names: Vec<&str> = Unit::ALL.iter().map(|u| u.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 27, "canonical names are unique");
    }

    #[test]
    fn from_canonical_is_exact() {
        assert_eq!(Unit::from_canonical("kg"), Some(Unit::Kg));
        assert_eq!(Unit::from_canonical("Kg"), None);
        assert_eq!(Unit::from_canonical("kgs"), None);
        assert_eq!(Unit::from_canonical(" kg"), None);
        assert_eq!(Unit::from_canonical(""), None);
        assert_eq!(Unit::from_canonical("pcs"), None);
    }

    #[test]
    fn recognise_table() {
        let cases: &[(&str, Option<Unit>)] = &[
            ("g", Some(Unit::G)),
            ("G", Some(Unit::G)),
            ("gr", Some(Unit::G)),
            ("gram", Some(Unit::G)),
            ("grams", Some(Unit::G)),
            ("Grammes", Some(Unit::G)),
            ("kg", Some(Unit::Kg)),
            ("Kg", Some(Unit::Kg)),
            ("KG", Some(Unit::Kg)),
            ("kilos", Some(Unit::Kg)),
            ("kilogram", Some(Unit::Kg)),
            ("kilograms", Some(Unit::Kg)),
            ("mg", Some(Unit::Mg)),
            ("milligrams", Some(Unit::Mg)),
            ("ml", Some(Unit::Ml)),
            ("mL", Some(Unit::Ml)),
            ("millilitres", Some(Unit::Ml)),
            ("milliliters", Some(Unit::Ml)),
            ("cl", Some(Unit::Cl)),
            ("centilitres", Some(Unit::Cl)),
            ("dl", Some(Unit::Dl)),
            ("l", Some(Unit::L)),
            ("L", Some(Unit::L)),
            ("litre", Some(Unit::L)),
            ("litres", Some(Unit::L)),
            ("liters", Some(Unit::L)),
            ("ltr", Some(Unit::L)),
            ("oz", Some(Unit::Oz)),
            ("oz.", Some(Unit::Oz)),
            ("ounces", Some(Unit::Oz)),
            ("lb", Some(Unit::Lb)),
            ("lbs", Some(Unit::Lb)),
            ("LBS", Some(Unit::Lb)),
            ("pounds", Some(Unit::Lb)),
            ("cup", Some(Unit::Cup)),
            ("Cups", Some(Unit::Cup)),
            ("tbsp", Some(Unit::Tbsp)),
            ("tbsp.", Some(Unit::Tbsp)),
            ("Tbsp", Some(Unit::Tbsp)),
            ("tbs", Some(Unit::Tbsp)),
            ("tablespoons", Some(Unit::Tbsp)),
            ("tsp", Some(Unit::Tsp)),
            ("tsp.", Some(Unit::Tsp)),
            ("teaspoons", Some(Unit::Tsp)),
            ("pints", Some(Unit::Pt)),
            ("pt", Some(Unit::Pt)),
            ("quarts", Some(Unit::Qt)),
            ("gallons", Some(Unit::Gal)),
            ("gal", Some(Unit::Gal)),
            ("cans", Some(Unit::Can)),
            ("tins", Some(Unit::Can)),
            ("tin", Some(Unit::Can)),
            ("jars", Some(Unit::Jar)),
            ("bottles", Some(Unit::Bottle)),
            ("packs", Some(Unit::Pack)),
            ("packets", Some(Unit::Pack)),
            ("pkg", Some(Unit::Pack)),
            ("package", Some(Unit::Pack)),
            ("bags", Some(Unit::Bag)),
            ("boxes", Some(Unit::Box)),
            ("loaves", Some(Unit::Loaf)),
            ("bunches", Some(Unit::Bunch)),
            ("heads", Some(Unit::Head)),
            ("cloves", Some(Unit::Clove)),
            ("slices", Some(Unit::Slice)),
            ("pieces", Some(Unit::Piece)),
            ("pcs", Some(Unit::Piece)),
            ("pc", Some(Unit::Piece)),
            ("T", None),
            ("t", None),
            ("c", None),
            ("", None),
            (".", None),
            ("milk", None),
            ("seasoning", None),
            ("grammar", None),
            ("kgg", None),
            ("tbsp..", None),
        ];
        for (word, expected) in cases {
            assert_eq!(Unit::recognise(word), *expected, "recognise({word:?})");
        }
    }

    #[test]
    fn labels_pluralise_counted_units_only() {
        let cases: &[(Unit, Option<f64>, &str)] = &[
            (Unit::Cup, Some(1.0), "cup"),
            (Unit::Cup, Some(2.0), "cups"),
            (Unit::Cup, Some(0.5), "cup"),
            (Unit::Cup, Some(1.5), "cups"),
            (Unit::Cup, None, "cup"),
            (Unit::Loaf, Some(1.0), "loaf"),
            (Unit::Loaf, Some(3.0), "loaves"),
            (Unit::Box, Some(2.0), "boxes"),
            (Unit::Bunch, Some(2.0), "bunches"),
            (Unit::Can, Some(4.0), "cans"),
            (Unit::Piece, Some(6.0), "pieces"),
            (Unit::Clove, Some(3.0), "cloves"),
            (Unit::Head, Some(2.0), "heads"),
            (Unit::G, Some(500.0), "g"),
            (Unit::Kg, Some(2.0), "kg"),
            (Unit::L, Some(2.0), "l"),
            (Unit::Lb, Some(2.0), "lb"),
            (Unit::Tbsp, Some(3.0), "tbsp"),
            (Unit::Tsp, Some(2.0), "tsp"),
        ];
        for (unit, q, expected) in cases {
            assert_eq!(unit.label(*q), *expected, "{unit:?} {q:?}");
        }
    }

    #[test]
    fn format_quantity_cases() {
        let cases: &[(f64, &str)] = &[
            (2.0, "2"),
            (0.0, "0"),
            (12.0, "12"),
            (500.0, "500"),
            (1.5, "1.5"),
            (2.5, "2.5"),
            (0.5, "½"),
            (0.25, "¼"),
            (0.75, "¾"),
            (1.25, "1¼"),
            (2.75, "2¾"),
            (1.0 / 3.0, "⅓"),
            (0.333_333_3, "⅓"),
            (2.0 / 3.0, "⅔"),
            (1.0 + 1.0 / 3.0, "1⅓"),
            (0.1, "0.1"),
            (0.125, "0.125"),
            (1.2, "1.2"),
            (2.123_4, "2.123"),
            (0.333, "0.333"),
            (1.999_999_9, "2"),
            (0.000_1, "0"),
            (-2.0, "-2"),
            (-0.5, "-½"),
            (-0.000_1, "0"),
            (1_000_000.0, "1000000"),
            (0.0, "0"),
            (-0.0, "0"),
            (1e15, "1000000000000000"),
        ];
        for (q, expected) in cases {
            assert_eq!(format_quantity(*q), *expected, "format_quantity({q})");
        }
        assert_eq!(format_quantity(f64::NAN), "NaN");
    }
}
