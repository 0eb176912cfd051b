//! The sampling worker: takes jobs (JSON, [`pg_explorer::sampler_work::Job`]) and posts each
//! finished piece as `[token, Float64Array]`. public/sampler-loader.js loads it, queues the
//! messages that arrive while the module compiles, and calls `work` until it has nothing
//! left to do, yielding between calls so a newer job or "stop" is read.

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;

    use pg_explorer::sampler_work::{Job, Progress, Work};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// How long one call of [`work`] samples, in milliseconds: a newer job waits at most this.
    const SLICE_MS: f64 = 30.0;

    thread_local! {
        static WORK: RefCell<Option<Work>> = const { RefCell::new(None) };
    }

    fn post(message: &js_sys::Array, transfer: Option<&JsValue>) {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let sent = match transfer {
            Some(buffer) => scope.post_message_with_transfer(message, &js_sys::Array::of1(buffer)),
            None => scope.post_message(message),
        };
        // The page is gone if this fails; there is nobody to tell.
        drop(sent);
    }

    fn fail(why: &str) {
        post(&js_sys::Array::of2(&"failed".into(), &why.into()), None);
    }

    /// Takes a message of the page: a job, or "stop".
    #[wasm_bindgen]
    pub fn command(message: String) {
        WORK.with_borrow_mut(|work| {
            if message == "stop" {
                if let Some(w) = work.as_mut() {
                    w.stop();
                }
                return;
            }
            let job: Job = match serde_json::from_str(&message) {
                Ok(job) => job,
                Err(e) => return fail(&format!("not a job: {e}")),
            };
            match work.as_mut() {
                Some(w) if w.same_run(&job) => w.restart(job),
                _ => match Work::new(job) {
                    Ok(w) => *work = Some(w),
                    Err(e) => {
                        *work = None;
                        fail(&e.to_string());
                    }
                },
            }
        });
    }

    /// Samples for a slice of time, posting every piece that is done; false once the job is
    /// finished (or there is none).
    #[wasm_bindgen]
    pub fn work() -> bool {
        let started = js_sys::Date::now();
        WORK.with_borrow_mut(|work| {
            let Some(work) = work.as_mut() else {
                return false;
            };
            while js_sys::Date::now() - started < SLICE_MS {
                match work.advance(256) {
                    Progress::Piece(flat) => {
                        let values = js_sys::Float64Array::from(flat.as_slice());
                        let buffer = values.buffer();
                        let message = js_sys::Array::of2(&(work.token() as f64).into(), &values);
                        post(&message, Some(&buffer));
                    }
                    Progress::Working => {}
                    Progress::Done => return false,
                }
            }
            true
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("sampler-worker runs in a browser's worker (trunk builds it); natively, use pgx");
}

#[cfg(target_arch = "wasm32")]
fn main() {}
