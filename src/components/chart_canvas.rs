//! A canvas for one chart: sized to its CSS box at the device pixel ratio, and repainted by
//! one effect whenever what the painter reads, the box or the pixel ratio changes.
//!
//! The box comes from a `ResizeObserver`, which reports it after layout: reading
//! `clientWidth` while painting would force a layout of the page in the middle of an update
//! (once per chart, as each update also changes text elsewhere).

use leptos::{ev, html, prelude::*};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{closure::Closure, JsCast};

use crate::charts::look::Entry;
use crate::components::mdp_editor::download_href;
use crate::i18n::t;

/// The drawing area of a chart canvas.
pub type CanvasArea = DrawingArea<MeasuredCanvas, Shift>;

/// plotters' canvas backend, with text measured on the canvas (`measureText`). The default
/// measure adds a span to the page and reads its size: a layout of the whole page for every
/// label drawn, about a third of a chart's drawing when γ moves.
pub struct MeasuredCanvas {
    canvas: CanvasBackend,
    context: web_sys::CanvasRenderingContext2d,
}

impl MeasuredCanvas {
    /// The backend of `canvas`; `None` if it has no 2D context.
    fn new(canvas: &web_sys::HtmlCanvasElement) -> Option<MeasuredCanvas> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(MeasuredCanvas {
            canvas: CanvasBackend::with_canvas_object(canvas.clone())?,
            context,
        })
    }
}

type Failure = DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>;

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.canvas.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), Failure> {
        self.canvas.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), Failure> {
        self.canvas.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure> {
        self.canvas.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Failure> {
        self.canvas.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        self.canvas.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure> {
        self.canvas.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        self.canvas.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Failure> {
        self.canvas.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Failure> {
        self.canvas.draw_text(text, style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), Failure> {
        // The font string the canvas backend draws with.
        self.context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str(),
        ));
        match self.context.measure_text(text) {
            Ok(m) => Ok((
                m.width().ceil().max(0.0) as u32,
                (m.font_bounding_box_ascent() + m.font_bounding_box_descent())
                    .ceil()
                    .max(0.0) as u32,
            )),
            // Where the canvas cannot measure, plotters' own measure.
            Err(_) => self.canvas.estimate_text_size(text, style),
        }
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), Failure> {
        self.canvas.blit_bitmap(pos, size, src)
    }
}

/// The device pixel ratio, bounded to (0, 4].
fn pixel_ratio() -> f64 {
    let ratio = window().device_pixel_ratio();
    if ratio.is_finite() && ratio > 0.0 {
        ratio.min(4.0)
    } else {
        1.0
    }
}

/// Resizes the canvas backing store to its CSS size `(w, h)` × the device pixel ratio and
/// returns the ratio used; `None` while the canvas has no size yet.
fn fit_to_css_size(canvas: &web_sys::HtmlCanvasElement, (w, h): (i32, i32)) -> Option<f64> {
    if w <= 0 || h <= 0 {
        return None;
    }
    let ratio = pixel_ratio();
    let (w, h) = (
        (f64::from(w) * ratio).round() as u32,
        (f64::from(h) * ratio).round() as u32,
    );
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    Some(ratio)
}

/// A `ResizeObserver` and the callback it calls: dropping it stops the observer before the
/// callback goes, so the browser never calls a dropped closure.
struct SizeObserver {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

impl Drop for SizeObserver {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Keeps `size` equal to the canvas's CSS box (client width and height) as layout changes it;
/// `None` if the browser has no `ResizeObserver`.
fn observe_size(
    canvas: &web_sys::HtmlCanvasElement,
    size: RwSignal<(i32, i32)>,
) -> Option<SizeObserver> {
    let target = canvas.clone();
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        // Called after layout, so these reads cost nothing.
        let box_size = (target.client_width(), target.client_height());
        if size.get_untracked() != box_size {
            size.set(box_size);
        }
    });
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
    observer.observe(canvas);
    Some(SizeObserver {
        observer,
        _callback: on_resize,
    })
}

/// A chart on a canvas. `paint` draws on the area at the given pixel ratio; the signals it
/// reads decide when it runs again.
#[component]
pub fn ChartCanvas(
    /// Test id of the canvas.
    testid: &'static str,
    /// The accessible text summary of the chart.
    #[prop(into)]
    summary: Signal<String>,
    /// What the chart shows, under it (text, or a closure when it follows the data).
    #[prop(into)]
    caption: TextProp,
    /// Draws the chart.
    paint: Callback<(CanvasArea, f64)>,
    /// The series, in drawing order, with their looks: the legend, in the page rather than
    /// on the canvas so it never covers the data and reads as text.
    #[prop(optional, into)]
    legend: Option<Signal<Vec<Entry>>>,
    /// The chart's data as CSV (header line first), offered for download.
    #[prop(optional, into)]
    csv: Option<Signal<String>>,
    /// A value for tests, in `data-value`.
    #[prop(optional, into)]
    data_value: Option<Signal<String>>,
    /// Whether what the chart shows is still being computed ([`crate::sliced`]): the chart
    /// says "computing…" and is marked busy meanwhile.
    #[prop(optional, into)]
    pending: Option<Signal<bool>>,
) -> impl IntoView {
    let busy = move || pending.is_some_and(|p| p.get());
    let dark = crate::context::Explorer::get().dark;
    let canvas_ref = NodeRef::<html::Canvas>::new();
    // The canvas's CSS box, from a ResizeObserver once the canvas is in the page.
    let css_size = RwSignal::new((0, 0));
    let observer = StoredValue::new_local(None::<SizeObserver>);
    canvas_ref.on_load(move |canvas| {
        let canvas: &web_sys::HtmlCanvasElement = &canvas;
        match observe_size(canvas, css_size) {
            Some(o) => observer.set_value(Some(o)),
            // Without ResizeObserver, one reading when the canvas arrives.
            None => css_size.set((canvas.client_width(), canvas.client_height())),
        }
    });
    // Dropping the observer (with the component) disconnects it.
    on_cleanup(move || drop(observer.try_update_value(Option::take)));
    // Bumped on window resize: the pixel ratio changes with browser zoom.
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(ev::resize, move |_| resized.update(|n| *n += 1));
    on_cleanup(move || handle.remove());

    Effect::new(move |_| {
        resized.track();
        let size = css_size.get();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let Some(scale) = fit_to_css_size(&canvas, size) else {
            return;
        };
        let Some(backend) = MeasuredCanvas::new(&canvas) else {
            return;
        };
        paint.run((backend.into_drawing_area(), scale));
    });

    view! {
        <figure class="chart" aria-busy=move || busy().then_some("true")>
            {move || busy().then(|| view! {
                <p class="chart-pending" role="status" data-testid=format!("{testid}-pending")>{t("chart-computing")}</p>
            })}
            <canvas
                node_ref=canvas_ref
                class="chart-canvas"
                role="img"
                aria-label=move || summary.get()
                data-testid=testid
                data-value=move || data_value.map(|v| v.get())
            >
                {move || summary.get()}
            </canvas>
            {move || legend.map(|l| view! {
                <ul class="legend">
                    {l.get().into_iter().map(|entry| {
                        let colour = entry.look.css(dark.get());
                        let stroke = colour.clone();
                        view! {
                            <li data-series=entry.look.id data-colour=colour>
                                <svg class="swatch" viewBox="0 0 24 8" width="24" height="8" aria-hidden="true">
                                    <line x1="0" y1="4" x2="24" y2="4" stroke=stroke stroke-width="2.5"
                                        stroke-dasharray=entry.look.dash.dasharray() />
                                </svg>
                                {entry.label}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <figcaption>{move || caption.get()}</figcaption>
            <p class="chart-downloads">
                <a href="#" download=format!("{testid}.png") data-testid=format!("{testid}-png")
                    on:click=move |ev| {
                        // The picture is taken at the moment of the click.
                        let url = canvas_ref.get().and_then(|c| c.to_data_url().ok());
                        match (url, ev.current_target()) {
                            (Some(url), Some(target)) => {
                                if let Ok(anchor) = target.dyn_into::<web_sys::Element>() {
                                    let _ = anchor.set_attribute("href", &url);
                                }
                            }
                            _ => ev.prevent_default(),
                        }
                    }>
                    {t("chart-download-png")}
                </a>
                {move || csv.map(|csv| view! {
                    <a download=format!("{testid}.csv") data-testid=format!("{testid}-csv")
                        href=move || download_href("text/csv", &csv.get())>
                        {t("chart-download-csv")}
                    </a>
                })}
            </p>
        </figure>
    }
}
