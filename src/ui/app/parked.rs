//! The lock and the sale in progress: a lock parks the open sale under the cashier who rang
//! it up (in the database), and only that cashier's next sign-in brings it back; anyone else
//! starts with an empty cart (a manager may recall it with F3).

use super::*;

impl App {
    /// Back to sign-in; an open sale is parked for the cashier who rang it up.
    pub fn lock(&mut self, jobs: &mut Vec<Job>) {
        // A payment screen never locks (its money is in the air): it says so instead of nothing.
        match &mut self.screen {
            Screen::Card(c) => return c.refuse_lock(&self.ctx),
            Screen::Split(s) => {
                s.notice = Some(Notice::warning(self.ctx.i18n.tr("pay-cannot-lock")));
                return;
            }
            Screen::Booting | Screen::FirstRun(_) => return,
            _ => {}
        }
        // A sale sent with F8 waits for the terminal's answer (seconds): parking it now could
        // sell it twice.
        if self.deferring.is_some() {
            return;
        }
        let owner = self.ctx.operator.take();
        if let Some(owner) = &owner
            && !self.checkout.cart.is_empty()
        {
            let cart = self.checkout.cart.clone();
            self.checkout.new_sale();
            self.locked_sale = Some((owner.clone(), cart.clone()));
            jobs.push(Job::ParkCart { owner: owner.clone(), cart, by_lock: true });
        }
        // Nobody preselected: the next person's PIN must not count against this name.
        self.screen = Screen::SignIn(SignIn::new(self.users.clone()));
        self.diagnostics = None;
        self.idle = 0;
    }

    /// The lock's park answered: the sale is in the database, or it stays in memory for its owner.
    pub(super) fn lock_parked(&mut self, answer: Answer<i64>) {
        match answer {
            Ok(id) => {
                tracing::info!(parked = id, "the open sale was parked by the lock");
                self.locked_sale = None;
            }
            Err(f) => {
                tracing::error!(error = %f.text, "the open sale could not be parked: kept for its cashier");
                self.notice_after = Some(Notice::error(f.text));
            }
        }
    }

    /// Someone signed in: their own sale comes back, from memory or from the lock's park.
    pub(super) fn resume_sale(&mut self, op: Operator, jobs: &mut Vec<Job>) {
        match self.locked_sale.take() {
            // Parking has not answered (or failed): the sale is still here, and it is theirs.
            Some((owner, cart)) if owner.user_id == op.user_id => {
                self.checkout.take_back(cart);
                return;
            }
            other => self.locked_sale = other,
        }
        if self.checkout.cart.is_empty() {
            jobs.push(Job::ResumeAfterLock { by: op });
        }
    }

    pub(super) fn resumed(
        &mut self,
        owner: Operator,
        answer: Answer<Option<crate::domain::Cart>>,
        jobs: &mut Vec<Job>,
    ) {
        match answer {
            Ok(Some(cart)) => {
                let theirs = self.ctx.operator.as_ref().is_some_and(|o| o.user_id == owner.user_id);
                if theirs && matches!(self.screen, Screen::Checkout) {
                    self.checkout.take_back(cart);
                    self.checkout.notice = Some(Notice::done(self.ctx.i18n.tr("park-resumed")));
                } else {
                    // Locked again meanwhile: the sale goes back where it came from.
                    jobs.push(Job::ParkCart { owner, cart, by_lock: true });
                }
            }
            Ok(None) => {}
            Err(f) => self.checkout.notice = Some(Notice::error(f.text)),
        }
    }

    /// A manager decided "not charged" on a sale nobody's payment screen followed: it was
    /// handed back to its cashier as a parked sale. Theirs and the till is free: back in the
    /// cart now; otherwise it waits for their sign-in (a manager recalls it with F3).
    pub(super) fn sale_returned(&mut self, owner: &Operator, parked: i64, jobs: &mut Vec<Job>) {
        let words = crate::fl!(self.ctx.i18n, "pay-sale-returned", name = owner.name.clone());
        let theirs = self.ctx.operator.as_ref().is_some_and(|o| o.user_id == owner.user_id);
        if theirs && matches!(self.screen, Screen::Checkout) && self.checkout.cart.is_empty() {
            if let Some(by) = self.ctx.operator.clone() {
                jobs.push(Job::RecallCart { by, id: parked });
            }
        } else {
            self.checkout.notice = Some(Notice::done(words));
        }
    }
}
