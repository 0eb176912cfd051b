//! A diagram of an MDP under the current policy, laid out as what it is ([`layout`]):
//! - a grid world (states named `r<row>c<col>`) as its grid, each cell tinted by its expected
//!   reward under the policy (blue positive, red negative, the cross-term maps' scale), with
//!   the policy as arrows whose length is the probability of each move; end cells are dark,
//!   states outside the grid sit beside it;
//! - a small MDP (up to 8 states) as a row of states in file order, each move an arc labelled
//!   with P_π(s′|s) = Σ_a π(a|s) P(s′|s,a), forward moves above, backward ones below;
//! - anything else on a circle, with the same arrows.
//!
//! Terminal states have a double ring, start states a thick one, so the reading does not rest
//! on colour. [`draw`] is pure.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Palette, Pen};

/// A state: its name and role.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Name shown in the circle (shortened when long).
    pub name: String,
    /// Episodes end on entering it.
    pub terminal: bool,
    /// Episodes can start here.
    pub start: bool,
    /// The expected reward of a step from here under the policy, Σ_a π(a|s) R(s,a); for a
    /// terminal state, the largest-magnitude reward of a move into it.
    pub reward: f64,
    /// The policy's moves with a compass direction (an action named up, down, left or
    /// right): (dx, dy, π(a|s)), dy positive downwards.
    pub arrows: Vec<(f64, f64, f64)>,
}

/// A move of the MDP under the policy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    /// From this state …
    pub from: usize,
    /// … to this one.
    pub to: usize,
    /// P_π(s′|s) = Σ_a π(a|s) P(s′|s,a).
    pub probability: f64,
    /// The expected reward of the move, Σ_a π(a|s) P(s′|s,a) r(s,a,s′) / P_π(s′|s).
    pub reward: f64,
}

impl Edge {
    /// The label of the move: its probability, and its expected reward when not zero
    /// (`0.50, r +1`).
    pub fn label(&self) -> String {
        self.label_lines().join(", ")
    }

    /// Whether the move can be drawn among `n` states: both ends exist and it has a positive
    /// probability.
    pub fn drawable(&self, n: usize) -> bool {
        self.from < n && self.to < n && self.probability > 0.0
    }

    /// The label as lines: the probability, then the expected reward when not zero.
    pub fn label_lines(&self) -> Vec<String> {
        let mut lines = vec![crate::format::fixed(self.probability, 2)];
        if self.reward.abs() > 1e-12 {
            let sign = if self.reward > 0.0 { "+" } else { "" };
            lines.push(format!(
                "r {sign}{}",
                crate::format::compact(self.reward, 2)
            ));
        }
        lines
    }
}

/// Where the states go.
#[derive(Clone, Debug, PartialEq)]
pub enum Layout {
    /// On a circle.
    Circle,
    /// In a row, in file order.
    Row,
    /// In a grid of `rows` × `cols` cells: each state's (row, column), or `None` for a state
    /// outside the grid.
    Grid {
        /// Rows of the grid.
        rows: usize,
        /// Columns of the grid.
        cols: usize,
        /// Each state's cell.
        cells: Vec<Option<(usize, usize)>>,
    },
}

/// The (row, column) of a state named `r<row>c<col>`.
fn grid_cell(name: &str) -> Option<(usize, usize)> {
    let rest = name.strip_prefix('r')?;
    let (row, col) = rest.split_once('c')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(row) && digits(col)).then(|| Some((row.parse().ok()?, col.parse().ok()?)))?
}

/// How to lay out these states: a grid when every state that is not terminal is named
/// `r<row>c<col>` (at least four of them, in at most 16 × 16 cells, one state per cell), a
/// row for up to 8 states, else a circle.
pub fn layout(nodes: &[Node]) -> Layout {
    let cells: Vec<Option<(usize, usize)>> = nodes.iter().map(|n| grid_cell(&n.name)).collect();
    let gridded = cells.iter().flatten().count();
    let all_live_in_grid = nodes
        .iter()
        .zip(&cells)
        .all(|(n, c)| n.terminal || c.is_some());
    let rows = cells.iter().flatten().map(|c| c.0 + 1).max().unwrap_or(0);
    let cols = cells.iter().flatten().map(|c| c.1 + 1).max().unwrap_or(0);
    let mut seen: Vec<(usize, usize)> = cells.iter().flatten().copied().collect();
    seen.sort_unstable();
    seen.dedup();
    if all_live_in_grid && gridded >= 4 && rows <= 16 && cols <= 16 && seen.len() == gridded {
        Layout::Grid { rows, cols, cells }
    } else if nodes.len() <= 8 {
        Layout::Row
    } else {
        Layout::Circle
    }
}

/// What the diagram shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Diagram<'a> {
    /// The states.
    pub nodes: &'a [Node],
    /// The moves under the policy, probability > 0.
    pub edges: &'a [Edge],
    /// Where a replayed episode is (step 1), drawn in the marker colour.
    pub visit: Option<Visit>,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub palette: &'a Palette,
}

/// A moment of a replayed episode on the diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Visit {
    /// The state it is in: a ring (a disc on a grid) in the marker colour.
    pub state: usize,
    /// The state it came from, when it has moved: that move's arc is drawn in the marker
    /// colour (rows and circles; on a grid the disc is the move).
    pub from: Option<usize>,
}

impl Visit {
    /// Whether this visit came by the move `from → to`.
    fn came_by(&self, from: usize, to: usize) -> bool {
        self.from == Some(from) && self.state == to
    }
}

/// The ring around the state a replayed episode is in.
fn draw_visit_ring<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    pen: &Pen<'_>,
    c: (i32, i32),
    r: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = pen.palette.marker.stroke_width(pen.px(3.5));
    area.draw(&Circle::new(c, (r * 1.3) as u32, style))
}

/// On a circle, the most moves drawn with their labels; more are drawn faint and unlabelled.
pub const MOST_LABELLED_MOVES: usize = 24;

/// Where node `i` of `n` sits, on a circle of radius 1 around the origin, the first on top.
pub fn position(i: usize, n: usize) -> (f64, f64) {
    let angle = std::f64::consts::TAU * i as f64 / n.max(1) as f64 - std::f64::consts::FRAC_PI_2;
    (angle.cos(), angle.sin())
}

/// Draws the diagram in its [`layout`].
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Diagram<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    match layout(data.nodes) {
        Layout::Grid { rows, cols, cells } => draw_grid(area, data, rows, cols, &cells),
        Layout::Row => draw_row(area, data),
        Layout::Circle => draw_circle(area, data),
    }
}

/// The ring of a state: thick for a start state, doubled for a terminal one.
fn draw_node<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    pen: &Pen<'_>,
    node: &Node,
    c: (i32, i32),
    r: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let p = pen.palette;
    area.draw(&Circle::new(c, r as u32, p.background.filled()))?;
    let ring = pen.px(if node.start { 3.0 } else { 1.5 });
    area.draw(&Circle::new(c, r as u32, p.ink.stroke_width(ring)))?;
    if node.terminal {
        area.draw(&Circle::new(
            c,
            (r * 0.78) as u32,
            p.ink.stroke_width(pen.px(1.0)),
        ))?;
    }
    let name: String = node.name.chars().take(6).collect();
    // 12 px in a node of 14 px or more; smaller nodes (many states on a circle) smaller type.
    let size = (12.0 * r / f64::from(pen.px(14.0))).clamp(7.0, 12.0);
    let style = pen.font(size).pos(Pos::new(HPos::Center, VPos::Center));
    area.draw(&Text::new(name, c, style))
}

/// An arrowhead at `end`, pointing along (ux, uy), in pixels.
fn arrowhead(end: (f64, f64), (ux, uy): (f64, f64), size: f64) -> Vec<(i32, i32)> {
    let to_px = |(x, y): (f64, f64)| (x.round() as i32, y.round() as i32);
    let wing = |sign: f64| {
        (
            end.0 - ux * size - sign * uy * size * 0.5,
            end.1 - uy * size + sign * ux * size * 0.5,
        )
    };
    vec![to_px(end), to_px(wing(1.0)), to_px(wing(-1.0))]
}

/// The grid: cells tinted by reward, the policy's arrows, end cells dark, other states
/// beside it.
fn draw_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Diagram<'_>,
    rows: usize,
    cols: usize,
    cells: &[Option<(usize, usize)>],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = Pen::new(data.scale, data.palette);
    let p = data.palette;
    area.fill(&p.background)?;
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (f64::from(w), f64::from(h));
    let margin = f64::from(pen.px(8.0));
    let outside: Vec<usize> = (0..data.nodes.len())
        .filter(|&i| cells.get(i).is_some_and(Option::is_none))
        .collect();
    // A column for the states outside the grid, when there are any.
    let side = if outside.is_empty() {
        0.0
    } else {
        f64::from(pen.px(76.0))
    };
    let size = ((w - 2.0 * margin - side) / cols.max(1) as f64)
        .min((h - 2.0 * margin) / rows.max(1) as f64)
        .max(4.0);
    let left = (w - side - size * cols as f64) / 2.0;
    let top = (h - size * rows as f64) / 2.0;
    let to_px = |(x, y): (f64, f64)| (x.round() as i32, y.round() as i32);
    let scale_max = data
        .nodes
        .iter()
        .map(|n| n.reward.abs())
        .fold(0.0f64, f64::max);
    for (node, cell) in data.nodes.iter().zip(cells) {
        let Some((r, c)) = *cell else { continue };
        let (x0, y0) = (left + c as f64 * size, top + r as f64 * size);
        let corner = |dx: f64, dy: f64| to_px((x0 + dx, y0 + dy));
        let fill = if node.terminal {
            p.guide.mix(0.55).to_rgba()
        } else {
            // Half the map's strength, so the cell's text stays readable on it.
            let full = super::heatmap::cell_colour(node.reward, scale_max, p);
            let bg = p.background;
            let half = |a: u8, b: u8| ((u16::from(a) + u16::from(b)) / 2) as u8;
            RGBColor(half(bg.0, full.0), half(bg.1, full.1), half(bg.2, full.2)).to_rgba()
        };
        area.draw(&Rectangle::new(
            [corner(0.0, 0.0), corner(size, size)],
            fill.filled(),
        ))?;
        let border = pen.px(if node.start { 3.5 } else { 1.0 });
        area.draw(&Rectangle::new(
            [corner(0.0, 0.0), corner(size, size)],
            p.ink.stroke_width(border),
        ))?;
        if node.terminal {
            let inset = f64::from(pen.px(4.0));
            area.draw(&Rectangle::new(
                [corner(inset, inset), corner(size - inset, size - inset)],
                p.ink.stroke_width(pen.px(1.0)),
            ))?;
        }
        let font = pen.font(12.0);
        area.draw(&Text::new(
            node.name.clone(),
            corner(f64::from(pen.px(4.0)), f64::from(pen.px(3.0))),
            font.clone().pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
        let label = if node.terminal {
            if node.reward.abs() > 1e-12 {
                crate::i18n::t_with(
                    "diagram-end-reward",
                    &[("reward", crate::format::signed(node.reward, 2).into())],
                )
            } else {
                crate::i18n::t("diagram-end")
            }
        } else if scale_max > 0.0 && node.reward.abs() >= 0.1 * scale_max {
            crate::format::signed(node.reward, 2)
        } else {
            String::new()
        };
        if !label.is_empty() {
            area.draw(&Text::new(
                label,
                corner(size / 2.0, size - f64::from(pen.px(3.0))),
                font.pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))?;
        }
        // The policy: an arrow per compass move, as long as it is likely.
        let centre = (x0 + size / 2.0, y0 + size / 2.0);
        let reach = size * 0.36;
        for &(dx, dy, prob) in &node.arrows {
            if node.terminal || prob.is_nan() || prob <= 0.02 {
                continue;
            }
            let len = reach * prob.min(1.0);
            let end = (centre.0 + dx * len, centre.1 + dy * len);
            let style = super::look::PLAIN.colour(p);
            area.draw(&PathElement::new(
                vec![to_px(centre), to_px(end)],
                style.stroke_width(pen.px(1.0 + 2.0 * prob)),
            ))?;
            let head = f64::from(pen.px(5.0 + 4.0 * prob));
            area.draw(&Polygon::new(
                arrowhead(end, (dx, dy), head),
                style.filled(),
            ))?;
        }
    }
    // States outside the grid (an absorbing exit), stacked beside it.
    let r = f64::from(pen.px(22.0));
    let beside = |k: usize| {
        (
            w - side / 2.0 - margin / 2.0,
            top + (k as f64 + 0.5) * (2.0 * r + f64::from(pen.px(12.0))),
        )
    };
    for (k, &i) in outside.iter().enumerate() {
        let Some(node) = data.nodes.get(i) else {
            continue;
        };
        let (x, y) = beside(k);
        draw_node(area, &pen, node, to_px((x, y)), r)?;
        if data.visit.is_some_and(|v| v.state == i) {
            draw_visit_ring(area, &pen, to_px((x, y)), r)?;
        }
    }
    // A replayed episode's state: a disc in its cell, ringed so it shows on any tint, and
    // the move that brought it there as a line from the cell it left.
    let centre_of = |state: usize| match cells.get(state).copied().flatten() {
        Some((row, col)) => Some((
            left + (col as f64 + 0.5) * size,
            top + (row as f64 + 0.5) * size,
        )),
        None => outside.iter().position(|&i| i == state).map(beside),
    };
    if let Some(v) = data.visit {
        let here = centre_of(v.state);
        let in_grid = cells.get(v.state).copied().flatten().is_some();
        if let (Some(a), Some(b)) = (v.from.and_then(centre_of), here) {
            if a != b {
                area.draw(&PathElement::new(
                    vec![to_px(a), to_px(b)],
                    p.marker.mix(0.7).stroke_width(pen.px(3.0)),
                ))?;
            }
        }
        if let (Some(c), true) = (here, in_grid) {
            let radius = size * 0.17;
            area.draw(&Circle::new(
                to_px(c),
                radius as u32,
                p.marker.mix(0.75).filled(),
            ))?;
            area.draw(&Circle::new(
                to_px(c),
                radius as u32,
                p.ink.stroke_width(pen.px(1.5)),
            ))?;
            // It stayed where it was (a wall, a slip): a second ring says it moved nowhere.
            if v.from == Some(v.state) {
                area.draw(&Circle::new(
                    to_px(c),
                    (radius * 1.6) as u32,
                    p.marker.stroke_width(pen.px(2.5)),
                ))?;
            }
        }
    }
    area.present()
}

/// A row of states, each move an arc: forward above, backward below, a loop on top.
fn draw_row<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Diagram<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = Pen::new(data.scale, data.palette);
    let p = data.palette;
    area.fill(&p.background)?;
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (f64::from(w), f64::from(h));
    let n = data.nodes.len().max(1);
    let gap = w / n as f64;
    let r = (gap * 0.28).min(f64::from(pen.px(22.0))).max(6.0);
    let mid = h / 2.0;
    let at = |i: usize| (gap * (i as f64 + 0.5), mid);
    let to_px = |(x, y): (f64, f64)| (x.round() as i32, y.round() as i32);
    let font = pen.font(12.0).pos(Pos::new(HPos::Center, VPos::Center));
    for edge in data.edges.iter().filter(|e| e.drawable(n)) {
        let (from, to, prob) = (edge.from, edge.to, edge.probability);
        let taken = data.visit.is_some_and(|v| v.came_by(from, to));
        let colour = if taken {
            p.marker.mix(1.0)
        } else {
            p.line.mix(0.35 + 0.6 * prob)
        };
        let style = colour.stroke_width(pen.px(if taken { 3.5 } else { 0.75 + 2.5 * prob }));
        let lines = edge.label_lines();
        let line_height = f64::from(pen.px(13.0));
        // Lines stacked away from the row: upwards above it, downwards below.
        let stack = |area: &DrawingArea<DB, Shift>, (x, y): (f64, f64), away: f64| {
            let last = lines.len().saturating_sub(1) as f64;
            lines.iter().enumerate().try_for_each(|(k, line)| {
                let offset = if away < 0.0 {
                    last - k as f64
                } else {
                    k as f64
                };
                let at = (x, y + away * offset * line_height);
                area.draw(&Text::new(line.clone(), to_px(at), font.clone()))
            })
        };
        if from == to {
            let (x, y) = at(from);
            let c = (x, y - r * 1.55);
            area.draw(&Circle::new(to_px(c), (r * 0.6) as u32, style))?;
            // Above the labels of the arcs to the neighbours, which sit at the same height
            // half a gap away, when the canvas has room; else just above the loop.
            let neighbour_arc = (gap * 0.3).min(mid - r - line_height * 2.0).max(r);
            let neighbour_top = mid
                - (r * 0.8 + neighbour_arc + f64::from(pen.px(8.0)))
                - line_height * (lines.len() as f64 - 0.5);
            let raised = neighbour_top - line_height * 0.75;
            let highest = line_height * (lines.len() as f64 - 0.5);
            let bottom = if raised >= highest {
                raised.min(y - r * 2.6)
            } else {
                y - r * 2.6
            };
            stack(area, (x, bottom), -1.0)?;
            continue;
        }
        // An arc as a polyline: a half-ellipse between the two rings, above when forward.
        let (a, b) = (at(from), at(to));
        let sign = if to > from { -1.0 } else { 1.0 };
        let span = (b.0 - a.0).abs();
        // Room above (or below) the arc for every line of its label.
        let label_room = f64::from(pen.px(14.0)) + line_height * (lines.len() as f64 - 1.0);
        let height = (span * 0.3).min(mid - r - label_room).max(r);
        // From ring to ring: both ends on the circles, so the head is not under a node.
        let dir = (b.0 - a.0).signum();
        let (xa, xb) = (a.0 + dir * 0.6 * r, b.0 - dir * 0.6 * r);
        let points: Vec<(f64, f64)> = (0..=24)
            .map(|k| {
                let t = f64::from(k) / 24.0;
                let x = xa + (xb - xa) * t;
                let y = mid + sign * (r * 0.8 + height * (std::f64::consts::PI * t).sin());
                (x, y)
            })
            .collect();
        area.draw(&PathElement::new(
            points.iter().map(|&q| to_px(q)).collect::<Vec<_>>(),
            style,
        ))?;
        if let [.., before, end] = points.as_slice() {
            let (dx, dy) = (end.0 - before.0, end.1 - before.1);
            let len = dx.hypot(dy).max(1e-9);
            area.draw(&Polygon::new(
                arrowhead(*end, (dx / len, dy / len), f64::from(pen.px(7.0))),
                colour.filled(),
            ))?;
        }
        let apex = (
            (a.0 + b.0) / 2.0,
            mid + sign * (r * 0.8 + height + f64::from(pen.px(8.0))),
        );
        stack(area, apex, sign)?;
    }
    for (i, node) in data.nodes.iter().enumerate() {
        draw_node(area, &pen, node, to_px(at(i)), r)?;
    }
    if let Some(v) = data.visit.filter(|v| v.state < n) {
        draw_visit_ring(area, &pen, to_px(at(v.state)), r)?;
    }
    area.present()
}

/// States on a circle, an arrow for each move.
fn draw_circle<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Diagram<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = Pen::new(data.scale, data.palette);
    let p = data.palette;
    area.fill(&p.background)?;
    let (w, h) = area.dim_in_pixel();
    let n = data.nodes.len();
    let radius_px = (f64::from(w.min(h)) / 2.0 - f64::from(pen.px(34.0))).max(10.0);
    // Nodes shrink until neighbours on the circle no longer overlap (64 states at the limits).
    let spacing = std::f64::consts::PI * radius_px / n.max(1) as f64 * 0.85;
    let node_r = f64::from(pen.px(if n > 12 { 14.0 } else { 20.0 }))
        .min(spacing)
        .max(f64::from(pen.px(6.0)));
    // Beyond a few dozen moves, labels and full-strength arrows hide each other: the moves
    // are drawn faint and unlabelled, and only a replayed episode's move says its label.
    let crowded = data.edges.iter().filter(|e| e.drawable(n)).count() > MOST_LABELLED_MOVES;
    let centre = (f64::from(w) / 2.0, f64::from(h) / 2.0);
    let at = |i: usize| {
        let (x, y) = position(i, n);
        (centre.0 + radius_px * x, centre.1 + radius_px * y)
    };
    let to_px = |(x, y): (f64, f64)| (x.round() as i32, y.round() as i32);
    for edge in data.edges.iter().filter(|e| e.drawable(n)) {
        let (from, to, prob) = (edge.from, edge.to, edge.probability);
        let taken = data.visit.is_some_and(|v| v.came_by(from, to));
        let (strength, thickness) = if crowded {
            (0.12 + 0.4 * prob, 0.5 + prob)
        } else {
            (0.35 + 0.6 * prob, 0.75 + 2.5 * prob)
        };
        let colour = if taken {
            p.marker.mix(1.0)
        } else {
            p.line.mix(strength)
        };
        let width = pen.px(if taken { 3.5 } else { thickness });
        let style = colour.stroke_width(width);
        let label_style = pen.font(12.0);
        let labelled = taken || !crowded;
        if from == to {
            // A small loop outside the node, away from the centre.
            let (x, y) = at(from);
            let (dx, dy) = position(from, n);
            let loop_c = (x + dx * node_r * 1.4, y + dy * node_r * 1.4);
            area.draw(&Circle::new(to_px(loop_c), node_r as u32 / 2 + 2, style))?;
            if labelled {
                let label = (loop_c.0 + dx * node_r * 1.3, loop_c.1 + dy * node_r * 1.3);
                area.draw(&Text::new(edge.label(), to_px(label), label_style))?;
            }
            continue;
        }
        let (a, b) = (at(from), at(to));
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt().max(1e-9);
        let (ux, uy) = (dx / len, dy / len);
        // Two-way pairs sit side by side: shift each arrow a little to its left.
        let (ox, oy) = (-uy * node_r * 0.3, ux * node_r * 0.3);
        let start = (a.0 + ux * node_r + ox, a.1 + uy * node_r + oy);
        let end = (b.0 - ux * node_r + ox, b.1 - uy * node_r + oy);
        area.draw(&PathElement::new(vec![to_px(start), to_px(end)], style))?;
        let head = if crowded && !taken { 4.0 } else { 7.0 };
        area.draw(&Polygon::new(
            arrowhead(end, (ux, uy), f64::from(pen.px(head))),
            colour.filled(),
        ))?;
        if labelled {
            let mid = (
                start.0 + (end.0 - start.0) * 0.45 + ox,
                start.1 + (end.1 - start.1) * 0.45 + oy,
            );
            area.draw(&Text::new(edge.label(), to_px(mid), label_style))?;
        }
    }
    for (i, node) in data.nodes.iter().enumerate() {
        draw_node(area, &pen, node, to_px(at(i)), node_r)?;
    }
    if let Some(v) = data.visit.filter(|v| v.state < n) {
        draw_visit_ring(area, &pen, to_px(at(v.state)), node_r)?;
    }
    area.present()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::recorder::{Log, Recorder};

    fn edge(from: usize, to: usize, probability: f64, reward: f64) -> Edge {
        Edge {
            from,
            to,
            probability,
            reward,
        }
    }

    /// What drawing these states and moves, with this visit, puts on the canvas.
    fn drawn(nodes: &[Node], edges: &[Edge], visit: Option<Visit>) -> Log {
        let recorder = Recorder::default();
        let log = std::rc::Rc::clone(&recorder.0);
        let area = recorder.into_drawing_area();
        let data = Diagram {
            nodes,
            edges,
            visit,
            scale: 1.0,
            palette: &crate::charts::LIGHT,
        };
        draw(&area, &data).expect("draws");
        let recorded = std::mem::take(&mut *log.borrow_mut());
        recorded
    }

    fn node(name: &str, terminal: bool, start: bool) -> Node {
        Node {
            name: name.into(),
            terminal,
            start,
            reward: 0.0,
            arrows: Vec::new(),
        }
    }

    #[test]
    fn grid_worlds_are_grids_small_mdps_rows_and_the_rest_circles() {
        let mut grid: Vec<Node> = (0..3)
            .flat_map(|r| (0..3).map(move |c| node(&format!("r{r}c{c}"), false, false)))
            .collect();
        grid.push(node("exit", true, false));
        match layout(&grid) {
            Layout::Grid { rows, cols, cells } => {
                assert_eq!((rows, cols), (3, 3));
                assert_eq!(cells[4], Some((1, 1)));
                assert_eq!(cells[9], None, "the exit sits beside the grid");
            }
            other => panic!("{other:?}"),
        }
        // A live state outside the grid, or two states in one cell: not a grid.
        let mut odd = grid.clone();
        odd.push(node("lobby", false, false));
        assert_eq!(layout(&odd), Layout::Circle);
        let mut twice = grid.clone();
        twice.push(node("r01c1", false, false));
        assert_eq!(layout(&twice), Layout::Circle);
        let chain: Vec<Node> = ["s0", "s1", "s2", "end"]
            .iter()
            .map(|n| node(n, *n == "end", false))
            .collect();
        assert_eq!(layout(&chain), Layout::Row);
        assert_eq!(grid_cell("r12c3"), Some((12, 3)));
        assert_eq!(grid_cell("rc3"), None);
        assert_eq!(grid_cell("r1c"), None);
        assert_eq!(grid_cell("r1c2x"), None);
    }

    #[test]
    fn a_grid_draws_its_cells_and_the_policy() {
        let mut nodes: Vec<Node> = (0..2)
            .flat_map(|r| (0..2).map(move |c| node(&format!("r{r}c{c}"), false, r == 1 && c == 0)))
            .collect();
        nodes[1].reward = 1.0;
        nodes[0].arrows = vec![(1.0, 0.0, 0.7), (0.0, 1.0, 0.3)];
        nodes.push(node("exit", true, false));
        let rec = drawn(&nodes, &[], None);
        let heads = rec.polygons.iter().filter(|p| p.len() == 3).count();
        assert_eq!(heads, 2, "an arrowhead per move of r0c0");
        assert!(rec.texts.iter().any(|t| t == "+1.00"), "{:?}", rec.texts);
        assert!(rec.texts.iter().any(|t| t == "exit"));
    }

    #[test]
    fn a_visit_rings_its_state_and_colours_the_move_that_led_there() {
        let nodes = vec![node("s0", false, true), node("s1", false, false)];
        let edges = [edge(0, 1, 0.5, 0.0), edge(1, 0, 0.5, 0.0)];
        let draw_with = |visit| {
            let rec = drawn(&nodes, &edges, visit);
            (rec.circles.len(), rec.polygons.len())
        };
        let (plain_circles, plain_heads) = draw_with(None);
        let visit = Visit {
            state: 1,
            from: Some(0),
        };
        let (circles, heads) = draw_with(Some(visit));
        assert_eq!(circles, plain_circles + 1, "one ring around s1");
        assert_eq!(heads, plain_heads, "the same moves");
        assert!(visit.came_by(0, 1) && !visit.came_by(1, 0));
        // A visit to a state that is not there draws nothing more.
        let (circles, _) = draw_with(Some(Visit {
            state: 7,
            from: None,
        }));
        assert_eq!(circles, plain_circles);
    }

    #[test]
    fn a_crowded_circle_labels_only_the_replayed_move() {
        let n = 64;
        let nodes: Vec<Node> = (0..n)
            .map(|i| node(&format!("s{i}"), false, i == 0))
            .collect();
        let few: Vec<Edge> = (0..MOST_LABELLED_MOVES)
            .map(|i| edge(i, i + 1, 0.5, 0.0))
            .collect();
        let rec = drawn(&nodes, &few, None);
        assert_eq!(
            rec.texts.iter().filter(|t| *t == "0.50").count(),
            MOST_LABELLED_MOVES
        );
        let many: Vec<Edge> = (0..n)
            .flat_map(|i| {
                [
                    edge(i, (i + 1) % n, 0.5, 0.0),
                    edge(i, (i + 7) % n, 0.5, 1.0),
                ]
            })
            .collect();
        let rec = drawn(&nodes, &many, None);
        assert!(
            rec.texts.iter().all(|t| t != "0.50"),
            "no move labelled: {:?}",
            rec.texts.len()
        );
        assert_eq!(rec.polygons.len(), many.len(), "every move still drawn");
        let rec = drawn(
            &nodes,
            &many,
            Some(Visit {
                state: 8,
                from: Some(1),
            }),
        );
        let labels: Vec<&String> = rec.texts.iter().filter(|t| t.starts_with("0.50")).collect();
        assert_eq!(
            labels,
            ["0.50, r +1"],
            "the replayed move s1 → s8 is labelled"
        );
    }

    #[test]
    fn draws_a_node_per_state_and_an_arrow_per_move() {
        let nodes = vec![
            node("s0", false, true),
            node("s1", false, false),
            node("end", true, false),
        ];
        let edges = [
            edge(0, 1, 0.8, 0.0),
            edge(0, 0, 0.2, 0.0),
            edge(1, 2, 1.0, 1.0),
        ];
        let rec = drawn(&nodes, &edges, None);
        // In a row: two arcs with heads, one self-loop; three nodes (fill + ring) and one
        // inner ring.
        assert_eq!(rec.polygons.len(), 2);
        assert_eq!(rec.circles.len(), 1 + 3 * 2 + 1);
        assert!(rec.texts.iter().any(|t| t == "0.80") && rec.texts.iter().any(|t| t == "end"));
        // A move with a reward says so.
        assert!(rec.texts.iter().any(|t| t == "r +1"), "{:?}", rec.texts);
        assert_eq!(edges[2].label(), "1.00, r +1");
        let (x, y) = position(0, 4);
        assert!(
            x.abs() < 1e-12 && (y + 1.0).abs() < 1e-12,
            "first node on top"
        );
    }
}
