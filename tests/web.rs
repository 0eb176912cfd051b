//! Browser tests (wasm-bindgen-test in headless Chromium): mount components into
//! the page, drive them with real DOM events, and check the DOM that results.
#![cfg(target_arch = "wasm32")]

use leptos::{mount::mount_to, prelude::*, task::tick};
use pg_explorer::components::{
    GammaSlider, MdpEditor, PrevNext, StepCard, StepList, Tex, ThetaControls,
};
use pg_explorer::steps::STEPS;
use pg_explorer::App;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// KaTeX from the pinned npm package (`npm ci` runs before the tests).
const KATEX_JS: &str = include_str!("../node_modules/katex/dist/katex.min.js");

/// A fresh element appended to `<body>` to mount into.
fn wrapper() -> HtmlElement {
    let document = document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn katex_loaded() -> bool {
    js_sys::Reflect::get(&window(), &JsValue::from_str("katex"))
        .map(|v| !v.is_undefined())
        .unwrap_or(false)
}

fn load_katex() {
    if !katex_loaded() {
        js_sys::eval(KATEX_JS).expect("katex.min.js evaluates");
    }
    assert!(katex_loaded());
}

fn by_testid<T: JsCast>(root: &HtmlElement, id: &str) -> T {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
        .unchecked_into()
}

/// Sets an input's value and fires `input`, as a user's drag or key press does.
fn input(el: &HtmlInputElement, value: &str) {
    el.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn slider_shows_and_announces_its_value() {
    let root = wrapper();
    let gamma = RwSignal::new(0.9);
    let _mount = mount_to(
        root.clone(),
        move || view! { <GammaSlider value=gamma on_change=Callback::new(move |g| gamma.set(g)) id="g1" /> },
    );
    tick().await;

    let slider: HtmlInputElement = by_testid(&root, "gamma-slider");
    let shown = root.query_selector("output").unwrap().unwrap();
    assert_eq!(slider.value(), "0.9");
    assert_eq!(
        slider.get_attribute("aria-valuetext").as_deref(),
        Some("γ = 0.90")
    );
    assert_eq!(shown.text_content().as_deref(), Some("0.90"));

    input(&slider, "0.37");
    tick().await;
    assert_eq!(gamma.get_untracked(), 0.37);
    assert_eq!(shown.text_content().as_deref(), Some("0.37"));
    assert_eq!(
        slider.get_attribute("aria-valuetext").as_deref(),
        Some("γ = 0.37")
    );

    // A value from outside moves the slider too.
    gamma.set(1.0);
    tick().await;
    assert_eq!(slider.value(), "1");
    assert_eq!(shown.text_content().as_deref(), Some("1.00"));
    root.remove();
}

#[wasm_bindgen_test]
async fn page_updates_exact_j_when_gamma_moves() {
    let root = wrapper();
    let _mount = mount_to(root.clone(), App);
    tick().await;

    let slider: HtmlInputElement = by_testid(&root, "gamma-slider");
    let readout: HtmlElement = by_testid(&root, "exact-J");
    let before = readout.get_attribute("data-value").unwrap();
    let before_j: f64 = before.parse().unwrap();
    assert!(before_j.is_finite());

    input(&slider, "0.5");
    tick().await;
    let after = readout.get_attribute("data-value").unwrap();
    assert_ne!(before, after, "exact J follows γ");
    assert!(after.parse::<f64>().unwrap().is_finite());
    assert_eq!(
        readout.text_content().unwrap(),
        format!("{:.6}", after.parse::<f64>().unwrap())
    );
    let chart: HtmlElement = by_testid(&root, "chart-objective-vs-gamma");
    assert_eq!(chart.get_attribute("data-value").as_deref(), Some("0.5"));
    // γ keeps its value on the line with no-break spaces; a screen reader reads them as spaces.
    assert!(chart
        .get_attribute("aria-label")
        .unwrap()
        .replace('\u{a0}', " ")
        .contains("γ = 0.50"));
    root.remove();
}

#[wasm_bindgen_test]
async fn tex_renders_katex_with_mathml() {
    load_katex();
    let root = wrapper();
    let tex = RwSignal::new(r"J_\theta = \int G_0 \, P_\theta(\tau) \, d\tau".to_string());
    let _mount = mount_to(root.clone(), move || view! { <Tex tex=tex display=true /> });
    tick().await;
    assert!(root
        .query_selector(".katex-display .katex-mathml math")
        .unwrap()
        .is_some());
    assert!(root.query_selector(".katex-error").unwrap().is_none());

    // Bad LaTeX is shown in place (throwOnError: false), not thrown.
    tex.set(r"\frac{1}{".to_string());
    tick().await;
    assert!(root.query_selector(".katex-error").unwrap().is_some());

    // trust: false — \href is refused, no link is made.
    tex.set(r"\href{javascript:alert(1)}{x}".to_string());
    tick().await;
    assert!(root.query_selector("a").unwrap().is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn tex_falls_back_to_text_without_katex() {
    let saved = js_sys::Reflect::get(&window(), &JsValue::from_str("katex")).unwrap();
    js_sys::Reflect::delete_property(&window(), &JsValue::from_str("katex")).unwrap();

    let root = wrapper();
    let _mount = mount_to(root.clone(), || view! { <Tex tex=r"a < b" /> });
    tick().await;
    let fallback = root
        .query_selector(".tex-fallback")
        .unwrap()
        .expect("fallback shown");
    assert_eq!(fallback.text_content().as_deref(), Some("a < b"));

    if !saved.is_undefined() {
        js_sys::Reflect::set(&window(), &JsValue::from_str("katex"), &saved).unwrap();
    }
    root.remove();
}

/// Fires a key press on the window, as a reader's keyboard does.
fn press(key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().body().unwrap().dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn every_step_renders_its_math_without_a_katex_error() {
    load_katex();
    for (index, step) in STEPS.iter().enumerate() {
        let root = wrapper();
        let _mount = mount_to(
            root.clone(),
            move || view! { <StepCard index=index>"panel"</StepCard> },
        );
        tick().await;
        let card: HtmlElement = by_testid(&root, "step-card");
        assert_eq!(card.get_attribute("data-slug").as_deref(), Some(step.slug));
        let displays = root
            .query_selector_all(".katex-display .katex-mathml math")
            .unwrap();
        assert_eq!(displays.length() as usize, step.math.len(), "{}", step.slug);
        assert!(
            root.query_selector(".katex-error").unwrap().is_none(),
            "{}: KaTeX error",
            step.slug
        );
        assert!(
            root.query_selector(".tex-fallback").unwrap().is_none(),
            "{}",
            step.slug
        );
        let tip = root.query_selector("[data-testid=tip]").unwrap();
        assert_eq!(tip.is_some(), step.tip.is_some(), "{}", step.slug);
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn the_step_list_marks_the_current_step_and_reports_choices() {
    let root = wrapper();
    let current = RwSignal::new(2usize);
    let range = RwSignal::new((0usize, STEPS.len() - 1));
    let _mount = mount_to(root.clone(), move || {
        view! {
            <StepList current=current range=range
                href=Callback::new(|i: usize| format!("?step={}", STEPS[i].slug))
                on_select=Callback::new(move |i| current.set(i)) />
        }
    });
    tick().await;
    let marked = |root: &HtmlElement| root.query_selector_all("[aria-current=step]").unwrap();
    assert_eq!(marked(&root).length(), 1);
    let third: HtmlElement = by_testid(&root, "step-log-derivative-trick");
    assert_eq!(third.get_attribute("aria-current").as_deref(), Some("step"));
    let causality: HtmlElement = by_testid(&root, "step-causality");
    assert_eq!(
        causality.get_attribute("href").as_deref(),
        Some("?step=causality")
    );
    causality.click();
    tick().await;
    assert_eq!(current.get_untracked(), 6);
    assert_eq!(
        causality.get_attribute("aria-current").as_deref(),
        Some("step")
    );
    assert_eq!(marked(&root).length(), 1);

    // A range shows only its steps.
    range.set((6, 8));
    tick().await;
    assert_eq!(
        root.query_selector_all("a[data-testid^=step-]")
            .unwrap()
            .length(),
        3
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn previous_and_next_stop_at_the_ends_of_the_range() {
    let root = wrapper();
    let current = RwSignal::new(6usize);
    let _mount = mount_to(root.clone(), move || {
        view! { <PrevNext current=current range=(6usize, 8usize) on_select=Callback::new(move |i| current.set(i)) /> }
    });
    tick().await;
    let prev: HtmlElement = by_testid(&root, "prev-step");
    let next: HtmlElement = by_testid(&root, "next-step");
    assert!(prev.has_attribute("disabled"));
    assert!(!next.has_attribute("disabled"));
    next.click();
    tick().await;
    next.click();
    tick().await;
    assert_eq!(current.get_untracked(), 8);
    assert!(next.has_attribute("disabled"));
    assert!(!prev.has_attribute("disabled"));
    assert!(root.text_content().unwrap().contains("Step 9 of 11"));
    root.remove();
}

#[wasm_bindgen_test]
async fn theta_controls_report_valid_values_only() {
    let root = wrapper();
    let theta = RwSignal::new(vec![0.0, 0.0]);
    let _mount = mount_to(root.clone(), move || {
        view! {
            <ThetaControls theta=theta labels=vec!["θ₀".to_string(), "θ₁".to_string()]
                on_change=Callback::new(move |(i, x): (usize, f64)| theta.update(|t| t[i] = x)) />
        }
    });
    tick().await;
    let second: HtmlInputElement = by_testid(&root, "theta-1");
    assert_eq!(second.type_(), "range", "two parameters get sliders");
    input(&second, "2.5");
    tick().await;
    assert_eq!(theta.get_untracked(), vec![0.0, 2.5]);
    assert!(root.text_content().unwrap().contains("2.50"));
    root.remove();
}

#[wasm_bindgen_test]
async fn arrow_keys_move_between_steps_and_the_address_follows() {
    load_katex();
    let root = wrapper();
    let _mount = mount_to(root.clone(), App);
    tick().await;
    let slug = |root: &HtmlElement| {
        by_testid::<HtmlElement>(root, "step-card")
            .get_attribute("data-slug")
            .unwrap()
    };
    let start = slug(&root);
    press("ArrowRight");
    tick().await;
    let moved = slug(&root);
    assert_ne!(start, moved);
    assert!(window()
        .location()
        .search()
        .unwrap()
        .contains(&format!("step={moved}")));
    press("ArrowLeft");
    tick().await;
    assert_eq!(slug(&root), start);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_mdp_editor_shows_located_errors_and_applies_valid_files() {
    let root = wrapper();
    let good = pg_core::presets::load("discount-trap").unwrap().to_json();
    let applied = RwSignal::new(None::<String>);
    let edited = RwSignal::new(None::<String>);
    let current = good.clone();
    let _mount = mount_to(root.clone(), move || {
        view! { <MdpEditor current=current.clone() name="Discount trap".to_string() on_apply=Callback::new(move |t| applied.set(Some(t))) on_edit=Callback::new(move |t| edited.set(Some(t))) /> }
    });
    tick().await;
    let text: web_sys::HtmlTextAreaElement = by_testid(&root, "mdp-json");
    assert_eq!(text.value(), good);
    let download: HtmlElement = by_testid(&root, "mdp-download");
    assert_eq!(
        download.get_attribute("download").as_deref(),
        Some("discount-trap.json")
    );
    let apply: HtmlElement = by_testid(&root, "mdp-apply");
    let error: HtmlElement = by_testid(&root, "mdp-error");

    let broken = good.replace("\"horizon\": 5", "\"horizon\": 0");
    text.set_value(&broken);
    text.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    apply.click();
    tick().await;
    assert!(
        applied.get_untracked().is_none(),
        "a broken file is not used"
    );
    let message = error.text_content().unwrap();
    assert!(
        message.contains("horizon: must be between 1 and 1000"),
        "{message}"
    );
    assert!(message.contains("previous MDP stays"), "{message}");

    text.set_value(&good);
    text.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    apply.click();
    tick().await;
    assert_eq!(applied.get_untracked().as_deref(), Some(good.as_str()));
    assert_eq!(error.text_content().unwrap(), "");

    // A cell of the table: its edit goes to on_edit (the reader's γ and θ stay), as a file
    // with the new reward.
    let cell: web_sys::HtmlInputElement = by_testid(&root, "cell-reward-0-0");
    cell.set_value("4");
    cell.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    let file = edited.get_untracked().expect("a valid edit is used");
    let mdp = pg_core::Mdp::from_json(&file).unwrap();
    assert_eq!(mdp.reward(0, 0), 4.0);
    assert_eq!(applied.get_untracked().as_deref(), Some(good.as_str()));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_panic_shows_a_message_that_reloads_the_view() {
    use pg_explorer::crash;
    crash::show("first problem");
    crash::show("second problem");
    let shown = document()
        .query_selector_all(&format!("[data-testid={}]", crash::CRASH_TESTID))
        .unwrap();
    assert_eq!(shown.length(), 1, "one message, however many panics");
    let message: HtmlElement = shown.get(0).unwrap().dyn_into().unwrap();
    assert_eq!(message.get_attribute("role").as_deref(), Some("alert"));
    let text = message.text_content().unwrap();
    assert!(
        text.contains("Something went wrong — reload this view."),
        "{text}"
    );
    assert!(
        text.contains("first problem") && text.contains("second problem"),
        "{text}"
    );
    let reload = message
        .query_selector("[data-testid=crash-reload]")
        .unwrap()
        .unwrap();
    assert_eq!(
        reload.get_attribute("href"),
        Some(window().location().href().unwrap())
    );
    message.remove();
}

/// Waits `ms` milliseconds of the page's clock, letting its tasks run.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Spins for `ms` milliseconds: an item of work that takes that long.
fn busy(ms: f64) {
    let start = js_sys::Date::now();
    while js_sys::Date::now() - start < ms {}
}

/// Exact work in slices (src/sliced.rs): items of 3 ms take several tasks; meanwhile the
/// work is pending and no result of another key shows; a job of a new key cancels the one
/// under way; one of the same key waits for it, the old result staying until the new one is
/// complete.
#[wasm_bindgen_test]
async fn sliced_work_runs_in_several_tasks_and_the_newest_job_wins() {
    use pg_explorer::sliced::{sliced, SliceJob};
    let root = wrapper();
    let key = RwSignal::new(1u64);
    let version = RwSignal::new(0u64);
    let _mount = mount_to(root.clone(), move || {
        let work = sliced(
            move || {
                Some(SliceJob {
                    key: key.get(),
                    input: (key.get(), version.get()),
                    count: 12,
                })
            },
            |&(k, v): &(u64, u64), i| {
                busy(3.0);
                k * 1000 + v * 100 + i as u64
            },
        );
        let pending = work.pending();
        view! {
            <p data-testid="pending">{move || pending.get().to_string()}</p>
            <p data-testid="result">{move || work.with(|r| r.map(|r| format!("{:?}", r.first().zip(r.last()))).unwrap_or_default())}</p>
        }
    });
    let text = |id: &str| by_testid::<HtmlElement>(&root, id).text_content().unwrap();
    let done = || async {
        for _ in 0..200 {
            if text("pending") == "false" {
                return;
            }
            sleep(10).await;
        }
        panic!("still pending after 2 s");
    };
    tick().await;
    // 12 items of 3 ms do not fit one slice of 8 ms.
    assert_eq!(text("pending"), "true");
    assert_eq!(text("result"), "");
    // A new key while the first is under way: it is dropped, and its result never shows.
    key.set(2);
    tick().await;
    assert_eq!(text("result"), "");
    done().await;
    assert_eq!(text("result"), "Some((2000, 2011))");
    // The same key with a new input: the last result stays while the new one is computed.
    version.set(1);
    tick().await;
    assert_eq!(text("pending"), "true");
    assert_eq!(text("result"), "Some((2000, 2011))");
    // Two more inputs at once, while that one runs: only the newest is computed after it.
    version.set(2);
    tick().await;
    version.set(3);
    tick().await;
    done().await;
    assert_eq!(text("result"), "Some((2300, 2311))");
    root.remove();
}
