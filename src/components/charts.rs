//! Charts drawn as inline SVG: error budget burn-down, a value's trend
//! against its targets, bars per period, and outages on a timeline.
//!
//! Every chart scales to its container (`viewBox`, `width="100%"`), is one
//! `role="img"` labelled by its SVG `<title>` and described by its `<desc>`,
//! and is followed by a visually hidden table with the same data for screen
//! readers. Status is shown by line style, marker shape and text as well as
//! colour; colours come from the stylesheet through the classes used here.
//!
//! The caller formats every text (dates, values, targets); these components
//! only place what they are given. Ids inside a chart all start with its
//! `id` prop, so several charts can share a page.

use std::fmt::Write;
use std::rc::Rc;

use sla_engine::units::estimate_text;
use yew::prelude::*;

use crate::format;
use crate::i18n::{texts, Count};

/// Width of every chart's `viewBox`; heights vary per chart.
const WIDTH: f64 = 480.0;
const DASHED: &str = "6 4";
const DOTTED: &str = "1.5 3";
/// Outages a timeline's table for screen readers lists one by one; past
/// this it counts them per service.
const TABLE_MARKS: usize = 300;

/// A viewBox coordinate, short enough to keep the DOM small.
fn at(v: f64) -> String {
    estimate_text(v, 1)
}

/// Maps data values `from.0..=from.1` onto viewBox coordinates `to.0..=to.1`.
#[derive(Clone, Copy)]
struct Scale {
    from: (f64, f64),
    to: (f64, f64),
}

impl Scale {
    fn map(self, v: f64) -> f64 {
        let span = self.from.1 - self.from.0;
        if span == 0.0 {
            return self.to.0;
        }
        self.to.0 + (v - self.from.0) / span * (self.to.1 - self.to.0)
    }
}

/// A round step (1, 2 or 5 times a power of ten) of at least `raw`.
fn nice_step(raw: f64) -> f64 {
    let magnitude = 10f64.powf(raw.log10().floor());
    let norm = raw / magnitude;
    let factor = [1.0, 2.0, 5.0]
        .into_iter()
        .find(|f| norm <= *f + 1e-9)
        .unwrap_or(10.0);
    factor * magnitude
}

/// The tick values from `bottom` to `top` (both multiples of `step`).
fn ticks(bottom: f64, top: f64, step: f64) -> impl Iterator<Item = f64> {
    let count = ((top - bottom) / step + 1e-6).floor().clamp(0.0, 40.0) as usize;
    (0..=count).map(move |i| bottom + i as f64 * step)
}

/// The `text-anchor` that keeps a label at `fraction` (0..=1) of the width inside the chart.
fn anchor(fraction: f64) -> &'static str {
    if fraction < 0.05 {
        "start"
    } else if fraction > 0.95 {
        "end"
    } else {
        "middle"
    }
}

/// What every chart is drawn in: a titled frame around the `<svg>` (named
/// by its `<title>`, described by its `<desc>`), a line that reads out the
/// point under the pointer or chosen with the arrow keys (the chart takes
/// focus), the legend, a note, and the data as a table for screen readers.
struct Frame {
    id: AttrValue,
    class: &'static str,
    title: AttrValue,
    height: f64,
    desc: String,
    body: Html,
    legend: Html,
    /// The data table's column heads and rows (a row's first cell heads it).
    head: Vec<&'static str>,
    rows: Vec<Vec<AttrValue>>,
    /// Where each row's point is drawn, in `viewBox` units: what the
    /// pointer and the arrow keys move between.
    points: Vec<(f64, f64)>,
    note: Option<AttrValue>,
    /// The table for screen readers when it is not `rows` (too many to
    /// list): its caption, heads and rows. The read-out still goes through
    /// `rows`.
    table: Option<Table>,
}

/// A table for screen readers: its caption, column heads and rows.
type Table = (String, Vec<&'static str>, Vec<Vec<AttrValue>>);

/// The read-out of point `at` (`None`: none): its row's cells in words, and
/// the marker moved onto it. Written into the frame's own elements (the
/// text of `.chart-tip`, which the render leaves empty, and the marker's
/// place and visibility), so moving along a chart re-renders nothing; the
/// figure is keyed by its data, so new data starts with no read-out.
fn read_out(figure: &web_sys::Element, text: Option<&str>, at: Option<(f64, f64)>) {
    if let Ok(Some(tip)) = figure.query_selector(".chart-tip") {
        tip.set_text_content(text);
    }
    if let Ok(Some(marker)) = figure.query_selector(".chart-focus") {
        match at {
            Some((x, y)) => {
                let _ = marker.set_attribute(
                    "transform",
                    &format!("translate({} {})", self::at(x), self::at(y)),
                );
                let _ = marker.set_attribute("visibility", "visible");
            }
            None => {
                let _ = marker.set_attribute("visibility", "hidden");
            }
        }
    }
}

impl Frame {
    fn view(self) -> Html {
        let t = texts().charts();
        let Frame {
            id,
            class,
            title,
            height,
            desc,
            body,
            legend,
            head,
            rows,
            points,
            note,
            table,
        } = self;
        let texts: Rc<Vec<String>> = Rc::new(
            rows.iter()
                .map(|cells| {
                    let mut cells = cells.iter().map(AttrValue::as_str);
                    let first = cells.next().unwrap_or_default();
                    format!("{first}: {}", cells.collect::<Vec<_>>().join(" · "))
                })
                .collect(),
        );
        let points = Rc::new(points);
        // The index shown, kept on the figure (`data-at`) between events.
        let show = {
            let (texts, points) = (texts.clone(), points.clone());
            move |figure: &web_sys::Element, at: Option<usize>| {
                let at = at.filter(|i| *i < points.len().min(texts.len()));
                match at {
                    Some(i) => {
                        let _ = figure.set_attribute("data-at", &i.to_string());
                        read_out(figure, Some(&texts[i]), Some(points[i]));
                    }
                    None => {
                        let _ = figure.remove_attribute("data-at");
                        read_out(figure, None, None);
                    }
                }
            }
        };
        // The event's own chart (Yew listens at the page's root, so the
        // current target is not the chart: the target's nearest figure is).
        let figure_of = |e: &Event| {
            e.target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .and_then(|t| t.closest("figure.chart").ok().flatten())
        };
        let onkeydown = {
            let (show, last) = (show.clone(), points.len().checked_sub(1));
            Callback::from(move |e: KeyboardEvent| {
                let (Some(figure), Some(last)) = (figure_of(&e), last) else {
                    return;
                };
                let now = figure
                    .get_attribute("data-at")
                    .and_then(|a| a.parse::<usize>().ok());
                let next = match e.key().as_str() {
                    "ArrowRight" | "ArrowDown" => now.map_or(0, |i| (i + 1).min(last)),
                    "ArrowLeft" | "ArrowUp" => now.map_or(0, |i| i.saturating_sub(1)),
                    "Home" => 0,
                    "End" => last,
                    "Escape" => return show(&figure, None),
                    _ => return,
                };
                e.prevent_default();
                show(&figure, Some(next));
            })
        };
        let onmousemove = {
            let (show, points) = (show.clone(), points.clone());
            Callback::from(move |e: MouseEvent| {
                let Some(figure) = figure_of(&e) else { return };
                let Ok(Some(svg)) = figure.query_selector("svg") else {
                    return;
                };
                let rect = svg.get_bounding_client_rect();
                if rect.width() <= 0.0 {
                    return;
                }
                // In viewBox units (the SVG keeps its aspect ratio): the
                // nearest point in both directions (a timeline has rows).
                let scale = WIDTH / rect.width();
                let x = (f64::from(e.client_x()) - rect.left()) * scale;
                let y = (f64::from(e.client_y()) - rect.top()) * scale;
                let distance = |p: &(f64, f64)| (p.0 - x).powi(2) + (p.1 - y).powi(2);
                let nearest = points
                    .iter()
                    .enumerate()
                    .min_by(|a, b| distance(a.1).total_cmp(&distance(b.1)))
                    .map(|(i, _)| i);
                show(&figure, nearest);
            })
        };
        let onleave = {
            let show = show.clone();
            Callback::from(move |e: Event| {
                if let Some(figure) = figure_of(&e) {
                    show(&figure, None);
                }
            })
        };
        let focusable = !points.is_empty();
        // New data is a new figure: a read-out of the old data never stays
        // (the read-out lives in the figure's own DOM, not in the render).
        let key = texts
            .iter()
            .flat_map(|t| t.bytes().chain([0]))
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            })
            .to_string();
        let title_id = format!("{id}-title");
        let desc_id = format!("{id}-desc");
        html! {
            <figure class={classes!("chart", class)} {key}>
                <figcaption class="chart-title">{ &title }</figcaption>
                <svg viewBox={format!("0 0 {} {}", estimate_text(WIDTH, 0), estimate_text(height, 0))} width="100%" role="img"
                    aria-labelledby={title_id.clone()} aria-describedby={desc_id.clone()}
                    fill="currentColor" font-size="13" tabindex={focusable.then_some("0")}
                    {onkeydown} {onmousemove} onmouseleave={onleave.reform(|e: MouseEvent| Event::from(e))}
                    onblur={onleave.reform(|e: FocusEvent| Event::from(e))}>
                    <title id={title_id}>{ &title }</title>
                    <desc id={desc_id}>{ desc }</desc>
                    { body }
                    if focusable {
                        <g class="chart-focus" visibility="hidden" aria-hidden="true">
                            <line x1="0" x2="0" y1={at(-height)} y2={at(height)} stroke="currentColor" stroke-dasharray="2 2" />
                            <circle r="6" fill="none" stroke="currentColor" stroke-width="2" />
                        </g>
                    }
                </svg>
                if focusable {
                    <p class="chart-tip" aria-live="polite" data-hint={t.tip_hint}></p>
                }
                { legend }
                if let Some(note) = note { <p class="note">{ note }</p> }
                { match table {
                    Some((caption, head, rows)) => hidden_table(&caption.into(), &head, rows),
                    None => hidden_table(&title, &head, rows),
                } }
            </figure>
        }
    }
}

/// Appends a rectangle to an SVG path's `d`, in `viewBox` units.
fn rect_path(d: &mut String, x: f64, y: f64, width: f64, height: f64) {
    let _ = write!(
        d,
        "M{} {}h{}v{}h{}z",
        at(x),
        at(y),
        at(width),
        at(height),
        at(-width)
    );
}

/// The same data as the chart, for screen readers: the first cell of each row is its header.
fn hidden_table(caption: &AttrValue, head: &[&'static str], rows: Vec<Vec<AttrValue>>) -> Html {
    // A block wrapper: a table is never narrower than its content, so the
    // 1 px box that hides it must be around it, not on it.
    html! {
        <div class="visually-hidden">
        <table>
            <caption>{ caption }</caption>
            <thead>
                <tr>{ for head.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr>
            </thead>
            <tbody>
                { for rows.into_iter().map(|cells| {
                    let mut cells = cells.into_iter();
                    html! {
                        <tr>
                            <th scope="row">{ cells.next().unwrap_or_default() }</th>
                            { for cells.map(|c| html! { <td>{ c }</td> }) }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
        </div>
    }
}

/// A legend in HTML: each item is a small drawing (in a 24 × 12 box) and its text.
fn legend(items: Vec<(Html, &'static str)>) -> Html {
    html! {
        <ul class="chart-legend">
            { for items.into_iter().map(|(swatch, text)| html! {
                <li>
                    <svg class="chart-swatch" viewBox="0 0 24 12" width="24" height="12"
                        fill="currentColor" aria-hidden="true">{ swatch }</svg>
                    { " " }{ text }
                </li>
            }) }
        </ul>
    }
}

/// A horizontal line across a legend swatch.
fn swatch_line(class: &'static str, dash: Option<&'static str>) -> Html {
    html! {
        <line class={class} x1="0" y1="6" x2="24" y2="6" stroke="currentColor" stroke-dasharray={dash} />
    }
}

/// Horizontal grid lines with their labels left of the plot.
fn y_axis(scale: Scale, x: (f64, f64), values: Vec<(f64, String)>) -> Html {
    html! {
        <g class="chart-axis">
            { for values.into_iter().map(|(v, text)| {
                let y = scale.map(v);
                html! {
                    <>
                        <line class="chart-grid" x1={at(x.0)} x2={at(x.1)} y1={at(y)} y2={at(y)}
                            stroke="currentColor" stroke-width="0.5" />
                        <text x={at(x.0 - 4.0)} y={at(y)} text-anchor="end" dominant-baseline="middle">{ text }</text>
                    </>
                }
            }) }
        </g>
    }
}

#[derive(Properties, PartialEq)]
pub struct BurnDownProps {
    /// Prefix of every id inside the chart; unique on the page.
    pub id: AttrValue,
    pub title: AttrValue,
    /// (fraction of the period elapsed 0..=1, error budget left as a fraction
    /// of the allowed budget), in time order; below 0 once the budget is spent.
    pub points: Vec<(f64, f64)>,
    /// Tick positions 0..=1 along the period with their text, e.g. dates.
    pub x_labels: Vec<(f64, AttrValue)>,
    /// Written after each percentage of the budget, e.g. `%`.
    pub y_unit: AttrValue,
    /// Under the chart: what it shows, in the engine's figures.
    #[prop_or_default]
    pub note: Option<AttrValue>,
}

/// Error budget left over the period, as steps (it drops at each outage),
/// against the ideal straight burn from all of it to none of it.
#[component]
pub fn BurnDown(props: &BurnDownProps) -> Html {
    const HEIGHT: f64 = 240.0;
    const LEFT: f64 = 56.0;
    const RIGHT: f64 = WIDTH - 12.0;
    const TOP: f64 = 12.0;
    const BOTTOM: f64 = HEIGHT - 28.0;
    let t = texts().charts();
    let unit = &props.y_unit;
    let lowest = props.points.iter().map(|p| p.1).fold(-0.25, f64::min);
    let highest = props.points.iter().map(|p| p.1).fold(1.0, f64::max);
    let mut step = 0.25;
    while (highest - lowest) / step > 8.0 {
        step *= 2.0;
    }
    let bottom = (lowest / step + 1e-9).floor() * step;
    let top = (highest / step - 1e-9).ceil() * step;
    let x = Scale {
        from: (0.0, 1.0),
        to: (LEFT, RIGHT),
    };
    let y = Scale {
        from: (bottom, top),
        to: (BOTTOM, TOP),
    };
    let percent = |v: f64| format!("{} {unit}", format::localize(&estimate_text(v * 100.0, 1)));

    let mut steps = String::new();
    for (i, &(px, py)) in props.points.iter().enumerate() {
        let (sx, sy) = (x.map(px), y.map(py));
        let _ = if i == 0 {
            write!(steps, "M{},{}", at(sx), at(sy))
        } else {
            write!(steps, "H{}V{}", at(sx), at(sy))
        };
    }
    let axis = ticks(bottom, top, step)
        .map(|v| (v, format!("{} {unit}", (v * 100.0).round() as i64)))
        .collect();
    let x_ticks = props.x_labels.iter().map(|(fraction, text)| {
        let sx = at(x.map(*fraction));
        html! {
            <>
                <line x1={sx.clone()} x2={sx.clone()} y1={at(BOTTOM)} y2={at(BOTTOM + 4.0)} stroke="currentColor" />
                <text x={sx} y={at(HEIGHT - 8.0)} text-anchor={anchor(*fraction)}>{ text }</text>
            </>
        }
    });
    let zero = y.map(0.0);
    let desc = match props.points.last() {
        Some(&(_, last)) => t.burn_down_description(
            &percent(last),
            &percent(
                props
                    .points
                    .iter()
                    .map(|p| p.1)
                    .fold(f64::INFINITY, f64::min),
            ),
        ),
        None => t.no_data_yet.to_string(),
    };
    let rows: Vec<Vec<AttrValue>> = props
        .points
        .iter()
        .map(|&(px, py)| {
            vec![
                format!("{} %", format::localize(&estimate_text(px * 100.0, 1))).into(),
                percent(py).into(),
            ]
        })
        .collect();
    let points: Vec<(f64, f64)> = props
        .points
        .iter()
        .map(|&(px, py)| (x.map(px), y.map(py)))
        .collect();

    let body = html! {
        <>
            { y_axis(y, (LEFT, RIGHT), axis) }
            <line class="chart-zero" x1={at(LEFT)} x2={at(RIGHT)} y1={at(zero)} y2={at(zero)}
                stroke="currentColor" stroke-width="1.5" />
            <g class="chart-axis">{ for x_ticks }</g>
            <line class="chart-expected" x1={at(x.map(0.0))} y1={at(y.map(1.0))} x2={at(x.map(1.0))} y2={at(zero)}
                stroke="currentColor" stroke-dasharray={DASHED} />
            <path class="chart-line" d={steps} fill="none" stroke="currentColor" stroke-width="2" />
        </>
    };
    let legend = legend(vec![
        (swatch_line("chart-line", None), t.budget_left_legend),
        (
            swatch_line("chart-expected", Some(DASHED)),
            t.ideal_burn_legend,
        ),
    ]);
    html! {
        { Frame { id: props.id.clone(), class: "chart-burndown", title: props.title.clone(), height: HEIGHT, desc, body,
            legend, head: vec![t.period_elapsed, t.budget_left], rows, points, note: props.note.clone(), table: None }.view() }
    }
}

#[derive(Properties, PartialEq)]
pub struct TrendProps {
    /// Prefix of every id inside the chart; unique on the page.
    pub id: AttrValue,
    pub title: AttrValue,
    /// One per period, e.g. month names.
    pub labels: Vec<AttrValue>,
    /// The achieved value per period; `None` when there is no data (a gap in the line).
    pub values: Vec<Option<f64>>,
    /// `values` as shown to people, one per period (also for periods without data).
    pub value_texts: Vec<AttrValue>,
    /// The level each period should reach.
    pub expected: f64,
    /// e.g. `expected 99.9 %`, written on the expected line.
    pub expected_text: AttrValue,
    /// The level below which the agreement is breached, if it has one.
    #[prop_or_default]
    pub minimum: Option<f64>,
    /// e.g. `minimum 99.5 %`, written on the minimum line.
    #[prop_or_default]
    pub minimum_text: Option<AttrValue>,
    /// Written after each value on the y axis, e.g. `%`.
    pub unit: AttrValue,
}

/// A value per period as a line with a marker per period: a circle when the
/// period met the expected level, a triangle pointing down when it did not.
/// The expected level is a dashed line, the minimum a dotted one.
#[component]
pub fn Trend(props: &TrendProps) -> Html {
    const HEIGHT: f64 = 240.0;
    const LEFT: f64 = 64.0;
    const RIGHT: f64 = WIDTH - 12.0;
    const TOP: f64 = 14.0;
    const BOTTOM: f64 = HEIGHT - 26.0;
    let t = texts().charts();
    let count = props.labels.len();
    let value = |i: usize| props.values.get(i).copied().flatten();
    let text = |i: usize| props.value_texts.get(i).cloned().unwrap_or_default();

    // Zoom to the values and both lines: availability near 100 % becomes e.g. 99.2–100.
    let (mut lo, mut hi) = (props.expected, props.expected);
    for v in props.values.iter().flatten().chain(&props.minimum) {
        lo = lo.min(*v);
        hi = hi.max(*v);
    }
    let span = if hi - lo > 1e-9 * hi.abs().max(1.0) {
        hi - lo
    } else {
        hi.abs().max(1.0) * 0.01
    };
    let step = nice_step(span / 4.0);
    let bottom = ((lo - span * 0.2) / step + 1e-9).floor() * step;
    let top = (hi / step - 1e-9).ceil() * step;
    let decimals = (-(step.log10() + 1e-9).floor()).max(0.0) as usize;
    let band = (RIGHT - LEFT) / count.max(1) as f64;
    let x = |i: usize| LEFT + (i as f64 + 0.5) * band;
    let y = Scale {
        from: (bottom, top),
        to: (BOTTOM, TOP),
    };
    let axis = ticks(bottom, top, step)
        .map(|v| {
            let plain = estimate_text(v, decimals as u32);
            (v, format!("{} {}", format::localize(&plain), props.unit))
        })
        .collect();

    let mut line = String::new();
    let mut pen_down = false;
    for i in 0..count {
        match value(i) {
            Some(v) => {
                let command = if pen_down { 'L' } else { 'M' };
                let _ = write!(line, "{command}{},{}", at(x(i)), at(y.map(v)));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    let markers = (0..count).filter_map(|i| {
        let v = value(i)?;
        let (cx, cy) = (x(i), y.map(v));
        let tip = format!("{}: {}", props.labels[i], text(i));
        Some(if v < props.expected {
            let points = format!(
                "{},{} {},{} {},{}",
                at(cx - 5.0),
                at(cy - 3.5),
                at(cx + 5.0),
                at(cy - 3.5),
                at(cx),
                at(cy + 5.5)
            );
            html! { <polygon class="chart-marker chart-marker-below" {points}><title>{ tip }</title></polygon> }
        } else {
            html! { <circle class="chart-marker chart-marker-met" cx={at(cx)} cy={at(cy)} r="4"><title>{ tip }</title></circle> }
        })
    });
    let x_labels = props.labels.iter().enumerate().map(|(i, label)| {
        html! { <text x={at(x(i))} y={at(HEIGHT - 8.0)} text-anchor="middle">{ label }</text> }
    });
    let level = |v: f64, class: &'static str, dash: &'static str, text: &AttrValue, above: bool| {
        let ly = y.map(v);
        html! {
            <>
                <line class={class} x1={at(LEFT)} x2={at(RIGHT)} y1={at(ly)} y2={at(ly)}
                    stroke="currentColor" stroke-width="1.5" stroke-dasharray={dash} />
                <text class="chart-label" x={at(RIGHT - 2.0)} y={at(if above { ly - 4.0 } else { ly + 13.0 })}
                    text-anchor="end">{ text }</text>
            </>
        }
    };
    let minimum = props
        .minimum
        .zip(props.minimum_text.as_ref())
        .map(|(v, t)| level(v, "chart-minimum", DOTTED, t, false));

    let status = |v: Option<f64>| match v {
        None => t.status_no_data,
        Some(v) if props.minimum.is_some_and(|m| v < m) => t.status_below_minimum,
        Some(v) if v < props.expected => t.status_below_expected,
        Some(_) => t.status_met,
    };
    let with_data = (0..count).filter(|i| value(*i).is_some()).count();
    let met = (0..count)
        .filter(|i| value(*i).is_some_and(|v| v >= props.expected))
        .count();
    let mut desc = t.trend_description(
        &Count::plain(met),
        &Count::plain(with_data),
        &props.expected_text,
    );
    if let (Some(m), Some(m_text)) = (props.minimum, &props.minimum_text) {
        let below = (0..count)
            .filter(|i| value(*i).is_some_and(|v| v < m))
            .count();
        let _ = write!(
            desc,
            " {}",
            t.trend_below_minimum(&Count::plain(below), m_text)
        );
    }
    if with_data < count {
        let _ = write!(
            desc,
            " {}",
            t.trend_without_data(&Count::plain(count - with_data))
        );
    }
    let rows: Vec<Vec<AttrValue>> = (0..count)
        .map(|i| vec![props.labels[i].clone(), text(i), status(value(i)).into()])
        .collect();
    let points: Vec<(f64, f64)> = (0..count)
        .map(|i| (x(i), value(i).map_or(BOTTOM, |v| y.map(v))))
        .collect();

    let body = html! {
        <>
            { y_axis(y, (LEFT, RIGHT), axis) }
            <g class="chart-axis">{ for x_labels }</g>
            { minimum }
            { level(props.expected, "chart-expected", DASHED, &props.expected_text, true) }
            <path class="chart-line" d={line} fill="none" stroke="currentColor" stroke-width="2" />
            <g>{ for markers }</g>
        </>
    };
    let triangle =
        html! { <polygon class="chart-marker chart-marker-below" points="7,2.5 17,2.5 12,11" /> };
    let legend = legend(vec![
        (
            html! { <circle class="chart-marker chart-marker-met" cx="12" cy="6" r="4" /> },
            t.met_expected_legend,
        ),
        (triangle, t.below_expected_legend),
    ]);
    html! {
        { Frame { id: props.id.clone(), class: "chart-trend", title: props.title.clone(), height: HEIGHT, desc, body,
            legend, head: vec![t.period, t.value, t.status], rows, points, note: None, table: None }.view() }
    }
}

#[derive(Properties, PartialEq)]
pub struct BarsProps {
    /// Prefix of every id inside the chart; unique on the page.
    pub id: AttrValue,
    pub title: AttrValue,
    /// One per bar, e.g. month names.
    pub labels: Vec<AttrValue>,
    /// The height of each bar; zero (or less) draws no bar.
    pub values: Vec<f64>,
    /// `values` as shown to people, written above each bar.
    pub value_texts: Vec<AttrValue>,
    /// The heads of the data table's two columns (what a label is, what a
    /// value is); a period and its value when not given.
    #[prop_or_default]
    pub heads: Option<[&'static str; 2]>,
}

/// Vertical bars from a common base, each with its value written above it.
#[component]
pub fn Bars(props: &BarsProps) -> Html {
    const HEIGHT: f64 = 220.0;
    const LEFT: f64 = 8.0;
    const RIGHT: f64 = WIDTH - 8.0;
    const BASE: f64 = HEIGHT - 26.0;
    const CHAR_WIDTH: f64 = 6.5;
    let t = texts().charts();
    let count = props.labels.len();
    let band = (RIGHT - LEFT) / count.max(1) as f64;
    let text = |i: usize| props.value_texts.get(i).cloned().unwrap_or_default();
    let longest = props
        .value_texts
        .iter()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0) as f64;
    // Values too wide for their bar are written upwards instead, with room above.
    let upright = longest * CHAR_WIDTH > band - 2.0;
    let top = if upright {
        longest * CHAR_WIDTH + 8.0
    } else {
        20.0
    };
    let highest = props.values.iter().copied().fold(0.0, f64::max);
    let y = Scale {
        from: (0.0, if highest > 0.0 { highest } else { 1.0 }),
        to: (BASE, top),
    };
    let bars = (0..count).map(|i| {
        let v = props.values.get(i).copied().unwrap_or(0.0);
        let cx = LEFT + (i as f64 + 0.5) * band;
        let bar_top = if v > 0.0 { y.map(v) } else { BASE };
        let value_text = if upright {
            html! {
                <text x={at(cx)} y={at(bar_top - 4.0)} transform={format!("rotate(-90 {} {})", at(cx), at(bar_top - 4.0))}
                    dominant-baseline="middle">{ text(i) }</text>
            }
        } else {
            html! { <text x={at(cx)} y={at(bar_top - 4.0)} text-anchor="middle">{ text(i) }</text> }
        };
        html! {
            <>
                if v > 0.0 {
                    <rect class="chart-bar" x={at(cx - band * 0.3)} y={at(bar_top)} width={at(band * 0.6)}
                        height={at(BASE - bar_top)}>
                        <title>{ format!("{}: {}", props.labels[i], text(i)) }</title>
                    </rect>
                }
                <g class="chart-value">{ value_text }</g>
                <text x={at(cx)} y={at(HEIGHT - 8.0)} text-anchor="middle">{ &props.labels[i] }</text>
            </>
        }
    });
    let pairs: Vec<String> = (0..count)
        .map(|i| format!("{}: {}", props.labels[i], text(i)))
        .collect();
    let desc = pairs.join("; ");
    let rows: Vec<Vec<AttrValue>> = (0..count)
        .map(|i| vec![props.labels[i].clone(), text(i)])
        .collect();
    let points: Vec<(f64, f64)> = (0..count)
        .map(|i| {
            let v = props.values.get(i).copied().unwrap_or(0.0);
            (
                LEFT + (i as f64 + 0.5) * band,
                if v > 0.0 { y.map(v) } else { BASE },
            )
        })
        .collect();
    let body = html! {
        <>
            <line class="chart-zero" x1={at(LEFT)} x2={at(RIGHT)} y1={at(BASE)} y2={at(BASE)} stroke="currentColor" />
            { for bars }
        </>
    };
    html! {
        { Frame { id: props.id.clone(), class: "chart-bars", title: props.title.clone(), height: HEIGHT, desc, body,
            legend: Html::default(), head: props.heads.map_or_else(|| vec![t.period, t.value], Vec::from), rows, points, note: None, table: None }.view() }
    }
}

/// Why part of a timeline is shaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShadeKind {
    /// Outside the agreed service hours.
    OffHours,
    Holiday,
    /// A maintenance window.
    Maintenance,
}

impl ShadeKind {
    const ALL: [ShadeKind; 3] = [
        ShadeKind::OffHours,
        ShadeKind::Holiday,
        ShadeKind::Maintenance,
    ];

    /// Ends the pattern's id and the shade's class (`chart-shade-…`).
    fn key(self) -> &'static str {
        match self {
            ShadeKind::OffHours => "offhours",
            ShadeKind::Holiday => "holiday",
            ShadeKind::Maintenance => "maintenance",
        }
    }

    fn label(self) -> &'static str {
        let t = texts().charts();
        match self {
            ShadeKind::OffHours => t.off_hours,
            ShadeKind::Holiday => t.holiday,
            ShadeKind::Maintenance => t.maintenance,
        }
    }

    /// The hatching drawn in one tile of its pattern.
    fn hatch(self) -> Html {
        match self {
            ShadeKind::OffHours => html! { <path d="M0,0V6" /> },
            ShadeKind::Holiday => html! { <path d="M0,0V6M0,0H6" /> },
            ShadeKind::Maintenance => html! { <path d="M0,1.5H6" /> },
        }
    }

    /// The tile's rotation: diagonal lines and cross-hatching, horizontal lines.
    fn rotation(self) -> &'static str {
        match self {
            ShadeKind::Maintenance => "rotate(0)",
            _ => "rotate(45)",
        }
    }
}

/// A stretch of a timeline row shaded for a reason, as fractions 0..=1 of the period.
#[derive(Clone, Debug, PartialEq)]
pub struct Shade {
    pub from: f64,
    pub to: f64,
    pub kind: ShadeKind,
}

/// An outage on a timeline row, as fractions 0..=1 of the period.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub from: f64,
    pub to: f64,
    /// Whether it counts against the agreement (drawn solid) or not (outlined).
    pub counted: bool,
    /// What it was, e.g. `3 Feb 14:02–14:09, 7 min, counted`; its tooltip.
    pub text: AttrValue,
}

/// One band of a timeline, e.g. one service.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineRow {
    pub label: AttrValue,
    pub shades: Vec<Shade>,
    pub marks: Vec<Mark>,
}

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// Prefix of every id inside the chart; unique on the page.
    pub id: AttrValue,
    pub title: AttrValue,
    /// Written under the start of the period.
    pub start_label: AttrValue,
    /// Written under the end of the period.
    pub end_label: AttrValue,
    /// Positions 0..=1 inside the period with their text, e.g. dates.
    pub ticks: Vec<(f64, AttrValue)>,
    pub rows: Vec<TimelineRow>,
}

/// Outages across a period, one band per row: hatched where time is not
/// agreed service time, a solid block for each outage that counts and an
/// outline for each one that does not.
#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    const LEFT: f64 = 120.0;
    const RIGHT: f64 = WIDTH - 8.0;
    const TOP: f64 = 8.0;
    const ROW: f64 = 22.0;
    const GAP: f64 = 8.0;
    const MIN_MARK: f64 = 1.5;
    let t = texts().charts();
    let id = &props.id;
    let bottom = TOP + props.rows.len() as f64 * (ROW + GAP);
    let height = bottom + 22.0;
    let x = Scale {
        from: (0.0, 1.0),
        to: (LEFT, RIGHT),
    };
    let pattern_url = |kind: ShadeKind| format!("url(#{id}-{})", kind.key());

    let patterns = ShadeKind::ALL.into_iter().map(|kind| {
        html! {
            <pattern id={format!("{id}-{}", kind.key())} width="6" height="6"
                patternUnits="userSpaceOnUse" patternTransform={kind.rotation()}>
                <g class="chart-hatch" stroke="currentColor" stroke-width="1.5">{ kind.hatch() }</g>
            </pattern>
        }
    });
    let rows = props.rows.iter().enumerate().map(|(i, row)| {
        let top = TOP + i as f64 * (ROW + GAP);
        // One path per kind of shade and per kind of mark in each row, not
        // an element per stretch or outage: a month of 100,000 outages draws
        // 20 rows of a few elements, and the read-out (pointer, arrow keys)
        // says what each outage is.
        let mut shade_paths: Vec<(ShadeKind, String)> = Vec::new();
        for shade in &row.shades {
            let (from, to) = (shade.from.clamp(0.0, 1.0), shade.to.clamp(0.0, 1.0));
            let (left, right) = (x.map(from.min(to)), x.map(from.max(to)));
            let n = match shade_paths.iter().position(|(kind, _)| *kind == shade.kind) {
                Some(n) => n,
                None => {
                    shade_paths.push((shade.kind, String::new()));
                    shade_paths.len() - 1
                }
            };
            rect_path(&mut shade_paths[n].1, left, top, right - left, ROW);
        }
        let shades = shade_paths.into_iter().map(|(kind, d)| {
            html! {
                <path class={format!("chart-shade-{}", kind.key())} fill={pattern_url(kind)} {d}>
                    <title>{ kind.label() }</title>
                </path>
            }
        });
        let (mut counted, mut uncounted) = (String::new(), String::new());
        for mark in &row.marks {
            let (from, to) = (mark.from.min(mark.to), mark.from.max(mark.to));
            let width = (x.map(to) - x.map(from)).max(MIN_MARK);
            let middle = x.map((from + to) / 2.0);
            let left = (middle - width / 2.0).clamp(LEFT, RIGHT - width);
            let d = if mark.counted { &mut counted } else { &mut uncounted };
            rect_path(d, left, top + 2.0, width, ROW - 4.0);
        }
        let marks = [
            (counted, "chart-outage chart-outage-counted", "currentColor"),
            (uncounted, "chart-outage chart-outage-uncounted", "none"),
        ]
        .into_iter()
        .filter(|(d, _, _)| !d.is_empty())
        .map(|(d, class, fill)| {
            html! { <path class={class} fill={fill} stroke="currentColor" {d} /> }
        });
        html! {
            <g class="chart-row">
                <text x={at(LEFT - 6.0)} y={at(top + ROW / 2.0)} text-anchor="end"
                    dominant-baseline="middle">{ &row.label }</text>
                <rect class="chart-band" x={at(LEFT)} y={at(top)} width={at(RIGHT - LEFT)} height={at(ROW)}
                    fill="none" stroke="currentColor" stroke-width="0.5" />
                { for shades }
                { for marks }
            </g>
        }
    });
    let tick_lines = props.ticks.iter().map(|(fraction, text)| {
        let tx = at(x.map(*fraction));
        html! {
            <>
                <line class="chart-grid" x1={tx.clone()} x2={tx.clone()} y1={at(TOP)} y2={at(bottom)}
                    stroke="currentColor" stroke-width="0.5" />
                <text x={tx} y={at(height - 6.0)} text-anchor={anchor(*fraction)}>{ text }</text>
            </>
        }
    });

    let all_marks = || props.rows.iter().flat_map(|r| &r.marks);
    let counted = all_marks().filter(|m| m.counted).count();
    let mut desc = t.timeline_description(
        &props.start_label,
        &props.end_label,
        &Count::plain(props.rows.len()),
        &Count::plain(counted),
        &Count::plain(all_marks().count() - counted),
    );
    let kinds: Vec<&str> = ShadeKind::ALL
        .into_iter()
        .filter(|k| {
            props
                .rows
                .iter()
                .any(|r| r.shades.iter().any(|s| s.kind == *k))
        })
        .map(ShadeKind::label)
        .collect();
    if !kinds.is_empty() {
        let _ = write!(desc, " {}", t.timeline_shaded(&kinds));
    }
    let points: Vec<(f64, f64)> = props
        .rows
        .iter()
        .enumerate()
        .flat_map(|(i, row)| {
            let middle = TOP + i as f64 * (ROW + GAP) + ROW / 2.0;
            row.marks
                .iter()
                .map(move |m| (x.map((m.from + m.to) / 2.0), middle))
        })
        .collect();
    let table_rows: Vec<Vec<AttrValue>> = props
        .rows
        .iter()
        .flat_map(|row| {
            row.marks.iter().map(|mark| {
                vec![
                    row.label.clone(),
                    mark.text.clone(),
                    (if mark.counted {
                        t.counted
                    } else {
                        t.not_counted
                    })
                    .into(),
                ]
            })
        })
        .collect();

    // Past a few hundred outages a table of each one is more than a screen
    // reader can use (and a large part of the page to lay out): the table
    // counts them per service, and the read-out still says each one.
    let marks_drawn = all_marks().count();
    let table = (marks_drawn > TABLE_MARKS).then(|| {
        let rows = props
            .rows
            .iter()
            .map(|row| {
                let counted = row.marks.iter().filter(|m| m.counted).count();
                vec![
                    row.label.clone(),
                    Count::plain(counted).to_string().into(),
                    Count::plain(row.marks.len() - counted).to_string().into(),
                ]
            })
            .collect();
        (
            t.timeline_table_counts(&props.title, &Count::plain(marks_drawn)),
            vec![t.service, t.outages_counted, t.outages_not_counted],
            rows,
        )
    });
    let body = html! {
        <>
            <defs>{ for patterns }</defs>
            <g class="chart-axis">
                { for tick_lines }
                <text x={at(LEFT)} y={at(bottom + 12.0)} text-anchor="start">{ &props.start_label }</text>
                <text x={at(RIGHT)} y={at(bottom + 12.0)} text-anchor="end">{ &props.end_label }</text>
            </g>
            { for rows }
        </>
    };
    let shade_swatch = |kind: ShadeKind| {
        html! {
            <rect class={format!("chart-shade-{}", kind.key())} fill={pattern_url(kind)}
                width="24" height="12" stroke="currentColor" stroke-width="0.5" />
        }
    };
    let mut items: Vec<(Html, &'static str)> = ShadeKind::ALL
        .into_iter()
        .map(|kind| (shade_swatch(kind), kind.label()))
        .collect();
    items.push((
        html! { <rect class="chart-outage chart-outage-counted" x="8" y="1" width="8" height="10" stroke="currentColor" /> },
        t.outage_counted_legend,
    ));
    items.push((
        html! { <rect class="chart-outage chart-outage-uncounted" x="8.5" y="1.5" width="7" height="9" fill="none" stroke="currentColor" /> },
        t.outage_not_counted_legend,
    ));
    html! {
        { Frame { id: id.clone(), class: "chart-timeline", height, title: props.title.clone(), desc, body,
            legend: legend(items), head: vec![t.service, t.outage, t.in_the_agreement], rows: table_rows, points, note: None, table }.view() }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(0.125), 0.2);
        assert_eq!(nice_step(3.0), 5.0);
        assert_eq!(nice_step(7.0), 10.0);
        assert!((nice_step(0.1) - 0.1).abs() < 1e-12);
    }

    #[test]
    fn ticks_include_both_ends() {
        let all: Vec<f64> = ticks(-0.25, 1.0, 0.25).collect();
        assert_eq!(all.len(), 6);
        assert!((all[5] - 1.0).abs() < 1e-12);
    }
}
