//! The checkout: the cart being rung up, scanner and keypad input, discounts, voids and the
//! way to payment. Everything here edits a `Cart` in memory; only a manager PIN asks the register.

use iced::Task;
use iced::widget::{Id, operation};

use crate::domain::{Cart, Discount, Money, Product, Quantity, Totals, Unit};
use crate::fl;
use crate::register::{Operator, ParkedSale, RegisterError};
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::{Answer, Job, PinFor};
use crate::ui::widget::Notice;

mod park;
mod void;

pub const CART_ID: &str = "cart";
pub const SEARCH_ID: &str = "search";
/// Longest entry the keypad accepts (a barcode is 13 digits).
const MAX_ENTRY: usize = 20;

#[derive(Debug)]
pub struct Checkout {
    pub cart: Cart,
    /// Kept in step with the cart, so `view` never recomputes it.
    pub totals: Totals,
    pub selected: Option<usize>,
    /// What was typed or scanned since the last Enter.
    pub entry: String,
    /// Set by `3*`: the quantity of the next item.
    pub pending_qty: Option<Quantity>,
    pub mode: Mode,
    pub category: Option<String>,
    pub search: String,
    /// The product buttons on show, refreshed on tab or search changes.
    pub grid: Vec<Product>,
    pub notice: Option<Notice>,
    /// The cart sent to be parked (F3), until the register answers.
    pub parking: Option<Cart>,
    /// The cashier was typing their PIN again when sign-in answered: its remaining digits
    /// (up to Enter) are dropped, never shown in the scan field.
    pub drop_pin: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Scan,
    /// A weighed product waits for its weight in kg.
    Weigh(Box<Product>),
    /// An open-price product waits for its price.
    Price {
        product: Box<Product>,
        quantity: Quantity,
    },
    Discount {
        target: Target,
        kind: DiscountKind,
    },
    /// A manager's PIN is needed before `Purpose` happens.
    ManagerPin(Purpose),
    /// `1000*`: a quantity above the ceiling waits for Enter (or Esc).
    ConfirmQuantity(Quantity),
    /// A weight above the ceiling waits for Enter (or Esc).
    ConfirmWeight {
        product: Box<Product>,
        quantity: Quantity,
    },
    /// Voiding the only line left (the sale would be empty) waits for Enter (or Esc).
    ConfirmVoid(usize),
    /// The parked sales to pick from (↑ ↓ Enter); the cart is empty meanwhile.
    Recall {
        sales: Vec<ParkedSale>,
        pick: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Line(usize),
    Order,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscountKind {
    Percent,
    Amount,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Void(usize),
    Menu,
}

#[derive(Debug, Clone)]
pub enum Message {
    Key(Action),
    Category(String),
    Search(String),
    SearchSubmit,
    Add(Box<Product>),
    Select(usize),
    DiscountTarget(Target),
    DiscountKind(DiscountKind),
    ManagerAnswer(Answer<Operator>),
    /// The register voided a line: the cart without it, and the line's name.
    Voided(Answer<(Cart, String)>),
    OpenDeferred,
    /// The register parked the sale (its number).
    Parked(Answer<i64>),
    /// The parked sales this person may recall.
    ParkedList(Answer<Vec<ParkedSale>>),
    /// A click on one of them.
    PickParked(usize),
    /// The recalled cart (`None`: recalled elsewhere already).
    Recalled(Answer<Option<Cart>>),
}

pub enum Event {
    Run(Job),
    /// Go to the cash screen with this cart.
    PayCash,
    PayCard,
    Split,
    /// Send the cart to the terminal as a deferred (preloaded) receipt.
    Defer,
    OpenDeferred,
    OpenManager(Operator),
}

type Step = (Task<Message>, Option<Event>);

impl Default for Checkout {
    fn default() -> Self {
        Checkout {
            cart: Cart::default(),
            totals: Cart::default().totals(),
            selected: None,
            entry: String::new(),
            pending_qty: None,
            mode: Mode::Scan,
            category: None,
            search: String::new(),
            grid: Vec::new(),
            notice: None,
            parking: None,
            drop_pin: false,
        }
    }
}

impl Checkout {
    /// A fresh sale, keeping the grid where it was.
    pub fn new_sale(&mut self) {
        let (category, search, grid) =
            (self.category.take(), std::mem::take(&mut self.search), std::mem::take(&mut self.grid));
        let parking = self.parking.take();
        *self = Checkout { category, search, grid, parking, ..Checkout::default() };
    }

    /// Whether an action's button is live: a key whose button looks disabled does nothing.
    pub fn enabled(&self, action: Action, ctx: &Ctx) -> bool {
        let has_cart = !self.cart.is_empty();
        match action {
            Action::Defer => has_cart && ctx.can_preload,
            Action::Cash | Action::Card | Action::Split | Action::Discount => has_cart,
            Action::Void => has_cart && self.selected.is_some(),
            Action::Times => self.mode == Mode::Scan,
            _ => true,
        }
    }

    /// Replaces the cart (a recalled sale), with the last line selected.
    pub fn set_cart(&mut self, cart: Cart) {
        self.cart = cart;
        self.totals = self.cart.totals();
        self.selected = self.last_line();
        self.mode = Mode::Scan;
        self.entry.clear();
    }

    /// The catalogue changed (first load): show the first category.
    pub fn refresh_grid(&mut self, ctx: &Ctx) {
        if self.category.as_ref().is_none_or(|c| !ctx.catalog.categories().contains(c)) {
            self.category = ctx.catalog.categories().first().cloned();
        }
        self.grid = if self.search.trim().is_empty() {
            self.category.as_deref().map(|c| ctx.catalog.in_category(c)).unwrap_or_default()
        } else {
            ctx.catalog.search(&self.search)
        };
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Step {
        match message {
            Message::Key(action) => return self.key(action, ctx),
            Message::Category(c) => {
                self.category = Some(c);
                self.search.clear();
                self.refresh_grid(ctx);
            }
            Message::Search(s) => {
                self.search = s;
                self.refresh_grid(ctx);
            }
            Message::SearchSubmit => {
                if let [only] = self.grid.as_slice() {
                    let product = only.clone();
                    self.search.clear();
                    self.refresh_grid(ctx);
                    return (self.add(product, ctx), None);
                }
            }
            Message::Add(product) => return (self.add(*product, ctx), None),
            Message::Select(i) if i < self.cart.lines.len() => self.selected = Some(i),
            Message::Select(_) => {}
            Message::DiscountTarget(target) => {
                if let Mode::Discount { kind, .. } = self.mode {
                    self.mode = Mode::Discount { target, kind };
                }
            }
            Message::DiscountKind(kind) => {
                if let Mode::Discount { target, .. } = self.mode {
                    self.mode = Mode::Discount { target, kind };
                }
            }
            Message::ManagerAnswer(answer) => return self.manager_answer(answer, ctx),
            Message::Voided(answer) => self.voided(answer, ctx),
            Message::OpenDeferred => return (Task::none(), Some(Event::OpenDeferred)),
            Message::Parked(answer) => self.parked(answer, ctx),
            Message::ParkedList(answer) => self.parked_list(answer, ctx),
            Message::PickParked(i) => return self.pick_parked(i, ctx),
            Message::Recalled(answer) => return (self.recalled(answer, ctx), None),
        }
        (Task::none(), None)
    }

    fn key(&mut self, action: Action, ctx: &Ctx) -> Step {
        let none = (Task::none(), None);
        if self.drop_pin {
            match action {
                Action::Digit(_) => return none,
                Action::Enter => {
                    self.drop_pin = false;
                    return none;
                }
                _ => self.drop_pin = false,
            }
        }
        if let Mode::Recall { .. } = self.mode {
            return self.recall_key(action, ctx);
        }
        if !self.enabled(action, ctx) {
            return match action {
                Action::Times => none,
                _ => self.key_disabled(action, ctx),
            };
        }
        match action {
            Action::Digit(d) if self.entry.len() < MAX_ENTRY => self.entry.push(d),
            Action::Decimal if !self.entry.contains([',', '.']) && self.entry.len() < MAX_ENTRY => {
                self.entry.push_str(ctx.decimal());
            }
            Action::Backspace => {
                self.entry.pop();
            }
            Action::Times if self.mode == Mode::Scan => self.quantity_prefix(ctx),
            Action::Enter => return self.enter(ctx),
            Action::Up | Action::Down if matches!(self.mode, Mode::Discount { .. }) => {
                self.discount_target_key(action == Action::Down)
            }
            Action::Up => self.selected = self.selected.map(|i| i.saturating_sub(1)).or(self.last_line()),
            Action::Down => {
                self.selected = self.selected.map(|i| (i + 1).min(self.cart.lines.len().saturating_sub(1)))
            }
            Action::NextTab | Action::PrevTab => self.step_category(action == Action::NextTab, ctx),
            Action::Park => return self.park_or_recall(ctx),
            Action::DeferredList => return (Task::none(), Some(Event::OpenDeferred)),
            Action::Escape => self.cancel(),
            Action::Search => return (operation::focus(Id::new(SEARCH_ID)), None),
            Action::Discount => self.start_discount(),
            Action::Void => return self.void(ctx),
            Action::Cash | Action::Card | Action::Split | Action::Defer => {
                self.mode = Mode::Scan;
                self.entry.clear();
                let event = match action {
                    Action::Cash => Event::PayCash,
                    Action::Card => Event::PayCard,
                    Action::Split => Event::Split,
                    _ => Event::Defer,
                };
                return (Task::none(), Some(event));
            }
            Action::Manager => match &ctx.operator {
                Some(op) if op.is_manager() => return (Task::none(), Some(Event::OpenManager(op.clone()))),
                _ => self.ask_manager(Purpose::Menu, ctx),
            },
            _ => {}
        }
        none
    }

    /// A key whose button is disabled: it says why, and does nothing else.
    fn key_disabled(&mut self, action: Action, ctx: &Ctx) -> Step {
        if action == Action::Defer && !ctx.can_preload {
            let terminal = ctx.terminal_name.clone();
            self.notice =
                Some(Notice::error(crate::fl!(ctx.i18n, "deferred-no-preload", terminal = terminal)));
            return (Task::none(), None);
        }
        let id = match action {
            Action::Void if !self.cart.is_empty() => "err-no-line",
            _ => "err-empty-cart",
        };
        self.notice = Some(Notice::error(ctx.i18n.tr(id)));
        (Task::none(), None)
    }

    /// PgUp / PgDn: the previous or next category tab.
    fn step_category(&mut self, next: bool, ctx: &Ctx) {
        let tabs = ctx.catalog.categories();
        if tabs.is_empty() {
            return;
        }
        let at = self.category.as_ref().and_then(|c| tabs.iter().position(|t| t == c)).unwrap_or(0);
        let to = if next { (at + 1) % tabs.len() } else { (at + tabs.len() - 1) % tabs.len() };
        self.category = tabs.get(to).cloned();
        self.search.clear();
        self.refresh_grid(ctx);
    }

    /// In discount mode ↑ aims at the selected line, ↓ at the whole sale.
    fn discount_target_key(&mut self, down: bool) {
        if let Mode::Discount { kind, .. } = self.mode {
            let target = match (down, self.selected) {
                (false, Some(i)) => Target::Line(i),
                _ => Target::Order,
            };
            self.mode = Mode::Discount { target, kind };
        }
    }

    fn last_line(&self) -> Option<usize> {
        self.cart.lines.len().checked_sub(1)
    }

    fn cancel(&mut self) {
        if self.mode != Mode::Scan {
            self.mode = Mode::Scan;
        } else {
            self.pending_qty = None;
        }
        self.entry.clear();
        self.notice = None;
    }

    fn quantity_prefix(&mut self, ctx: &Ctx) {
        let input = std::mem::take(&mut self.entry);
        match ctx.parse_quantity(&input) {
            Ok(q) if self.above_ceiling(q, ctx) => {
                self.notice = Some(Notice::warning(self.ceiling_question(q, ctx)));
                self.mode = Mode::ConfirmQuantity(q);
            }
            Ok(q) => {
                self.pending_qty = Some(q);
                self.notice = None;
            }
            Err(e) => self.notice = Some(Notice::error(e.message(&ctx.i18n))),
        }
    }

    /// Above the configured ceiling (`max_quantity`, pieces or kg; 0: none).
    fn above_ceiling(&self, q: Quantity, ctx: &Ctx) -> bool {
        let max = i64::from(ctx.settings.max_quantity);
        max > 0 && q.milli() > max.saturating_mul(1000)
    }

    fn ceiling_question(&self, q: Quantity, ctx: &Ctx) -> String {
        fl!(
            ctx.i18n,
            "quantity-confirm",
            quantity = ctx.i18n.quantity(q),
            max = ctx.settings.max_quantity,
            enter = Action::Enter.label(),
            esc = Action::Escape.label()
        )
    }

    fn enter(&mut self, ctx: &Ctx) -> Step {
        let input = std::mem::take(&mut self.entry);
        match self.mode.clone() {
            Mode::Scan if input.is_empty() => (Task::none(), None),
            Mode::Scan => (self.ring_up(&input, ctx), None),
            Mode::Weigh(product) => {
                let qty = ctx.parse_quantity(&input);
                match qty {
                    Ok(q) if self.above_ceiling(q, ctx) => {
                        self.notice = Some(Notice::warning(self.ceiling_question(q, ctx)));
                        self.mode = Mode::ConfirmWeight { product, quantity: q };
                        (Task::none(), None)
                    }
                    Ok(q) => {
                        self.mode = Mode::Scan;
                        (self.add_quantity(&product, q, ctx), None)
                    }
                    Err(e) => {
                        self.notice = Some(Notice::error(e.message(&ctx.i18n)));
                        (Task::none(), None)
                    }
                }
            }
            Mode::Price { product, quantity } => match Money::parse(&input, ctx.i18n_style()) {
                Ok(price) if price.is_zero() || price.is_negative() => {
                    let e = RegisterError::Cart(crate::domain::CartError::NonPositivePrice);
                    self.notice = Some(Notice::error(e.message(&ctx.i18n)));
                    (Task::none(), None)
                }
                Ok(price) => {
                    self.mode = Mode::Scan;
                    (self.add_line(&product, quantity, Some(price), ctx), None)
                }
                Err(source) => {
                    let e = RegisterError::Amount { input, source };
                    self.notice = Some(Notice::error(e.message(&ctx.i18n)));
                    (Task::none(), None)
                }
            },
            Mode::Discount { target, kind } => {
                self.apply_discount(&input, target, kind, ctx);
                (Task::none(), None)
            }
            // A question is answered by Enter alone: a scan meanwhile answers nothing.
            Mode::ConfirmQuantity(_) | Mode::ConfirmWeight { .. } | Mode::ConfirmVoid(_)
                if !input.is_empty() =>
            {
                (Task::none(), None)
            }
            Mode::ConfirmQuantity(q) => {
                self.mode = Mode::Scan;
                self.pending_qty = Some(q);
                self.notice = None;
                (Task::none(), None)
            }
            Mode::ConfirmWeight { product, quantity } => {
                self.mode = Mode::Scan;
                (self.add_quantity(&product, quantity, ctx), None)
            }
            Mode::ConfirmVoid(index) => {
                self.mode = Mode::Scan;
                self.notice = None;
                self.void_confirmed(index, ctx)
            }
            Mode::Recall { .. } => (Task::none(), None),
            Mode::ManagerPin(_) if input.is_empty() => (Task::none(), None),
            Mode::ManagerPin(_) => {
                let pin = input.replace([',', '.'], "");
                (Task::none(), Some(Event::Run(Job::ManagerPin { pin, to: PinFor::Checkout })))
            }
        }
    }

    /// A scanned or typed barcode or PLU, or a scale label (its weight or price rung up as
    /// printed, the quantity typed ignored); an unknown code changes nothing.
    pub fn ring_up(&mut self, code: &str, ctx: &Ctx) -> Task<Message> {
        let label = crate::domain::barcode::read_scale_label(code.trim(), &ctx.settings.scale_labels);
        let labelled = label.and_then(|l| Some((l, ctx.catalog.find(&l.plu.to_string())?.clone())));
        match ctx.catalog.find(code) {
            Some(product) => {
                let product = product.clone();
                self.add(product, ctx)
            }
            None if let Some((label, product)) = labelled => {
                self.pending_qty = None;
                match label.line(&product) {
                    Ok((quantity, price)) => self.add_line(&product, quantity, price, ctx),
                    Err(e) => {
                        self.notice = Some(Notice::error(RegisterError::Cart(e).message(&ctx.i18n)));
                        Task::none()
                    }
                }
            }
            None => {
                let e = RegisterError::UnknownCode(code.trim().to_string());
                self.notice = Some(Notice::error(e.message(&ctx.i18n)));
                self.pending_qty = None;
                Task::none()
            }
        }
    }

    fn add(&mut self, product: Product, ctx: &Ctx) -> Task<Message> {
        if product.is_open_price() {
            let quantity = self.pending_qty.take().unwrap_or(Quantity::ONE);
            self.notice = Some(Notice::warning(ctx.i18n.tr("price-prompt")));
            self.mode = Mode::Price { product: Box::new(product), quantity };
            return Task::none();
        }
        match self.pending_qty.take() {
            // A weighed item always asks for its weight: a count typed before it is no weight.
            Some(q) if product.unit == Unit::Kg => {
                let text = fl!(ctx.i18n, "weigh-not-count", quantity = ctx.i18n.quantity(q));
                self.notice = Some(Notice::warning(text));
                self.mode = Mode::Weigh(Box::new(product));
                Task::none()
            }
            Some(q) => self.add_quantity(&product, q, ctx),
            None if product.unit == Unit::Kg => {
                self.notice = Some(Notice::warning(ctx.i18n.tr("weigh-prompt")));
                self.mode = Mode::Weigh(Box::new(product));
                Task::none()
            }
            None => self.add_quantity(&product, Quantity::ONE, ctx),
        }
    }

    fn add_quantity(&mut self, product: &Product, quantity: Quantity, ctx: &Ctx) -> Task<Message> {
        self.add_line(product, quantity, None, ctx)
    }

    /// Adds the line (at `price` for an open-price product) and scrolls the cart to it.
    fn add_line(
        &mut self,
        product: &Product,
        quantity: Quantity,
        price: Option<Money>,
        ctx: &Ctx,
    ) -> Task<Message> {
        let lang = ctx.i18n.lang();
        let added = match price {
            Some(p) => self.cart.add_priced(product, quantity, p, lang),
            None => self.cart.add(product, quantity, lang),
        };
        match added {
            Ok(index) => {
                self.selected = Some(index);
                self.notice = None;
                self.totals = self.cart.totals();
                operation::snap_to_end(Id::new(CART_ID))
            }
            Err(e) => {
                self.notice = Some(Notice::error(RegisterError::Cart(e).message(&ctx.i18n)));
                Task::none()
            }
        }
    }

    fn start_discount(&mut self) {
        let kind = match self.mode {
            Mode::Discount { kind: DiscountKind::Percent, .. } => DiscountKind::Amount,
            _ => DiscountKind::Percent,
        };
        let target = match (&self.mode, self.selected) {
            (Mode::Discount { target, .. }, _) => *target,
            (_, Some(i)) => Target::Line(i),
            (_, None) => Target::Order,
        };
        self.mode = Mode::Discount { target, kind };
        self.entry.clear();
    }

    fn apply_discount(&mut self, input: &str, target: Target, kind: DiscountKind, ctx: &Ctx) {
        let parsed = Money::parse(input, ctx.i18n_style())
            .map_err(|source| RegisterError::Amount { input: input.to_string(), source });
        let result = parsed.and_then(|m| {
            let discount = match kind {
                // Two decimals of a percent are basis points: 12,5 % = 1250.
                DiscountKind::Percent => Discount::Percent(u32::try_from(m.cents()).unwrap_or(0)),
                DiscountKind::Amount => Discount::Amount(m),
            };
            let applied = match target {
                Target::Line(i) => self.cart.discount_line(i, Some(discount)),
                Target::Order => self.cart.discount_order(Some(discount)),
            };
            applied.map_err(RegisterError::Cart)
        });
        match result {
            Ok(()) => {
                self.totals = self.cart.totals();
                self.mode = Mode::Scan;
                self.notice = None;
            }
            Err(e) => self.notice = Some(Notice::error(e.message(&ctx.i18n))),
        }
    }
}
