//! Fuzzes the page's URL parser: any query string gives parameters (with notices for what was
//! wrong), never a panic; the parameters survive a round trip through the query they write,
//! and resolving them (loading a `spec=` MDP, fitting θ) never panics either.
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
    let (resolved, _) = resolve(&params);
    assert!(resolved.gamma.is_finite());
    assert_eq!(resolved.theta.len(), resolved.mdp.dim());
});
