//! The site's title and the links between its pages, shown by every page
//! but the embed.

use yew::prelude::*;

/// The workbench's page, beside `index.html`.
pub const WORKBENCH_PAGE: &str = "workbench.html";
/// The "Compare vendor SLAs" page, beside `index.html` (`crate::pages::compare`,
/// written against the DOM: its header is this one, prerendered in `compare.html`).
pub const COMPARE_PAGE: &str = "compare.html";

/// Which page is shown (for the navigation between them).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Page {
    Quick,
    Workbench,
    Compare,
}

#[derive(Properties, PartialEq)]
pub struct SiteHeaderProps {
    pub page: Page,
}

/// The site's title and the links between its pages.
#[component]
pub fn SiteHeader(props: &SiteHeaderProps) -> Html {
    let current = |p: Page| (props.page == p).then_some("page");
    let t = crate::i18n::texts().site();
    html! {
        <header class="site">
            <h1>{t.title}</h1>
            <p class="tagline">{t.tagline}</p>
            <nav class="views no-print" aria-label={t.nav_label}>
                <a id="view-quick" href="./" aria-current={current(Page::Quick)}>{t.nav_quick}</a>
                <a id="view-workbench" href={WORKBENCH_PAGE} aria-current={current(Page::Workbench)}>{t.nav_workbench}</a>
                <a id="view-compare" href={COMPARE_PAGE} aria-current={current(Page::Compare)}>{t.nav_compare}</a>
            </nav>
        </header>
    }
}
