//! A price history drawn as an inline SVG (server-side; no JavaScript).

/// Chart size in SVG units.
pub const WIDTH: f64 = 320.0;
pub const HEIGHT: f64 = 120.0;
const PAD: f64 = 8.0;

/// What the template draws: a polyline and a dot per point, with axis labels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Chart {
    /// `x,y x,y …` for `<polyline points=…>`; empty when there are no points.
    pub points: String,
    pub dots: Vec<(f64, f64)>,
    pub min_label: String,
    pub max_label: String,
    pub first_day: String,
    pub last_day: String,
}

/// Lays out `(day, amount)` points (days as `YYYY-MM-DD`, sorted or not).
pub fn layout(points: &[(String, f64)], label: impl Fn(f64) -> String) -> Chart {
    let mut pts: Vec<&(String, f64)> = points.iter().collect();
    pts.sort_by(|a, b| a.0.cmp(&b.0));
    if pts.is_empty() {
        return Chart::default();
    }
    let min = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let max = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let span = if max > min { max - min } else { 1.0 };
    let n = pts.len();
    let dots: Vec<(f64, f64)> = pts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = if n == 1 {
                WIDTH / 2.0
            } else {
                PAD + (WIDTH - 2.0 * PAD) * i as f64 / (n - 1) as f64
            };
            let y = if max > min {
                HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * (p.1 - min) / span
            } else {
                HEIGHT / 2.0
            };
            ((x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0)
        })
        .collect();
    Chart {
        points: dots
            .iter()
            .map(|(x, y)| format!("{x},{y}"))
            .collect::<Vec<_>>()
            .join(" "),
        dots,
        min_label: label(min),
        max_label: label(max),
        first_day: pts[0].0.clone(),
        last_day: pts[n - 1].0.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_one_and_many_points() {
        let empty = layout(&[], |v| v.to_string());
        assert!(empty.points.is_empty() && empty.dots.is_empty());
        let one = layout(&[("2026-01-01".into(), 2.0)], |v| v.to_string());
        assert_eq!(one.dots, vec![(160.0, 60.0)]);
        let many = layout(
            &[
                ("2026-03-01".into(), 3.0),
                ("2026-01-01".into(), 1.0),
                ("2026-02-01".into(), 2.0),
            ],
            |v| format!("{v:.2}"),
        );
        assert_eq!(many.dots.len(), 3);
        assert_eq!(many.first_day, "2026-01-01");
        assert_eq!(many.last_day, "2026-03-01");
        assert_eq!(many.min_label, "1.00");
        // The cheapest point is lowest on the chart (largest y).
        assert!(many.dots[0].1 > many.dots[2].1);
        assert!(
            many.dots
                .iter()
                .all(|(x, y)| *x >= 0.0 && *x <= WIDTH && *y >= 0.0 && *y <= HEIGHT)
        );
    }
}
