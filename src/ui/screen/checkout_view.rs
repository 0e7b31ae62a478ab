//! How the checkout looks: the cart with its VAT summary and total on the left, categories,
//! search, product grid and keypad on the right, the payment keys along the bottom.

use iced::widget::{Id, button, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length};

use super::checkout::{CART_ID, Checkout, DiscountKind, Message, Mode, SEARCH_ID, Target};
use crate::domain::{CartLine, Money, Unit};
use crate::fl;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::theme::{self, BUTTON_HEIGHT};
use crate::ui::widget::{self, amount_row, keypad};

/// Room for one line of notice (two in a narrow window).
const NOTICE_HEIGHT: f32 = 44.0;

impl Checkout {
    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let body = row![
            container(self.cart_view(ctx)).width(Length::FillPortion(5)).height(Length::Fill),
            container(self.products_view(ctx)).width(Length::FillPortion(6)).height(Length::Fill),
            container(self.input_view(ctx)).width(Length::Fixed(250.0)).height(Length::Fill),
        ]
        .spacing(10)
        .height(Length::Fill);
        // The notice has a slot of its own, so nothing moves when one appears.
        let notice: Element<'a, Message> = match &self.notice {
            Some(n) => widget::notice(n),
            None => text("").into(),
        };
        column![container(notice).height(Length::Fixed(NOTICE_HEIGHT)), body, self.actions_view(ctx)]
            .spacing(10)
            .padding(10)
            .into()
    }

    fn cart_view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let mut lines = column![].spacing(2).padding([0, 12]);
        if let Mode::Recall { sales, pick } = &self.mode {
            lines = lines.push(self.recall_view(sales, *pick, ctx));
        } else if self.cart.is_empty() {
            lines = lines.push(text(i18n.tr("cart-empty")).size(theme::CART).style(theme::texts::muted));
        }
        for (i, line) in self.cart.lines.iter().enumerate() {
            // The receipt's own rule: the order discount is shown once, below the lines.
            let amount = line.shown_amount();
            lines = lines.push(
                button(line_view(line, amount, ctx))
                    .on_press(Message::Select(i))
                    .width(Length::Fill)
                    .padding([4, 8])
                    .style(theme::buttons::row(self.selected == Some(i))),
            );
        }
        let mut summary = column![].spacing(2);
        if !self.totals.order_discount.is_zero() {
            summary = summary.push(amount_row(
                i18n.tr("receipt-order-discount"),
                format!("−{}", i18n.money_plain(self.totals.order_discount)),
                theme::BODY,
            ));
        }
        for v in &self.totals.vat {
            summary = summary.push(amount_row(
                fl!(i18n, "cart-vat-line", rate = i18n.percent(v.rate)),
                fl!(i18n, "cart-vat-amounts", net = i18n.money_plain(v.net), vat = i18n.money_plain(v.vat)),
                theme::BODY,
            ));
        }
        let count = self.cart.lines.len();
        let total = row![
            column![
                text(i18n.tr("receipt-total")).size(theme::TITLE),
                text(if count > 1 {
                    // ↑ ↓ choose the line that F4 and F5 act on.
                    format!(
                        "{} · {} {}",
                        fl!(i18n, "cart-items", count = count),
                        Action::Up.label(),
                        Action::Down.label()
                    )
                } else {
                    fl!(i18n, "cart-items", count = count)
                })
                .size(theme::SMALL)
                .style(theme::texts::muted),
            ]
            .width(Length::Fill),
            text(i18n.money(self.totals.total)).size(theme::TOTAL),
        ]
        .align_y(Alignment::Center);
        container(
            column![
                scrollable(lines).id(Id::new(CART_ID)).height(Length::Fill),
                container(column![summary, total].spacing(6)).padding([8, 12]),
            ]
            .spacing(6),
        )
        .padding([8, 0])
        .height(Length::Fill)
        .style(theme::panels::panel)
        .into()
    }

    fn products_view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let searching = !self.search.trim().is_empty();
        let tabs = ctx.catalog.categories().iter().fold(row![].spacing(6), |r, c| {
            let selected = !searching && self.category.as_ref() == Some(c);
            r.push(
                button(text(category_label(ctx, c)).size(theme::BODY))
                    .on_press(Message::Category(c.clone()))
                    .padding([10, 8])
                    .style(theme::buttons::row(selected)),
            )
        });
        // PgUp / PgDn walk the tabs; said once, at the row's end.
        let tabs = tabs.push(
            container(
                text(format!("{} {}", Action::PrevTab.label(), Action::NextTab.label()))
                    .size(12)
                    .style(theme::texts::muted),
            )
            .padding([12, 2]),
        );
        let search = text_input(&fl!(i18n, "search-placeholder", key = Action::Search.label()), &self.search)
            .id(Id::new(SEARCH_ID))
            .on_input(Message::Search)
            .on_submit(Message::SearchSubmit)
            .padding(10)
            .size(theme::BODY);
        let lang = i18n.lang();
        let grid = self.grid.iter().fold(row![].spacing(6), |r, p| {
            let price = match p.unit {
                _ if p.is_open_price() => i18n.tr("price-open"),
                Unit::Kg => fl!(i18n, "price-per-kg", price = i18n.money(p.price)),
                Unit::L => fl!(i18n, "price-per-l", price = i18n.money(p.price)),
                Unit::Piece => i18n.money(p.price),
            };
            // The PLU is the button's key: typed and Enter, it adds the same.
            let price = format!("{price} · {}", p.plu);
            r.push(
                button(column![
                    text(p.names.get(lang).to_string()).size(15).wrapping(text::Wrapping::WordOrGlyph),
                    text(price).size(theme::SMALL).style(theme::texts::muted),
                ])
                .on_press(Message::Add(Box::new(p.clone())))
                .width(Length::Fixed(136.0))
                .height(Length::Fixed(BUTTON_HEIGHT + 20.0))
                .padding(6)
                .style(theme::buttons::key),
            )
        });
        let mut grid_col = column![grid.wrap().vertical_spacing(6)];
        if self.grid.is_empty() {
            grid_col = grid_col.push(text(i18n.tr("search-nothing")).style(theme::texts::muted));
        }
        container(
            column![
                tabs.wrap().vertical_spacing(6),
                search,
                scrollable(grid_col).spacing(6).height(Length::Fill)
            ]
            .spacing(8),
        )
        .padding(8)
        .height(Length::Fill)
        .style(theme::panels::panel)
        .into()
    }

    fn input_view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let prompt = match &self.mode {
            Mode::Scan => match self.pending_qty {
                Some(q) => fl!(i18n, "scan-quantity-set", quantity = i18n.quantity(q)),
                None => i18n.tr("scan-prompt"),
            },
            Mode::Weigh(p) => fl!(i18n, "weigh-for", name = p.names.get(i18n.lang()).to_string()),
            Mode::Price { product, .. } => {
                fl!(i18n, "price-for", name = product.names.get(i18n.lang()).to_string())
            }
            Mode::Discount { target: Target::Line(i), .. } => fl!(i18n, "discount-line", line = i + 1),
            Mode::Discount { target: Target::Order, .. } => i18n.tr("discount-order"),
            Mode::ManagerPin(_) => i18n.tr("manager-pin-prompt"),
            Mode::ConfirmQuantity(q) | Mode::ConfirmWeight { quantity: q, .. } => {
                fl!(i18n, "quantity-confirm-short", quantity = i18n.quantity(*q))
            }
            Mode::ConfirmVoid(_) => i18n.tr("void-last-short"),
            Mode::Recall { .. } => i18n.tr("park-list-title"),
        };
        let shown = match self.mode {
            Mode::ManagerPin(_) => "●".repeat(self.entry.len()),
            _ => self.entry.clone(),
        };
        let mut col = column![
            text(prompt).size(theme::BODY).wrapping(text::Wrapping::WordOrGlyph),
            container(text(shown).size(28))
                .padding([4, 10])
                .width(Length::Fill)
                .align_x(Alignment::End)
                .style(theme::panels::panel),
        ]
        .spacing(8);
        if let Mode::Discount { target, kind } = self.mode {
            let pick = |label: String, key: &'static str, selected: bool, msg: Message| {
                let content = row![
                    text(label).size(theme::BODY).wrapping(text::Wrapping::WordOrGlyph).width(Length::Fill),
                    text(key).size(12).style(theme::texts::muted_on_button),
                ]
                .spacing(4)
                .align_y(Alignment::Center);
                button(content)
                    .on_press(msg)
                    .width(Length::Fill)
                    .height(Length::Fixed(BUTTON_HEIGHT))
                    .style(theme::buttons::row(selected))
            };
            let line_target = self.selected.map(Target::Line);
            let mut targets = row![].spacing(6);
            if let Some(t) = line_target {
                targets = targets.push(pick(
                    i18n.tr("discount-on-line"),
                    Action::Up.label(),
                    target == t,
                    Message::DiscountTarget(t),
                ));
            }
            targets = targets.push(pick(
                i18n.tr("discount-on-order"),
                Action::Down.label(),
                target == Target::Order,
                Message::DiscountTarget(Target::Order),
            ));
            col = col.push(targets).push(
                row![
                    pick(
                        "%".into(),
                        Action::Discount.label(),
                        kind == DiscountKind::Percent,
                        Message::DiscountKind(DiscountKind::Percent)
                    ),
                    pick(
                        "€".into(),
                        Action::Discount.label(),
                        kind == DiscountKind::Amount,
                        Message::DiscountKind(DiscountKind::Amount)
                    ),
                ]
                .spacing(6),
            );
        }
        let enter = match self.mode {
            Mode::Scan => i18n.tr("key-enter-add"),
            _ => i18n.tr("key-enter-ok"),
        };
        col.push(keypad::view(Message::Key, enter, ctx.decimal())).into()
    }

    /// Two fixed rows: selling and paying on top, the rest below; every button shows its key
    /// and is live exactly when its key does something.
    fn actions_view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        // Each button gets room by its label's length, so long Greek words stay whole.
        let b = |label: String, key: &'static str, on: Message, enabled: bool, style| {
            let longest = label.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
            let portion = u16::try_from(longest.clamp(6, 13)).unwrap_or(6);
            container(widget::action(label, key, enabled.then_some(on), style))
                .width(Length::FillPortion(portion))
        };
        let a = |id: &str, action: Action, style| {
            b(i18n.tr(id), action.label(), Message::Key(action), self.enabled(action, ctx), style)
        };
        let park = if self.cart.is_empty() { "action-recall" } else { "action-park" };
        let top = row![
            a("action-cash", Action::Cash, theme::buttons::success),
            a("action-card", Action::Card, theme::buttons::primary),
            a("action-split", Action::Split, theme::buttons::primary),
            a("action-defer", Action::Defer, theme::buttons::key),
            a("action-discount", Action::Discount, theme::buttons::key),
            a("action-void", Action::Void, theme::buttons::danger),
        ]
        .spacing(6);
        let bottom = row![
            b(
                i18n.tr("key-quantity"),
                "*",
                Message::Key(Action::Times),
                self.enabled(Action::Times, ctx),
                theme::buttons::key
            ),
            a(park, Action::Park, theme::buttons::key),
            b(
                i18n.tr("action-deferred-list"),
                Action::DeferredList.label(),
                Message::OpenDeferred,
                true,
                theme::buttons::key
            ),
            a("action-search", Action::Search, theme::buttons::key),
            a("action-cancel", Action::Escape, theme::buttons::key),
            a("action-manager", Action::Manager, theme::buttons::key),
        ]
        .spacing(6);
        column![top, bottom].spacing(6).into()
    }
}

fn line_view<'a>(line: &'a CartLine, amount: Money, ctx: &'a Ctx) -> Element<'a, Message> {
    let i18n = &ctx.i18n;
    let mut col = column![amount_row(line.name.clone(), i18n.money_plain(amount), theme::CART)];
    let qty = match line.unit {
        Unit::Kg => fl!(
            i18n,
            "line-weighed",
            quantity = i18n.quantity(line.quantity),
            price = i18n.money_plain(line.unit_price)
        ),
        Unit::L => fl!(
            i18n,
            "line-litres",
            quantity = i18n.quantity(line.quantity),
            price = i18n.money_plain(line.unit_price)
        ),
        Unit::Piece => fl!(
            i18n,
            "line-pieces",
            quantity = i18n.quantity(line.quantity),
            price = i18n.money_plain(line.unit_price)
        ),
    };
    if line.quantity.milli() != 1000 || line.unit == Unit::Kg {
        col = col.push(text(qty).size(theme::SMALL).style(theme::texts::muted));
    }
    if let Some(d) = line.discount {
        let label = match d {
            crate::domain::Discount::Percent(bp) => {
                fl!(i18n, "line-discount-percent", percent = i18n.percent(crate::domain::VatRate(bp)))
            }
            crate::domain::Discount::Amount(_) => i18n.tr("receipt-discount"),
        };
        col = col.push(amount_row(label, format!("−{}", i18n.money_plain(line.discount_amount())), 15.0));
    }
    col.into()
}

fn category_label(ctx: &Ctx, category: &str) -> String {
    let id = format!("category-{category}");
    let label = ctx.i18n.tr(&id);
    if label == id { category.to_string() } else { label }
}
