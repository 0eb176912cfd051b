//! Charts: one pure `draw` function per chart, generic over the plotters backend,
//! plus the canvas components that call them.

pub mod objective_vs_gamma;
