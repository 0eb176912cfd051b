//! Entry point of the web app: installs the panic hook and mounts [`pg_explorer::App`] on `<body>`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(pg_explorer::App);
}
