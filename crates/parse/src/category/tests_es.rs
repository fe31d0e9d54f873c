//! The categoriser on Spanish names (`dictionary/es.toml`), with the head-first rule
//! Spanish declares (`lang/es.toml`: `zumo de naranja` is juice) and its limits. Every
//! language has cases like these, `tests_<code>.rs`.

use super::*;

#[test]
fn spanish_categorise_cases() {
    let cases: &[(&str, Option<&str>)] = &[
        // singular and plural (`limones` and `limón` are two keys), accents as typed or not
        ("leche", Some(DAIRY)),
        ("leche desnatada", Some(DAIRY)),
        ("Leche entera", Some(DAIRY)),
        ("huevos", Some(DAIRY)),
        ("huevo", Some(DAIRY)),
        ("queso", Some(DAIRY)),
        ("quesos", Some(DAIRY)),
        ("yogur", Some(DAIRY)),
        ("yogures", Some(DAIRY)),
        ("mantequilla", Some(DAIRY)),
        ("nata", Some(DAIRY)),
        ("pan", Some(BAKERY)),
        ("panes", Some(BAKERY)),
        ("barra de pan", Some(BAKERY)),
        ("magdalenas", Some(BAKERY)),
        ("manzanas", Some(PRODUCE)),
        ("manzana", Some(PRODUCE)),
        ("plátanos", Some(PRODUCE)),
        ("platano", Some(PRODUCE)),
        ("limón", Some(PRODUCE)),
        ("limon", Some(PRODUCE)),
        ("limones", Some(PRODUCE)),
        ("patatas", Some(PRODUCE)),
        ("papas", Some(PRODUCE)),
        ("cebollas", Some(PRODUCE)),
        ("tomates", Some(PRODUCE)),
        ("zanahorias", Some(PRODUCE)),
        ("lechuga", Some(PRODUCE)),
        ("pimientos rojos", Some(PRODUCE)),
        ("champiñones", Some(PRODUCE)),
        ("calabacines", Some(PRODUCE)),
        ("carne picada", Some(MEAT)),
        ("pollo", Some(MEAT)),
        ("jamón serrano", Some(MEAT)),
        ("salchichas", Some(MEAT)),
        ("gambas", Some(MEAT)),
        ("mejillones", Some(MEAT)),
        ("arroz", Some(PANTRY)),
        ("espaguetis", Some(PANTRY)),
        ("macarrones", Some(PANTRY)),
        ("harina", Some(PANTRY)),
        ("azúcar", Some(PANTRY)),
        ("azucar", Some(PANTRY)),
        ("atún", Some(PANTRY)),
        ("garbanzos", Some(PANTRY)),
        ("frijoles", Some(PANTRY)),
        ("galletas", Some(SNACKS)),
        ("patatas fritas", Some(SNACKS)),
        ("nueces", Some(SNACKS)),
        ("café", Some(BEVERAGES)),
        ("té", Some(BEVERAGES)),
        ("agua", Some(BEVERAGES)),
        ("cerveza", Some(BEVERAGES)),
        ("vino tinto", Some(BEVERAGES)),
        ("helado", Some(FROZEN)),
        ("croquetas", Some(FROZEN)),
        ("papel higiénico", Some(HOUSEHOLD)),
        ("lavavajillas", Some(HOUSEHOLD)),
        ("bolsas de basura", Some(HOUSEHOLD)),
        ("pilas", Some(HOUSEHOLD)),
        ("pasta de dientes", Some(PERSONAL)),
        ("champú", Some(PERSONAL)),
        ("pañales", Some(BABY)),
        ("toallitas", Some(BABY)),
        ("pienso", Some(PETS)),
        ("papel de regalo", Some(OTHER)),
        ("flores", Some(OTHER)),
    ];
    for (name, expected) in cases {
        assert_eq!(categorise(name), *expected, "categorise({name:?})");
    }
}

#[test]
fn a_spanish_name_is_categorised_by_its_first_words() {
    for (name, expected) in [
        // the words before `de`, `con`, `sin`, `para`, `en`
        ("zumo de naranja", BEVERAGES),
        ("jugo de manzana", BEVERAGES),
        ("helado de chocolate", FROZEN),
        ("helado de fresa", FROZEN),
        ("yogur de fresa", DAIRY),
        ("queso de oveja", DAIRY),
        ("pechuga de pollo", MEAT),
        ("pechugas de pavo", MEAT),
        ("galletas de chocolate", SNACKS),
        ("tarta de manzana", BAKERY),
        ("pan de hamburguesa", BAKERY),
        ("salsa de tomate", PANTRY),
        ("caldo de pollo", PANTRY),
        ("harina de maíz", PANTRY),
        ("aceite de coco", PANTRY),
        ("leche sin lactosa", DAIRY),
        ("cerveza sin alcohol", BEVERAGES),
        ("agua con gas", BEVERAGES),
        ("café con leche", BEVERAGES),
        ("atún en aceite", PANTRY),
        // without a connector, the rightmost word the dictionary knows
        ("pollo asado", MEAT),
        ("queso manchego curado", DAIRY),
        ("cerveza Mahou", BEVERAGES),
        // names whose first words mislead are listed
        ("leche de coco", PANTRY),
        ("leche de avena", BEVERAGES),
        ("leche de almendras", BEVERAGES),
        ("mantequilla de cacahuete", PANTRY),
        ("pan rallado", PANTRY),
        ("pasta de dientes blanqueadora", PERSONAL),
        ("crema de manos", PERSONAL),
        ("papel de cocina", HOUSEHOLD),
        ("bolsas de basura grandes", HOUSEHOLD),
    ] {
        assert_eq!(categorise(name), Some(expected), "categorise({name:?})");
    }
}

#[test]
fn spanish_override_and_modifier_words() {
    for (name, expected) in [
        ("pollo congelado", FROZEN),
        ("guisantes congelados", FROZEN),
        ("espinacas ultracongeladas", FROZEN),
        ("pizza congelada", FROZEN),
        ("champú para perros", PETS),
        ("leche para gatos", PETS),
        ("comida para perros", PETS),
        ("juguete para gato", PETS),
        ("crema para bebés", BABY),
        ("champú infantil", BABY),
        // a listed phrase of two words wins over a modifier word
        ("pan de perritos", BAKERY),
        ("colonia infantil", BABY),
        ("crema del pañal", BABY),
    ] {
        assert_eq!(categorise(name), Some(expected), "categorise({name:?})");
    }
    // `perrito` is no modifier: `perritos calientes` are hot dogs
    assert_eq!(categorise("perritos calientes"), Some(MEAT));
}

#[test]
fn spanish_limits_and_other_languages() {
    // English's paprika (the spice) keeps its key; the vegetable is `pimiento`
    assert_eq!(categorise("paprika"), Some(PANTRY));
    assert_eq!(categorise("pimentón"), Some(PANTRY));
    assert_eq!(categorise("pimiento"), Some(PRODUCE));
    // `el` is no Spanish word, and the definite article does not hide the name
    assert_eq!(categorise("el pan"), Some(BAKERY));
    // Spanish has no compounds: words are not cut
    assert_eq!(categorise("abrelatas"), None);
    assert_eq!(categorise("quitaesmalte"), Some(PERSONAL), "listed");
    // English, German and Spanish in one list
    for (name, expected) in [
        ("chocolate milk", DAIRY),
        ("Vollmilch", DAIRY),
        ("Orangensaft", BEVERAGES),
        ("leche", DAIRY),
        ("milk", DAIRY),
        ("Milch", DAIRY),
        ("tomate", PRODUCE),
        ("Tomate", PRODUCE),
    ] {
        assert_eq!(categorise(name), Some(expected), "categorise({name:?})");
    }
}

#[test]
fn every_spanish_phrase_categorises_to_its_own_category() {
    let count = super::tests::check_every_phrase(include_str!("dictionary/es.toml"));
    assert!(count >= 250, "only {count} Spanish phrases");
}
