//! Parked sales: a cart put aside by its cashier (or by the lock) and recalled later by that
//! cashier or a manager, kept in the database so a restart loses none.

use uuid::Uuid;

use super::{Operator, Register, RegisterError, Result};
use crate::domain::{Cart, CartError, Money};
use crate::store::{ParkReason, ParkedRow};
use crate::terminal::{Attempt, AttemptState, Outcome};

/// A manager's decision on an attempt no payment screen follows (diagnostics after a restart,
/// another till, the command line), and where its sale went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub attempt: Attempt,
    /// Not charged: the unpaid sale was handed back to this cashier (a parked sale their next
    /// sign-in brings back; a manager may recall it at once).
    pub returned_to: Option<Operator>,
    /// The parked sale it became.
    pub parked: Option<i64>,
}

/// A parked sale as the checkout lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParkedSale {
    pub id: i64,
    pub owner_id: i64,
    pub owner: String,
    /// Stored UTC time; shown through `I18n::datetime`.
    pub parked_at: String,
    /// Put aside by the lock rather than by the cashier's key.
    pub by_lock: bool,
    /// An unpaid sale handed back after its card payment was decided "not charged".
    pub handed_back: bool,
    pub total: Money,
    pub lines: usize,
}

impl From<&ParkedRow> for ParkedSale {
    fn from(r: &ParkedRow) -> Self {
        ParkedSale {
            id: r.id,
            owner_id: r.owner_id,
            owner: r.owner_name.clone(),
            parked_at: r.parked_at.clone(),
            by_lock: r.reason == ParkReason::Lock && r.from_order.is_none(),
            handed_back: r.from_order.is_some(),
            total: Money::from_cents(r.total_cents),
            lines: usize::try_from(r.lines).unwrap_or(0),
        }
    }
}

impl Register {
    /// Puts `owner`'s cart aside (`by_lock`: the register locked with it open).
    pub fn park_cart(&self, owner: &Operator, cart: &Cart, by_lock: bool) -> Result<i64> {
        if cart.is_empty() {
            return Err(RegisterError::Cart(CartError::Empty));
        }
        let reason = if by_lock { ParkReason::Lock } else { ParkReason::Park };
        let id = self.store.park_cart(owner.user_id, &owner.name, &owner.name, cart, reason)?;
        tracing::info!(parked = id, owner = %owner.name, by_lock, "sale parked");
        Ok(id)
    }

    /// The parked sales `by` may recall: their own, or every one for a manager.
    pub fn parked_sales(&self, by: &Operator) -> Result<Vec<ParkedSale>> {
        let owner = (!by.is_manager()).then_some(by.user_id);
        Ok(self.store.parked_carts(owner)?.iter().map(ParkedSale::from).collect())
    }

    /// Takes a parked sale back into a cart: only its owner or a manager may; `None` when
    /// it was recalled already (at another till).
    pub fn recall_cart(&self, by: &Operator, id: i64) -> Result<Option<Cart>> {
        let owner = self.store.parked_carts(None)?.into_iter().find(|p| p.id == id).map(|p| p.owner_id);
        match owner {
            None => return Ok(None),
            Some(o) if o != by.user_id && !by.is_manager() => return Err(RegisterError::NeedsManager),
            Some(_) => {}
        }
        Ok(self.store.take_parked(id, &by.name)?.map(|p| p.cart))
    }

    /// A manager decides an attempt nobody's payment screen follows. "Not charged" on a sale
    /// hands its unpaid order back to the cashier who rang it up, so the sale is never lost:
    /// the order is voided and its cart parked for them in one transaction.
    pub fn decide_attempt(&self, by: &Operator, id: Uuid, outcome: &Outcome) -> Result<Decided> {
        let attempt = self.force_attempt(by, id, outcome)?;
        let not_charged =
            matches!(attempt.state, AttemptState::Declined | AttemptState::Cancelled | AttemptState::Failed);
        let returned = match attempt.order_id {
            Some(order_id) if not_charged && attempt.kind.is_sale() => {
                self.store.return_order(order_id, &by.name)?
            }
            _ => None,
        };
        let Some(r) = returned else { return Ok(Decided { attempt, returned_to: None, parked: None }) };
        tracing::info!(order = ?attempt.order_id, parked = r.parked_id, owner = %r.owner_name, "unpaid sale handed back");
        let role = self.store.user(r.owner_id).map(|u| u.role).unwrap_or(crate::domain::Role::Cashier);
        let owner = Operator { user_id: r.owner_id, name: r.owner_name, role };
        Ok(Decided { attempt, returned_to: Some(owner), parked: Some(r.parked_id) })
    }

    /// After a sign-in: the newest sale the lock put aside for `by`, taken back, if any.
    pub fn resume_after_lock(&self, by: &Operator) -> Result<Option<Cart>> {
        let newest = self
            .store
            .parked_carts(Some(by.user_id))?
            .into_iter()
            .filter(|p| p.reason == ParkReason::Lock)
            .max_by_key(|p| p.id);
        match newest {
            Some(p) => Ok(self.store.take_parked(p.id, &by.name)?.map(|p| p.cart)),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::domain::Quantity;

    fn op(reg: &Register, name: &str) -> Operator {
        reg.user_by_name(name).unwrap().into()
    }

    #[test]
    fn only_the_owner_or_a_manager_recalls_a_parked_sale() {
        let reg = Register::in_memory(Settings::default()).unwrap();
        let users = reg.users().unwrap();
        let cashier = users.iter().find(|u| !Operator::from((*u).clone()).is_manager()).unwrap();
        let manager = users.iter().find(|u| Operator::from((*u).clone()).is_manager()).unwrap();
        let (cashier, manager) = (op(&reg, &cashier.name), op(&reg, &manager.name));
        let other = Operator { user_id: cashier.user_id + 1000, ..cashier.clone() };
        let mut cart = Cart::default();
        reg.ring_up(&mut cart, "401", Quantity::ONE).unwrap();
        assert!(reg.park_cart(&cashier, &Cart::default(), false).is_err(), "nothing to park");
        let id = reg.park_cart(&cashier, &cart, false).unwrap();
        assert_eq!(reg.parked_sales(&other).unwrap(), vec![]);
        assert!(matches!(reg.recall_cart(&other, id), Err(RegisterError::NeedsManager)));
        assert_eq!(reg.parked_sales(&manager).unwrap().len(), 1);
        assert_eq!(reg.recall_cart(&manager, id).unwrap(), Some(cart.clone()));
        assert_eq!(reg.recall_cart(&cashier, id).unwrap(), None, "gone once recalled");

        reg.park_cart(&cashier, &cart, false).unwrap();
        assert_eq!(reg.resume_after_lock(&cashier).unwrap(), None, "a sale parked by hand stays parked");
        reg.park_cart(&cashier, &cart, true).unwrap();
        assert_eq!(reg.resume_after_lock(&cashier).unwrap(), Some(cart));
        assert_eq!(reg.parked_sales(&cashier).unwrap().len(), 1);
    }
}
