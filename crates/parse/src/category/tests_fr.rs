//! The categoriser on French names (`dictionary/fr.toml`), with the head-first rule French
//! declares (`lang/fr.toml`: `jus d'orange` is juice) and the words left out because
//! another language gives their key another category. Every language has cases like
//! these, `tests_<code>.rs`.

use super::*;

#[test]
fn french_categorise_cases() {
    let cases: &[(&str, Option<&str>)] = &[
        // singular and plural, accents as typed or not
        ("lait", Some(DAIRY)),
        ("lait entier", Some(DAIRY)),
        ("Lait demi-écrémé bio", Some(DAIRY)),
        ("œufs", Some(DAIRY)),
        ("œuf", Some(DAIRY)),
        ("oeufs", Some(DAIRY)),
        ("beurre", Some(DAIRY)),
        ("fromage râpé", Some(DAIRY)),
        ("yaourts", Some(DAIRY)),
        ("crème fraîche", Some(DAIRY)),
        ("creme fraiche", Some(DAIRY)),
        ("pain", Some(BAKERY)),
        ("baguettes", Some(BAKERY)),
        ("pain complet", Some(BAKERY)),
        ("croissants", Some(BAKERY)),
        ("gâteau", Some(BAKERY)),
        ("gâteaux", Some(BAKERY)),
        ("gateaux", Some(BAKERY)),
        ("pommes de terre", Some(PRODUCE)),
        ("pomme de terre", Some(PRODUCE)),
        ("pommes golden", Some(PRODUCE)),
        ("tomates", Some(PRODUCE)),
        ("tomate", Some(PRODUCE)),
        ("carottes", Some(PRODUCE)),
        ("poireaux", Some(PRODUCE)),
        ("poireau", Some(PRODUCE)),
        ("pêches", Some(PRODUCE)),
        ("pêche", Some(PRODUCE)),
        ("peches", Some(PRODUCE)),
        ("salade", Some(PRODUCE)),
        ("courgettes", Some(PRODUCE)),
        ("oignons rouges", Some(PRODUCE)),
        ("choux de Bruxelles", Some(PRODUCE)),
        ("poulet", Some(MEAT)),
        ("blancs de poulet", Some(MEAT)),
        ("saucisses", Some(MEAT)),
        ("saucisse", Some(MEAT)),
        ("jambon", Some(MEAT)),
        ("saumon fumé", Some(MEAT)),
        ("steak haché", Some(MEAT)),
        ("steaks hachés", Some(MEAT)),
        ("crevettes", Some(MEAT)),
        ("pâtes", Some(PANTRY)),
        ("pates", Some(PANTRY)),
        ("riz", Some(PANTRY)),
        ("farine", Some(PANTRY)),
        ("sucre", Some(PANTRY)),
        ("huile d'olive", Some(PANTRY)),
        ("sauce tomate", Some(PANTRY)),
        ("thon", Some(PANTRY)),
        ("café", Some(BEVERAGES)),
        ("cafe", Some(BEVERAGES)),
        ("eau gazeuse", Some(BEVERAGES)),
        ("vin rouge", Some(BEVERAGES)),
        ("bière", Some(BEVERAGES)),
        ("bières", Some(BEVERAGES)),
        ("chips", Some(SNACKS)),
        ("chocolat noir", Some(SNACKS)),
        ("papier toilette", Some(HOUSEHOLD)),
        ("liquide vaisselle", Some(HOUSEHOLD)),
        ("lessive", Some(HOUSEHOLD)),
        ("éponges", Some(HOUSEHOLD)),
        ("bougies", Some(HOUSEHOLD)),
        ("dentifrice", Some(PERSONAL)),
        ("shampoing", Some(PERSONAL)),
        ("brosses à dents", Some(PERSONAL)),
        ("brosse à dents", Some(PERSONAL)),
        ("couches", Some(BABY)),
        ("couche", Some(BABY)),
        ("croquettes", Some(PETS)),
        ("litière", Some(PETS)),
        ("glaçons", Some(FROZEN)),
        ("frites", Some(FROZEN)),
        ("fleurs", Some(OTHER)),
        // the head noun first: a name with a connector goes by the words before it
        ("jus d'orange", Some(BEVERAGES)),
        ("jus de pamplemousse", Some(BEVERAGES)),
        ("Jus D’Ananas bio", Some(BEVERAGES)),
        ("confiture de fraises", Some(PANTRY)),
        ("soupe de légumes", Some(PANTRY)),
        ("yaourt à la fraise", Some(DAIRY)),
        ("glace à la fraise", Some(FROZEN)),
        ("tarte aux poires", Some(BAKERY)),
        ("chips au paprika", Some(SNACKS)),
        ("lait de vache", Some(DAIRY)),
        // without one, the rightmost dictionary word, as in English
        ("poulet fermier", Some(MEAT)),
        ("chocolat noir 70%", Some(SNACKS)),
        // names whose first word misleads are listed
        ("lait de coco", Some(PANTRY)),
        ("lait d'amande", Some(BEVERAGES)),
        ("beurre de cacahuète", Some(PANTRY)),
        ("sucre glace", Some(PANTRY)),
        ("langue de chat", Some(SNACKS)),
        ("croquettes de pommes de terre", Some(FROZEN)),
        ("eau de Javel", Some(HOUSEHOLD)),
        // override and modifier words
        ("haricots verts surgelés", Some(FROZEN)),
        ("framboises congelées", Some(FROZEN)),
        ("pizza surgelée", Some(FROZEN)),
        ("croquettes pour chien", Some(PETS)),
        ("shampoing pour chien", Some(PETS)),
        ("friandises pour chat", Some(PETS)),
        ("lait bébé", Some(BABY)),
        ("petits pots", Some(BABY)),
        // French, English and German in one list
        ("chocolate milk", Some(DAIRY)),
        ("Vollmilch", Some(DAIRY)),
        ("orange juice", Some(BEVERAGES)),
    ];
    for (name, expected) in cases {
        assert_eq!(categorise(name), *expected, "categorise({name:?})");
    }
}

#[test]
fn words_another_language_keeps() {
    // German `Pommes` (fries) has the key `pomme`: apples are named by their kind.
    assert_eq!(categorise("pommes"), Some(FROZEN));
    assert_eq!(categorise("pomme verte"), Some(PRODUCE));
    assert_eq!(categorise("pommes gala"), Some(PRODUCE));
    assert_eq!(categorise("jus de pomme"), Some(BEVERAGES));
    // English `raisins` and `prunes` are dried fruit; fresh ones have their own phrases.
    assert_eq!(categorise("raisins"), Some(PANTRY));
    assert_eq!(categorise("raisins secs"), Some(PANTRY));
    assert_eq!(categorise("raisin blanc"), Some(PRODUCE));
    assert_eq!(categorise("prunes"), Some(PANTRY));
    assert_eq!(categorise("prunes fraîches"), Some(PRODUCE));
    // German `Creme` is a skin cream; the creams of the kitchen are listed.
    assert_eq!(categorise("crème"), Some(PERSONAL));
    assert_eq!(categorise("crème liquide"), Some(DAIRY));
    // `thé` alone would be the key `the`: not a drink, or every "… the …" would be one.
    assert_eq!(categorise("thé"), None);
    assert_eq!(categorise("thé vert"), Some(BEVERAGES));
    assert_eq!(categorise("sachets de thé"), Some(BEVERAGES));
    // `pâté` and `pâtes` share the key `pate`: pasta wins.
    assert_eq!(categorise("pâté"), Some(PANTRY));
    assert_eq!(categorise("pâté de campagne"), Some(MEAT));
    // English names keep their categories.
    assert_eq!(categorise("the cheese"), Some(DAIRY));
    assert_eq!(categorise("snack bar"), Some(SNACKS), "not `bar`, the fish");
}

#[test]
fn every_french_phrase_categorises_to_its_own_category() {
    let count = super::tests::check_every_phrase(include_str!("dictionary/fr.toml"));
    assert!(count >= 250, "only {count} French phrases");
}
