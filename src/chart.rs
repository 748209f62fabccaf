//! The arithmetic of charts, free of any rendering: linear scales, "nice" tick values, which day
//! labels to show, sparklines. Tested natively.

/// Maps a value of `domain` to a coordinate of `range` (either may run backwards, as SVG's y does).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl LinearScale {
    pub fn map(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if d1 == d0 {
            return r0;
        }
        r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// The points of a sparkline of `values` in a `width` × `height` box (SVG `points`, y downwards):
/// left to right, 0 at the bottom, the highest value at the top; a flat line at the bottom when all
/// are 0, no point for an unknown day (the line joins its neighbours).
pub fn sparkline_points(values: &[Option<i64>], width: f64, height: f64) -> String {
    let max = values.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
    let x = LinearScale { domain: (0.0, values.len().saturating_sub(1).max(1) as f64), range: (0.0, width) };
    let y = LinearScale { domain: (0.0, max), range: (height, 0.0) };
    values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", x.map(i as f64), y.map(v as f64))))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A step of 1, 2 or 5 times a power of ten, near `span / count`.
fn nice_step(span: f64, count: usize) -> f64 {
    let raw = span / count.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// Round tick values from 0 up to at least `max`, about `count` of them; the last one is the top of
/// the axis. Whole numbers only (the report counts people, pages, calls and euros).
pub fn nice_ticks(max: f64, count: usize) -> Vec<f64> {
    if !max.is_finite() || max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let step = nice_step(max, count).max(1.0);
    let top = (max / step).ceil() * step;
    let steps = (top / step).round() as usize;
    (0..=steps).map(|i| i as f64 * step).collect()
}

/// Which of `count` points get a label on the x axis: every n-th so that at most `room` show,
/// always the first.
pub fn label_every(count: usize, room: usize) -> usize {
    count.div_ceil(room.max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_map_both_ways() {
        let y = LinearScale { domain: (0.0, 100.0), range: (200.0, 0.0) };
        assert_eq!(y.map(0.0), 200.0);
        assert_eq!(y.map(25.0), 150.0);
        assert_eq!(LinearScale { domain: (5.0, 5.0), range: (0.0, 10.0) }.map(5.0), 0.0);
    }
    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(nice_ticks(87.0, 5), [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(nice_ticks(1234.0, 4), [0.0, 500.0, 1000.0, 1500.0]);
        assert_eq!(nice_ticks(3.0, 5), [0.0, 1.0, 2.0, 3.0]);
        assert_eq!(nice_ticks(0.0, 5), [0.0, 1.0]);
        assert_eq!(nice_ticks(f64::NAN, 5), [0.0, 1.0]);
        for max in [1.0, 7.0, 99.0, 100.0, 101.0, 45_678.0, 1e9] {
            let ticks = nice_ticks(max, 5);
            assert!(*ticks.last().unwrap() >= max && ticks.len() <= 11, "{max}: {ticks:?}");
        }
    }
    #[test]
    fn day_labels_thin_out() {
        assert_eq!(label_every(7, 10), 1);
        assert_eq!(label_every(30, 8), 4);
        assert_eq!(label_every(365, 8), 46);
        assert_eq!(label_every(0, 8), 1);
    }
    #[test]
    fn sparkline_spans_the_box_with_the_peak_at_the_top() {
        assert_eq!(sparkline_points(&[Some(0), Some(5), Some(10)], 100.0, 20.0), "0.0,20.0 50.0,10.0 100.0,0.0");
        assert_eq!(sparkline_points(&[Some(0), Some(0)], 10.0, 4.0), "0.0,4.0 10.0,4.0");
        assert_eq!(
            sparkline_points(&[Some(4), None, Some(0)], 10.0, 4.0),
            "0.0,0.0 10.0,4.0",
            "an unknown day: no point"
        );
        assert_eq!(sparkline_points(&[], 10.0, 4.0), "");
    }
}
