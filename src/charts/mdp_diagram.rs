//! A diagram of an MDP under the current policy: states on a circle, an arrow from s to s′
//! for every move the policy can make, labelled with P_π(s′|s) = Σ_a π(a|s) P(s′|s,a) and
//! drawn thicker the likelier it is. Terminal states have a double ring, start states a
//! thick one, so the reading does not rest on colour. [`draw`] is pure.

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
}

/// What the diagram shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Diagram<'a> {
    /// The states.
    pub nodes: &'a [Node],
    /// (from, to, probability under the policy), probability > 0.
    pub edges: &'a [(usize, usize, f64)],
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub palette: &'a Palette,
}

/// Where node `i` of `n` sits, on a circle of radius 1 around the origin, the first on top.
pub fn position(i: usize, n: usize) -> (f64, f64) {
    let angle = std::f64::consts::TAU * i as f64 / n.max(1) as f64 - std::f64::consts::FRAC_PI_2;
    (angle.cos(), angle.sin())
}

/// Draws the diagram.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Diagram<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = Pen::new(data.scale, data.palette);
    let p = data.palette;
    area.fill(&p.background)?;
    let (w, h) = area.dim_in_pixel();
    let n = data.nodes.len();
    let radius_px = (f64::from(w.min(h)) / 2.0 - f64::from(pen.px(34.0))).max(10.0);
    let node_r = f64::from(pen.px(if n > 12 { 14.0 } else { 20.0 }));
    let centre = (f64::from(w) / 2.0, f64::from(h) / 2.0);
    let at = |i: usize| {
        let (x, y) = position(i, n);
        (centre.0 + radius_px * x, centre.1 + radius_px * y)
    };
    let to_px = |(x, y): (f64, f64)| (x.round() as i32, y.round() as i32);
    for &(from, to, prob) in data.edges {
        if from >= n || to >= n || prob.is_nan() || prob <= 0.0 {
            continue;
        }
        let width = pen.px(0.75 + 2.5 * prob);
        let style = p.line.mix(0.35 + 0.6 * prob).stroke_width(width);
        let label_style = pen.font(11.0);
        if from == to {
            // A small loop outside the node, away from the centre.
            let (x, y) = at(from);
            let (dx, dy) = position(from, n);
            let loop_c = (x + dx * node_r * 1.4, y + dy * node_r * 1.4);
            area.draw(&Circle::new(to_px(loop_c), node_r as u32 / 2 + 2, style))?;
            let label = (loop_c.0 + dx * node_r * 1.3, loop_c.1 + dy * node_r * 1.3);
            area.draw(&Text::new(
                crate::format::fixed(prob, 2),
                to_px(label),
                label_style,
            ))?;
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
        let head = f64::from(pen.px(7.0));
        let wing = |sign: f64| {
            (
                end.0 - ux * head - sign * uy * head * 0.5,
                end.1 - uy * head + sign * ux * head * 0.5,
            )
        };
        area.draw(&Polygon::new(
            vec![to_px(end), to_px(wing(1.0)), to_px(wing(-1.0))],
            p.line.mix(0.35 + 0.6 * prob).filled(),
        ))?;
        let mid = (
            start.0 + (end.0 - start.0) * 0.45 + ox,
            start.1 + (end.1 - start.1) * 0.45 + oy,
        );
        area.draw(&Text::new(
            crate::format::fixed(prob, 2),
            to_px(mid),
            label_style,
        ))?;
    }
    for (i, node) in data.nodes.iter().enumerate() {
        let c = to_px(at(i));
        area.draw(&Circle::new(c, node_r as u32, p.background.filled()))?;
        let ring = pen.px(if node.start { 3.0 } else { 1.5 });
        area.draw(&Circle::new(c, node_r as u32, p.ink.stroke_width(ring)))?;
        if node.terminal {
            area.draw(&Circle::new(
                c,
                (node_r * 0.78) as u32,
                p.ink.stroke_width(pen.px(1.0)),
            ))?;
        }
        let name: String = node.name.chars().take(6).collect();
        let style = pen.font(11.0).pos(Pos::new(HPos::Center, VPos::Center));
        area.draw(&Text::new(name, c, style))?;
    }
    area.present()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::recorder::Recorder;

    #[test]
    fn draws_a_node_per_state_and_an_arrow_per_move() {
        let nodes = vec![
            Node {
                name: "s0".into(),
                terminal: false,
                start: true,
            },
            Node {
                name: "s1".into(),
                terminal: false,
                start: false,
            },
            Node {
                name: "end".into(),
                terminal: true,
                start: false,
            },
        ];
        let edges = [(0, 1, 0.8), (0, 0, 0.2), (1, 2, 1.0)];
        let recorder = Recorder::default();
        let log = std::rc::Rc::clone(&recorder.0);
        let area = recorder.into_drawing_area();
        let data = Diagram {
            nodes: &nodes,
            edges: &edges,
            scale: 1.0,
            palette: &crate::charts::LIGHT,
        };
        draw(&area, &data).expect("draws");
        let rec = log.borrow();
        // Two arrows with heads, one self-loop; three nodes (fill + ring) and one inner ring.
        assert_eq!(rec.polygons.len(), 2);
        assert_eq!(rec.circles.len(), 1 + 3 * 2 + 1);
        assert!(rec.texts.iter().any(|t| t == "0.80") && rec.texts.iter().any(|t| t == "end"));
        let (x, y) = position(0, 4);
        assert!(
            x.abs() < 1e-12 && (y + 1.0).abs() < 1e-12,
            "first node on top"
        );
    }
}
