//! Invite links on the household page (issue 20): the QR code drawn on the server as
//! inline SVG really encodes the link, the page stays within its CSP, and the Copy/Share
//! script is served beside it.

use crate::common::{Server, assert_refused, between, code_token, db_count};

/// The first `<svg …>…</svg>` element after `after` in `html`.
fn svg_after<'a>(html: &'a str, after: &str) -> &'a str {
    let from = html.find(after).expect("the marker") + after.len();
    let rest = &html[from..];
    let start = rest.find("<svg").expect("an <svg> element");
    let len = rest[start..].find("</svg>").expect("a closed <svg>") + "</svg>".len();
    &rest[start..start + len]
}

/// The numbers in `s` (an SVG path's operands), in order.
fn numbers(s: &str) -> Vec<f64> {
    s.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().expect("a number"))
        .collect()
}

/// The dark rectangles (x, y, width, height) of a path made of `M x y h w v h …` runs,
/// each closed back to its start with `H x V y`.
fn rectangles(d: &str) -> Vec<[f64; 4]> {
    d.split('M')
        .filter(|run| !run.trim().is_empty())
        .map(|run| {
            assert!(
                run.contains('h') && run.contains('v'),
                "a run that is not a rectangle: M{run}"
            );
            let n = numbers(run);
            assert_eq!(n.len(), 6, "M{run}");
            assert_eq!((n[4], n[5]), (n[0], n[1]), "M{run} does not close");
            [n[0], n[1], n[2], n[3]]
        })
        .collect()
}

/// Reads the QR code in `svg` the way a camera would: rasterises its dark rectangles on
/// the white background, one pixel per SVG unit, and decodes that picture with rqrr.
fn decode(svg: &str) -> String {
    let view = numbers(between(svg, r#"viewBox=""#, "\"").expect("a viewBox"));
    let (width, height) = (view[2] as usize, view[3] as usize);
    assert!(width >= 100 && height == width, "{width}×{height}");
    assert!(
        svg.contains(r##"fill="#fff""##),
        "no light background: {svg}"
    );
    let d = between(svg, r##"<path fill="#000" d=""##, "\"").expect("the dark modules");
    let mut pixels = vec![255u8; width * height];
    for [x, y, w, h] in rectangles(d) {
        for py in y as usize..(y + h) as usize {
            for px in x as usize..(x + w) as usize {
                pixels[py * width + px] = 0;
            }
        }
    }
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "QR codes found in the picture");
    grids[0].decode().expect("a readable QR code").1
}

#[test]
fn a_new_invite_shows_a_qr_code_that_scans_to_its_link() {
    let server = Server::start();
    let anna = server.user_client("anna", "Smiths", true);
    let quiet = anna.get("/household");
    assert_eq!(quiet.status, 200, "{}", quiet.describe());
    assert!(
        !quiet.body.contains("<svg") && !quiet.body.contains("invite.js"),
        "a QR code or the invite script without a new invite"
    );

    let page = anna.submit("/household/invites", &[("role", "member")]);
    assert_eq!(page.status, 200, "{}", page.describe());
    let url = code_token(&page.body).expect("the invite link");
    assert!(
        url.starts_with(&format!("{}/invite/", server.base_url())),
        "{url}"
    );
    let svg = svg_after(&page.body, r#"id="new-invite""#);
    assert_eq!(decode(svg), url, "the QR code is not the invite link");

    // A text alternative, and nothing the CSP would block: no inline style or script.
    let labelled = between(&page.body, r#"<div role="img" aria-label=""#, "\"")
        .expect("the QR code's text alternative");
    assert!(
        labelled.contains("QR code of the invite link"),
        "{labelled}"
    );
    assert!(!svg.contains("style") && !svg.contains("<?xml"), "{svg}");
    assert!(
        !page.body.contains("style=") && !page.body.contains("<style"),
        "an inline style"
    );
    for tag in page.body.split("<script").skip(1) {
        let open = &tag[..tag.find('>').unwrap()];
        assert!(open.contains(" src="), "inline script: <script{open}>");
    }
    let csp = page.header("content-security-policy").expect("a CSP");
    assert!(
        csp.contains("default-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    // The buttons start hidden (they need the script) and say what they do.
    for (id, label) in [("invite-copy", "Copy link"), ("invite-share", "Share link")] {
        let button = between(&page.body, &format!(r#"id="{id}""#), "</button>").expect(id);
        assert!(
            button.contains(" hidden>") && button.contains(label),
            "{button}"
        );
    }
    assert!(page.body.contains(r#"id="invite-said" role="status""#));

    // The page's own script, from the embedded assets like app.js.
    let src = between(&page.body, r#"<script src=""#, "\"").map(str::to_string);
    let script = page
        .body
        .match_indices(r#"<script src=""#)
        .filter_map(|(at, m)| between(&page.body[at..], m, "\""))
        .find(|s| s.ends_with("/invite.js"))
        .unwrap_or_else(|| panic!("no invite.js on the page (first script {src:?})"));
    let js = anna.get(script);
    assert_eq!(js.status, 200, "{}", js.describe());
    let kind = js.header("content-type").unwrap_or_default();
    assert!(kind.contains("javascript"), "{kind}");
    assert!(js.body.contains("navigator.clipboard") && js.body.contains("navigator.share"));
    assert!(
        js.header("cache-control")
            .unwrap_or_default()
            .contains("immutable"),
        "{}",
        js.describe()
    );

    // Each invite has its own link, and its own code.
    let again = anna.submit("/household/invites", &[("role", "admin")]);
    let other = code_token(&again.body).expect("the second link");
    assert_ne!(other, url);
    assert_eq!(decode(svg_after(&again.body, r#"id="new-invite""#)), other);
}

#[test]
fn a_member_gets_no_invite_and_no_qr_code() {
    let server = Server::start();
    let _anna = server.user_client("anna", "Smiths", true);
    let ben = server.user_client("ben", "Smiths", false);
    let refused = ben.submit("/household/invites", &[("role", "member")]);
    assert_refused(&refused, 403, "a member creating an invite");
    assert!(!refused.body.contains("<svg") && !refused.body.contains("/invite/"));
    assert_eq!(db_count(&server, "SELECT count(*) FROM invites"), 0);
}
