//! QR codes of links, drawn on the server as inline SVG: a phone scans the code off
//! another phone's screen. Only `<svg>`, `<rect>` and `<path>` with presentation
//! attributes, so the page's CSP (no inline script or style) allows it as it is.

use std::fmt;

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// Smallest width and height of the picture, in CSS pixels (the quiet zone included).
const SIZE: u32 = 200;

/// The SVG of a QR code. Made only by [`svg_of`] from the code's dark modules, it holds no
/// one's text (the link is in the modules' positions, not in the markup), so a template
/// may insert it unescaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrSvg(String);

impl fmt::Display for QrSvg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The QR code of `text` as an `<svg>` element (dark modules on white, with the quiet
/// zone scanners need), or `None` when `text` is too long for a QR code.
pub fn svg_of(text: &str) -> Option<QrSvg> {
    // Medium error correction: scans off a screen with glare or a smudge.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let document = code
        .render::<svg::Color>()
        .min_dimensions(SIZE, SIZE)
        .quiet_zone(true)
        .build();
    // The renderer writes a standalone document: only its `<svg>` element goes in a page.
    let start = document.find("<svg")?;
    Some(QrSvg(document[start..].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_becomes_an_svg_element_fit_for_the_csp() {
        let url = "https://lists.example.org/invite/abcdefghijklmnopqrstuvwxyz0123456789-_ABCDEFG";
        let svg = svg_of(url).expect("a QR code").to_string();
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"), "{svg}");
        for banned in ["<?xml", "style", "script", "<text", "href", url] {
            assert!(!svg.contains(banned), "{banned:?} in {svg}");
        }
        assert!(
            svg.contains("<path") && svg.contains(r##"fill="#fff""##),
            "{svg}"
        );
        // The same link gives the same picture; another link another one.
        assert_eq!(svg_of(url), svg_of(url));
        assert_ne!(svg_of(url), svg_of(&format!("{url}H")));
    }

    #[test]
    fn text_too_long_for_a_qr_code_gives_none() {
        assert!(svg_of(&"x".repeat(3_000)).is_none());
    }
}
