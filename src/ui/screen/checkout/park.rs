//! Parking a sale (F3: a customer who forgot something) and recalling one: the cart leaves
//! the screen at once and the register keeps it; with an empty cart the same key lists the
//! sales this person may recall (their own, or every one for a manager).

use iced::Task;
use iced::widget::{Id, button, column, operation, text};
use iced::{Element, Length};

use super::{CART_ID, Checkout, Event, Message, Mode, Step};
use crate::domain::Cart;
use crate::fl;
use crate::register::ParkedSale;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::{Answer, Job};
use crate::ui::theme;
use crate::ui::widget::{Notice, amount_row};

impl Checkout {
    /// F3: parks a sale in progress, or opens the list of parked sales on an empty cart.
    pub(super) fn park_or_recall(&mut self, ctx: &Ctx) -> Step {
        let Some(by) = ctx.operator.clone() else { return (Task::none(), None) };
        if self.parking.is_some() {
            return (Task::none(), None);
        }
        if self.cart.is_empty() {
            self.notice = None;
            return (Task::none(), Some(Event::Run(Job::LoadParked { by })));
        }
        let cart = std::mem::take(&mut self.cart);
        self.new_sale();
        self.parking = Some(cart.clone());
        (Task::none(), Some(Event::Run(Job::ParkCart { owner: by, cart, by_lock: false })))
    }

    pub(super) fn parked(&mut self, answer: Answer<i64>, ctx: &Ctx) {
        let sent = self.parking.take();
        match answer {
            Ok(id) => {
                let text = fl!(ctx.i18n, "park-done", number = id, key = Action::Park.label());
                self.notice = Some(Notice::done(text));
            }
            Err(f) => {
                // Nothing is lost: the cart comes back, with anything rung up since after it.
                if let Some(cart) = sent {
                    self.take_back(cart);
                }
                self.notice = Some(Notice::error(f.text));
            }
        }
    }

    pub(super) fn parked_list(&mut self, answer: Answer<Vec<ParkedSale>>, ctx: &Ctx) {
        match answer {
            Ok(sales) if sales.is_empty() => {
                self.notice = Some(Notice::warning(ctx.i18n.tr("park-none")));
            }
            // A sale was started meanwhile: F3 now parks, it does not recall.
            Ok(_) if !self.cart.is_empty() => {}
            Ok(sales) => {
                self.notice = Some(Notice::warning(fl!(
                    ctx.i18n,
                    "park-pick",
                    up = Action::Up.label(),
                    down = Action::Down.label(),
                    enter = Action::Enter.label(),
                    esc = Action::Escape.label()
                )));
                let pick = sales.len() - 1;
                self.mode = Mode::Recall { sales, pick };
                self.entry.clear();
            }
            Err(f) => self.notice = Some(Notice::error(f.text)),
        }
    }

    /// Keys while the parked sales are listed: ↑ ↓ choose, Enter recalls, Esc or F3 leaves.
    pub(super) fn recall_key(&mut self, action: Action, ctx: &Ctx) -> Step {
        let Mode::Recall { sales, pick } = &mut self.mode else { return (Task::none(), None) };
        match action {
            Action::Up => *pick = pick.saturating_sub(1),
            Action::Down => *pick = (*pick + 1).min(sales.len().saturating_sub(1)),
            Action::Enter => {
                let i = *pick;
                return self.pick_parked(i, ctx);
            }
            Action::Escape | Action::Park => {
                self.mode = Mode::Scan;
                self.notice = None;
            }
            _ => {}
        }
        (Task::none(), None)
    }

    pub(super) fn pick_parked(&mut self, index: usize, ctx: &Ctx) -> Step {
        let Mode::Recall { sales, .. } = &self.mode else { return (Task::none(), None) };
        let (Some(sale), Some(by)) = (sales.get(index), ctx.operator.clone()) else {
            return (Task::none(), None);
        };
        let id = sale.id;
        self.mode = Mode::Scan;
        self.notice = None;
        (Task::none(), Some(Event::Run(Job::RecallCart { by, id })))
    }

    pub(super) fn recalled(&mut self, answer: Answer<Option<Cart>>, ctx: &Ctx) -> Task<Message> {
        match answer {
            Ok(Some(cart)) => {
                self.take_back(cart);
                self.notice = Some(Notice::done(ctx.i18n.tr("park-recalled")));
                return operation::snap_to_end(Id::new(CART_ID));
            }
            Ok(None) => self.notice = Some(Notice::error(ctx.i18n.tr("park-gone"))),
            Err(f) => self.notice = Some(Notice::error(f.text)),
        }
        Task::none()
    }

    /// Puts a parked cart back on screen; lines rung up meanwhile follow its own.
    pub fn take_back(&mut self, mut cart: Cart) {
        cart.lines.extend(std::mem::take(&mut self.cart.lines));
        if cart.order_discount.is_none() {
            cart.order_discount = self.cart.order_discount;
        }
        self.set_cart(cart);
    }

    /// The parked sales, in the cart's place, the chosen one marked.
    pub(in crate::ui::screen) fn recall_view<'a>(
        &'a self,
        sales: &'a [ParkedSale],
        pick: usize,
        ctx: &'a Ctx,
    ) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let mut list = column![text(i18n.tr("park-list-title")).size(theme::TITLE)].spacing(6);
        for (i, s) in sales.iter().enumerate() {
            let who = fl!(
                i18n,
                "park-row",
                number = s.id,
                owner = s.owner.clone(),
                at = i18n.datetime(&s.parked_at),
                count = s.lines
            );
            let mut row = column![amount_row(who, i18n.money(s.total), theme::BODY)];
            if s.by_lock {
                row = row.push(text(i18n.tr("park-by-lock")).size(theme::SMALL).style(theme::texts::muted));
            }
            if s.handed_back {
                row =
                    row.push(text(i18n.tr("park-handed-back")).size(theme::SMALL).style(theme::texts::muted));
            }
            list = list.push(
                button(row)
                    .on_press(Message::PickParked(i))
                    .width(Length::Fill)
                    .padding([6, 8])
                    .style(theme::buttons::row(i == pick)),
            );
        }
        list.into()
    }
}
