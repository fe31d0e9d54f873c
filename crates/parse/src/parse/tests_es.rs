//! The parser's Spanish table (`src/lang/es.toml`): what Spanish-speaking households type,
//! and what it must become. Every language has a table like it, `tests_<code>.rs`.

use super::table::*;
use super::*;

/// Single-item cases: input → (quantity, unit, name, note).
#[rustfmt::skip]
const ONE: &[Case] = &[
    // names and numbers
    ("leche", None, None, "leche", None),
    ("3 huevos", Some(3.0), None, "huevos", None),
    ("dos limones", Some(2.0), None, "limones", None),
    ("Tres manzanas", Some(3.0), None, "manzanas", None),
    ("cinco plátanos", Some(5.0), None, "plátanos", None),
    ("once panecillos", Some(11.0), None, "panecillos", None),
    ("doce huevos", Some(12.0), None, "huevos", None),
    ("uno", None, None, "uno", None),
    // articles count one when more words follow; `el` is no article (German `EL`)
    ("un aguacate", Some(1.0), None, "aguacate", None),
    ("una lechuga", Some(1.0), None, "lechuga", None),
    ("Una cabeza de ajo", Some(1.0), Some(Unit::Head), "ajo", None),
    ("un kilo de harina", Some(1.0), Some(Unit::Kg), "harina", None),
    ("un", None, None, "un", None),
    ("el pan", None, None, "el pan", None),
    // a dozen, a couple, and half (no article: `medio kilo`, `media docena`)
    ("una docena de huevos", Some(12.0), None, "huevos", None),
    ("dos docenas de huevos", Some(24.0), None, "huevos", None),
    ("2 docenas de huevos", Some(24.0), None, "huevos", None),
    ("docena de huevos", Some(12.0), None, "huevos", None),
    ("media docena de huevos", Some(6.0), None, "huevos", None),
    ("una docena", None, None, "una docena", None),
    ("un par de limones", Some(2.0), None, "limones", None),
    ("medio kilo de carne picada", Some(0.5), Some(Unit::Kg), "carne picada", None),
    ("media sandía", Some(0.5), None, "sandía", None),
    ("Medio litro de nata", Some(0.5), Some(Unit::L), "nata", None),
    ("media", None, None, "media", None),
    ("½ sandía", Some(0.5), None, "sandía", None),
    // vague amounts are no count
    ("un poco de sal", None, None, "un poco de sal", None),
    ("una pizca de sal", None, None, "una pizca de sal", None),
    ("un montón de tomates", None, None, "un montón de tomates", None),
    ("un puñado de nueces", None, None, "un puñado de nueces", None),
    // decimal comma, glued units, the filler `de`
    ("1,5 kg de harina", Some(1.5), Some(Unit::Kg), "harina", None),
    ("0,5 l de nata", Some(0.5), Some(Unit::L), "nata", None),
    ("500g de carne picada", Some(500.0), Some(Unit::G), "carne picada", None),
    ("500 gramos de queso", Some(500.0), Some(Unit::G), "queso", None),
    ("250 ml de leche", Some(250.0), Some(Unit::Ml), "leche", None),
    ("2 litros de leche", Some(2.0), Some(Unit::L), "leche", None),
    ("1 kilo de naranjas", Some(1.0), Some(Unit::Kg), "naranjas", None),
    ("2 kg patatas", Some(2.0), Some(Unit::Kg), "patatas", None),
    ("1 Kg de Tomates", Some(1.0), Some(Unit::Kg), "Tomates", None),
    ("1 1/2 cucharaditas de sal", Some(1.5), Some(Unit::Tsp), "sal", None),
    // units, abbreviations and case
    ("2 cucharadas de azúcar", Some(2.0), Some(Unit::Tbsp), "azúcar", None),
    ("2 cdas de aceite", Some(2.0), Some(Unit::Tbsp), "aceite", None),
    ("1 cda. de vinagre", Some(1.0), Some(Unit::Tbsp), "vinagre", None),
    ("2 cucharadas soperas de aceite", Some(2.0), Some(Unit::Tbsp), "aceite", None),
    ("3 cucharaditas de canela", Some(3.0), Some(Unit::Tsp), "canela", None),
    ("1 cdta de sal", Some(1.0), Some(Unit::Tsp), "sal", None),
    ("2 tazas de harina", Some(2.0), Some(Unit::Cup), "harina", None),
    ("1 manojo de perejil", Some(1.0), Some(Unit::Bunch), "perejil", None),
    ("1 atado de cilantro", Some(1.0), Some(Unit::Bunch), "cilantro", None),
    ("3 latas de tomate", Some(3.0), Some(Unit::Can), "tomate", None),
    ("2 LATAS de atún", Some(2.0), Some(Unit::Can), "atún", None),
    ("2 paquetes de espaguetis", Some(2.0), Some(Unit::Pack), "espaguetis", None),
    ("1 paq. de levadura", Some(1.0), Some(Unit::Pack), "levadura", None),
    ("6 botellas de agua", Some(6.0), Some(Unit::Bottle), "agua", None),
    ("1 tarro de miel", Some(1.0), Some(Unit::Jar), "miel", None),
    ("2 frascos de pepinillos", Some(2.0), Some(Unit::Jar), "pepinillos", None),
    ("1 bolsa de patatas fritas", Some(1.0), Some(Unit::Bag), "patatas fritas", None),
    ("1 caja de bombones", Some(1.0), Some(Unit::Box), "bombones", None),
    ("4 lonchas de jamón", Some(4.0), Some(Unit::Slice), "jamón", None),
    ("2 rebanadas de pan", Some(2.0), Some(Unit::Slice), "pan", None),
    ("3 dientes de ajo", Some(3.0), Some(Unit::Clove), "ajo", None),
    ("2 cabezas de ajo", Some(2.0), Some(Unit::Head), "ajo", None),
    ("1 hogaza de pan", Some(1.0), Some(Unit::Loaf), "pan", None),
    ("2 piezas de fruta", Some(2.0), Some(Unit::Piece), "fruta", None),
    ("6 uds. de yogur", Some(6.0), Some(Unit::Piece), "yogur", None),
    ("1 libra de carne", Some(1.0), Some(Unit::Lb), "carne", None),
    ("8 onzas de queso", Some(8.0), Some(Unit::Oz), "queso", None),
    ("1 galón de leche", Some(1.0), Some(Unit::Gal), "leche", None),
    // words that are no unit of aisle's, or only look like one, stay in the name
    ("1 bote de garbanzos", Some(1.0), None, "bote de garbanzos", None),
    ("1 sobre de levadura", Some(1.0), None, "sobre de levadura", None),
    ("2 barras de pan", Some(2.0), None, "barras de pan", None),
    ("1 brick de leche", Some(1.0), None, "brick de leche", None),
    ("2 cucharas de madera", Some(2.0), None, "cucharas de madera", None),
    ("2 latas", Some(2.0), None, "latas", None),
    ("1 cucharada", Some(1.0), None, "cucharada", None),
    ("1 abrelatas", Some(1.0), None, "abrelatas", None),
    ("lata de atún", None, None, "lata de atún", None),
    ("Cajas de cartón", None, None, "Cajas de cartón", None),
    // notes
    ("leche (sin lactosa)", None, None, "leche", Some("sin lactosa")),
    ("2 l de leche (entera, ecológica)", Some(2.0), Some(Unit::L), "leche", Some("entera, ecológica")),
    ("pan - de la panadería", None, None, "pan", Some("de la panadería")),
    // quantities after the name
    ("queso 200g", Some(200.0), Some(Unit::G), "queso", None),
    ("leche 2 litros", Some(2.0), Some(Unit::L), "leche", None),
    ("tomate 3 latas", Some(3.0), Some(Unit::Can), "tomate", None),
    ("huevos x12", Some(12.0), None, "huevos", None),
    ("2x yogur", Some(2.0), None, "yogur", None),
    // list markers
    ("- [ ] 2 litros de leche", Some(2.0), Some(Unit::L), "leche", None),
    ("• 1 manojo de rábanos", Some(1.0), Some(Unit::Bunch), "rábanos", None),
];

#[test]
fn spanish_single_item_table() {
    assert!(ONE.len() >= 45);
    check_single_items(ONE);
}

#[test]
fn spanish_and_mixed_pastes() {
    let cases: Vec<(&str, Vec<ParsedItem>)> = vec![
        (
            "2 litros de leche, 3 eggs, 1 Bund Petersilie, 1 manojo de cilantro",
            vec![
                item(Some(2.0), Some(Unit::L), "leche"),
                item(Some(3.0), None, "eggs"),
                item(Some(1.0), Some(Unit::Bunch), "Petersilie"),
                item(Some(1.0), Some(Unit::Bunch), "cilantro"),
            ],
        ),
        (
            "1,5 kg de harina; 2 Dosen Tomaten; una barra de pan, 2 EL Zucker",
            vec![
                item(Some(1.5), Some(Unit::Kg), "harina"),
                item(Some(2.0), Some(Unit::Can), "Tomaten"),
                item(Some(1.0), None, "barra de pan"),
                item(Some(2.0), Some(Unit::Tbsp), "Zucker"),
            ],
        ),
        (
            "a dozen eggs\nuna docena de huevos\nein Dutzend Eier\n2 cups milk\n2 tazas de leche",
            vec![
                item(Some(12.0), None, "eggs"),
                item(Some(12.0), None, "huevos"),
                item(Some(12.0), None, "Eier"),
                item(Some(2.0), Some(Unit::Cup), "milk"),
                item(Some(2.0), Some(Unit::Cup), "leche"),
            ],
        ),
        (
            "half a lemon\nmedio limón\nein halbes Brot",
            vec![
                item(Some(0.5), None, "lemon"),
                item(Some(0.5), None, "limón"),
                item(Some(0.5), None, "Brot"),
            ],
        ),
        (
            "leche\nhuevos\npan",
            vec![
                item(None, None, "leche"),
                item(None, None, "huevos"),
                item(None, None, "pan"),
            ],
        ),
    ];
    check_pastes(&cases);
}

#[test]
fn spanish_quantities_and_amounts_on_their_own() {
    for (text, expected) in [
        ("dos", Some(2.0)),
        ("uno", Some(1.0)),
        ("una docena", Some(12.0)),
        ("media docena", Some(6.0)),
        ("medio", Some(0.5)),
        ("1,5", Some(1.5)),
        ("un poco", None),
        ("2 cucharadas", None),
    ] {
        assert_eq!(parse_quantity(text), expected, "{text:?}");
    }
    for (text, expected) in [
        ("2 cucharadas", Some((2.0, Some(Unit::Tbsp)))),
        ("1,5 litros", Some((1.5, Some(Unit::L)))),
        ("3 latas", Some((3.0, Some(Unit::Can)))),
        ("dos botellas", Some((2.0, Some(Unit::Bottle)))),
        ("medio kilo", Some((0.5, Some(Unit::Kg)))),
        ("2 botes", None),
    ] {
        assert_eq!(parse_amount(text), expected, "{text:?}");
    }
}

#[test]
fn no_spanish_word_is_lost() {
    // `soperas` is the second word of the unit `cucharadas soperas`
    check_no_word_lost(ONE, |word, _| consumable(word) || word == "soperas");
}
