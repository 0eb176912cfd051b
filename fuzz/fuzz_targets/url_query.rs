//! Fuzzes the page's URL parser: any query string gives parameters (with notices for what was
//! wrong), never a panic; the parameters survive a round trip through the query they write,
//! and they are the ones in use: resolving them (loading a `spec=` MDP, fitting θ) needs no
//! fallback, so the address shows what the page uses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pg_explorer::state::{parse, resolve, to_query};

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let (params, notices) = parse(query);
    assert!(notices.iter().all(|n| !n.0.is_empty()), "an empty notice");
    let written = to_query(&params);
    let (again, again_notices) = parse(&written);
    assert_eq!(again, params, "round trip through {written:?}");
    assert!(again_notices.is_empty(), "{written:?} gave notices {again_notices:?}");
    let (model, resolve_notices) = resolve(&params, 1);
    assert!(resolve_notices.is_empty(), "{written:?} resolved with {resolve_notices:?}");
    assert_eq!(model.theta().len(), model.mdp().dim());
    assert!(params.gamma.is_none_or(|g| (0.0..=1.0).contains(&g) && g.is_sign_positive()));
});
