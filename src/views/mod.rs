//! One askama struct per page, named after its template. Views hold display-ready data.

pub mod assets;
pub mod history;
pub mod lists;
pub mod qr;
pub mod security;
pub mod sso;
pub mod two_step;

use std::borrow::Cow;

use askama::Template;
use rocket::request::FlashMessage;

use crate::db::aisle::AisleOrder;
use crate::db::categories::Category;
use crate::db::items::Item;
use crate::db::lists::{List, ListSummary};
use crate::db::stores::Store;
use crate::db::tokens::ApiToken;
use crate::db::users::User;
use crate::domain::walk::Origin;
use crate::error::{Error, Result};
use crate::i18n::{Arg, Lang};
use crate::ids::{CategoryId, InviteId, ItemId};

/// What every page shows around its content.
pub struct Chrome {
    pub title: String,
    pub csrf: String,
    pub username: Option<String>,
    /// The logged-in user's id: app.js keeps each user's queued changes apart by it.
    pub user_id: Option<crate::ids::UserId>,
    pub is_admin: bool,
    pub flash: Option<(String, String)>,
    pub css: String,
    /// The page scripts, in the order they run (`assets::SCRIPTS`).
    pub scripts: &'static [String],
    pub icon: String,
    /// The page's language: every sentence of the page is `chrome.t.get("id")`.
    pub t: Lang,
}

/// Who a page is for, as far as its chrome shows: the CSRF token its forms carry and the
/// logged-in user, if any.
pub struct Viewer<'a> {
    pub csrf: &'a str,
    pub user: Option<&'a User>,
    pub lang: Lang,
}

impl Chrome {
    pub fn new(
        title: impl Into<String>,
        viewer: Viewer<'_>,
        flash: Option<FlashMessage<'_>>,
    ) -> Chrome {
        Chrome {
            csrf: viewer.csrf.to_string(),
            username: viewer.user.map(|u| u.username.clone()),
            user_id: viewer.user.map(|u| u.id),
            is_admin: viewer.user.is_some_and(User::is_admin),
            flash: flash.map(|f| (f.kind().to_string(), f.message().to_string())),
            ..Chrome::bare(title, viewer.lang)
        }
    }

    /// The chrome of a page for nobody in particular (an error, the offline page).
    pub fn bare(title: impl Into<String>, lang: Lang) -> Chrome {
        Chrome {
            title: title.into(),
            csrf: String::new(),
            username: None,
            user_id: None,
            is_admin: false,
            flash: None,
            css: assets::url("app.css"),
            scripts: assets::scripts(),
            icon: assets::url("icons/icon-192.png"),
            t: lang,
        }
    }
}

/// The text of message `id` before and after the value `slot`, which the page shows in
/// markup of its own (`<strong>`, a link): each language places the value where its
/// sentence wants it, and askama still escapes both parts and the value.
pub fn around(lang: Lang, id: &str, args: &[(&str, Arg<'_>)], slot: &str) -> (String, String) {
    const MARK: &str = "\u{E000}";
    let mut all = args.to_vec();
    all.push((slot, Arg::Text(MARK)));
    let text = lang.with(id, &all);
    match text.split_once(MARK) {
        Some((before, after)) => (before.to_string(), after.to_string()),
        None => (text, String::new()),
    }
}

/// A rendered page.
pub type Html = rocket::response::content::RawHtml<String>;

pub fn render<T: Template>(page: &T) -> Result<Html> {
    render_sized(page, T::SIZE_HINT)
}

/// Renders into a buffer of at least `capacity` bytes. askama sizes its buffer from the
/// template's own text; a page of many rows outgrows it several times over, and each
/// time the buffer grows the page so far is copied.
pub fn render_sized<T: Template>(page: &T, capacity: usize) -> Result<Html> {
    let mut html = String::with_capacity(capacity.max(T::SIZE_HINT));
    page.render_into(&mut html)
        .map_err(|e| Error::Internal(format!("template: {e}")))?;
    Ok(rocket::response::content::RawHtml(html))
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub chrome: Chrome,
    pub status: u16,
    pub message: String,
    /// Where "Go back" leads, when known.
    pub back: Option<String>,
}

/// What an error page shows: its status, heading and message, who is looking (for the
/// header's menu), and the way back.
pub struct ErrorView<'a> {
    pub status: u16,
    pub title: &'a str,
    pub message: &'a str,
    pub viewer: Option<Viewer<'a>>,
    pub back: Option<String>,
    pub lang: Lang,
}

/// The HTML of an error page (never fails: falls back to plain text).
pub fn error_page(view: ErrorView<'_>) -> String {
    let chrome = match view.viewer {
        Some(viewer) => Chrome::new(view.title, viewer, None),
        None => Chrome::bare(view.title, view.lang),
    };
    let page = ErrorPage {
        chrome,
        status: view.status,
        message: view.message.to_string(),
        back: view.back,
    };
    page.render()
        .unwrap_or_else(|_| format!("{} {}: {}", view.status, view.title, view.message))
}

#[derive(Template)]
#[template(path = "offline.html")]
pub struct OfflinePage {
    pub chrome: Chrome,
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub chrome: Chrome,
    pub username: String,
    pub error: Option<String>,
    /// The passkey script's URL, where passkeys work.
    pub passkey_script: Option<String>,
    /// The single sign-on button's words ("Log in with Authelia"), when it is set up.
    pub sso_button: Option<String>,
}

#[derive(Template)]
#[template(path = "setup.html")]
pub struct SetupPage {
    pub chrome: Chrome,
    pub token: String,
    pub household: String,
    /// Three letters, as typed or as the browser's region suggests.
    pub currency: String,
    /// The household's language: the page's, or the one picked.
    pub languages: Vec<LanguageChoice>,
    pub username: String,
    pub error: Option<String>,
}

/// A language offered in a choice: its code, its own name (marked when partly
/// translated, in the page's language) and whether it is the one chosen.
pub struct LanguageChoice {
    pub code: &'static str,
    pub label: String,
    pub selected: bool,
}

impl LanguageChoice {
    /// Every language aisle has, for a page in `page`; `chosen` is selected.
    pub fn all(page: Lang, chosen: Option<Lang>) -> Vec<LanguageChoice> {
        Lang::all()
            .map(|lang| LanguageChoice {
                code: lang.code(),
                label: if lang.complete() {
                    lang.name()
                } else {
                    page.arg("account-language-partly", "language", &lang.name())
                },
                selected: chosen == Some(lang),
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "invite.html")]
pub struct InvitePage {
    pub chrome: Chrome,
    pub token: String,
    pub household: String,
    pub username: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "settings.html")]
pub struct SettingsPage {
    pub chrome: Chrome,
    /// The languages to choose from, the person's own choice selected.
    pub languages: Vec<LanguageChoice>,
    /// The person chose no language: their pages follow their browser.
    pub follows_browser: bool,
    /// Signing in asks for a second factor.
    pub two_step: bool,
    /// Single sign-on is set up (the page links to its settings).
    pub sso: bool,
    pub tokens: Vec<ApiToken>,
    pub new_token: Option<String>,
    pub error: Option<String>,
}

impl SettingsPage {
    /// "(sam, created May 1, 2026)" after a token's name.
    pub fn token_made(&self, token: &ApiToken) -> String {
        let date = self.chrome.t.date(token.created_ms);
        self.chrome.t.with(
            "settings-token-made",
            &[
                ("username", token.username.as_str().into()),
                ("date", date.as_str().into()),
            ],
        )
    }
}

pub struct InviteView {
    pub id: InviteId,
    /// The role, named in the page's language.
    pub role: String,
    /// The day it expires, in the page's language.
    pub expires: String,
}

/// A translated message holding markup: `id` formatted with each value of `html` as a
/// placeholder, the text escaped, then each placeholder replaced by its HTML. The text is
/// the translators' (embedded in the binary), never a person's; `html` must be safe
/// already (escape any value in it).
fn with_markup(lang: Lang, id: &str, html: &[(&str, String)]) -> String {
    let marks: Vec<String> = (0..html.len())
        .map(|i| format!("\u{E000}{i}\u{E001}"))
        .collect();
    let args: Vec<(&str, crate::i18n::Arg<'_>)> = html
        .iter()
        .zip(&marks)
        .map(|((name, _), mark)| (*name, mark.as_str().into()))
        .collect();
    let mut text = escape_html(&lang.with(id, &args));
    for ((_, fragment), mark) in html.iter().zip(&marks) {
        text = text.replace(mark.as_str(), fragment);
    }
    text
}

/// `s` with the characters HTML gives a meaning to escaped, as askama escapes them.
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&#38;"),
            '<' => out.push_str("&#60;"),
            '>' => out.push_str("&#62;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A household role as the page's language names it.
pub fn role_name(lang: Lang, role: crate::db::users::Role) -> String {
    match role {
        crate::db::users::Role::Admin => lang.get("household-role-admin"),
        crate::db::users::Role::Member => lang.get("household-role-member"),
    }
}

#[derive(Template)]
#[template(path = "household.html")]
pub struct HouseholdPage {
    pub chrome: Chrome,
    pub household: String,
    pub me: User,
    /// The viewer holds the instance admin role (the page links to /admin).
    pub instance_admin: bool,
    pub members: Vec<User>,
    /// The members whose sign-in asks for a second factor.
    pub two_step: Vec<crate::ids::UserId>,
    /// The members' single sign-on, when it is set up (admins only).
    pub sso: Option<SsoMembers>,
    pub invites: Vec<InviteView>,
    /// The invite link just made, shown this once.
    pub new_invite: Option<NewInvite>,
    pub stores: Vec<Store>,
    pub currency: String,
    /// The household's language (it names the default categories).
    pub language: Lang,
    /// The household's ntfy topic and webhook (admins only).
    pub hooks: crate::db::watchers::Hooks,
    pub error: Option<String>,
}

/// Who in the household has a sign-in email or a link (single sign-on).
#[derive(Default)]
pub struct SsoMembers {
    pub emails: std::collections::HashMap<crate::ids::UserId, String>,
    pub linked: Vec<crate::ids::UserId>,
}

impl HouseholdPage {
    /// The sign-in email an admin gave `member` (blank: none).
    pub fn sso_email(&self, member: &User) -> &str {
        self.sso
            .as_ref()
            .and_then(|s| s.emails.get(&member.id))
            .map_or("", String::as_str)
    }

    /// Whether `member` signs in with single sign-on.
    pub fn sso_linked(&self, member: &User) -> bool {
        self.sso
            .as_ref()
            .is_some_and(|s| s.linked.contains(&member.id))
    }

    /// Whether `member` signs in with a second factor.
    pub fn has_two_step(&self, member: &User) -> bool {
        self.two_step.contains(&member.id)
    }

    /// A member's role, in the page's language.
    pub fn role(&self, role: &crate::db::users::Role) -> String {
        role_name(self.chrome.t, *role)
    }

    /// "Invite (member), expires …".
    pub fn invite_line(&self, invite: &InviteView) -> String {
        self.chrome.t.with(
            "household-invite-pending",
            &[
                ("role", invite.role.as_str().into()),
                ("date", invite.expires.as_str().into()),
            ],
        )
    }

    /// The languages a household can speak, in the choice's order.
    pub fn languages(&self) -> Vec<Lang> {
        Lang::all().collect()
    }

    /// A language as the choice offers it: its own name, marked when partly translated.
    pub fn language_option(&self, lang: &Lang) -> String {
        match lang.complete() {
            true => lang.name(),
            false => self.chrome.t.arg(
                "household-language-partial",
                "language",
                lang.name().as_str(),
            ),
        }
    }

    /// "This household speaks Deutsch."
    pub fn language_current(&self) -> String {
        let name = self.language.name();
        self.chrome
            .t
            .arg("household-language-current", "language", name.as_str())
    }

    /// What the notifications section says, with its link to ntfy (HTML).
    pub fn hooks_help(&self) -> String {
        with_markup(
            self.chrome.t,
            "household-hooks-help",
            &[("ntfy", r#"<a href="https://ntfy.sh">ntfy</a>"#.to_string())],
        )
    }
}

/// A new invite link, with its QR code and the script of its Copy and Share buttons.
pub struct NewInvite {
    pub url: String,
    /// `None` only for a link too long for a QR code.
    pub qr: Option<qr::QrSvg>,
    /// The URL of `invite.js`, loaded by this page only.
    pub script: String,
}

impl NewInvite {
    pub fn new(url: String) -> NewInvite {
        NewInvite {
            qr: qr::svg_of(&url),
            url,
            script: assets::url("invite.js"),
        }
    }
}

#[derive(Template)]
#[template(path = "store.html")]
pub struct StorePage {
    pub chrome: Chrome,
    pub store: Store,
    pub order: AisleOrder,
}

impl StorePage {
    /// How many shopping trips learning still needs, when it needs any.
    pub fn trips_needed(&self) -> usize {
        crate::domain::walk::MIN_TRIPS.saturating_sub(self.order.trips)
    }

    /// Whether any category's place was set by hand.
    pub fn any_by_hand(&self) -> bool {
        self.order
            .categories
            .iter()
            .any(|(_, o)| *o == Origin::Hand)
    }
}

/// A dangerous action asking for a typed confirmation (a password or a name).
#[derive(Template)]
#[template(path = "confirm.html")]
pub struct ConfirmPage {
    pub chrome: Chrome,
    pub message: String,
    pub action: String,
    pub prompt: String,
    pub input_type: &'static str,
    pub button: String,
    pub back: String,
    pub error: Option<String>,
}

pub struct PriceView {
    pub store: String,
    pub amount: String,
    pub pack_size: String,
    pub date: String,
    pub source: String,
}

#[derive(Template)]
#[template(path = "products.html")]
pub struct ProductsPage {
    pub chrome: Chrome,
    pub q: String,
    pub products: Vec<crate::db::products::Product>,
    pub online: Vec<crate::lookup::providers::OffProduct>,
    pub searched_online: bool,
    pub online_error: Option<String>,
    pub lists: Vec<ListSummary>,
    pub lookups: bool,
    pub error: Option<String>,
    /// The barcode typed or scanned, kept in its field.
    pub code: String,
    /// Why looking the barcode up gave no product, said beside the barcode field.
    pub lookup_error: Option<String>,
    /// What the "add by hand" form holds (the barcode that was looked up, or what was
    /// typed into it before a refusal).
    pub hand: HandAdd,
}

/// The fields of the "add a product by hand" form.
#[derive(Default)]
pub struct HandAdd {
    pub name: String,
    pub brand: String,
    pub barcode: String,
}

#[derive(Template)]
#[template(path = "product.html")]
pub struct ProductPage {
    pub chrome: Chrome,
    pub product: crate::db::products::Product,
    pub latest: Vec<PriceView>,
    pub history: Vec<PriceView>,
    pub chart: crate::domain::chart::Chart,
    pub chart_width: f64,
    pub chart_height: f64,
    pub stores: Vec<Store>,
    pub lists: Vec<ListSummary>,
    pub currency: String,
    pub today: String,
}

impl ProductPage {
    fn chart_text(&self, id: &str) -> String {
        let c = &self.chart;
        self.chrome.t.with(
            id,
            &[
                ("from", c.first_day.as_str().into()),
                ("to", c.last_day.as_str().into()),
                ("low", c.min_label.as_str().into()),
                ("high", c.max_label.as_str().into()),
            ],
        )
    }

    /// What the price chart shows, for those who cannot see it.
    pub fn chart_label(&self) -> String {
        self.chart_text("product-chart")
    }

    /// The line under the price chart: its days, lowest and highest price.
    pub fn chart_caption(&self) -> String {
        self.chart_text("product-chart-caption")
    }
}

#[derive(Template)]
#[template(path = "ca.html")]
pub struct CaPage {
    pub chrome: Chrome,
}

pub struct JobView {
    /// Its name in URLs (`refresh_products`).
    pub name: &'static str,
    /// Its name as the page's language says it.
    pub label: String,
    pub schedule: String,
    pub next: String,
    pub last: Option<String>,
    pub message: String,
}

pub struct BackupView {
    pub name: String,
    pub size: String,
    pub created: String,
    pub verified: bool,
}

#[derive(Template)]
#[template(path = "admin.html")]
pub struct AdminPage {
    pub chrome: Chrome,
    /// "HTTPS certificate valid until …", when TLS is on.
    pub certificate: Option<String>,
    pub jobs: Vec<JobView>,
    pub backups: Vec<BackupView>,
    pub backup_dir: String,
    /// Every account of the instance, by household, to grant or revoke the instance
    /// admin role.
    pub users: Vec<crate::db::users::InstanceUser>,
    /// The viewer's own account.
    pub me: crate::ids::UserId,
}

impl AdminPage {
    /// "(household, role)" after an account's name.
    pub fn account_of(&self, user: &crate::db::users::InstanceUser) -> String {
        let role = role_name(self.chrome.t, user.role);
        self.chrome.t.with(
            "admin-account-of",
            &[
                ("household", user.household.as_str().into()),
                ("role", role.as_str().into()),
            ],
        )
    }

    /// Where the backups are, and what to do with them (HTML: the directory as code).
    pub fn backups_where(&self) -> String {
        let dir = format!("<code>{}</code>", escape_html(&self.backup_dir));
        with_markup(self.chrome.t, "admin-backups-where", &[("dir", dir)])
    }
}

/// A timestamp in the server's local time, formatted with `format` (chrono's `%Y-%m-%d…`).
pub fn local(ms: i64, format: &str) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.with_timezone(&chrono::Local).format(format).to_string())
        .unwrap_or_default()
}

/// A quantity for a form field: `2`, `1.5` (no fractions, no unit).
pub fn plain_quantity(q: f64) -> String {
    let s = format!("{q:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
