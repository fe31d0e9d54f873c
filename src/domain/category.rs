//! Categories: the household defaults, the normalised name key used to remember
//! corrections, and the built-in grocery dictionary.
//!
//! `categorise` matches on `name_key(name)`, in this order:
//! 1. the whole key is a dictionary phrase (`chicken stock`);
//! 2. the key holds the word `frozen` → Frozen (`frozen chicken breasts`);
//! 3. the longest dictionary phrase of two or more words inside the key, the
//!    rightmost on a tie (`organic peanut butter` → Pantry, beating `butter`);
//! 4. a pet or baby word (`dog shampoo` → Pets, `baby shampoo` → Baby), after
//!    multi-word phrases so `hot dog buns` and `baby carrots` stay put;
//! 5. the rightmost single dictionary word, as English puts the head noun last
//!    (`chocolate milk` → Dairy & Eggs, `milk chocolate` → Snacks).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The categories every household starts with, in default aisle order.
pub const DEFAULT_CATEGORIES: [&str; 13] = [
    PRODUCE, BAKERY, MEAT, DAIRY, FROZEN, PANTRY, SNACKS, BEVERAGES, HOUSEHOLD, PERSONAL, BABY,
    PETS, OTHER,
];

/// The category for anything the dictionary and the household do not know.
pub const FALLBACK: &str = OTHER;

const PRODUCE: &str = "Produce";
const BAKERY: &str = "Bakery";
const MEAT: &str = "Meat & Fish";
const DAIRY: &str = "Dairy & Eggs";
const FROZEN: &str = "Frozen";
const PANTRY: &str = "Pantry";
const SNACKS: &str = "Snacks";
const BEVERAGES: &str = "Beverages";
const HOUSEHOLD: &str = "Household";
const PERSONAL: &str = "Personal Care";
const BABY: &str = "Baby";
const PETS: &str = "Pets";
const OTHER: &str = "Other";

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

/// Words that make anything Frozen, whatever else the name says.
const FROZEN_WORDS: &[&str] = &["frozen"];

/// Words that make a name Pets or Baby unless a longer phrase says otherwise.
const MODIFIER_WORDS: &[(&str, &str)] = &[
    ("dog", PETS),
    ("cat", PETS),
    ("puppy", PETS),
    ("kitten", PETS),
    ("pet", PETS),
    ("hamster", PETS),
    ("guinea pig", PETS),
    ("baby", BABY),
    ("infant", BABY),
    ("toddler", BABY),
];

/// The built-in categoriser: the dictionary category for `name`, or `None`.
pub fn categorise(name: &str) -> Option<&'static str> {
    let key = name_key(name);
    if key.is_empty() {
        return None;
    }
    let dict = &*DICTIONARY;
    if let Some(&category) = dict.map.get(key.as_str()) {
        return Some(category);
    }
    let spans = word_spans(&key);
    let has_word = |w: &str| spans.iter().any(|&(s, e)| &key[s..e] == w);
    if FROZEN_WORDS.iter().any(|w| has_word(w)) {
        return Some(FROZEN);
    }
    let longest = dict.max_words.min(spans.len());
    for n in (2..=longest).rev() {
        if let Some(category) = rightmost_phrase(dict, &key, &spans, n) {
            return Some(category);
        }
    }
    let mut modifier = None;
    for &(phrase, category) in MODIFIER_WORDS {
        if let Some(pos) = find_phrase(&key, phrase)
            && modifier.is_none_or(|(p, _)| pos > p)
        {
            modifier = Some((pos, category));
        }
    }
    if let Some((_, category)) = modifier {
        return Some(category);
    }
    rightmost_phrase(dict, &key, &spans, 1)
}

/// Byte spans of the words of a key (words are separated by single spaces).
fn word_spans(key: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for word in key.split(' ') {
        spans.push((start, start + word.len()));
        start += word.len() + 1;
    }
    spans
}

/// The category of the rightmost `n`-word dictionary phrase in the key.
fn rightmost_phrase(
    dict: &Dictionary,
    key: &str,
    spans: &[(usize, usize)],
    n: usize,
) -> Option<&'static str> {
    (0..=spans.len() - n)
        .rev()
        .find_map(|i| dict.map.get(&key[spans[i].0..spans[i + n - 1].1]).copied())
}

/// Byte offset of `phrase` in `key` as whole words.
fn find_phrase(key: &str, phrase: &str) -> Option<usize> {
    key.match_indices(phrase).map(|(i, _)| i).find(|&i| {
        let end = i + phrase.len();
        (i == 0 || key.as_bytes()[i - 1] == b' ')
            && (end == key.len() || key.as_bytes()[end] == b' ')
    })
}

struct Dictionary {
    map: HashMap<String, &'static str>,
    max_words: usize,
}

static DICTIONARY: LazyLock<Dictionary> = LazyLock::new(|| {
    let mut map = HashMap::new();
    let mut max_words = 1;
    for &(category, phrases) in TABLE {
        for phrase in phrases {
            let key = name_key(phrase);
            max_words = max_words.max(key.split(' ').count());
            map.entry(key).or_insert(category);
        }
    }
    Dictionary { map, max_words }
});

/// The dictionary: phrases per category, written naturally; they are
/// normalised with `name_key` when the lookup table is built.
const TABLE: &[(&str, &[&str])] = &[
    (PRODUCE, PRODUCE_WORDS),
    (BAKERY, BAKERY_WORDS),
    (MEAT, MEAT_WORDS),
    (DAIRY, DAIRY_WORDS),
    (FROZEN, FROZEN_PHRASES),
    (PANTRY, PANTRY_WORDS),
    (SNACKS, SNACK_WORDS),
    (BEVERAGES, BEVERAGE_WORDS),
    (HOUSEHOLD, HOUSEHOLD_WORDS),
    (PERSONAL, PERSONAL_WORDS),
    (BABY, BABY_WORDS),
    (PETS, PET_WORDS),
    (OTHER, OTHER_WORDS),
];

#[rustfmt::skip]
const PRODUCE_WORDS: &[&str] = &[
    "apple", "banana", "orange", "lemon", "lime", "grapefruit", "grape", "strawberry", "blueberry",
    "raspberry", "blackberry", "cranberry", "cherry", "peach", "nectarine", "plum", "apricot",
    "pear", "mango", "pineapple", "kiwi", "papaya", "melon", "watermelon", "cantaloupe", "honeydew",
    "pomegranate", "fig", "avocado", "tomato", "cherry tomato", "potato", "sweet potato", "yam",
    "onion", "red onion", "spring onion", "green onion", "scallion", "shallot", "leek", "garlic",
    "garlic clove", "ginger", "carrot", "celery", "cucumber", "zucchini", "courgette", "eggplant",
    "aubergine", "bell pepper", "pepper", "red pepper", "green pepper", "yellow pepper", "jalapeño",
    "chili", "chilli", "broccoli", "cauliflower", "cabbage", "brussels sprouts", "kale", "spinach",
    "lettuce", "romaine", "iceberg", "arugula", "rocket", "salad", "salad mix", "mixed greens",
    "mushroom", "asparagus", "green beans", "runner beans", "peas", "snap peas", "snow peas",
    "corn", "corn on the cob", "sweetcorn", "beet", "beetroot", "radish", "turnip", "parsnip",
    "rutabaga", "swede", "squash", "butternut squash", "pumpkin", "artichoke", "fennel", "okra",
    "bok choy", "pak choi", "chard", "collard greens", "basil", "parsley", "cilantro", "coriander",
    "mint", "dill", "rosemary", "thyme", "sage", "chives", "lemongrass", "bean sprouts",
    "alfalfa sprouts", "coconut", "clementine", "mandarin", "tangerine", "satsuma", "persimmon",
    "passion fruit", "lychee", "guava", "dragon fruit", "star fruit", "rhubarb", "horseradish",
    "jicama", "kohlrabi", "endive", "radicchio", "watercress", "microgreens", "fruit", "vegetable",
    "veggies", "berries", "plantain", "tomatillo", "tofu", "fresh herbs", "baby carrots",
    "baby spinach", "baby potatoes", "baby corn", "baby kale", "baby arugula", "baby bok choy",
    "baby bella", "baby tomatoes", "baby gem", "coleslaw mix", "fruit salad", "medjool dates",
    "edamame", "shiitake", "portobello", "cress", "greens",
];

#[rustfmt::skip]
const BAKERY_WORDS: &[&str] = &[
    "bread", "white bread", "whole wheat bread", "wholemeal bread", "sourdough", "rye bread",
    "baguette", "roll", "bread roll", "dinner roll", "bun", "hamburger bun", "burger bun",
    "hot dog bun", "bagel", "croissant", "muffin", "english muffin", "pita", "pitta", "naan",
    "tortilla", "wrap", "flatbread", "brioche", "ciabatta", "focaccia", "cake", "cupcake", "pie",
    "tart", "donut", "doughnut", "danish", "pastry", "cinnamon roll", "scone", "brownie", "loaf",
    "garlic bread", "crumpet", "pancake", "waffle", "challah", "breadstick", "pizza dough",
    "pie crust", "crepe", "eclair", "strudel", "panettone", "stollen", "hot cross bun", "sub roll",
    "hoagie roll", "kaiser roll", "multigrain bread", "sandwich bread", "toast", "birthday cake",
    "cheesecake", "pound cake", "banana bread", "soda bread", "pain au chocolat", "rolls",
];

#[rustfmt::skip]
const MEAT_WORDS: &[&str] = &[
    "meat", "chicken", "chicken breast", "chicken thigh", "chicken wing", "chicken leg",
    "chicken drumstick", "drumstick", "whole chicken", "rotisserie chicken", "chicken tenders",
    "turkey", "ground turkey", "turkey breast", "beef", "ground beef", "minced beef", "mince",
    "steak", "sirloin", "ribeye", "brisket", "roast beef", "stewing beef", "stew meat",
    "short ribs", "flank steak", "tenderloin", "filet mignon", "pork", "pork chop", "pork loin",
    "pork shoulder", "pork belly", "pulled pork", "ribs", "spare ribs", "bacon", "ham", "gammon",
    "sausage", "hot dog", "frankfurter", "bratwurst", "chorizo", "salami", "pepperoni",
    "prosciutto", "pancetta", "lamb", "lamb chop", "leg of lamb", "veal", "duck", "venison",
    "meatballs", "burger", "hamburger", "burger patties", "deli meat", "lunch meat", "cold cuts",
    "sliced turkey", "pastrami", "corned beef", "liver", "oxtail", "goat", "rabbit", "quail",
    "kielbasa", "bologna", "mortadella", "chicken sausage", "turkey bacon", "fish", "salmon",
    "smoked salmon", "salmon fillet", "tuna steak", "cod", "haddock", "tilapia", "trout", "halibut",
    "mackerel", "shrimp", "prawns", "crab", "lobster", "scallops", "mussels", "clams", "oysters",
    "squid", "calamari", "octopus", "sea bass", "catfish", "swordfish", "mahi mahi", "pollock",
    "fish fillet", "seafood", "chicken thighs", "chicken mince", "pork mince",
];

#[rustfmt::skip]
const DAIRY_WORDS: &[&str] = &[
    "milk", "whole milk", "skim milk", "skimmed milk", "semi skimmed milk", "lactose free milk",
    "buttermilk", "cream", "heavy cream", "double cream", "single cream", "whipping cream",
    "whipped cream", "half and half", "sour cream", "creme fraiche", "butter", "margarine",
    "cheese", "cheddar", "mozzarella", "parmesan", "feta", "brie", "camembert", "gouda",
    "swiss cheese", "provolone", "ricotta", "cottage cheese", "cream cheese", "goat cheese",
    "blue cheese", "halloumi", "mascarpone", "string cheese", "cheese slices", "shredded cheese",
    "grated cheese", "monterey jack", "emmental", "gruyere", "yogurt", "yoghurt", "greek yogurt",
    "kefir", "egg", "eggs", "free range eggs", "egg whites", "quark", "skyr", "custard", "pudding",
    "eggnog", "coffee creamer", "creamer", "hummus", "guacamole", "fresh pasta", "dairy",
];

#[rustfmt::skip]
const FROZEN_PHRASES: &[&str] = &[
    "ice cream", "gelato", "sorbet", "frozen yogurt", "ice pop", "popsicle", "ice lolly", "ice",
    "ice cubes", "pizza", "frozen pizza", "frozen vegetables", "frozen peas", "frozen fruit",
    "frozen berries", "fish fingers", "fish sticks", "chicken nuggets", "nuggets", "french fries",
    "fries", "oven chips", "hash browns", "tater tots", "frozen dinner", "tv dinner", "ready meal",
    "dumplings", "potstickers", "gyoza", "veggie burger", "puff pastry", "filo pastry",
    "ice cream sandwich", "mochi", "pierogi", "frozen waffles", "frozen spinach", "ice cream cone",
    "fish cakes",
];

#[rustfmt::skip]
const PANTRY_WORDS: &[&str] = &[
    "flour", "bread flour", "self raising flour", "plain flour", "sugar", "brown sugar",
    "icing sugar", "powdered sugar", "caster sugar", "salt", "sea salt", "black pepper",
    "peppercorns", "white pepper", "cayenne pepper", "ground pepper", "cinnamon", "paprika",
    "cumin", "turmeric", "oregano", "nutmeg", "chili powder", "curry powder", "garlic powder",
    "onion powder", "bay leaves", "cloves", "vanilla", "vanilla extract", "baking soda",
    "bicarbonate of soda", "baking powder", "yeast", "cornstarch", "cornflour", "cocoa",
    "cocoa powder", "chocolate chips", "oil", "olive oil", "vegetable oil", "canola oil",
    "sunflower oil", "coconut oil", "sesame oil", "vinegar", "balsamic vinegar", "rice vinegar",
    "soy sauce", "ketchup", "mustard", "mayonnaise", "mayo", "relish", "hot sauce", "sriracha",
    "bbq sauce", "barbecue sauce", "worcestershire sauce", "salad dressing", "dressing", "honey",
    "maple syrup", "syrup", "golden syrup", "jam", "jelly", "marmalade", "peanut butter",
    "almond butter", "nutella", "rice", "brown rice", "basmati rice", "jasmine rice", "pasta",
    "spaghetti", "penne", "macaroni", "noodles", "ramen", "lasagne", "lasagna sheets", "couscous",
    "quinoa", "oats", "rolled oats", "oatmeal", "porridge", "cereal", "granola", "muesli",
    "cornflakes", "beans", "black beans", "kidney beans", "pinto beans", "butter beans",
    "chickpeas", "lentils", "baked beans", "refried beans", "canned tomatoes", "chopped tomatoes",
    "tomato paste", "tomato puree", "tomato sauce", "passata", "pasta sauce", "marinara", "salsa",
    "pesto", "soup", "stock", "broth", "bouillon", "chicken stock", "chicken broth", "beef stock",
    "beef broth", "vegetable stock", "stock cubes", "gravy", "tuna", "canned tuna", "sardines",
    "anchovies", "coconut milk", "evaporated milk", "condensed milk", "powdered milk",
    "breadcrumbs", "croutons", "raisins", "dried fruit", "dates", "prunes", "sesame seeds",
    "chia seeds", "flax seeds", "olives", "pickles", "capers", "sun dried tomatoes", "canned corn",
    "taco shells", "taco seasoning", "curry paste", "fish sauce", "oyster sauce", "hoisin sauce",
    "teriyaki sauce", "tahini", "miso", "molasses", "agave", "sweetener", "gelatin",
    "food coloring", "sprinkles", "cake mix", "pancake mix", "brownie mix", "cornmeal", "polenta",
    "semolina", "bulgur", "barley", "grits", "instant noodles", "mac and cheese",
    "macaroni and cheese", "canned soup", "spam", "pine nuts", "shredded coconut", "ghee", "lard",
    "shortening", "cooking spray", "mirin", "wasabi", "nori", "seaweed", "rice paper", "applesauce",
    "canned fruit", "pie filling", "spices", "dried herbs", "mixed herbs", "italian seasoning",
    "seasoning", "seasoning salt", "garlic salt", "spaghetti sauce", "sauce", "chutney",
    "horseradish sauce", "mint sauce", "stuffing", "custard powder", "condiments",
    "sugar free syrup",
];

#[rustfmt::skip]
const SNACK_WORDS: &[&str] = &[
    "chips", "crisps", "potato chips", "tortilla chips", "pretzels", "popcorn", "crackers",
    "cookies", "biscuits", "candy", "sweets", "chocolate", "chocolate bar", "candy bar", "gum",
    "chewing gum", "breath mints", "peppermints", "nuts", "peanuts", "almonds", "cashews",
    "pistachios", "walnuts", "pecans", "hazelnuts", "macadamia nuts", "trail mix", "mixed nuts",
    "granola bar", "protein bar", "cereal bar", "energy bar", "rice cakes", "jerky", "beef jerky",
    "fruit snacks", "gummy bears", "gummies", "licorice", "liquorice", "marshmallows", "nachos",
    "dip", "cheese puffs", "doritos", "pringles", "cheetos", "oreos", "goldfish crackers", "snacks",
    "lollipop", "toffee", "fudge", "caramel", "jelly beans", "sunflower seeds", "pumpkin seeds",
    "pork rinds", "biltong", "peanut butter cups", "wafers", "shortbread", "digestives", "flapjack",
    "popcorn kernels", "m and ms", "kit kat", "snickers",
];

#[rustfmt::skip]
const BEVERAGE_WORDS: &[&str] = &[
    "water", "sparkling water", "mineral water", "bottled water", "seltzer", "soda", "cola", "coke",
    "diet coke", "pepsi", "sprite", "fanta", "7up", "lemonade", "juice", "orange juice",
    "apple juice", "cranberry juice", "grape juice", "smoothie", "coffee", "coffee beans",
    "ground coffee", "instant coffee", "espresso", "decaf", "coffee pods", "k cups", "tea",
    "green tea", "black tea", "herbal tea", "tea bags", "iced tea", "chai", "matcha", "kombucha",
    "energy drink", "red bull", "sports drink", "gatorade", "tonic", "tonic water", "ginger ale",
    "ginger beer", "root beer", "club soda", "beer", "lager", "ale", "wine", "red wine",
    "white wine", "rosé", "prosecco", "champagne", "cider", "vodka", "gin", "rum", "whiskey",
    "whisky", "tequila", "bourbon", "brandy", "liqueur", "sake", "hot chocolate", "hot cocoa",
    "cordial", "oat milk", "almond milk", "soy milk", "rice milk", "coconut water", "drinks",
    "milkshake", "protein shake", "vitamin water", "la croix", "squash drink", "fizzy drinks",
    "soft drinks", "sparkling wine",
];

#[rustfmt::skip]
const HOUSEHOLD_WORDS: &[&str] = &[
    "toilet paper", "toilet roll", "loo roll", "paper towels", "kitchen roll", "tissues", "napkins",
    "paper plates", "paper cups", "plastic cups", "plastic cutlery", "straws", "trash bags",
    "bin bags", "garbage bags", "bin liners", "aluminum foil", "aluminium foil", "tin foil", "foil",
    "plastic wrap", "cling film", "cling wrap", "parchment paper", "baking paper", "wax paper",
    "ziploc bags", "sandwich bags", "freezer bags", "storage bags", "dish soap",
    "washing up liquid", "dishwasher tablets", "dishwasher detergent", "dishwasher pods",
    "rinse aid", "laundry detergent", "detergent", "laundry pods", "washing powder",
    "fabric softener", "dryer sheets", "bleach", "stain remover", "cleaner", "all purpose cleaner",
    "glass cleaner", "windex", "disinfectant", "disinfecting wipes", "wipes", "sponges",
    "scrub brush", "steel wool", "rubber gloves", "mop", "broom", "dustpan", "vacuum bags",
    "air freshener", "candles", "matches", "lighter", "batteries", "light bulbs", "bulb",
    "extension cord", "tape", "duct tape", "glue", "oven cleaner", "toilet cleaner",
    "drain cleaner", "furniture polish", "shoe polish", "descaler", "coffee filters",
    "water filter", "dish cloth", "dishcloth", "tea towel", "charcoal", "lighter fluid",
    "mouse trap", "ant bait", "insect spray", "fly spray", "can opener", "bottle opener",
    "bag clips", "zip ties", "paper", "laundry", "softener", "limescale remover", "bleach spray",
];

#[rustfmt::skip]
const PERSONAL_WORDS: &[&str] = &[
    "shampoo", "conditioner", "soap", "body wash", "shower gel", "hand soap", "hand wash", "lotion",
    "body lotion", "moisturizer", "moisturiser", "sunscreen", "sunblock", "sun cream", "deodorant",
    "antiperspirant", "toothpaste", "toothbrush", "floss", "dental floss", "mouthwash", "razor",
    "razor blades", "shaving cream", "shaving foam", "aftershave", "makeup", "mascara", "lipstick",
    "lip balm", "chapstick", "nail polish", "nail polish remover", "cotton balls", "cotton pads",
    "cotton swabs", "q tips", "tampons", "sanitary pads", "panty liners", "menstrual cup",
    "condoms", "contact lens solution", "hair gel", "hairspray", "hair spray", "hair dye",
    "hair ties", "comb", "hairbrush", "bobby pins", "face wash", "cleanser", "toner", "serum",
    "perfume", "cologne", "facial tissues", "band aids", "bandages", "plasters", "first aid kit",
    "painkillers", "ibuprofen", "paracetamol", "acetaminophen", "aspirin", "tylenol", "advil",
    "vitamins", "multivitamin", "supplements", "cough syrup", "cough drops", "allergy medicine",
    "antihistamine", "medicine", "hand sanitizer", "sanitizer", "dry shampoo", "bath salts",
    "bubble bath", "epsom salt", "eye drops", "nasal spray", "thermometer", "pregnancy test",
    "insect repellent", "bug spray", "vaseline", "petroleum jelly", "cotton buds", "hand cream",
    "face cream", "dental picks", "vitamin d", "vitamin c", "fish oil capsules",
];

#[rustfmt::skip]
const BABY_WORDS: &[&str] = &[
    "diapers", "nappies", "baby wipes", "baby food", "baby formula", "formula", "infant formula",
    "pacifier", "dummy", "baby bottle", "sippy cup", "teether", "baby shampoo", "baby lotion",
    "baby oil", "baby powder", "diaper cream", "nappy cream", "rash cream", "baby wash",
    "baby cereal", "baby snacks", "teething gel", "bibs", "swim diapers", "pull ups",
    "training pants", "baby puffs", "nappy bags", "diaper bags", "baby",
];

#[rustfmt::skip]
const PET_WORDS: &[&str] = &[
    "dog food", "cat food", "puppy food", "kitten food", "dog treats", "cat treats", "cat litter",
    "kitty litter", "litter", "dog biscuits", "dog chews", "rawhide", "bird seed", "birdseed",
    "fish food", "hamster food", "rabbit food", "hay", "pet food", "flea treatment", "flea collar",
    "dog toy", "cat toy", "poop bags", "dog poop bags", "pet shampoo", "chew toy", "catnip",
    "kibble", "wet food", "dry food", "dentastix", "dog", "cat", "worming tablets", "pet",
];

#[rustfmt::skip]
const OTHER_WORDS: &[&str] = &[
    "gift card", "greeting card", "birthday card", "magazine", "newspaper", "stamps", "flowers",
    "bouquet", "balloons", "gift wrap", "wrapping paper", "party supplies", "lottery ticket",
    "phone charger", "cigarettes", "tobacco", "pens", "notebook", "printer paper", "envelopes",
];

#[cfg(test)]
mod tests {
    use super::*;

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
        for &(_, phrases) in TABLE {
            for phrase in phrases {
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
            ("2 Äpfel", None),
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
        for &(category, phrases) in TABLE {
            assert!(DEFAULT_CATEGORIES.contains(&category), "{category}");
            assert!(!phrases.is_empty(), "{category}");
        }
        for category in DEFAULT_CATEGORIES {
            assert!(TABLE.iter().any(|&(c, _)| c == category), "{category}");
        }
    }

    #[test]
    fn dictionary_is_large_and_unambiguous() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        let mut total = 0;
        for &(category, phrases) in TABLE {
            for phrase in phrases {
                total += 1;
                let key = name_key(phrase);
                assert!(!key.is_empty(), "{phrase:?}");
                if let Some(previous) = seen.insert(key.clone(), category) {
                    assert_eq!(
                        previous, category,
                        "{phrase:?} ({key:?}) is in both {previous} and {category}"
                    );
                }
                assert_eq!(categorise(phrase), Some(category), "{phrase:?}");
            }
        }
        assert!(total >= 400, "only {total} entries");
        assert!(DICTIONARY.map.len() >= 400);
    }
}
