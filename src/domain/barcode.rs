//! Barcodes: EAN-13, EAN-8 and UPC-A, with their check digits.

use crate::domain::Invalid;

/// The GS1 check digit for the digits before it.
fn check_digit(body: &[u8]) -> u8 {
    // From the right, weights alternate 3, 1, 3, …
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| u32::from(*d) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Validates a barcode typed or scanned; returns its digits. Spaces and dashes are ignored.
pub fn validate(raw: &str) -> Result<String, Invalid> {
    let code: String = raw.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if code.is_empty() {
        return Err(Invalid("type the number under the barcode".into()));
    }
    if !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(Invalid(format!(
            "`{raw}` is not a barcode: use only digits"
        )));
    }
    let kind = match code.len() {
        8 => "EAN-8",
        12 => "UPC-A",
        13 => "EAN-13",
        n => {
            return Err(Invalid(format!(
                "a barcode has 8 (EAN-8), 12 (UPC-A) or 13 (EAN-13) digits; this one has {n}"
            )));
        }
    };
    let digits: Vec<u8> = code.bytes().map(|b| b - b'0').collect();
    let (body, last) = digits.split_at(digits.len() - 1);
    let expected = check_digit(body);
    if last[0] != expected {
        return Err(Invalid(format!(
            "{code} is not a valid {kind}: its last digit should be {expected} (check the number for typos)"
        )));
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let ok = [
            ("4006381333931", "4006381333931"), // EAN-13
            ("3017620422003", "3017620422003"), // Nutella
            ("5000159484695", "5000159484695"),
            ("96385074", "96385074"), // EAN-8
            ("73513537", "73513537"),
            ("036000291452", "036000291452"), // UPC-A
            ("012345678905", "012345678905"),
            ("4006381 333931", "4006381333931"),
            ("400-6381-333931", "4006381333931"),
        ];
        for (raw, want) in ok {
            assert_eq!(validate(raw).as_deref(), Ok(want), "{raw}");
        }
        let bad = [
            ("", "type the number"),
            ("4006381333932", "should be 1"),
            ("96385075", "should be 4"),
            ("036000291453", "should be 2"),
            ("12345", "this one has 5"),
            ("40063813339311", "this one has 14"),
            ("abc", "only digits"),
            ("4006381333９31", "only digits"),
            ("<script>", "only digits"),
        ];
        for (raw, want) in bad {
            let e = validate(raw).unwrap_err().0;
            assert!(e.contains(want), "{raw}: {e}");
        }
    }
}
