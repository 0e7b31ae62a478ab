//! The app's routing for paying: the card, split and cash screens, giving up an order, and
//! deferred receipts (F8 and the list), all on the open sale.

use super::*;

impl App {
    /// Opens the payment screen: commits the cart first when there is no order yet.
    pub(super) fn card_payment(
        &mut self,
        order_id: Option<i64>,
        amount: Money,
        jobs: &mut Vec<Job>,
        works: &mut Vec<Work>,
    ) {
        let Some(by) = self.ctx.operator.clone() else { return };
        let mut pay = CardPay::new(order_id, amount, self.terminal.name.clone());
        pay.can_abort = self.reg.can_abort(&self.terminal.name);
        match order_id {
            None => jobs.push(Job::OpenOrder { by, cart: self.checkout.cart.clone() }),
            Some(_) => {
                if let Some(card::Event::Work(w)) = pay.start(&by) {
                    works.push(w);
                }
            }
        }
        self.screen = Screen::Card(Box::new(pay));
    }

    pub(super) fn cash(&mut self, message: cash::Message, jobs: &mut Vec<Job>) -> Task<Message> {
        let Screen::Cash(screen) = &mut self.screen else { return Task::none() };
        let (task, event) = screen.update(message, &self.ctx);
        match event {
            Some(cash::Event::Pay(given)) => match (&self.ctx.operator, screen.order_id) {
                (Some(by), Some(order_id)) => jobs.push(Job::CashOnOrder { by: by.clone(), order_id, given }),
                (Some(by), None) => {
                    jobs.push(Job::CashSale { by: by.clone(), cart: self.checkout.cart.clone(), given })
                }
                (None, _) => screen.busy = false,
            },
            Some(cash::Event::Back) => match (screen.order_id, self.ctx.operator.clone()) {
                (Some(order_id), Some(by)) => jobs.push(Job::VoidOrder { by, order_id }),
                _ => self.screen = Screen::Checkout,
            },
            Some(cash::Event::Paid(receipt)) => self.paid(receipt),
            None => {}
        }
        task.map(Message::Cash)
    }

    pub(super) fn paid(&mut self, receipt: Receipt) {
        tracing::info!(number = receipt.number, "sale done");
        if let Screen::Card(c) = &self.screen {
            self.last_events = c.events.clone();
        }
        self.checkout.new_sale();
        self.screen = Screen::Receipt(ReceiptScreen::new(receipt));
    }

    pub(super) fn card(
        &mut self,
        message: card::Message,
        jobs: &mut Vec<Job>,
        works: &mut Vec<Work>,
    ) -> Task<Message> {
        let Screen::Card(screen) = &mut self.screen else { return Task::none() };
        if let card::Message::Progress(p) = &message
            && let Some(d) = &mut self.diagnostics
        {
            d.event(p.clone());
        }
        let (task, event) = screen.update(message, &self.ctx);
        if screen.in_flight() {
            self.terminal.busy();
        } else if screen.unsettled() {
            self.terminal.outcome_open();
        } else if matches!(
            self.terminal.state,
            crate::ui::status::TerminalState::Busy | crate::ui::status::TerminalState::OutcomeOpen
        ) {
            // The payment ended: ask the terminal rather than assume it is ready.
            works.push(Work::Status(self.terminal.name.clone()));
        }
        match event {
            Some(card::Event::Run(job)) => jobs.push(job),
            Some(card::Event::Work(w)) => {
                self.terminal.busy();
                works.push(w);
            }
            Some(card::Event::Paid(receipt)) => {
                self.paid(receipt);
                works.push(Work::Status(self.terminal.name.clone()));
            }
            Some(card::Event::Cash { order_id, due }) => {
                self.last_events = screen.events.clone();
                self.screen = Screen::Cash(Cash::on_order(order_id, due));
            }
            Some(card::Event::Back(order_id)) => {
                self.last_events = screen.events.clone();
                match (order_id, self.ctx.operator.clone()) {
                    (Some(order_id), Some(by)) => jobs.push(Job::VoidOrder { by, order_id }),
                    _ => self.screen = Screen::Checkout,
                }
            }
            None => {}
        }
        task.map(Message::Card)
    }

    /// An open order was voided (payment given up): back to the sale, which is unchanged.
    pub(super) fn order_left(&mut self, answer: Answer<i64>) {
        match answer {
            Ok(order_id) => {
                tracing::info!(order_id, "open order voided");
                self.screen = Screen::Checkout;
            }
            Err(f) => {
                let notice = Some(Notice::error(f.text));
                match &mut self.screen {
                    Screen::Card(c) => c.notice = notice,
                    Screen::Cash(c) => c.notice = notice,
                    _ => self.checkout.notice = notice,
                }
            }
        }
    }

    pub(super) fn split(
        &mut self,
        message: split::Message,
        jobs: &mut Vec<Job>,
        works: &mut Vec<Work>,
    ) -> Task<Message> {
        let Screen::Split(screen) = &mut self.screen else { return Task::none() };
        let (task, event) = screen.update(message, &self.ctx);
        let Some(by) = self.ctx.operator.clone() else { return Task::none() };
        match event {
            Some(split::Event::Cash { part, given }) => {
                jobs.push(Job::SplitCash { by, cart: self.checkout.cart.clone(), amount: part, given })
            }
            Some(split::Event::Card(amount)) => self.card_payment(None, amount, jobs, works),
            Some(split::Event::CardRest { order_id, due }) => {
                self.card_payment(Some(order_id), due, jobs, works)
            }
            Some(split::Event::Paid(receipt)) => self.paid(receipt),
            Some(split::Event::Back) => self.screen = Screen::Checkout,
            None => {}
        }
        task.map(Message::Split)
    }

    pub(super) fn deferred(
        &mut self,
        message: deferred::Message,
        jobs: &mut Vec<Job>,
        works: &mut Vec<Work>,
    ) -> Task<Message> {
        if let deferred::Message::Sent(answer) = &message {
            self.deferred_sent(answer.clone());
        }
        let by = self.ctx.operator.clone();
        let out = match &mut self.screen {
            Screen::Deferred(pane) => pane.update(message, by.as_ref(), &self.ctx),
            Screen::Manager(m) => m.deferred.update(message, Some(&m.by), &self.ctx),
            _ => None,
        };
        match out {
            Some(deferred::Out::Run(job)) => jobs.push(job),
            Some(deferred::Out::Refresh) => works.push(Work::RefreshDeferred),
            None => {}
        }
        Task::none()
    }

    /// F8's answer: on the terminal, the sale is done here; if not, the cart stays as it was.
    pub(super) fn deferred_sent(&mut self, answer: Answer<crate::register::DeferredReceipt>) {
        match answer {
            Ok(d) => {
                tracing::info!(deferred = d.id, "cart sent as a deferred receipt");
                // Only the cart that was sent is cleared; later scans stay on screen.
                if self.deferring.take().is_none_or(|sent| sent == self.checkout.cart) {
                    self.checkout.new_sale();
                }
                self.checkout.notice = Some(Notice::done(crate::fl!(
                    self.ctx.i18n,
                    "defer-sent",
                    id = d.id,
                    terminal = d.terminal.clone()
                )));
            }
            Err(f) => {
                self.deferring = None;
                self.checkout.notice = Some(Notice::error(f.text));
            }
        }
    }
}
