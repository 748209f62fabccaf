//! Charts in SVG, ours: `Chart` draws series of daily figures as bars or lines over a y axis
//! (`YAxis`, nice ticks and grid) and an x axis (`XAxis`, thinned labels); `ChartTooltip` shows the
//! figures of the day under the pointer or the keyboard cursor (arrows, Home, End). The numbers
//! behind (scales, ticks) are in `crate::chart`.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::chart::{label_every, nice_ticks, LinearScale};

const WIDTH: f64 = 720.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 26.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Bars,
    Line,
}

/// One series: a name for the tooltip, a value per point (none where the figure is missing), how it
/// is drawn and a CSS class for its colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
    pub shape: Shape,
    pub class: &'static str,
}

/// Where the plot area is, in the SVG's own units.
#[derive(Debug, Clone, Copy)]
struct Frame {
    height: f64,
    points: usize,
}

impl Frame {
    fn bottom(&self) -> f64 {
        self.height - BOTTOM
    }

    fn band(&self) -> f64 {
        (WIDTH - LEFT - RIGHT) / self.points.max(1) as f64
    }

    /// The middle of point `i`.
    fn x(&self, i: usize) -> f64 {
        LEFT + (i as f64 + 0.5) * self.band()
    }

    /// The point under the SVG x coordinate `x`.
    fn index_at(&self, x: f64) -> Option<usize> {
        let i = ((x - LEFT) / self.band()).floor();
        (i >= 0.0 && (i as usize) < self.points).then_some(i as usize)
    }
}

#[component]
fn YAxis(ticks: Vec<f64>, y: LinearScale, format_value: Callback<f64, String>) -> impl IntoView {
    ticks
        .into_iter()
        .map(|tick| {
            let at = y.map(tick);
            view! {
                <line class="grid" x1=LEFT x2=WIDTH - RIGHT y1=at y2=at></line>
                <text class="tick" x=LEFT - 6.0 y=at + 4.0 text-anchor="end">{format_value.run(tick)}</text>
            }
        })
        .collect_view()
}

#[component]
fn XAxis(labels: Vec<String>, frame: Frame) -> impl IntoView {
    let every = label_every(labels.len(), 8);
    labels
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, label)| {
            view! { <text class="tick" x=frame.x(i) y=frame.height - 8.0 text-anchor="middle">{label}</text> }
        })
        .collect_view()
}

/// The figures of one point, beside it.
#[component]
fn ChartTooltip(
    active: ReadSignal<Option<usize>>,
    labels: StoredValue<Vec<String>>,
    series: StoredValue<Vec<Series>>,
    frame: Frame,
    format_value: Callback<f64, String>,
) -> impl IntoView {
    move || {
        let i = active.get()?;
        let left = frame.x(i) / WIDTH * 100.0;
        // Past the middle, the tooltip opens to the left of the point. Positions go through CSSOM
        // (`style:`), which a strict Content-Security-Policy allows, unlike style attributes.
        let (from_left, from_right) = if left > 50.0 { (None, Some(100.0 - left)) } else { (Some(left), None) };
        let percent = |v: Option<f64>| v.map(|v| format!("{v:.2}%")).unwrap_or_else(|| "auto".to_owned());
        let rows = series.with_value(|series| {
            series
                .iter()
                .map(|s| {
                    let value = s.values.get(i).copied().flatten().map(|v| format_value.run(v)).unwrap_or_else(|| "—".into());
                    view! { <li class=s.class><span class="swatch"></span>{s.name.clone()} ": " <strong>{value}</strong></li> }
                })
                .collect_view()
        });
        Some(view! {
            <div class="chart-tooltip" class:flipped=from_right.is_some()
                style:left=percent(from_left) style:right=percent(from_right)>
                <p>{labels.with_value(|l| l.get(i).cloned().unwrap_or_default())}</p>
                <ul>{rows}</ul>
            </div>
        })
    }
}

/// The drawing's height in the width of `WIDTH`: a smaller chart on an overview.
fn height_of(compact: bool) -> f64 {
    if compact {
        170.0
    } else {
        280.0
    }
}

/// The chart's place while its figures load: a box of the drawing's proportions (and its legend's
/// line, for two series), so that nothing moves when the chart comes.
#[component]
pub fn ChartPlaceholder(#[prop(optional)] compact: bool, #[prop(optional)] legend: bool) -> impl IntoView {
    view! {
        <div class="chart" class:compact=compact aria-hidden="true">
            <div class="placeholder chart-box" style:aspect-ratio=format!("{WIDTH} / {}", height_of(compact))></div>
            {legend.then(|| view! { <ul class="chart-legend"><li>"\u{a0}"</li></ul> })}
        </div>
    }
}

/// A chart of daily figures. `labels` name the points (dates); every series has as many values.
#[component]
pub fn Chart(
    #[prop(into)] label: Signal<String>,
    labels: Vec<String>,
    series: Vec<Series>,
    format_value: Callback<f64, String>,
    #[prop(optional)] compact: bool,
) -> impl IntoView {
    let height = height_of(compact);
    let points = labels.len();
    let frame = Frame { height, points };
    let max = series.iter().flat_map(|s| s.values.iter().flatten()).fold(0.0f64, |m, v| m.max(*v));
    let ticks = nice_ticks(max, if compact { 3 } else { 5 });
    let top = ticks.last().copied().unwrap_or(1.0);
    let y = LinearScale { domain: (0.0, top), range: (frame.bottom(), TOP) };
    let (active, set_active) = signal(None::<usize>);

    let drawn = series
        .iter()
        .enumerate()
        .map(|(n, s)| match s.shape {
            Shape::Bars => {
                // Bars of several series share the band side by side.
                let bar_series = series.iter().filter(|s| s.shape == Shape::Bars).count().max(1);
                let slot = series.iter().take(n).filter(|s| s.shape == Shape::Bars).count();
                let width = (frame.band() * 0.8 / bar_series as f64).max(0.5);
                s.values
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| v.map(|v| (i, v)))
                    .map(|(i, v)| {
                        let x = frame.x(i) - frame.band() * 0.4 + slot as f64 * width;
                        let top = y.map(v);
                        view! {
                            <rect class=format!("bar {}", s.class) x=format!("{x:.2}") y=format!("{top:.2}")
                                width=format!("{width:.2}") height=format!("{:.2}", frame.bottom() - top)></rect>
                        }
                    })
                    .collect_view()
                    .into_any()
            }
            Shape::Line => {
                let mut path = String::new();
                let mut pen_down = false;
                for (i, v) in s.values.iter().enumerate() {
                    match v {
                        Some(v) => {
                            path.push_str(&format!(
                                "{}{:.2},{:.2} ",
                                if pen_down { "L" } else { "M" },
                                frame.x(i),
                                y.map(*v)
                            ));
                            pen_down = true;
                        }
                        None => pen_down = false,
                    }
                }
                view! { <path class=format!("line {}", s.class) d=path></path> }.into_any()
            }
        })
        .collect_view();

    let legend = (series.len() > 1).then(|| {
        view! {
            <ul class="chart-legend">
                {series.iter().map(|s| view! { <li class=s.class><span class="swatch"></span>{s.name.clone()}</li> }).collect_view()}
            </ul>
        }
    });
    let labels_kept = StoredValue::new(labels.clone());
    let series_kept = StoredValue::new(series);
    let on_move = move |ev: ev::MouseEvent| {
        let Some(svg) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let rect = svg.get_bounding_client_rect();
        if rect.width() > 0.0 {
            let x = (f64::from(ev.client_x()) - rect.left()) / rect.width() * WIDTH;
            set_active.set(frame.index_at(x));
        }
    };
    let on_key = move |ev: ev::KeyboardEvent| {
        if points == 0 {
            return;
        }
        let current = active.get_untracked().unwrap_or(points - 1);
        let next = match ev.key().as_str() {
            "ArrowLeft" => current.saturating_sub(1),
            "ArrowRight" => (current + 1).min(points - 1),
            "Home" => 0,
            "End" => points - 1,
            _ => return,
        };
        ev.prevent_default();
        set_active.set(Some(next));
    };
    let cursor = move || {
        active.get().map(|i| {
            view! {
                <rect class="cursor" x=format!("{:.2}", frame.x(i) - frame.band() / 2.0) y=TOP
                    width=format!("{:.2}", frame.band()) height=frame.bottom() - TOP></rect>
            }
        })
    };
    view! {
        <div class="chart" class:compact=compact>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" tabindex="0"
                aria-label=move || label.get()
                on:mousemove=on_move
                on:mouseleave=move |_| set_active.set(None)
                on:focus=move |_| set_active.set(Some(points.saturating_sub(1)))
                on:blur=move |_| set_active.set(None)
                on:keydown=on_key>
                <YAxis ticks y format_value />
                {cursor}
                {drawn}
                <line class="axis" x1=LEFT x2=WIDTH - RIGHT y1=frame.bottom() y2=frame.bottom()></line>
                <XAxis labels frame />
            </svg>
            <div aria-live="polite">
                <ChartTooltip active labels=labels_kept series=series_kept frame format_value />
            </div>
            {legend}
        </div>
    }
}
