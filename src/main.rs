//! The quick calculator's page (`index.html`). Its CSV import is a module of
//! its own (`src/bin/import_panel.rs`), loaded once the first result shows.

fn main() {
    sla_app::start();
}
