//! Entry point of the web app: installs the panic hook (which shows a panic on the page as
//! well as in the console) and mounts [`pg_explorer::App`] on `<body>`.

fn main() {
    pg_explorer::crash::install();
    leptos::mount::mount_to_body(pg_explorer::App);
}
